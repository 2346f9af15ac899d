"""Speakers: who a speaker mention is (``name``), what kind of source it is (``kind``), whether it
is an unnamed source (``anonymous``), and which earlier mention of the same unnamed source it
refers back to (``refers_to``).

Resolution stays inside the document: a mention never gets a name the document does not contain.
The document's people come from the PERSON entities, with the titles spaCy sometimes swallows
stripped off ("Spokesperson Maria Zakharova" -> "Maria Zakharova"), and the titles and roles
attached to them (the words before the name, an apposition) become roles a later description can
point back to ("the Russian Spokesperson"). A mention is then, in this order:

- a pronoun: "I"/"we" inside a direct quote is the quote's speaker; "he", "she", "they", "it" is the
  most salient fitting earlier mention: subjects first, the nearest sentence first, by gender and
  number where names, titles and pronouns tell them, never a name inside someone's quote marks;
- a bracketed clarification, "He [Blinken]": the name in the brackets;
- a name: the fullest form of it in the document ("Zakharova" -> "Maria Zakharova");
- a news outlet, an organisation or a group named by an entity (an acronym spelled out in the
  document gets the full name: "EDC" -> "Export Development Canada");
- a definite role description ("the US Secretary of State"): the person who bears the role; a
  definite organisation noun ("the company", "the diocese"): the organisation the story named;
- a text ("her statement", "a study by Civic Action", "the study" again): named after its author;
- an unnamed source ("a senior State Department official", "US officials", "the official"):
  anonymous, name null, and a definite or repeated one refers to the first mention of the nearest
  fitting earlier one;
- otherwise its kind comes from its head noun (statement -> document, report -> media, ...).

Who counts as a person corrects the small model's labels with evidence from the document (the
same word's other labels, a title before it, photo credits, captions and link lines, which are no
part of the story), and non-speaker subjects ("he moved ...", "the mayor brought up ...") are
resolved in text order with the speakers, so that the thread of who the story is about carries
to the next "he said".

All word lists are in rules/speakers.json (and the media lexicon in rules/chains.json); they are
compiled once per Rules object by ``lexicon``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .model import Quote, Span, Speaker
from .rules import Rules

# Subjects are the most salient antecedents for a pronoun; the walk back stops after this many
# sentences (sentences wholly inside quote marks do not count).
MAX_SENTENCES_BACK = 4
FALLBACK_SENTENCES = 12
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
BRACKETED = re.compile(r"\s?\[([^\[\]\n]{1,60})\]")
# Entity labels the tagger gives reliably enough to say a proper noun is no person's name.
NOT_PERSON_LABELS = ("DATE", "TIME", "GPE", "LOC", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")
CREDIT = re.compile(r"\(\s*([^()]{1,80})\)\s*$")


def norm(word: str) -> str:
    """The form words are compared in: lower case, no periods, straight apostrophes."""
    return word.lower().replace(".", "").replace("’", "'")


# --------------------------------------------------------------------------------------------
# The compiled lexicon


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
        out.setdefault(_outlet_key(name), name)
    return out


def _outlet_key(name: str) -> str:
    words = [norm(w) for w in name.split()]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# What the document says about its people


@dataclass
class _Person:
    """One PERSON mention: its name words (titles stripped) and where it is."""

    start: int
    end: int
    words: tuple
    text: str


@dataclass
class _Role:
    """A title or role borne by a named person: "Russian Foreign Ministry Spokesperson"."""

    name: str
    head: str
    words: frozenset
    start: int


@dataclass
class _Mention:
    """An earlier mention a pronoun or a description may refer back to."""

    start: int
    end: int
    sent: int
    text: str
    name: Optional[str]
    kind: str
    anonymous: bool = False
    gender: Optional[str] = None
    plural: bool = False
    subject: bool = False
    main: bool = False  # subject of its sentence's main clause (or a speaker)
    root: Optional[Span] = None  # first mention of the same unnamed source
    head: str = ""
    mods: frozenset = frozenset()


@dataclass
class Resolution:
    """Who a mention is. ``end`` may extend the mention over a bracketed clarification."""

    name: Optional[str] = None
    kind: str = "unknown"
    anonymous: bool = False
    refers_to: Optional[Span] = None
    end: Optional[int] = None
    gender: Optional[str] = None
    plural: bool = False
    head: str = ""
    mods: frozenset = frozenset()


class Sources:
    """The people and sources of one document, and the resolver of mentions against them.

    Build one per document (``Sources(doc, lexicon(rules), quotes)``); resolve mentions in text
    order with ``resolve``, which also remembers each resolved mention for later pronouns and
    descriptions."""

    def __init__(self, doc: Doc, lex: Lexicon, quotes: list[Quote]):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.quotes = quotes
        self.sent_of = [0] * len(doc)
        self.sent_spans: list[DocSpan] = []
        for n, s in enumerate(doc.sents):
            self.sent_spans.append(s)
            for i in range(s.start, s.end):
                self.sent_of[i] = n
        # Direct quotes' texts: a name inside someone's quote marks is not an antecedent outside.
        self.quoted = sorted((p.start, p.end) for q in quotes if q.type == "direct" for p in q.content.pieces())
        self.persons: list[_Person] = []
        self.roles: list[_Role] = []
        self.gender: dict[str, str] = {}
        self.mentions: list[_Mention] = []
        self._starts: list[int] = []
        self._places: dict[int, tuple[Optional[tuple[int, int]], bool]] = {}
        self.captions = self._captions()
        self.headlines = self._headlines()
        self._read_people()

    # ---- building -------------------------------------------------------------------------

    def _captions(self) -> list[tuple[int, int]]:
        """Photo captions: paragraphs that end with a parenthesised credit ("(Lauren Pelley / CBC
        News)", "( THE CANADIAN PRESS FILE PHOTO )", "(CBC)"). They describe a picture, not the
        story, so the people in them are no antecedents for the story's pronouns."""
        out = []
        pos = 0
        for para in self.text.split("\n"):
            m = CREDIT.search(para)
            opener = re.match(r"\s*([A-Z][A-Z ]+):", para)
            if opener and norm(opener.group(1).strip()) in self.lex.link_openers:
                out.append((pos, pos + len(para)))
            elif m:
                inner = m.group(1).strip()
                words = {norm(w) for w in re.findall(r"[\w']+", inner)}
                if "/" in inner or words & self.lex.credit_words or (inner.isupper() and len(inner) > 3) \
                        or _outlet_key(inner) in self.lex.outlets:
                    out.append((pos, pos + len(para)))
            pos += len(para) + 1
        return out

    def _headlines(self) -> list[tuple[int, int]]:
        """Lines in title case ("Obama Administration To Expand Program"): the tagger makes
        organisations of any run of capitalised words there, so they name no organisation."""
        out, pos = [], 0
        for para in self.text.split("\n"):
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", para) if len(w) > 3]
            if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
                out.append((pos, pos + len(para)))
            pos += len(para) + 1
        return out

    def in_headline(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.headlines)

    def in_caption(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.captions)

    def _place(self, pos: int) -> tuple[Optional[tuple[int, int]], bool]:
        """The quote marks and whether a caption holds ``pos`` (asked again and again of the same
        mentions while walking back for antecedents, so kept)."""
        got = self._places.get(pos)
        if got is None:
            got = self._places[pos] = (self.in_quotes(pos), self.in_caption(pos))
        return got

    def _read_people(self) -> None:
        lex = self.lex
        self._votes = self._label_votes()
        self.not_persons: dict[int, str] = {}  # start of a PERSON entity that is no person -> its kind
        person_ents = []
        for e in self.doc.ents:
            if e.label_ == "PERSON":
                kind = self._not_a_person(e)
                if kind is None:
                    person_ents.append(e)
                else:
                    self.not_persons[e.start_char] = kind
            elif self._looks_like_person(e):
                person_ents.append(e)
        person_ents += self._described_as_people(person_ents)
        person_ents += self._unlabelled_speakers(person_ents)
        for ent in person_ents:
            toks = self._strip_title(list(ent))
            if toks:
                self.persons.append(_Person(toks[0].idx, toks[-1].idx + len(toks[-1]), self._name_words(toks),
                                            self.text[toks[0].idx:toks[-1].idx + len(toks[-1])]))
        surnames = {p.words[-1] for p in self.persons}
        seen = {p.start for p in self.persons}
        # A known surname that the tagger labelled or tagged otherwise ("Blinken" as GPE, as a verb)
        # is still the person, unless the document mostly uses that word as a place or a date.
        for tok in self.doc:
            if tok.text[:1].isupper() and (tok.pos_ == "PROPN" or not tok.is_sent_start) and norm(tok.text) in surnames \
                    and tok.idx not in seen and tok.ent_type_ != "PERSON" and not self._mostly_not_a_name(norm(tok.text)):
                nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
                if nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ in ("ORG", "FAC"):
                    continue  # "Clinton Foundation"
                self.persons.append(_Person(tok.idx, tok.idx + len(tok), (norm(tok.text),), tok.text))
        self.persons.sort(key=lambda p: p.start)
        self.name_words = {w for p in self.persons for w in p.words}
        full_of = {p.start: self.fullest(p.words, p.start) for p in self.persons}
        # A relative named by a given name alone ("Spindler's father, Joseph") is not a namesake.
        self.relatives: list[tuple[int, str, str]] = []  # (start, kin noun, name)
        for p in self.persons:
            tok = self._token(p.start, p.end)
            if tok is not None and len(p.words) == 1 and self._kin_of(tok) is not None:
                full_of[p.start] = p.text
                self.relatives.append((p.start, self._kin_of(tok), p.text))
        # Titles and roles, and gender from titles ("Mrs."), then from given names.
        for ent in person_ents:
            toks = self._strip_title(list(ent))
            full = full_of.get(toks[0].idx) if toks else None
            if full is None:
                continue
            self._read_roles(ent, toks, full)
            g = self._gender_of(ent, toks)
            if g and full not in self.gender:
                self.gender[full] = g
        for p in self.persons:
            full = full_of[p.start]
            if full and full not in self.gender:
                g = self._person_gender(_Person(p.start, p.end, tuple(norm(w) for w in full.split()), full))
                if g:
                    self.gender[full] = g
        # Named people and organisations are antecedents for pronouns; a name that only modifies a
        # noun ("the Kinder Morgan pipeline", "the Trump campaign") is not one.
        for p in self.persons:
            tok = self._token(p.start, p.end)
            if tok is None or (tok.dep_ == "compound" and tok.head.pos_ == "NOUN"):
                continue
            full = full_of[p.start]
            self._remember(_Mention(p.start, p.end, self.sent_of[tok.i], p.text, full, "person",
                                    gender=self.gender.get(full or ""), subject=_subject(tok),
                                    main=_main_subject(tok)))
        person_at = {p.start for p in self.persons}
        self._read_unlabelled_orgs(person_at)
        for ent in self.doc.ents:
            org_like = self.not_persons.get(ent.start_char) == "organization"
            if (org_like or (ent.label_ in self.lex.org_labels and ent.label_ != "GPE")) and ent.start_char not in person_at \
                    and not self._looks_like_person(ent) and not self.in_headline(ent.start_char):
                head = ent.root
                kind = "organization" if org_like else self._entity_kind(ent)
                noun = head.head
                if ent.label_ == "NORP" and head.dep_ in ("amod", "compound") and noun.tag_ == "NNS" \
                        and noun.i == ent.end:
                    # "Republican senators", "Canadian officials": the group is the whole phrase.
                    end = noun.idx + len(noun)
                    self._remember(_Mention(ent.start_char, end, self.sent_of[noun.i], self.text[ent.start_char:end],
                                            self.text[ent.start_char:end], "group", plural=True,
                                            subject=noun.dep_ in SUBJECT_DEPS, main=_main_subject(noun)))
                    continue
                self._remember(_Mention(ent.start_char, ent.end_char, self.sent_of[head.i], ent.text,
                                        self._org_name(ent), kind, plural=head.tag_ == "NNPS" or kind == "group",
                                        subject=head.dep_ in SUBJECT_DEPS, main=_main_subject(head)))

    def _read_unlabelled_orgs(self, person_at: set) -> None:
        """An organisation's one-word name the tagger labelled somewhere and left unlabelled
        elsewhere ("by TransLink", "Facebook said"): the same organisation, and an antecedent."""
        for tok in self.doc:
            w = norm(tok.text)
            if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.idx in person_at \
                    or w in self.name_words or w not in self._one_word_orgs or not self._org_word(w) \
                    or tok.dep_ == "compound" or self._is_outlet(tok.text) or self.in_headline(tok.idx):
                continue
            self._remember(_Mention(tok.idx, tok.idx + len(tok), self.sent_of[tok.i], tok.text,
                                    self.expansion(tok.text) or tok.text, "organization",
                                    subject=tok.dep_ in SUBJECT_DEPS, main=_main_subject(tok)))

    # Entity labels the small model gets wrong in news: the same word is labelled consistently
    # elsewhere in the document, and some contexts tell that a "PERSON" is no person.
    _NOT_NAME_LABELS = ("GPE", "LOC", "FAC", "NORP", "DATE", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "ORG")

    def _label_votes(self) -> dict:
        """How often each capitalised word is labelled as each entity type in the document, and
        which words end a name of two or more words ("Darian Lonechild")."""
        votes: dict[str, dict[str, int]] = {}
        self._surname_of_full = set()
        self._one_word_orgs = {norm(e.text) for e in self.doc.ents if e.label_ == "ORG" and len(e) == 1}
        for e in self.doc.ents:
            words = [t for t in e if t.text[:1].isupper()]
            for t in words:
                d = votes.setdefault(norm(t.text), {})
                d[e.label_] = d.get(e.label_, 0) + 1
            while len(words) > 1 and norm(words[-1].text) in self.lex.name_suffixes:
                words = words[:-1]
            if e.label_ == "PERSON" and words and "/" not in e.text:
                before = self.doc[e.start - 1] if e.start > 0 else None
                titled = any(norm(t.text) in self.lex.titles for t in e[:-1]) or (
                    before is not None and norm(before.text) in self.lex.titles)
                if len(words) > 1 or titled:
                    # A full name, or a name after a title ("Governor Kasich"): a person's,
                    # however often the tagger labels the word a place.
                    self._surname_of_full.add(norm(words[-1].text))
        return votes

    def _mostly_not_a_name(self, word: str, labels: tuple = ("GPE", "LOC", "FAC", "NORP", "DATE")) -> bool:
        """The document labels ``word`` as a place, a date (or one of ``labels``) at least as often
        as a person, and never uses it as the surname of a full name."""
        if word in self._surname_of_full:
            return False
        v = self._votes.get(word, {})
        return sum(v.get(l, 0) for l in labels) >= max(1, v.get("PERSON", 0))

    def _org_word(self, word: str) -> bool:
        """The document's organisation named by one word: labelled ORG at least twice and three
        times as often as PERSON, which it is at most once ("Facebook"; not "Trump", which the
        small model often labels ORG), and no person's surname."""
        if word in self._surname_of_full:
            return False
        v = self._votes.get(word, {})
        org, person = v.get("ORG", 0), v.get("PERSON", 0)
        return org >= 2 and person <= 1 and org >= 3 * person

    def _not_a_person(self, ent: DocSpan) -> Optional[str]:
        """Why a PERSON entity names no person: None when it does, else the kind it stands for.

        - a photo credit, "Name/Outlet" or "(Name / CBC News)": not part of the story;
        - a title of a work, its words not all capitalised ("Birth of Modern Canada");
        - an acronym ("Burnaby RCMP", "EDC"): an organisation;
        - a region after a place ("Oakville, Ont."), a date coordinated with a date ("between May and
          October"), or a single word the document otherwise labels as a place, a date or an
          organisation ("Sumatra", "Facebook")."""
        toks = [t for t in ent if not t.is_punct and t.tag_ != "POS"]
        if not toks:
            return "unknown"
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        after = self.doc[ent.end] if ent.end < len(self.doc) else None
        if "/" in ent.text or (before is not None and before.text == "/") or (after is not None and after.text == "/"):
            return "unknown"
        name = self._strip_title(list(ent))
        hyphened = {t.i for t in name if t.i > 0 and self.doc[t.i - 1].text == "-" and not self.doc[t.i - 1].whitespace_}
        if any(t.text[:1].islower() and norm(t.text) not in self.lex.name_particles and t.text != "-" and t.i not in hyphened
               for t in name):
            return "unknown"
        last = next((t for t in reversed(toks) if norm(t.text) not in self.lex.name_suffixes), toks[-1])
        if len(last.text) > 1 and last.text.isupper() and last.text.isalpha():
            return "organization"
        root = ent.root
        if len(toks) == 1 and ent.start >= 2 and before.text == "," and self.doc[ent.start - 2].ent_type_ in ("GPE", "LOC") \
                and root.dep_ in ("appos", "npadvmod", "conj"):
            return "place"  # "Oakville, Ont."
        if (root.dep_ == "conj" and root.head.ent_type_ == "DATE") or any(
                c.dep_ == "conj" and c.ent_type_ == "DATE" for c in root.children):
            return "date"
        if len(toks) == 1:
            w = norm(toks[0].text)
            if self._mostly_not_a_name(w):
                return "place"
            if self._org_word(w):
                return "organization"
        return None

    def _described_as_people(self, person_ents: list) -> list:
        """Proper nouns the tagger did not label a person that an apposition describes as one:
        "Yuni, a resident of Lampung" (a name given alone, often for people outside public life)."""
        taken = {t.i for e in person_ents for t in e}
        out = []
        for tok in self.doc:
            if tok.pos_ != "PROPN" or tok.i in taken or not tok.text[:1].isupper() or tok.ent_type_ not in ("", "PERSON") \
                    or tok.dep_ == "compound" or norm(tok.text) in self.lex.titles:
                continue
            for c in tok.children:
                if c.dep_ == "appos" and c.i > tok.i and c.pos_ == "NOUN" and norm(c.lemma_) in self.lex.person_nouns \
                        and any(d.dep_ == "det" for d in c.children):
                    out.append(self.doc[tok.i:tok.i + 1])
                    break
        return out

    def _unlabelled_speakers(self, person_ents: list) -> list:
        """Speakers named by proper nouns the tagger left unlabelled ("Poulter said", never
        labelled in the article): people, unless the document labels the word otherwise."""
        taken = {t.i for e in person_ents for t in e}
        out = []
        for q in self.quotes:
            sp = q.speaker
            toks = self._tokens(sp.start, sp.end) if sp is not None else []
            toks = [t for t in toks if not t.is_punct and t.tag_ != "POS"]
            if not toks or any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.ent_type_ or t.i in taken
                               or t.text.isupper() or norm(t.text) in self.lex.titles
                               or self._votes.get(norm(t.text)) for t in toks):
                continue
            if toks[-1].i - toks[0].i + 1 == len(toks) and len(toks) <= 3:
                out.append(self.doc[toks[0].i:toks[-1].i + 1])
                taken.update(t.i for t in toks)
        return out

    def _looks_like_person(self, ent: DocSpan) -> bool:
        """An entity the tagger did not label PERSON that is still a person's name: a known
        given name and a capitalised surname ("Carly Fiorina" labelled ORG)."""
        if ent.label_ == "PERSON" or len(ent) < 2 or len(ent) > 4:
            return False
        first = norm(ent[0].text)
        return (first in self.lex.male_names or first in self.lex.female_names) \
            and all(t.text[:1].isupper() for t in ent) and not self._is_outlet(ent.text)

    def _strip_title(self, toks: list[Token]) -> list[Token]:
        """The name part of a PERSON entity: what follows its last title word, without a final
        possessive ("Spokesperson Maria Zakharova" -> "Maria Zakharova")."""
        while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
            toks = toks[:-1]
        while toks and (toks[0].is_punct or toks[0].lower_ in self.lex.definite):
            toks = toks[1:]
        # "Obama Says African-American Museum ...": a headline's capitalised present-tense verb is
        # no part of the name before it.
        while len(toks) > 1 and toks[-1].lower_ in self.lex.headline_verbs:
            toks = toks[:-1]
        last_title = -1
        for k, t in enumerate(toks[:-1]):
            if norm(t.text) in self.lex.titles:
                last_title = k
        toks = toks[last_title + 1:]
        if not toks or not any(t.text[:1].isupper() for t in toks) or norm(toks[-1].text) in self.lex.pronouns:
            return []
        return toks

    def _name_words(self, toks: list[Token]) -> tuple:
        """The words of a name, without a generational suffix ("Luther Stan Pate IV" -> luther stan
        pate), so that "Pate" is its surname."""
        words = [norm(t.text) for t in toks if not t.is_punct or t.text == "-"]
        while len(words) > 1 and words[-1] in self.lex.name_suffixes:
            words.pop()
        return tuple(words)

    def _read_roles(self, ent: DocSpan, name_toks: list[Token], full: str) -> None:
        """Titles before the name ("US Secretary of State Antony Blinken") and appositions
        ("Paul Martin, a Pinellas sheriff's detective"; "the spokesperson, Maria Zakharova")."""
        root = ent.root
        self._add_role(full, list(self.doc[root.left_edge.i:name_toks[0].i]), ent.start_char)
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.ent_type_ != "PERSON":
                self._add_role(full, list(self.doc[child.left_edge.i:child.i + 1]), ent.start_char, head=child)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            h = root.head
            self._add_role(full, list(self.doc[h.left_edge.i:h.i + 1]), ent.start_char, head=h)

    def _add_role(self, full: str, toks: list[Token], start: int, head: Optional[Token] = None) -> None:
        words = [norm(t.text) for t in toks if not t.is_punct and t.tag_ != "POS" and t.dep_ != "det" and not t.is_space]
        words = [w[:-2] if w.endswith("'s") else w for w in words]
        if not words:
            return
        if head is not None:
            h = self.lex.canon(norm(head.lemma_))
        else:
            titled = [w for w in words if w in self.lex.role_heads]
            if not titled:
                return
            h = self.lex.canon(titled[-1])
        if h not in self.lex.role_heads:
            return
        self.roles.append(_Role(full, h, frozenset(words), start))

    def _gender_of(self, ent: DocSpan, name_toks: list[Token]) -> Optional[str]:
        lex = self.lex
        before = [norm(t.text) for t in self.doc[max(ent.root.left_edge.i, ent.start - 4):name_toks[0].i]]
        for w in reversed(before):
            if w in lex.male:
                return "male"
            if w in lex.female:
                return "female"
        return None

    def _remember(self, m: _Mention) -> None:
        k = bisect.bisect_left(self._starts, m.start)
        if k < len(self._starts) and self._starts[k] == m.start:
            self.mentions[k] = m  # a resolved speaker replaces the bare entity mention
            return
        self._starts.insert(k, m.start)
        self.mentions.insert(k, m)

    def remember(self, sp: Speaker, res: Optional[Resolution] = None, main: Optional[bool] = None) -> None:
        """Keep a resolved speaker (or another subject) as an antecedent for what follows. A
        speaker counts as a main-clause subject; ``main`` says whether another subject is one."""
        tok = self._token(sp.start, sp.end)
        if tok is None:
            return
        res = res or self._shape(sp.start, sp.end)
        g = res.gender or (self.gender.get(sp.name) if sp.name else None)
        root = sp.refers_to or (Span(sp.start, sp.end, sp.text) if sp.anonymous else None)
        self._remember(_Mention(sp.start, sp.end, self.sent_of[tok.i], sp.text, sp.name, sp.kind, sp.anonymous,
                                g, res.plural, True, main is not False, root, res.head, res.mods))

    def discourse_subjects(self) -> list[Speaker]:
        """Subjects outside quote marks that continue a person's thread: "he"/"she", and definite
        descriptions headed by a role noun ("the mayor", "the prime minister")."""
        out = []
        for tok in self.doc:
            if tok.dep_ not in SUBJECT_DEPS or self.in_quotes(tok.idx) or self.in_caption(tok.idx):
                continue
            cls = self.lex.pronouns.get(tok.lower_)
            if cls in ("male", "female"):
                out.append(Speaker(start=tok.idx, end=tok.idx + len(tok), text=tok.text))
            elif tok.pos_ == "NOUN" and tok.tag_ == "NN" and self.lex.canon(norm(tok.lemma_)) in self.lex.role_heads \
                    and any(c.dep_ == "det" and c.lower_ in self.lex.definite for c in tok.children):
                start = tok.left_edge.i
                out.append(Speaker(start=self.doc[start].idx, end=tok.idx + len(tok),
                                   text=self.text[self.doc[start].idx:tok.idx + len(tok)]))
        return out

    # ---- lookups --------------------------------------------------------------------------

    def _token(self, start: int, end: int) -> Optional[Token]:
        """The head token of a character span."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return span.root

    def _tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def in_quotes(self, pos: int) -> Optional[tuple[int, int]]:
        """The direct quote text (start, end) that holds position ``pos``, if any."""
        k = bisect.bisect_right(self.quoted, (pos, float("inf"))) - 1
        if k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]:
            return self.quoted[k]
        return None

    def fullest(self, words: tuple, pos: int, gender: Optional[str] = None) -> Optional[str]:
        """The fullest name in the document of the person these name words may stand for: the
        nearest earlier longer mention that fits (else the first later one), then the longest
        name that extends it. ``gender`` (from "Ms." or "Mr.") rules out people known to differ."""
        if not words:
            return None
        cands = [p for p in self.persons if _fits(words, p.words)]
        if gender:
            cands = [p for p in cands if self._person_gender(p) in (None, gender)] or cands
        if not cands:
            return None
        earlier = [p for p in cands if p.start <= pos]
        longer = [p for p in earlier if len(p.words) > len(words)]
        if longer:
            # The name mentioned most often in full; a tie goes to the nearest ("Clinton" in an
            # article about Hillary Clinton that mentions Bill Clinton once).
            counts: dict[str, int] = {}
            for p in longer:
                counts[p.text] = counts.get(p.text, 0) + 1
            top = max(counts.values())
            anchor = next(p for p in reversed(longer) if counts[p.text] == top)
        else:
            later_longer = [p for p in cands if p.start > pos and len(p.words) > len(words)]
            anchor = later_longer[0] if later_longer else (earlier[-1] if earlier else cands[0])
        best = anchor
        for p in cands:
            if len(p.words) > len(best.words) and _fits(anchor.words, p.words):
                best = p
        return best.text

    def _person_gender(self, p: _Person) -> Optional[str]:
        if p.text in self.gender:
            return self.gender[p.text]
        first = p.words[0] if len(p.words) > 1 else ""
        if first in self.lex.male_names and first not in self.lex.female_names:
            return "male"
        if first in self.lex.female_names and first not in self.lex.male_names:
            return "female"
        return None

    def _entity_kind(self, ent: DocSpan) -> str:
        if self._is_outlet(ent.text, ent):
            return "media"
        if ent.label_ in self.lex.group_labels:
            return "group"
        return "organization"

    def _is_outlet(self, text: str, ent: Optional[DocSpan] = None) -> bool:
        key = _outlet_key(text)
        if key in self.lex.outlets:
            return True
        return ent is not None and ent.label_ == "ORG" and norm(ent[-1].text) in self.lex.media_name_words

    def _org_name(self, ent: DocSpan) -> str:
        key = _outlet_key(ent.text)
        if key in self.lex.outlets:
            return self.lex.outlets[key]
        toks = list(ent)
        while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
            toks = toks[:-1]  # "Cecil Foster's"
        text = self.text[toks[0].idx:toks[-1].idx + len(toks[-1])] if toks else ent.text
        while toks and toks[0].lower_ in ("the", "a", "an"):
            toks = toks[1:]  # "the Pentagon", "an Associated Press-GfK [poll]"
        text = self.text[toks[0].idx:toks[-1].idx + len(toks[-1])] if toks else text
        return self.expansion(text) or self._longer_org(text, ent.start_char) or text

    def _longer_org(self, name: str, pos: int) -> Optional[str]:
        """The full name of an organisation introduced earlier and shortened since: "Suncor" after
        "Calgary-based Suncor Energy". Only a name that the shorter one begins, word for word."""
        prefix = name + " "
        longer = [e.text for e in self.doc.ents if e.label_ == "ORG" and e.start_char < pos
                  and e.text.startswith(prefix)]
        return max(longer, key=len) if longer else None

    def expansion(self, acronym: str) -> Optional[str]:
        """The full name an acronym stands for, when the document spells it out: the capitalised
        words whose initials make it ("Export Development Canada (EDC)" ... "EDC"; "the
        Parliamentary Budget Officer" ... "the PBO"), the one introducing it in brackets first."""
        if not (1 < len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        if not hasattr(self, "_expansions"):
            self._expansions: dict[str, Optional[str]] = {}
        if acronym not in self._expansions:
            self._expansions[acronym] = self._spell_out(acronym)
        return self._expansions[acronym]

    def _spell_out(self, acronym: str) -> Optional[str]:
        doc, found = self.doc, []
        for i, first in enumerate(doc):
            if first.text[:1] != acronym[0] or first.text.isupper():
                continue
            j, k = i, 0
            while j < len(doc) and k < len(acronym):
                t = doc[j]
                if t.text[:1].isupper() and not t.text.isupper() and t.text[0] == acronym[k]:
                    k += 1
                elif not (k and t.lower_ in self.lex.name_connectors):
                    break
                j += 1
            if k == len(acronym):
                bracketed = j + 2 < len(doc) and doc[j].text == "(" and doc[j + 1].text == acronym
                found.append((not bracketed, i, doc[i:j].text))
        return min(found)[2] if found else None

    # ---- resolving ------------------------------------------------------------------------

    def resolve(self, sp: Speaker, quote: Optional[Quote] = None) -> Resolution:
        """Who the mention ``sp`` is. ``quote`` is the quote it is the speaker of, if any."""
        toks = self._tokens(sp.start, sp.end)
        if not toks:
            return Resolution()
        words = [norm(t.text) for t in toks if not t.is_punct]
        # "He [Blinken]": the writer's bracketed clarification names the referent.
        m = BRACKETED.match(self.text, sp.end)
        if m and len(words) == 1 and words[0] in self.lex.pronouns:
            inner = self._tokens(m.start(1), m.end(1))
            name = self.fullest(tuple(norm(t.text) for t in inner if not t.is_punct), sp.start)
            if name:
                return Resolution(name=name, kind="person", end=m.end(), gender=self.gender.get(name))
        if len(words) == 1 and words[0] in self.lex.pronouns:
            return self._pronoun(words[0], sp, quote)
        return self._describe(sp.start, sp.end, toks)

    def _shape(self, start: int, end: int) -> Resolution:
        """Head, modifiers and number of a mention, without resolving it."""
        toks = self._tokens(start, end)
        if not toks:
            return Resolution()
        head = _head_of(toks)
        return Resolution(head=self.lex.canon(norm(head.lemma_)), plural=_plural(head), mods=self._mods(toks, head))

    def _mods(self, toks: list[Token], head: Token) -> frozenset:
        out = set()
        for t in toks:
            if t.i == head.i or t.is_punct or t.tag_ == "POS" or t.is_space or t.dep_ == "det" \
                    or t.lower_ in self.lex.definite or t.lower_ in self.lex.indefinite:
                continue
            w = norm(t.text)
            out.add(w[:-2] if w.endswith("'s") else w)
        return frozenset(out)

    def _describe(self, start: int, end: int, toks: list[Token]) -> Resolution:
        lex = self.lex
        head = _head_of(toks)
        hword = norm(head.lemma_) if head.pos_ != "PROPN" else norm(head.text)
        plural = _plural(head)
        chunk = _hyphened(head)
        if len(chunk) > 1:
            # "the former sergeant-at-arms": the hyphened compound is the head word, and its
            # first part tells the number.
            hword, plural = norm("".join(t.text for t in chunk)), _plural(chunk[0]) and chunk[0].i != head.i
        mods = self._mods(toks, head)
        shape = dict(head=lex.canon(hword), plural=plural, mods=mods)
        det = next((t.lower_ for t in toks if t.dep_ in ("det", "poss") and t.i < head.i), None)
        text = self.text[start:end]

        # A name: the proper nouns ending at the head, after any title ("Gov. Mike Pence"), or
        # the name in apposition to a description ("A Twitter spokesman, Christopher Abboud";
        # "One red-state Democrat, Montana Sen. Jon Tester"), or the name it is given ("an
        # official in Banten province named Jhony").
        run = self._name_run(head, toks)
        person_run = bool(run) and self.fullest(self._name_words(run), start) is not None
        if not person_run and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ not in NOT_PERSON_LABELS)):
            name = self._appos_name(head, start) or self._given_name(head, start) or self._relative(head, start)
            if name:
                shape["plural"] = False
                return Resolution(name=name, kind="person", gender=self.gender.get(name), **shape)
        if run:
            # Coordinated names are one source ("Both Sandmann and Phillips have said").
            both = self._coordinated_names(head, start)
            if both is not None:
                names, last = both
                shape["plural"] = True
                return Resolution(name=" and ".join(names), kind="group", end=max(end, last), **shape)
            words = self._name_words(run)
            titled = {norm(t.text) for t in toks if t.i < run[0].i}
            gender = "male" if titled & lex.male else "female" if titled & lex.female else None
            name = self.fullest(words, start, gender)
            org_ent = next((e for e in self.doc.ents if e.start <= head.i < e.end and (
                e.label_ in lex.org_labels or self.not_persons.get(e.start_char) == "organization")), None)
            if name:
                shape["plural"] = False  # "Sanders", "Rep. Jeff Davis": a name tagged as a plural noun
                return Resolution(name=name, kind="person", gender=self.gender.get(name), **shape)
            if self._is_outlet(text) or (org_ent is not None and self._is_outlet(org_ent.text, org_ent)):
                key = _outlet_key(text) if _outlet_key(text) in lex.outlets else _outlet_key(org_ent.text)
                return Resolution(name=lex.outlets.get(key) or (org_ent.text if org_ent is not None else text),
                                  kind="media", **shape)
            # "the Kentucky Republican": a party's name as the head of a singular description is
            # one of its members, a person.
            member = org_ent is not None and org_ent.label_ == "NORP" and not plural and hword in lex.person_nouns
            if org_ent is not None and det not in lex.indefinite and not member:
                kind = "group" if org_ent.label_ in lex.group_labels else "organization"
                return Resolution(name=self._org_name(org_ent), kind=kind, **shape)
            if org_ent is None and len(run) == 1 and head.ent_type_ == "" and hword in self._one_word_orgs \
                    and self._org_word(hword):
                # The organisation the document labels elsewhere ("Facebook said" left unlabelled).
                return Resolution(name=self.expansion(head.text) or head.text, kind="organization", **shape)
            if len(run) == 1 and self.expansion(head.text):
                # An acronym the document spells out ("EDC" for "Export Development Canada").
                return Resolution(name=self.expansion(head.text), kind="organization", **shape)
            if org_ent is None and det not in lex.indefinite and head.pos_ == "PROPN" and hword not in lex.titles \
                    and head.ent_type_ not in NOT_PERSON_LABELS:
                # An unlabelled proper name ("Ryabkov" in a headline) is most often a person; a
                # date or a place ("October", "Sumatra") is none.
                name = self.text[run[0].idx:run[-1].idx + len(run[-1])]
                return Resolution(name=name, kind="person", **shape)

        if self._is_outlet(text):
            return Resolution(name=lex.outlets[_outlet_key(text)], kind="media", **shape)
        # An indefinite description headed by an organisation's name stands for an unnamed member
        # of it, its head noun left out ("a senior State Department [official]").
        if det in lex.indefinite and head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
            shape["head"] = lex.elided_head
            return self._anonymous(start, end, "person", det, shape)
        # "The company", "the agency", "the diocese": a definite description of an organisation
        # is the organisation the story has named.
        if det in lex.definite and head.pos_ == "NOUN" and not plural and (hword in lex.org_nouns or hword in lex.org_anaphors):
            org = self._org_antecedent(hword, start, mods, [t.text for t in toks if t.i < head.i and t.dep_ != "det"])
            if org is not None:
                return Resolution(name=org, kind="organization", **shape)
        if hword in lex.media_nouns:
            return Resolution(kind="media", **shape)
        if hword in lex.document_nouns:
            # A text speaks for its author: "her statement", "Foster's book", "a statement from the
            # EU", "a study by Civic Action", "the Civic Action study"; "the study" again is the
            # same study.
            return Resolution(name=self._author(head, start, hword, det), kind="document", **shape)
        canon = lex.canon(hword)
        if canon in lex.role_heads or hword in lex.role_heads:
            if det in lex.definite or (det is None and head.text[:1].isupper()):
                role = self._role(canon, mods, start)
                if role is not None:
                    return Resolution(name=role, kind="person", gender=self.gender.get(role), **shape)
        aged = any(suffix in norm(text) for suffix in lex.person_suffixes)
        if det in lex.definite and not plural and hword not in lex.anon_heads \
                and (canon in lex.role_heads or hword in lex.person_nouns or aged):
            # "the businessman", "the senator", "the 26-year-old right wing" with no role to match
            # and no earlier "a businessman": news writers use such a description for the person
            # just talked about; an age always does ("the 32-year-old labourer").
            if aged or not self._said_before(head):
                gender = "male" if hword in lex.male else "female" if hword in lex.female else None
                ante = self._antecedent(start, gender or "person")
                if ante is not None and ante.name and not ante.anonymous:
                    return Resolution(name=ante.name, kind="person", gender=ante.gender, **shape)
        person_like = hword in lex.person_nouns or hword in lex.anon_heads
        if hword in lex.anon_heads or (person_like and det not in lex.pronouns and self._anonymity_cue(head)):
            return self._anonymous(start, end, "group" if plural else "person", det, shape)
        if person_like or hword.endswith(lex.person_suffixes) or aged:
            return Resolution(kind="group" if plural else "person", **shape)
        if hword in lex.group_nouns or head.pos_ == "NUM":
            return Resolution(kind="group", **shape)
        if hword in lex.org_nouns:
            return Resolution(kind="organization", **shape)
        if head.ent_type_ == "PERSON":
            return Resolution(kind="person", **shape)
        return Resolution(kind="group" if plural and head.pos_ == "NOUN" else "unknown", **shape)

    def _name_run(self, head: Token, toks: list[Token]) -> list[Token]:
        """Proper-noun tokens ending at the head, stopping at a title word ("Russian Foreign
        Ministry Spokesperson Maria Zakharova" -> "Maria Zakharova"). A capitalised word that is
        part of a known person's name counts whatever its tag ("Blinken" tagged as a verb)."""

        def namelike(t: Token) -> bool:
            if not t.text[:1].isupper() or norm(t.text) in self.lex.titles:
                return False
            return t.pos_ in ("PROPN", "X") or t.ent_type_ == "PERSON" or norm(t.text) in self.name_words

        if not namelike(head):
            return []
        ids = {t.i for t in toks}
        run = [head]
        i = head.i - 1
        while i in ids:
            t = head.doc[i]
            if t.tag_ == "POS" or not namelike(t):
                break
            run.insert(0, t)
            i -= 1
        return run

    def _said_before(self, head: Token) -> bool:
        """Does the noun ``head`` occur earlier in the document ("a reporter" ... "the reporter")?"""
        lemma = head.lemma_.lower()
        return any(t.lemma_.lower() == lemma and t.pos_ == "NOUN" for t in self.doc[:head.i])

    def _kin_of(self, name: Token) -> Optional[str]:
        """The family noun that a one-word name stands in apposition to ("his wife, Maria"), if any."""
        head = name.head
        if name.dep_ == "appos" and head.i < name.i and head.pos_ == "NOUN" and norm(head.lemma_) in self.lex.kin:
            return norm(head.lemma_)
        return None

    def _relative(self, head: Token, pos: int) -> Optional[str]:
        """The relative that a possessive family description names: the nearest earlier one
        named with the same noun ("Spindler's father, Joseph" ... "His father" -> Joseph)."""
        kin = norm(head.lemma_)
        if kin not in self.lex.kin or not any(c.dep_ == "poss" for c in head.children):
            return None
        return next((name for start, k, name in reversed(self.relatives) if k == kin and start < pos), None)

    def _appos_name(self, head: Token, start: int) -> Optional[str]:
        """The person's name in apposition to a description ("A Twitter spokesman, Christopher
        Abboud"); a relative's given name as written ("Spindler's father, Joseph")."""
        for appos in head.children:
            if appos.dep_ == "appos" and appos.i > head.i:
                named = self._name_run(appos, list(self.doc[appos.left_edge.i:appos.i + 1]))
                if len(named) == 1 and self._kin_of(appos) is not None:
                    return named[0].text
                name = self.fullest(self._name_words(named), start) if named else None
                if name:
                    return name
        return None

    def _given_name(self, head: Token, start: int) -> Optional[str]:
        """The name a description is given by "named", "called", "identified as" ("an official in
        Banten province named Jhony")."""
        for t in head.subtree:
            if t.dep_ != "acl" or t.lemma_.lower() not in self.lex.naming_verbs:
                continue
            for c in t.children:
                obj = c if c.dep_ in ("oprd", "dobj", "attr", "xcomp", "npadvmod") else next(
                    (g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" else None
                if obj is not None and obj.pos_ == "PROPN":
                    run = self._name_run(obj, list(self.doc[obj.left_edge.i:obj.i + 1]))
                    if run:
                        return self.fullest(self._name_words(run), start) or \
                            self.text[run[0].idx:run[-1].idx + len(run[-1])]
        return None

    def _coordinated_names(self, head: Token, start: int) -> Optional[tuple[list[str], int]]:
        """The names of people coordinated with a named head, and where the last one ends:
        "Both Sandmann and Phillips" -> (["Nick Sandmann", "Nathan Phillips"], end of "Phillips")."""
        conjs = [c for c in head.children if c.dep_ == "conj" and c.i > head.i]
        if not conjs or any(c.dep_ == "cc" and c.lower_ not in ("and", "&") for c in head.children) \
                or any(c.dep_ == "preconj" for c in head.children):
            return None  # "Neither Cruz nor Christie", "either ... or": not both as one source
        out, last = [], 0
        for t in [head] + conjs:
            run = self._name_run(t, list(self.doc[t.left_edge.i:t.i + 1]))
            name = self.fullest(self._name_words(run), start) if run else None
            if name is None:
                return None
            out.append(name)
            last = t.idx + len(t)
        return out, last

    def _org_antecedent(self, hword: str, pos: int, mods: frozenset, mods_text: list) -> Optional[str]:
        """The organisation a definite description names: the most salient earlier organisation
        whose name holds the noun and its modifiers ("the commission" -> "Ontario Civilian Police
        Commission", "the city" -> "City of Surrey", not "the Canadian government" -> "the
        Australian Government"), else, for a noun any organisation may be called by ("the
        company", "the group", "the agency") and no proper modifier, the most salient
        organisation before it."""
        def named_so(m: _Mention) -> bool:
            words = {norm(w) for w in (m.name or "").split()}
            return m.kind == "organization" and hword in words and mods <= words

        ante = self._antecedent(pos, "organization", fits=named_so, window=len(self.sent_spans))
        if ante is None and hword in self.lex.org_anaphors and not any(m[:1].isupper() for m in mods_text):
            ante = self._antecedent(pos, "organization")
        return ante.name if ante is not None else None

    def _author(self, head: Token, pos: int, hword: str, det: Optional[str]) -> Optional[str]:
        """Who wrote the text that ``head`` names, if the document says."""
        by = [c for c in head.children if c.dep_ == "poss"]
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                by += [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ in ("relcl", "acl"):
                for g in c.children:
                    if g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ == "by"):
                        by += [x for x in g.children if x.dep_ == "pobj"]
        by += [c for c in head.children if c.dep_ == "compound" and c.i < head.i and c.pos_ == "PROPN"
               and c.ent_type_ in ("ORG", "PERSON", "NORP")]
        for t in by:
            # Only a name or a possessive pronoun says who wrote it; "a letter from the chairman of
            # ..." does not name him.
            if t.pos_ != "PROPN" and self.lex.pronouns.get(t.lower_) not in ("male", "female", "plural", "neuter"):
                continue
            toks = [x for x in self.doc[t.left_edge.i:t.i + 1] if not x.is_punct and x.tag_ != "POS"]
            if not toks:
                continue
            sp = Speaker(start=toks[0].idx, end=toks[-1].idx + len(toks[-1]),
                         text=self.text[toks[0].idx:toks[-1].idx + len(toks[-1])])
            res = self.resolve(sp)
            if res.name and not res.anonymous:
                return res.name
        if det in self.lex.definite:
            # "the study" again: the nearest earlier text of the same kind with an author.
            k = bisect.bisect_left(self._starts, pos)
            for m in reversed(self.mentions[:k]):
                if m.kind == "document" and m.head == hword and m.name:
                    return m.name
        return None

    def _anonymity_cue(self, head: Token) -> bool:
        sent = self.sent_spans[self.sent_of[head.i]].text.lower()
        return any(c in sent for c in self.lex.anon_cues)

    def _anonymous(self, start: int, end: int, kind: str, det: Optional[str], shape: dict) -> Resolution:
        """An unnamed source. A definite description ("the official") or a repeated bare plural
        ("US officials" again) refers back to the nearest earlier unnamed source it fits: same
        head noun and number, its modifiers among the earlier mention's. ``refers_to`` is the first
        mention of that source."""
        res = Resolution(kind=kind, anonymous=True, **shape)
        text = self.text[start:end]
        if det in self.lex.indefinite:
            return res
        for m in reversed(self.mentions):
            if m.start >= start:
                continue
            if not m.anonymous or m.plural != res.plural:
                continue
            if det is None and norm(m.text) != norm(text):
                continue
            if m.head and m.head != res.head:
                continue
            if not res.mods <= m.mods:
                continue
            res.refers_to = m.root or Span(m.start, m.end, m.text)
            break
        return res

    def _role(self, head: str, mods: frozenset, pos: int) -> Optional[str]:
        """The person bearing the role that a description names: same role head, and the
        description's modifiers among the role's words. Nearest earlier, else the one later."""
        fits = [r for r in self.roles if self.lex.canon(r.head) == head and mods <= r.words]
        earlier = [r for r in fits if r.start < pos]
        if earlier:
            return earlier[-1].name
        later = {r.name for r in fits}
        return next(iter(later)) if len(later) == 1 else None

    def _pronoun(self, word: str, sp: Speaker, quote: Optional[Quote]) -> Resolution:
        cls = self.lex.pronouns[word]
        if cls in ("first_person", "first_person_plural"):
            # "I" inside a quote is whoever says the quote; "we" is the speaker's side, named
            # after the speaker.
            singular = cls == "first_person"
            host = self._host(sp.start, quote)
            if host is not None and host.speaker is not None:
                h = host.speaker
                kind = h.kind if singular or h.kind != "person" else "group"
                return Resolution(name=h.name, kind=kind, anonymous=h.anonymous,
                                  refers_to=h.refers_to or (Span(h.start, h.end, h.text) if h.anonymous else None),
                                  plural=not singular)
            return Resolution(kind="person" if singular else "group", plural=not singular)
        if cls == "second_person":
            return Resolution(kind="unknown")
        if cls == "relative":
            # "Jeb Bush, who said ...": the relative pronoun stands for the noun its clause
            # modifies.
            tok = self._token(sp.start, sp.end)
            if tok is not None and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
                noun = tok.head.head
                toks = [t for t in self.doc[noun.left_edge.i:noun.i + 1] if not t.is_punct or t.i == noun.i]
                return self._describe(toks[0].idx, noun.idx + len(noun), toks)
            return Resolution()
        plural = cls == "plural"
        gender = cls if cls in ("male", "female") else None
        ante = self._antecedent(sp.start, cls)
        default_kind = {"male": "person", "female": "person", "plural": "group", "neuter": "unknown"}[cls]
        if ante is None:
            return Resolution(kind=default_kind, gender=gender, plural=plural)
        kind = ante.kind if ante.kind != "unknown" else default_kind
        return Resolution(name=ante.name, kind=kind, anonymous=ante.anonymous,
                          refers_to=ante.root if ante.anonymous else None, gender=gender or ante.gender,
                          plural=plural, head=ante.head, mods=ante.mods)

    def _host(self, pos: int, quote: Optional[Quote]) -> Optional[Quote]:
        """The smallest other direct or mixed quote whose content holds position ``pos``."""
        hosts = [q for q in self.quotes if q is not quote and q.type in ("direct", "mixed")
                 and any(p.start <= pos < p.end for p in q.content.pieces())]
        return min(hosts, key=lambda q: q.content.end - q.content.start) if hosts else None

    def _fits_pronoun(self, m: _Mention, cls: str) -> bool:
        if cls in ("male", "female", "person"):
            g = m.gender or (self.gender.get(m.name) if m.name else None)
            return m.kind == "person" and not m.plural and (g is None or g == cls or cls == "person")
        if cls == "plural":
            return m.plural or m.kind in ("group", "organization")
        if cls == "neuter":
            return not m.plural and m.kind in ("organization", "media", "document")
        if cls == "organization":
            return m.kind == "organization" and bool(m.name)
        return False

    def _antecedent(self, pos: int, cls: str, fits=None, window: int = MAX_SENTENCES_BACK) -> Optional[_Mention]:
        """The most salient earlier mention that fits the pronoun: in the pronoun's own sentence
        the nearest subject before it, then sentence by sentence back, subjects (and speakers)
        first and then the others from the left; names inside other people's quote marks are
        skipped."""
        tok = self._token(pos, pos + 1)
        if tok is None:
            return None
        own_quote = self.in_quotes(pos)
        own_caption = self.in_caption(pos)
        k = bisect.bisect_left(self._starts, pos)
        cands = []
        for m in reversed(self.mentions[:k]):
            q, caption = self._place(m.start)
            if q is not None and q != own_quote:
                continue
            if not own_caption and caption:
                continue
            if not (fits(m) if fits is not None else self._fits_pronoun(m, cls)):
                continue
            cands.append(m)
            if len(cands) > 40:
                break
        if not cands:
            return None
        if cls in ("male", "female", "person") and any(m.name or m.anonymous for m in cands):
            # An unnamed, not anonymous description ("the Afro-Colombian journalist") was itself
            # most likely about a named person we failed to link: look past it.
            cands = [m for m in cands if m.name or m.anonymous]
        by_sent: dict[int, list[_Mention]] = {}
        for m in cands:
            by_sent.setdefault(m.sent, []).append(m)
        here = self.sent_of[tok.i]
        counted = 0
        for s in range(here, -1, -1):
            if s != here and not by_sent.get(s) and self._all_quoted(s):
                continue
            group = by_sent.get(s)
            if group:
                if s == here:
                    # The nearest subject before the pronoun, else the nearest other mention for
                    # the subject of the main clause ("As for Governor Kasich, he devoted ..."),
                    # the first one (the sentence's topic) for a pronoun further in ("For Trump,
                    # the topic was ... what he sees"). Never a name the sentence sets apart from
                    # its subject ("Unlike Al Mnajer, he ...", "porters like Grizzle ..., he
                    # writes").
                    subj = [m for m in group if m.subject]
                    if subj:
                        return subj[0]
                    group = [m for m in group if not self._set_apart(m)]
                    if group:
                        return group[0] if _main_subject(tok) else min(group, key=lambda m: m.start)
                    continue
                # The subject of the main clause first ("As Covington Catholic reopened, Senate
                # Majority Leader Mitch McConnell blamed ..."), then other subjects, then the rest,
                # from the left.
                # Between equals, the person the story has mentioned most in the last sentences
                # (the salience of the whole chain, not of one mention).
                group = sorted(group, key=lambda m: (not m.main, not m.subject, -self._mentioned(m, here), m.start))
                return group[0]
            counted += 1
            if counted > window:
                break
        # Nothing close: the nearest named person within a wider window (the article's subject,
        # last named a few sentences up, is still who "he" means).
        if cls in ("male", "female"):
            near = [m for m in cands if m.name and here - m.sent <= FALLBACK_SENTENCES]
            subj = [m for m in near if m.subject]
            if subj or near:
                return (subj or near)[0]
        return None

    def _set_apart(self, m: _Mention) -> bool:
        """Is the mention inside a phrase that sets it apart from the sentence's subject ("unlike
        X", "like X", "besides X")?"""
        tok = self._token(m.start, m.end)
        for anc in (tok.ancestors if tok is not None else []):
            if anc.pos_ in ("VERB", "AUX"):
                return False
            if anc.lower_ in self.lex.apart_prepositions:
                return True
        return False

    def _mentioned(self, m: _Mention, here: int) -> int:
        """How often the entity of ``m`` is mentioned in the sentences up to ``here``, within
        the pronoun window."""
        if not m.name:
            return 1
        k = bisect.bisect_left(self._starts, self.sent_spans[here].end_char)
        return sum(1 for o in self.mentions[:k] if o.name == m.name and here - o.sent <= FALLBACK_SENTENCES)

    def _all_quoted(self, s: int) -> bool:
        sent = self.sent_spans[s]
        words = [t for t in sent if not t.is_punct and not t.is_space]
        return bool(words) and all(self.in_quotes(t.idx) for t in words)


def _fits(short: tuple, long: tuple) -> bool:
    """Can the name words ``short`` stand for ``long``? Its words in order, ending with the
    surname, or a lone first name."""
    if len(short) > len(long):
        return False
    if short == long:
        return True
    if len(short) == 1 and len(long) > 1 and short[0] == long[0]:
        return True
    if short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _subject(tok: Token) -> bool:
    """Is ``tok`` a subject, or a name in apposition to one ("Elliott's father, the Rev. Charles
    Elliott Jr., knew Ali")?"""
    return tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS)


def _main_subject(tok: Token) -> bool:
    """Is ``tok`` the subject of its sentence's main clause (or of a parenthetical report, "...,
    he writes")?"""
    if tok.dep_ == "appos":
        tok = tok.head
    if tok.dep_ not in SUBJECT_DEPS:
        return False
    verb = tok.head
    if verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ in ("ROOT", "parataxis")


def _hyphened(tok: Token) -> list[Token]:
    """The tokens of the hyphened word ``tok`` ends ("sergeant-at-arms", "26-year-old")."""
    doc, i = tok.doc, tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        i -= 2
    return list(doc[i:tok.i + 1])


def _head_of(toks: list[Token]) -> Token:
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return heads[-1] if heads else toks[-1]


def _plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)


