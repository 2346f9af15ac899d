"""The speaker word lists: rules/speakers.json (and the media lexicon of rules/chains.json) compiled
into sets once per Rules object. Every word is compared in ``norm`` form.
"""
from __future__ import annotations

from dataclasses import dataclass

from .rules import Rules


def norm(word: str) -> str:
    """The form words are compared in: lower case, no periods, straight apostrophes."""
    return word.lower().replace(".", "").replace("’", "'")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of rules/speakers.json and the media lexicon of rules/chains.json, as sets."""

    titles: frozenset
    role_heads: frozenset  # titles and person nouns that can head a role description
    role_canon: dict
    pronouns: dict  # word -> its class in speakers.json "pronouns": "male", "female", "first_person", ...
    male: frozenset
    female: frozenset
    male_names: frozenset
    female_names: frozenset
    anon_heads: frozenset
    anon_cues: tuple
    elided_head: str
    person_nouns: frozenset
    group_nouns: frozenset
    org_nouns: frozenset
    document_nouns: frozenset
    org_labels: frozenset
    group_labels: frozenset
    outlets: dict  # normalised name -> canonical name
    media_name_words: frozenset
    media_nouns: frozenset
    definite: frozenset
    indefinite: frozenset
    person_suffixes: tuple
    name_particles: frozenset
    credit_words: frozenset
    link_openers: frozenset
    naming_verbs: frozenset
    kin: frozenset
    org_anaphors: frozenset
    apart_prepositions: frozenset  # "unlike X, he ...": X is not he
    name_suffixes: frozenset  # "Jr.", "III": after a surname
    name_connectors: frozenset  # lower-case words inside an organisation's name ("Bank of Canada")
    headline_verbs: frozenset  # "says", "urges": a title-case headline's verb the tagger joins to a name

    def canon(self, word: str) -> str:
        return self.role_canon.get(word, word)


def lexicon(rules: Rules) -> Lexicon:
    """The compiled lexicon of a rules set (built once per Rules object)."""
    return rules.derived("speakers.lexicon", lambda: _compile(rules))


def _words(items) -> frozenset:
    return frozenset(norm(w) for w in items or [])


def _compile(rules: Rules) -> Lexicon:
    sp, media = rules.speakers, rules.chains.get("media", {})
    titles = sp.get("titles", {})
    kinds = sp.get("kinds", {})
    gender = sp.get("gender", {})
    anon = sp.get("anonymous", {})
    canon: dict[str, str] = {}
    for group in sp.get("role_synonyms", {}).get("groups", []):
        for w in group:
            canon[norm(w)] = norm(group[0])
    pronouns = {}
    for cls, words in sp.get("pronouns", {}).items():
        if isinstance(words, list):
            for w in words:
                pronouns[norm(w)] = cls
    title_words = _words(titles.get("words"))
    person_nouns = _words(kinds.get("person"))
    role_heads = (title_words - _words(titles.get("not_alone"))) | person_nouns
    return Lexicon(
        titles=title_words,
        role_heads=role_heads | {canon.get(w, w) for w in role_heads},
        role_canon=canon,
        pronouns=pronouns,
        male=_words(gender.get("male_words")),
        female=_words(gender.get("female_words")),
        male_names=_words(gender.get("male_names")),
        female_names=_words(gender.get("female_names")),
        anon_heads=_words(anon.get("heads")),
        anon_cues=tuple(c.lower() for c in anon.get("cues", [])),
        elided_head=norm(anon.get("elided_head", "official")),
        person_nouns=person_nouns,
        group_nouns=_words(kinds.get("group")),
        org_nouns=_words(kinds.get("organization")),
        document_nouns=_words(kinds.get("document")),
        org_labels=frozenset(kinds.get("organization_entity_labels", ["ORG", "GPE", "NORP", "FAC"])),
        group_labels=frozenset(kinds.get("group_entity_labels", ["NORP"])),
        outlets=_outlets(media.get("outlets", [])),
        media_name_words=_words(media.get("name_words")),
        media_nouns=_words(media.get("nouns")),
        definite=_words(sp.get("determiners", {}).get("definite")),
        indefinite=_words(sp.get("determiners", {}).get("indefinite")),
        person_suffixes=tuple(norm(w) for w in kinds.get("person_suffixes", [])),
        name_particles=_words(sp.get("names", {}).get("particles")),
        credit_words=_words(sp.get("captions", {}).get("credit_words")),
        link_openers=_words(sp.get("captions", {}).get("link_openers")),
        naming_verbs=_words(sp.get("names", {}).get("naming_verbs")),
        kin=_words(sp.get("kin", {}).get("words")),
        org_anaphors=_words(kinds.get("organization_anaphors")),
        name_connectors=_words(sp.get("names", {}).get("connectors")),
        name_suffixes=_words(sp.get("names", {}).get("suffixes")),
        apart_prepositions=_words(sp.get("pronouns", {}).get("apart_prepositions")),
        headline_verbs=frozenset(v + "s" for v in rules.verbs("speech") | rules.verbs("writing")),
    )


def _outlets(names: list) -> dict:
    """Normalised outlet name -> its first listed spelling ("washington post" -> "The Washington Post")."""
    out: dict[str, str] = {}
    for name in names:
        out.setdefault(outlet_key(name), name)
    return out


def outlet_key(name: str) -> str:
    """The form outlet names are compared in: normalised words, without a leading "the"."""
    words = [norm(w) for w in name.split()]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
