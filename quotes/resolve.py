"""Resolving a mention against the document's cast: who a speaker, a relay or a subject is.

A mention is, in this order:

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

A ``Resolver`` reads the cast (quotes/cast.py) and remembers what it resolves, in text order, as
antecedents for later pronouns and descriptions; the cast itself never changes.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from .cast import Cast, Mention, insert_mention, is_main_subject
from .context import DocContext
from .lexicon import norm, outlet_key
from .model import Quote, Span, Speaker

# Subjects are the most salient antecedents for a pronoun; the walk back stops after this many
# sentences (sentences wholly inside quote marks do not count).
MAX_SENTENCES_BACK = 4
FALLBACK_SENTENCES = 12
BRACKETED = re.compile(r"\s?\[([^\[\]\n]{1,60})\]")
# Entity labels the tagger gives reliably enough to say a proper noun is no person's name.
NOT_PERSON_LABELS = ("DATE", "TIME", "GPE", "LOC", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")


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


class Resolver:
    """Resolves mentions of one document against its cast, in text order: ``resolve`` says who a
    mention is, ``remember`` keeps a resolved one as an antecedent for what follows. ``quotes``
    are the document's quotes: a name inside someone's quote marks is no antecedent outside, and
    "I" inside a quote is its speaker."""

    def __init__(self, ctx: DocContext, cast: Cast, quotes: list[Quote]):
        self.ctx = ctx
        self.cast = cast
        self.labels = cast.labels
        self.doc = ctx.doc
        self.text = ctx.text
        self.lex = ctx.lex
        self.quotes = quotes
        # Direct quotes' texts: a name inside someone's quote marks is not an antecedent outside.
        self.quoted = sorted((p.start, p.end) for q in quotes if q.type == "direct" for p in q.content.pieces())
        # The antecedents: the cast's named people and organisations, and what is resolved since.
        self.mentions: list[Mention] = list(cast.mentions)
        self.starts: list[int] = list(cast.starts)
        self._places: dict[int, tuple[Optional[tuple[int, int]], bool]] = {}

    def _remember(self, m: Mention) -> None:
        insert_mention(self.mentions, self.starts, m)

    # ---- what has been resolved: the antecedents for what follows -------------------------

    def remember(self, sp: Speaker, res: Optional[Resolution] = None, main: Optional[bool] = None) -> None:
        """Keep a resolved speaker (or another subject) as an antecedent for what follows. A
        speaker counts as a main-clause subject; ``main`` says whether another subject is one."""
        tok = self.ctx.token(sp.start, sp.end)
        if tok is None:
            return
        res = res or self._shape(sp.start, sp.end)
        g = res.gender or (self.cast.gender.get(sp.name) if sp.name else None)
        root = sp.refers_to or (Span(sp.start, sp.end, sp.text) if sp.anonymous else None)
        self._remember(Mention(sp.start, sp.end, self.ctx.sent_of[tok.i], sp.text, sp.name, sp.kind, sp.anonymous,
                                g, res.plural, True, main is not False, root, res.head, res.mods))

    def discourse_subjects(self) -> list[Speaker]:
        """Subjects outside quote marks that continue a person's thread: "he"/"she", and definite
        descriptions headed by a role noun ("the mayor", "the prime minister")."""
        out = []
        for i in self.ctx.subjects:
            tok = self.doc[i]
            if self.in_quotes(tok.idx) or self.ctx.in_caption(tok.idx):
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

    def _place(self, pos: int) -> tuple[Optional[tuple[int, int]], bool]:
        """The quote marks and whether a caption holds ``pos`` (asked again and again of the same
        mentions while walking back for antecedents, so kept)."""
        got = self._places.get(pos)
        if got is None:
            got = self._places[pos] = (self.in_quotes(pos), self.ctx.in_caption(pos))
        return got

    def in_quotes(self, pos: int) -> Optional[tuple[int, int]]:
        """The direct quote text (start, end) that holds position ``pos``, if any."""
        k = bisect.bisect_right(self.quoted, (pos, float("inf"))) - 1
        if k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]:
            return self.quoted[k]
        return None

    # ---- who a mention is ---------------------------------------------------------------------

    def resolve(self, sp: Speaker, quote: Optional[Quote] = None) -> Resolution:
        """Who the mention ``sp`` is. ``quote`` is the quote it is the speaker of, if any."""
        toks = self.ctx.tokens(sp.start, sp.end)
        if not toks:
            return Resolution()
        words = [norm(t.text) for t in toks if not t.is_punct]
        # "He [Blinken]": the writer's bracketed clarification names the referent.
        m = BRACKETED.match(self.text, sp.end)
        if m and len(words) == 1 and words[0] in self.lex.pronouns:
            inner = self.ctx.tokens(m.start(1), m.end(1))
            name = self.cast.fullest(tuple(norm(t.text) for t in inner if not t.is_punct), sp.start)
            if name:
                return Resolution(name=name, kind="person", end=m.end(), gender=self.cast.gender.get(name))
        if len(words) == 1 and words[0] in self.lex.pronouns:
            return self._pronoun(words[0], sp, quote)
        group = self._cast_group(sp.start, sp.end)
        if group is not None:
            return group
        return self._describe(sp.start, sp.end, toks)

    def _cast_group(self, start: int, end: int) -> Optional[Resolution]:
        """A party's or a nation's name before a plural noun ("Republican senators", "Canadian
        officials") is a group that the cast names by the whole phrase (cast.py), and a later
        "they" takes that name; as a speaker the phrase is the same group, named alike."""
        toks = self.ctx.tokens(start, end)
        if not toks or toks[-1].tag_ != "NNS" or len(toks) < 2:
            return None
        k = bisect.bisect_left(self.cast.starts, start)
        for m in self.cast.mentions[k:]:
            if m.start != start:
                break
            if m.end == end and m.kind == "group" and m.name == self.text[start:end]:
                shape = self._shape(start, end)
                return Resolution(name=m.name, kind="group", plural=True, head=shape.head, mods=shape.mods)
        return None

    def _shape(self, start: int, end: int) -> Resolution:
        """Head, modifiers and number of a mention, without resolving it."""
        toks = self.ctx.tokens(start, end)
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
        # "One swing-district Republican, Ohio Rep. Dana Whitcombe"), or the name it is given ("a
        # clerk in the river district named Orrin").
        run = self._name_run(head, toks)
        person_run = bool(run) and self.cast.fullest(self.cast.words_of(run), start) is not None
        if not person_run and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ not in NOT_PERSON_LABELS)):
            name = self._appos_name(head, start) or self._given_name(head, start) or self._relative(head, start)
            if name:
                shape["plural"] = False
                return Resolution(name=name, kind="person", gender=self.cast.gender.get(name), **shape)
        if run:
            # Coordinated names are one source ("Both Sandmann and Phillips have said").
            both = self._coordinated_names(head, start)
            if both is not None:
                names, last = both
                shape["plural"] = True
                return Resolution(name=" and ".join(names), kind="group", end=max(end, last), **shape)
            words = self.cast.words_of(run)
            titled = {norm(t.text) for t in toks if t.i < run[0].i}
            gender = "male" if titled & lex.male else "female" if titled & lex.female else None
            name = self.cast.fullest(words, start, gender)
            org_ent = next((e for e in self.ctx.ents if e.start <= head.i < e.end and (
                e.label_ in lex.org_labels or self.labels.not_persons.get(e.start_char) == "organization")), None)
            if name:
                shape["plural"] = False  # "Sanders", "Rep. Jeff Davis": a name tagged as a plural noun
                return Resolution(name=name, kind="person", gender=self.cast.gender.get(name), **shape)
            if self.labels.is_outlet(text) or (org_ent is not None and self.labels.is_outlet(org_ent.text, org_ent)):
                key = outlet_key(text) if outlet_key(text) in lex.outlets else outlet_key(org_ent.text)
                return Resolution(name=lex.outlets.get(key) or (org_ent.text if org_ent is not None else text),
                                  kind="media", **shape)
            # "the Kentucky Republican": a party's name as the head of a singular description is
            # one of its members, a person.
            member = org_ent is not None and org_ent.label_ == "NORP" and not plural and hword in lex.person_nouns
            if org_ent is not None and det not in lex.indefinite and not member:
                kind = "group" if org_ent.label_ in lex.group_labels else "organization"
                return Resolution(name=self.cast.org_name(org_ent), kind=kind, **shape)
            if org_ent is None and len(run) == 1 and head.ent_type_ == "" and hword in self.labels.one_word_orgs \
                    and self.labels.org_word(hword):
                # The organisation the document labels elsewhere ("Facebook said" left unlabelled).
                return Resolution(name=self.cast.expansion(head.text) or head.text, kind="organization", **shape)
            if len(run) == 1 and self.cast.expansion(head.text):
                # An acronym the document spells out ("EDC" for "Export Development Canada").
                return Resolution(name=self.cast.expansion(head.text), kind="organization", **shape)
            if org_ent is None and det not in lex.indefinite and head.pos_ == "PROPN" and hword not in lex.titles \
                    and head.ent_type_ not in NOT_PERSON_LABELS:
                # An unlabelled proper name ("Ryabkov" in a headline) is most often a person; a
                # date or a place ("August", "Samar") is none.
                name = self.text[run[0].idx:run[-1].idx + len(run[-1])]
                return Resolution(name=name, kind="person", **shape)

        if self.labels.is_outlet(text):
            return Resolution(name=lex.outlets[outlet_key(text)], kind="media", **shape)
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
                role = self.cast.role_bearer(canon, mods, start)
                if role is not None:
                    return Resolution(name=role, kind="person", gender=self.cast.gender.get(role), **shape)
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

    # ---- names in and around a description ----------------------------------------------------

    def _name_run(self, head: Token, toks: list[Token]) -> list[Token]:
        """Proper-noun tokens ending at the head, stopping at a title word ("Russian Foreign
        Ministry Spokesperson Maria Zakharova" -> "Maria Zakharova"). A capitalised word that is
        part of a known person's name counts whatever its tag ("Blinken" tagged as a verb)."""

        def namelike(t: Token) -> bool:
            if not t.text[:1].isupper() or norm(t.text) in self.lex.titles:
                return False
            return t.pos_ in ("PROPN", "X") or t.ent_type_ == "PERSON" or norm(t.text) in self.cast.name_words

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

    def _relative(self, head: Token, pos: int) -> Optional[str]:
        """The relative that a possessive family description names: the nearest earlier one
        named with the same noun ("Spindler's father, Joseph" ... "His father" -> Joseph)."""
        kin = norm(head.lemma_)
        if kin not in self.lex.kin or not any(c.dep_ == "poss" for c in head.children):
            return None
        return next((name for start, k, name in reversed(self.cast.relatives) if k == kin and start < pos), None)

    def _appos_name(self, head: Token, start: int) -> Optional[str]:
        """The person's name in apposition to a description ("A Twitter spokesman, Christopher
        Abboud"); a relative's given name as written ("Spindler's father, Joseph")."""
        for appos in head.children:
            if appos.dep_ == "appos" and appos.i > head.i:
                named = self._name_run(appos, list(self.doc[appos.left_edge.i:appos.i + 1]))
                if len(named) == 1 and self.cast.kin_of(appos) is not None:
                    return named[0].text
                name = self.cast.fullest(self.cast.words_of(named), start) if named else None
                if name:
                    return name
        return None

    def _given_name(self, head: Token, start: int) -> Optional[str]:
        """The name a description is given by "named", "called", "identified as" ("a clerk in the
        river district named Orrin")."""
        for t in head.subtree:
            if t.dep_ != "acl" or t.lemma_.lower() not in self.lex.naming_verbs:
                continue
            for c in t.children:
                obj = c if c.dep_ in ("oprd", "dobj", "attr", "xcomp", "npadvmod") else next(
                    (g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" else None
                if obj is not None and obj.pos_ == "PROPN":
                    run = self._name_run(obj, list(self.doc[obj.left_edge.i:obj.i + 1]))
                    if run:
                        return self.cast.fullest(self.cast.words_of(run), start) or \
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
            name = self.cast.fullest(self.cast.words_of(run), start) if run else None
            if name is None:
                return None
            out.append(name)
            last = t.idx + len(t)
        return out, last

    # ---- organisations and texts --------------------------------------------------------------

    def _org_antecedent(self, hword: str, pos: int, mods: frozenset, mods_text: list) -> Optional[str]:
        """The organisation a definite description names: the most salient earlier organisation
        whose name holds the noun and its modifiers ("the commission" -> "Ontario Civilian Police
        Commission", "the city" -> "City of Surrey", not "the Canadian government" -> "the
        Australian Government"), else, for a noun any organisation may be called by ("the
        company", "the group", "the agency") and no proper modifier, the most salient
        organisation before it."""
        def named_so(m: Mention) -> bool:
            words = {norm(w) for w in (m.name or "").split()}
            return m.kind == "organization" and hword in words and mods <= words

        ante = self._antecedent(pos, "organization", fits=named_so, window=len(self.ctx.sents))
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
            k = bisect.bisect_left(self.starts, pos)
            for m in reversed(self.mentions[:k]):
                if m.kind == "document" and m.head == hword and m.name:
                    return m.name
        return None

    # ---- unnamed sources ----------------------------------------------------------------------

    def _anonymity_cue(self, head: Token) -> bool:
        sent = self.ctx.sents[self.ctx.sent_of[head.i]].text.lower()
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

    # ---- pronouns and their antecedents -------------------------------------------------------

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
            tok = self.ctx.token(sp.start, sp.end)
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

    def _fits_pronoun(self, m: Mention, cls: str) -> bool:
        if cls in ("male", "female", "person"):
            g = m.gender or (self.cast.gender.get(m.name) if m.name else None)
            return m.kind == "person" and not m.plural and (g is None or g == cls or cls == "person")
        if cls == "plural":
            return m.plural or m.kind in ("group", "organization")
        if cls == "neuter":
            return not m.plural and m.kind in ("organization", "media", "document")
        if cls == "organization":
            return m.kind == "organization" and bool(m.name)
        return False

    def _antecedent(self, pos: int, cls: str, fits=None, window: int = MAX_SENTENCES_BACK) -> Optional[Mention]:
        """The most salient earlier mention that fits the pronoun: in the pronoun's own sentence
        the nearest subject before it, then sentence by sentence back, subjects (and speakers)
        first and then the others from the left; names inside other people's quote marks are
        skipped."""
        tok = self.ctx.token(pos, pos + 1)
        if tok is None:
            return None
        own_quote = self.in_quotes(pos)
        own_caption = self.ctx.in_caption(pos)
        k = bisect.bisect_left(self.starts, pos)
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
        by_sent: dict[int, list[Mention]] = {}
        for m in cands:
            by_sent.setdefault(m.sent, []).append(m)
        here = self.ctx.sent_of[tok.i]
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
                        return group[0] if is_main_subject(tok) else min(group, key=lambda m: m.start)
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

    def _set_apart(self, m: Mention) -> bool:
        """Is the mention inside a phrase that sets it apart from the sentence's subject ("unlike
        X", "like X", "besides X")?"""
        tok = self.ctx.token(m.start, m.end)
        for anc in (tok.ancestors if tok is not None else []):
            if anc.pos_ in ("VERB", "AUX"):
                return False
            if anc.lower_ in self.lex.apart_prepositions:
                return True
        return False

    def _mentioned(self, m: Mention, here: int) -> int:
        """How often the entity of ``m`` is mentioned in the sentences up to ``here``, within
        the pronoun window."""
        if not m.name:
            return 1
        k = bisect.bisect_left(self.starts, self.ctx.sents[here].end_char)
        return sum(1 for o in self.mentions[:k] if o.name == m.name and here - o.sent <= FALLBACK_SENTENCES)

    def _all_quoted(self, s: int) -> bool:
        sent = self.ctx.sents[s]
        words = [t for t in sent if not t.is_punct and not t.is_space]
        return bool(words) and all(self.in_quotes(t.idx) for t in words)


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