# --------------------------------------------------------------------------------------------
# The job of this module


def resolve(doc: Doc, quotes: list[Quote], rules: Rules) -> None:
    """Fill ``name``, ``kind``, ``anonymous`` and ``refers_to`` of every quote's speaker, in
    place, reading the mentions in text order (first-person mentions inside quotes last, since
    they take their quote's speaker, who may be named after the quote)."""
    src = Sources(doc, lexicon(rules), quotes)
    speakers = [q for q in quotes if q.speaker is not None]
    first_person = {w for w, c in src.lex.pronouns.items() if c in ("first_person", "first_person_plural")}
    later = [q for q in speakers if norm(q.speaker.text) in first_person]
    now = [q for q in speakers if norm(q.speaker.text) not in first_person]
    done: dict[tuple[int, int], Resolution] = {}
    # Subjects that are not speakers still carry the thread of who the story is about: "he" in
    # "On Oct. 1, he moved into an apartment", "the mayor" in "the mayor brought up the plan again".
    # They are resolved in text order with the speakers, so that a later "he said" finds the
    # person through them rather than through a name mentioned in passing.
    taken = {q.speaker.start for q in speakers}
    items = [(q.speaker.start, q) for q in now] + [(sp.start, sp) for sp in src.discourse_subjects() if sp.start not in taken]
    for _, item in sorted(items, key=lambda it: it[0]):
        if isinstance(item, Quote):
            apply(item, src, done)
        else:
            res = src.resolve(item)
            if res.name and not res.anonymous:
                item.name, item.kind = res.name, res.kind
                tok = src._token(item.start, item.end)
                src.remember(item, res, main=tok is not None and _main_subject(tok))
    for q in sorted(later, key=lambda q: q.speaker.start):
        apply(q, src, done)


