"""The cast of a document: its people and organisations, with their names, roles, genders and
mentions, read once per document (and again only when the quotes name other unlabelled speakers).

The document's people come from the PERSON entities, with the titles spaCy sometimes swallows
stripped off ("Spokesperson Maria Zakharova" -> "Maria Zakharova"), and the titles and roles
attached to them (the words before the name, an apposition) become roles a later description can
point back to ("the Russian Spokesperson"). Who counts as a person corrects the small model's
labels with evidence from the document (``Labels``: the same word's other labels, a title before
it, photo credits, captions and link lines, which are no part of the story).

Two steps:

- ``Labels``: what the entity labels say once corrected, from the Doc alone: how often each word
  is labelled what, which PERSON entities name no person, and the entities that are people;
- ``Cast``: the people (those entities plus the speakers the quotes name that the tagger left
  unlabelled), their fullest names, roles and genders, and the organisations; ``mentions`` are
  the named people and organisations in text order, the antecedents that resolution
  (quotes/resolve.py) starts from.

The cast is read-only once built: resolution keeps its own copy of the mentions it adds to.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token
from spacy.tokens import Span as DocSpan

from .lexicon import norm, outlet_key
from .model import Quote, Span

if TYPE_CHECKING:
    from .context import DocContext

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Person:
    """One PERSON mention: its name words (titles stripped) and where it is."""

    start: int
    end: int
    words: tuple
    text: str


@dataclass
class Role:
    """A title or role borne by a named person: "Russian Foreign Ministry Spokesperson"."""

    name: str
    head: str
    words: frozenset
    start: int


@dataclass
class Mention:
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


class Labels:
    """The entity labels of one document, corrected with the document's own evidence. Built from
    the Doc alone (``DocContext.labels``)."""

    def __init__(self, ctx: "DocContext"):
        self.ctx = ctx
        self.doc = ctx.doc
        self.ents = ctx.ents
        self.lex = ctx.lex
        self.votes = self._label_votes()
        self.not_persons: dict[int, str] = {}  # start of a PERSON entity that is no person -> its kind
        person_ents = []
        for e in self.ents:
            if e.label_ == "PERSON":
                kind = self.not_a_person(e)
                if kind is None:
                    person_ents.append(e)
                else:
                    self.not_persons[e.start_char] = kind
            elif self.looks_like_person(e):
                person_ents.append(e)
        person_ents += self._described_as_people(person_ents)
        self.person_ents: list[DocSpan] = person_ents  # the entities that name people

    def _label_votes(self) -> dict:
        """How often each capitalised word is labelled as each entity type in the document, and
        which words end a name of two or more words ("Darian Lonechild")."""
        votes: dict[str, dict[str, int]] = {}
        self.surname_of_full = set()
        self.one_word_orgs = {norm(e.text) for e in self.ents if e.label_ == "ORG" and len(e) == 1}
        for e in self.ents:
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
                    self.surname_of_full.add(norm(words[-1].text))
        return votes

    def mostly_not_a_name(self, word: str, labels: tuple = ("GPE", "LOC", "FAC", "NORP", "DATE")) -> bool:
        """The document labels ``word`` as a place, a date (or one of ``labels``) at least as often
        as a person, and never uses it as the surname of a full name."""
        if word in self.surname_of_full:
            return False
        v = self.votes.get(word, {})
        return sum(v.get(l, 0) for l in labels) >= max(1, v.get("PERSON", 0))

    def org_word(self, word: str) -> bool:
        """The document's organisation named by one word: labelled ORG at least twice and three
        times as often as PERSON, which it is at most once ("Facebook"; not "Trump", which the
        small model often labels ORG), and no person's surname."""
        if word in self.surname_of_full:
            return False
        v = self.votes.get(word, {})
        org, person = v.get("ORG", 0), v.get("PERSON", 0)
        return org >= 2 and person <= 1 and org >= 3 * person

    def not_a_person(self, ent: DocSpan) -> Optional[str]:
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
        name = self.strip_title(list(ent))
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
            if self.mostly_not_a_name(w):
                return "place"
            if self.org_word(w):
                return "organization"
        return None

    def _described_as_people(self, person_ents: list) -> list:
        """Proper nouns the tagger did not label a person that an apposition describes as one:
        "Yuni, a resident of Lampung" (a name given alone, often for people outside public life)."""
        taken = {t.i for e in person_ents for t in e}
        out = []
        words = self.ctx.words
        for i in self.ctx.propn:
            if i in taken or not words[i][:1].isupper():
                continue
            tok = self.doc[i]
            if tok.ent_type_ not in ("", "PERSON") or tok.dep_ == "compound" or norm(tok.text) in self.lex.titles:
                continue
            for c in tok.children:
                if c.dep_ == "appos" and c.i > tok.i and c.pos_ == "NOUN" and norm(c.lemma_) in self.lex.person_nouns \
                        and any(d.dep_ == "det" for d in c.children):
                    out.append(self.doc[tok.i:tok.i + 1])
                    break
        return out

    def looks_like_person(self, ent: DocSpan) -> bool:
        """An entity the tagger did not label PERSON that is still a person's name: a known
        given name and a capitalised surname ("Carly Fiorina" labelled ORG)."""
        if ent.label_ == "PERSON" or len(ent) < 2 or len(ent) > 4:
            return False
        first = norm(ent[0].text)
        return (first in self.lex.male_names or first in self.lex.female_names) \
            and all(t.text[:1].isupper() for t in ent) and not self.is_outlet(ent.text)

    def strip_title(self, toks: list[Token]) -> list[Token]:
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

    def is_outlet(self, text: str, ent: Optional[DocSpan] = None) -> bool:
        key = outlet_key(text)
        if key in self.lex.outlets:
            return True
        return ent is not None and ent.label_ == "ORG" and norm(ent[-1].text) in self.lex.media_name_words


def unlabelled_speakers(ctx: "DocContext", labels: Labels, quotes: list[Quote]) -> list[DocSpan]:
    """Speakers named by proper nouns the tagger left unlabelled ("Poulter said", never
    labelled in the article): people, unless the document labels the word otherwise."""
    lex = ctx.lex
    taken = {t.i for e in labels.person_ents for t in e}
    out = []
    for q in quotes:
        sp = q.speaker
        toks = ctx.tokens(sp.start, sp.end) if sp is not None else []
        toks = [t for t in toks if not t.is_punct and t.tag_ != "POS"]
        if not toks or any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.ent_type_ or t.i in taken
                           or t.text.isupper() or norm(t.text) in lex.titles
                           or labels.votes.get(norm(t.text)) for t in toks):
            continue
        if toks[-1].i - toks[0].i + 1 == len(toks) and len(toks) <= 3:
            out.append(ctx.doc[toks[0].i:toks[-1].i + 1])
            taken.update(t.i for t in toks)
    return out


class Cast:
    """The people and organisations of one document (see the module docstring). Made by
    ``DocContext.cast(quotes)``; ``speakers`` are the unlabelled speakers' name spans."""

    def __init__(self, ctx: "DocContext", labels: Labels, speakers: list[DocSpan]):
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text
        self.lex = ctx.lex
        self.labels = labels
        self.persons: list[Person] = []
        self.roles: list[Role] = []
        self.gender: dict[str, str] = {}  # a person's fullest name -> "male" / "female"
        self.mentions: list[Mention] = []  # the named people and organisations, in text order
        self.starts: list[int] = []  # the mentions' starts, for bisection
        self._expansions: dict[str, Optional[str]] = {}
        self._orgs = [(e.start_char, e.text) for e in ctx.ents if e.label_ == "ORG"]  # where and as what
        person_ents = labels.person_ents + speakers
        self._read_persons(person_ents)
        full_of = {p.start: self.fullest(p.words, p.start) for p in self.persons}
        # A relative named by a given name alone ("Spindler's father, Joseph") is not a namesake.
        self.relatives: list[tuple[int, str, str]] = []  # (start, kin noun, name)
        for p in self.persons:
            tok = self.ctx.token(p.start, p.end)
            if tok is not None and len(p.words) == 1 and self.kin_of(tok) is not None:
                full_of[p.start] = p.text
                self.relatives.append((p.start, self.kin_of(tok), p.text))
        self._read_roles_and_genders(person_ents, full_of)
        self._read_mentions(full_of)

    def _read_persons(self, person_ents: list[DocSpan]) -> None:
        """The people: the names of the person entities, and their surnames wherever else they
        stand."""
        for ent in person_ents:
            toks = self.labels.strip_title(list(ent))
            if toks:
                self.persons.append(Person(toks[0].idx, toks[-1].idx + len(toks[-1]), self.words_of(toks),
                                            self.text[toks[0].idx:toks[-1].idx + len(toks[-1])]))
        surnames = {p.words[-1] for p in self.persons}
        seen = {p.start for p in self.persons}
        # A known surname that the tagger labelled or tagged otherwise ("Blinken" as GPE, as a verb)
        # is still the person, unless the document mostly uses that word as a place or a date.
        words = self.ctx.words
        for i in self.ctx.capitalised:
            if norm(words[i]) not in surnames:
                continue
            tok = self.doc[i]
            if (tok.pos_ == "PROPN" or not tok.is_sent_start) and tok.idx not in seen and tok.ent_type_ != "PERSON" \
                    and not self.labels.mostly_not_a_name(norm(tok.text)):
                nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
                if nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ in ("ORG", "FAC"):
                    continue  # "Clinton Foundation"
                self.persons.append(Person(tok.idx, tok.idx + len(tok), (norm(tok.text),), tok.text))
        self.persons.sort(key=lambda p: p.start)
        self.name_words = {w for p in self.persons for w in p.words}
        # The people whose name ends, or begins, with each word: the only ones that name words
        # can stand for (``_fits``), so that ``fullest`` looks at those alone.
        self._ending: dict[str, list[int]] = {}
        self._beginning: dict[str, list[int]] = {}
        for k, p in enumerate(self.persons):
            if p.words:
                self._ending.setdefault(p.words[-1], []).append(k)
                self._beginning.setdefault(p.words[0], []).append(k)

    def _read_roles_and_genders(self, person_ents: list[DocSpan], full_of: dict[int, Optional[str]]) -> None:
        """Titles and roles, and gender from titles ("Mrs."), then from given names. ``full_of``:
        each person mention's start -> the fullest name it stands for."""
        for ent in person_ents:
            toks = self.labels.strip_title(list(ent))
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
                g = self._person_gender(Person(p.start, p.end, tuple(norm(w) for w in full.split()), full))
                if g:
                    self.gender[full] = g

    def _read_mentions(self, full_of: dict[int, Optional[str]]) -> None:
        """Named people and organisations are antecedents for pronouns; a name that only modifies a
        noun ("the Kinder Morgan pipeline", "the Trump campaign") is not one."""
        for p in self.persons:
            tok = self.ctx.token(p.start, p.end)
            if tok is None or (tok.dep_ == "compound" and tok.head.pos_ == "NOUN"):
                continue
            full = full_of[p.start]
            self._remember(Mention(p.start, p.end, self.ctx.sent_of[tok.i], p.text, full, "person",
                                    gender=self.gender.get(full or ""), subject=is_subject(tok),
                                    main=is_main_subject(tok)))
        person_at = {p.start for p in self.persons}
        self._read_unlabelled_orgs(person_at)
        for ent in self.ctx.ents:
            org_like = self.labels.not_persons.get(ent.start_char) == "organization"
            if (org_like or (ent.label_ in self.lex.org_labels and ent.label_ != "GPE")) and ent.start_char not in person_at \
                    and not self.labels.looks_like_person(ent) and not self.ctx.in_headline(ent.start_char):
                head = ent.root
                kind = "organization" if org_like else self._entity_kind(ent)
                noun = head.head
                if ent.label_ == "NORP" and head.dep_ in ("amod", "compound") and noun.tag_ == "NNS" \
                        and noun.i == ent.end:
                    # "Republican senators", "Canadian officials": the group is the whole phrase.
                    end = noun.idx + len(noun)
                    self._remember(Mention(ent.start_char, end, self.ctx.sent_of[noun.i], self.text[ent.start_char:end],
                                            self.text[ent.start_char:end], "group", plural=True,
                                            subject=noun.dep_ in SUBJECT_DEPS, main=is_main_subject(noun)))
                    continue
                self._remember(Mention(ent.start_char, ent.end_char, self.ctx.sent_of[head.i], ent.text,
                                        self.org_name(ent), kind, plural=head.tag_ == "NNPS" or kind == "group",
                                        subject=head.dep_ in SUBJECT_DEPS, main=is_main_subject(head)))

    def _read_unlabelled_orgs(self, person_at: set) -> None:
        """An organisation's one-word name the tagger labelled somewhere and left unlabelled
        elsewhere ("by TransLink", "Facebook said"): the same organisation, and an antecedent."""
        words = self.ctx.words
        for i in self.ctx.propn:
            w = norm(words[i])
            if not words[i][:1].isupper() or w not in self.labels.one_word_orgs:
                continue
            tok = self.doc[i]
            if tok.ent_type_ or tok.idx in person_at or w in self.name_words or not self.labels.org_word(w) \
                    or tok.dep_ == "compound" or self.labels.is_outlet(tok.text) or self.ctx.in_headline(tok.idx):
                continue
            self._remember(Mention(tok.idx, tok.idx + len(tok), self.ctx.sent_of[tok.i], tok.text,
                                    self.expansion(tok.text) or tok.text, "organization",
                                    subject=tok.dep_ in SUBJECT_DEPS, main=is_main_subject(tok)))

    def kin_of(self, name: Token) -> Optional[str]:
        """The family noun that a one-word name stands in apposition to ("his wife, Maria"), if any."""
        head = name.head
        if name.dep_ == "appos" and head.i < name.i and head.pos_ == "NOUN" and norm(head.lemma_) in self.lex.kin:
            return norm(head.lemma_)
        return None

    def words_of(self, toks: list[Token]) -> tuple:
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
        self.roles.append(Role(full, h, frozenset(words), start))

    def _gender_of(self, ent: DocSpan, name_toks: list[Token]) -> Optional[str]:
        """The gender a title or a gendered word before the name tells ("Mrs.", "his wife")."""
        lex = self.lex
        before = [norm(t.text) for t in self.doc[max(ent.root.left_edge.i, ent.start - 4):name_toks[0].i]]
        for w in reversed(before):
            if w in lex.male:
                return "male"
            if w in lex.female:
                return "female"
        return None

    def _remember(self, m: Mention) -> None:
        insert_mention(self.mentions, self.starts, m)

    def fullest(self, words: tuple, pos: int, gender: Optional[str] = None) -> Optional[str]:
        """The fullest name in the document of the person these name words may stand for: the
        nearest earlier longer mention that fits (else the first later one), then the longest
        name that extends it. ``gender`` (from "Ms." or "Mr.") rules out people known to differ."""
        if not words:
            return None
        ks = self._ending.get(words[-1], [])
        if len(words) == 1:
            ks = sorted(set(ks) | set(self._beginning.get(words[0], [])))
        cands = [self.persons[k] for k in ks if _fits(words, self.persons[k].words)]
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

    def _person_gender(self, p: Person) -> Optional[str]:
        if p.text in self.gender:
            return self.gender[p.text]
        first = p.words[0] if len(p.words) > 1 else ""
        if first in self.lex.male_names and first not in self.lex.female_names:
            return "male"
        if first in self.lex.female_names and first not in self.lex.male_names:
            return "female"
        return None

    def _entity_kind(self, ent: DocSpan) -> str:
        if self.labels.is_outlet(ent.text, ent):
            return "media"
        if ent.label_ in self.lex.group_labels:
            return "group"
        return "organization"

    def org_name(self, ent: DocSpan) -> str:
        key = outlet_key(ent.text)
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
        longer = [text for start, text in self._orgs if start < pos and text.startswith(prefix)]
        return max(longer, key=len) if longer else None

    def expansion(self, acronym: str) -> Optional[str]:
        """The full name an acronym stands for, when the document spells it out: the capitalised
        words whose initials make it ("Export Development Canada (EDC)" ... "EDC"; "the
        Parliamentary Budget Officer" ... "the PBO"), the one introducing it in brackets first."""
        if not (1 < len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        if acronym not in self._expansions:
            self._expansions[acronym] = self._spell_out(acronym)
        return self._expansions[acronym]

    def _spell_out(self, acronym: str) -> Optional[str]:
        doc, found = self.doc, []
        words, lowers = self.ctx.words, self.ctx.lowers
        for i in self.ctx.capitalised:  # the acronym's first letter is a capital
            if words[i][:1] != acronym[0] or words[i].isupper():
                continue
            j, k = i, 0
            while j < len(doc) and k < len(acronym):
                w = words[j]
                if w[:1].isupper() and not w.isupper() and w[0] == acronym[k]:
                    k += 1
                elif not (k and lowers[j] in self.lex.name_connectors):
                    break
                j += 1
            if k == len(acronym):
                bracketed = j + 2 < len(doc) and words[j] == "(" and words[j + 1] == acronym
                found.append((not bracketed, i, doc[i:j].text))
        return min(found)[2] if found else None

    def role_bearer(self, head: str, mods: frozenset, pos: int) -> Optional[str]:
        """The person bearing the role that a description names: same role head, and the
        description's modifiers among the role's words. Nearest earlier, else the one later."""
        fits = [r for r in self.roles if self.lex.canon(r.head) == head and mods <= r.words]
        earlier = [r for r in fits if r.start < pos]
        if earlier:
            return earlier[-1].name
        later = {r.name for r in fits}
        return next(iter(later)) if len(later) == 1 else None


def insert_mention(mentions: list[Mention], starts: list[int], m: Mention) -> None:
    """Put ``m`` in its place in text order; a mention at the same start is replaced (a resolved
    speaker replaces the bare entity mention)."""
    k = bisect.bisect_left(starts, m.start)
    if k < len(starts) and starts[k] == m.start:
        mentions[k] = m
        return
    starts.insert(k, m.start)
    mentions.insert(k, m)


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


def is_subject(tok: Token) -> bool:
    """Is ``tok`` a subject, or a name in apposition to one ("Elliott's father, the Rev. Charles
    Elliott Jr., knew Ali")?"""
    return tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS)


def is_main_subject(tok: Token) -> bool:
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