def apply(q: Quote, src: Sources, done: Optional[dict] = None) -> None:
    """Resolve one quote's speaker with ``src`` and write the result on it."""
    sp = q.speaker
    key = (sp.start, sp.end)
    res = done.get(key) if done is not None else None
    if res is None:
        res = src.resolve(sp, q)
        if done is not None:
            done[key] = res
    if res.end is not None and res.end > sp.end:
        sp.end = res.end
        sp.text = src.text[sp.start:sp.end]
    sp.name, sp.kind, sp.anonymous, sp.refers_to = res.name, res.kind, res.anonymous, res.refers_to
    if sp.refers_to is not None and sp.refers_to.start == sp.start:
        sp.refers_to = None
    src.remember(sp, res)


def describe(doc: Doc, quotes: list[Quote], rules: Rules, mentions: list[Span]) -> list[Speaker]:
    """Resolve mentions that are not (yet) speakers, e.g. chain links or a speaker moved by a
    relay, against the document and the already resolved speakers of ``quotes``."""
    src = Sources(doc, lexicon(rules), quotes)
    for q in quotes:
        if q.speaker is not None:
            src.remember(q.speaker)
    out = []
    for m in mentions:
        sp = Speaker(start=m.start, end=m.end, text=m.text)
        res = src.resolve(sp)
        sp.name, sp.kind, sp.anonymous, sp.refers_to = res.name, res.kind, res.anonymous, res.refers_to
        if sp.refers_to is not None and sp.refers_to.start == sp.start:
            sp.refers_to = None
        out.append(sp)
    return out
