"""Where an indirect content begins and ends, under the scope's convention (rules/conventions.json).

A pattern (quotes/indirect.py) finds the reported clause or object; these functions say what of
the sentence around it belongs to the content: the cue's dependents after the content that
complete it (``with_children``, "cue_continuations", "cue_extensions", a clause subject the
parser took for the cue's object: "object_as_subject"), and what a convention leaves out (a
second report coordinated into the content, an "according to X" phrase, a date after a person
object, the speaker's next act, trailing appositions and relative clauses, the time and place of
the message and the medium it went out on: "source_phrases", "person_object_times", "cue_sequels",
"trailing_modifiers", "cue_occasions", "cue_media"). Each takes token indices and returns the
indices to add or to cut.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .intervals import Near
from .marks import QUOTE_MARKS

# With rest_of_clause, every right child of the cue after the content joins it but these: the
# small model often hangs the rest of a long object on the verb ("noted the testimony by Gregory
# Hicks, the former deputy chief ..."), but a coordinated or subordinate clause is another matter.
NOT_REST_OF_CLAUSE = {"punct", "cc", "conj", "ccomp", "parataxis", "advcl", "nsubj", "dep"}
# What makes a verb a clause of its own rather than a conjunct sharing its neighbour's
# auxiliaries, subject and subordinator (content_conjunct, conjunct_tail_kind).
OWN_CLAUSE = ("aux", "auxpass", "nsubj", "nsubjpass", "expl", "mark")


def later_reports(doc: Doc, tokens: set[int], heads: list[Token], verbs: frozenset,
                  cue: Optional[Token] = None) -> set[int]:
    """Tokens of a second report coordinated into the content: in "said A and said that B",
    "said A, noting that B" or "urged Y to A and pressed for B" the parser hangs the second cue
    under A, but B is its own quote.
    Everything from the coordinating word or comma before that cue on is cut. With ``cue``
    (conventions.json "content_conjuncts": 'keep'), a verb in the content head's form and not
    the cue's stays (content_conjunct)."""
    cut: set[int] = set()
    for i in sorted(tokens):
        tok = doc[i]
        # Only a report coordinated with the content's own head: one deeper down ("X said that Y
        # urged A and pressed for B") is part of what X reported.
        if i in cut or tok.dep_ not in ("conj", "advcl") or tok.head not in heads or tok.i < tok.head.i:
            continue
        if cue is not None and content_conjunct(tok, tok.head, cue):
            continue  # "said he would call the mayor and ask her ...": the content's own verb
        # "and said that B" shares the outer subject; "and that the world expects B" has its own
        # subject and is a second content of the same report, which stays.
        second_report = (tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)) \
            or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
        reports = any(c.dep_ in ("ccomp", "dobj", "xcomp") or (c.dep_ == "prep" and c.lower_ == "for")
                      for c in tok.children)  # "... and pressed for X's release"
        if second_report and tok.lemma_.lower() in verbs and reports:
            start = tok.left_edge.i
            while start - 1 in tokens and (doc[start - 1].dep_ == "cc" or doc[start - 1].is_punct):
                start -= 1
            cut.update(j for j in tokens if j >= start and j <= tok.right_edge.i)
    return cut


def content_conjunct(tok: Token, head: Token, cue: Token) -> bool:
    """A verb coordinated with the content's head ``head`` that shares the head's form but not
    the cue's, with no auxiliary, subject or subordinator of its own: it takes the head's
    auxiliaries and subject, so it goes on what was reported, not a second act of the speaker.
    In "pledged to cut fees and hire nurses" or "said she would call the mayor and ask her to
    resign" the bare "hire" and "ask" cannot go with the past "pledged" and "said"; in "said
    she called the mayor and asked ..." the past "asked" can, and stays a second report."""
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.tag_ == head.tag_ != cue.tag_ \
        and not any(c.dep_ in OWN_CLAUSE for c in tok.children)


# The conventions.json keys whose value "out" leaves a kind of excess out of a content.
TRIM_KEYS = ("source_phrases", "person_object_times", "cue_sequels", "cue_media")


def source_phrases(doc: Doc, tokens: set[int], marks: Near) -> set[int]:
    """An "according to X" phrase hung on the content's head ("A, according to the survey") names
    who vouches for A: it is a source and a cue of its own, never part of what was reported. In
    the source's own quoted words ("“the bridge was safe, according to the engineers”") it stays."""
    cut: set[int] = set()
    for i in sorted(tokens):
        tok = doc[i]
        if tok.lower_ != "according" or tok.dep_ != "prep" or tok.head.i not in tokens \
                or doc[tok.head.i].head.i in tokens and doc[tok.head.i].head.i != tok.head.i:
            continue  # only on the content's head: deeper down it belongs to what was reported
        if any(s.start < tok.idx < s.end for s in marks(tok.idx, tok.idx)):
            continue
        cut.update(j for j in range(tok.left_edge.i, tok.right_edge.i + 1) if j in tokens)
    return cut


def _is_person(tok: Token, pronouns: frozenset) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON" or (tok.pos_ == "PRON" and tok.lower_ in pronouns)


def _time_phrase(tok: Token) -> bool:
    """"last week", "in December", "in coming weeks": a date or time the parser hung on the cue."""
    if tok.dep_ in ("npadvmod", "tmod"):
        return tok.ent_type_ in TIME_ENTS
    return tok.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in TIME_ENTS for o in tok.children)


def trim_complements(cue: Token, include: list[Token], extra: list[Token], trims: frozenset,
                      person_pronouns: frozenset = frozenset(), media: frozenset = frozenset()) -> list[Token]:
    """The cue's complements after its content, less those the convention leaves out:
    ``person_object_times``: a date after an object that is a person ("criticized Smith last week",
    "endorsed Jones in December"): the message is about the person; the date says when it was
    delivered (after a noun, "his campaign launch last year", the date often dates the thing itself and
    stays); ``cue_sequels``: a "before"/"after" participle phrase on the cue ("praised the council
    before endorsing its rival"), the speaker's next or earlier act, not what the message says;
    ``cue_media``: the medium the message went out on, when it ends the content (medium_phrase:
    "thanked her staff | on Twitter")."""
    person = bool(include) and _is_person(include[0], person_pronouns)
    out = []
    for c in extra:
        if "person_object_times" in trims and person and _time_phrase(c):
            continue
        if "cue_sequels" in trims and c.dep_ == "prep" and c.lower_ in ("before", "after") \
                and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children):
            continue
        if "cue_media" in trims and c is extra[-1] and medium_phrase(c, media):
            continue  # last only: "criticized her on Twitter for the vote" stays one span in PolNeAR
        out.append(c)
    return out


# The prepositions that put a message on a medium: "on Twitter", "in a radio program", "from the
# Senate floor", "over the airwaves", "during her morning show".
MEDIUM_PREPS = {"on", "in", "from", "over", "during"}


def medium_phrase(tok: Token, media: frozenset) -> bool:
    """A phrase hung on the cue that names the medium, platform or floor the message went out on
    ("praised the firefighters | on Twitter", "attacked the plan | on his weekly radio show",
    "denounced the bill | from the Senate floor", ``media``: conventions.json "message_media"): like
    the occasion of cue_occasions, it says where the message was delivered, not what it says.
    Hung on the object instead ("a debate on the network's future") it is part of the content."""
    return tok.dep_ == "prep" and tok.lower_ in MEDIUM_PREPS and any(
        o.dep_ == "pobj" and (o.lemma_.lower() in media or o.lower_ in media) for o in tok.children)


NON_RESTRICTIVE = {"appos", "relcl"}


def trailing_apposition(doc: Doc, tokens: set[int], keep_names: bool = False) -> set[int]:
    """A comma-set modifier that ends the content is the writer's background, not the source's
    words: an apposition ("release ... Paul Whelan, a former Marine who was arrested in Russia")
    or a non-restrictive relative clause (", who is joined on the ballot by ..."). A trailing
    participle stays: "..., disrespecting efforts by the Indian hosts" is still the report. With
    ``keep_names``, an apposition that is a name stays too: "her opponent, Sen. Bernie Sanders"
    says who is meant rather than adding background."""
    if not tokens:
        return set()
    last = max(tokens)
    for i in sorted(tokens):
        tok = doc[i]
        start = tok.left_edge.i
        if keep_names and tok.dep_ == "appos" and all(t.pos_ in ("PROPN", "PUNCT") for t in tok.subtree):
            continue  # a name and nothing else: not "Paul Whelan, a former Marine who ..."
        if tok.dep_ in NON_RESTRICTIVE and tok.right_edge.i >= last - 1 and start > min(tokens) \
                and doc[start - 1].text == ",":
            return {j for j in tokens if j >= start - 1}
    return set()


# The prepositions that introduce what an expression noun is about ("concerns about A", "support
# for A", "a message of A"); the preposition goes with the noun into the cue.
NOUN_TOPIC_PREPS = {"about", "on", "for", "over", "at", "against", "toward", "towards", "regarding"}
TIME_ENTS = {"DATE", "TIME"}
# A noun that a determiner or a possessor makes definite ("his promise to ...", "the notion that
# ...") is itself what the verb takes a stance on; a bare or indefinite one ("expressed concern",
# "issued a statement") names the act of expression.
DEFINITE = {"the", "this", "that", "these", "those"}


def noun_complement(noun: Token, nouns: frozenset) -> list[Token]:
    """What an object noun that names an expression or an attitude reports, when it says: its
    that-clause ("concern that A"), its infinitive ("a desire to A"), the complements of a
    participle ("a statement saying A", "a report detailing A", "a resolution condemning A") or
    its topic ("concerns about A", "their thoughts on A"). Empty when the noun is no such noun or
    has none of these (then the noun phrase itself is the content)."""
    if noun.pos_ != "NOUN" or (noun.lemma_.lower() not in nouns and noun.lower_ not in nouns):
        return []
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.lefts):
        return []
    for c in noun.rights:
        if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return [c]
        if c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return [c]
        if c.dep_ == "acl" and c.tag_ == "VBG" and not any(g.dep_ in ("nsubj", "mark", "aux") for g in c.children):
            # "a statement saying A", "a statement calling on X to A": what the participle takes
            parts = [g for g in c.rights if g.dep_ in ("ccomp", "dobj", "xcomp", "oprd")]
            parts += [o for g in c.rights if g.dep_ == "prep" for o in g.children if o.dep_ == "pobj"
                      and o.ent_type_ not in TIME_ENTS]
            return parts
        if c.dep_ == "prep" and c.lower_ in NOUN_TOPIC_PREPS:
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in TIME_ENTS]
            if objs:
                return objs
    return []


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _occasion(tok: Token, occasions: frozenset) -> bool:
    """A phrase hung on the cue that says when or where the report was made: a day ("Tuesday",
    "on Thursday night") or a speech event ("in a tweet", "in an interview with ...", "at a
    rally"), the words of cues.json's speech_events."""
    def day(t: Token) -> bool:
        return t.ent_type_ in TIME_ENTS and any(w.lower_ in WEEKDAYS for w in t.subtree)
    if tok.dep_ in ("npadvmod", "tmod") and day(tok):
        return True
    return tok.dep_ == "prep" and any(o.dep_ == "pobj" and (day(o) or o.lemma_.lower() in occasions)
                                      for o in tok.children)


def complements(cue: Token, include: list[Token], spec: Optional[dict], report_verbs: frozenset,
                 occasions: Optional[frozenset] = None) -> list[Token]:
    """Children of the cue after the content that complete it: an object complement ("called it
    predatory"), an "as"/"of" phrase ("described X as Y", "accused him of sexism"), or (with
    ``conj_clauses``) a coordinated clause with its own subject that the parser hung on the cue
    instead of the content ("said that A, but that B" / "..., but a federal judge refused"); a
    coordinated report ("and said that B") is a quote of its own and stays out. With ``occasions``
    (speech-event nouns), a phrase saying when or where the report was made stays out too."""
    if not spec:
        return []
    last = max(t.right_edge.i for t in include)
    deps, preps = set(spec.get("deps", [])), set(spec.get("preps", []))
    out = []
    for c in cue.rights:
        if c.i <= last:
            continue
        if spec.get("rest_of_clause") and occasions is not None and _occasion(c, occasions):
            continue  # "... praised her granddaughter in speeches on Monday": where and when, not what
        if c.dep_ in deps or (c.dep_ == "prep" and c.lower_ in preps) or \
                (spec.get("rest_of_clause") and c.dep_ not in NOT_REST_OF_CLAUSE):
            out.append(c)
        elif spec.get("conj_clauses") and c.dep_ == "conj" and c.lemma_.lower() not in report_verbs \
                and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
            out.append(c)
        elif spec.get("conj_clauses") and c.dep_ == "ccomp" and cue.doc[c.left_edge.i - 1].dep_ == "cc":
            out.append(c)  # "said that A, and that B" parsed as two complements of "said"
    return out


def continuation_kind(tok: Token) -> str:
    """The kind of a dependent for the convention's "cue_continuations": "ccomp"; an adverbial
    clause by its subordinator ("advcl:if", "advcl:as"), an infinitive one "advcl:to", a
    participial one "advcl:ing"; a prepositional phrase by its preposition ("prep:as"); else
    the dependency label."""
    if tok.dep_ == "advcl":
        mark = next((c.lower_ for c in tok.children if c.dep_ == "mark"), None)
        if mark:
            return f"advcl:{mark}"
        if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return "advcl:to"
        return "advcl:ing" if tok.tag_ == "VBG" else "advcl"
    if tok.dep_ == "prep":
        return f"prep:{tok.lower_}"
    return tok.dep_


def continuations(doc: Doc, cue: Token, tokens: set[int], kinds: frozenset) -> set[int]:
    """Dependents of the cue that the parser hung on it, though they go on the content: each
    starts right after the content, with no punctuation between, and is of one of ``kinds``
    (continuation_kind), or after a single comma when ``kinds`` lists it with one (", ccomp":
    "said the fire was under control, | no homes were lost").
    The small model often attaches what ends a long content to the reporting verb: a second
    clause ("said she would run again | should the party ask her"), an infinitive
    ("urged the secretary | to release the transcripts"), a condition ("would support Trump | if
    he is the nominee") or the "as" phrase of "described X | as Y". A clause of time or
    circumstance ("... as he faces a test") is the writer's, and stays out."""
    added: set[int] = set()
    end = max(tokens)
    grown = True
    while grown:
        grown = False
        for c in cue.rights:
            if c.i in tokens or c.left_edge.i <= end:
                continue
            gap = [t.text for t in doc[end + 1:c.left_edge.i]]
            first = c.left_edge
            if first.text == "," and not gap:
                gap, first = [","], doc[first.i + 1]
            if gap not in ([], [","]) or first.is_punct:
                continue
            # set off by a comma, a dependent is listed apart: "ccomp" is not ", ccomp"
            kind = (", " if gap else "") + continuation_kind(c)
            if kind in kinds:
                added.update(range(c.left_edge.i, c.right_edge.i + 1))
                end = c.right_edge.i
                grown = True
    return added


# An adverbial clause opened by one of these is a time or circumstance of the report ("when
# asked about ...", "while in Congress"), the writer's, even without a subordinating "mark".
CIRCUMSTANCE_WORDS = {"when", "while", "where", "whenever", "once", "before", "after", "until", "since"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
WH_PRONOUNS = {"who", "whom", "which", "what", "whose"}


def extension_kind(tok: Token, after_noun: bool, report_verbs: frozenset) -> Optional[str]:
    """The kind of a dependent of the cue for the convention's "cue_extensions", or None:
    "bare_clause", an adverbial clause with no subordinator, no "to" and no participle ("should
    he win", "a docket studded with cases", "ballots still being counted", "her as likable");
    "object_participle", a participle after a noun content ("recalled her father | teaching her
    to shoot"; not a report verb's: "..., noting that" is a second report); "coordinated_object",
    a noun, name or pronoun coordinated with the content but hung on the cue ("questioned his
    values | and his readiness"), not a clause with its own subject nor a relative pronoun."""
    if tok.dep_ == "advcl":
        if any(c.dep_ == "mark" or (c.dep_ == "aux" and c.lower_ == "to") for c in tok.children):
            return None  # "if", "because", "as", "to": continuation_kind's kinds
        if tok.left_edge.lower_ in CIRCUMSTANCE_WORDS or tok.left_edge.lower_ in WH_PRONOUNS \
                or any(c.dep_ == "advmod" and c.lower_ in CIRCUMSTANCE_WORDS for c in tok.children):
            return None
        if tok.tag_ == "VBG":
            return "object_participle" if after_noun and tok.lemma_.lower() not in report_verbs else None
        return "bare_clause"
    if tok.dep_ == "conj" and tok.pos_ in NOMINAL and tok.lower_ not in WH_PRONOUNS \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return "coordinated_object"
    return None


def extensions(doc: Doc, cue: Token, tokens: set[int], kinds: frozenset, report_verbs: frozenset) -> set[int]:
    """The first dependent that the parser hung on a verb or adjective cue after the content,
    when it is of one of ``kinds`` (extension_kind): right after the content, or after a single
    comma when ``kinds`` lists it with one (", bare_clause"). A coordinated object takes its
    coordinator with it ("blasted the film | and the books"). PolNeAR keeps these in the
    content ("wants to help them keep that promise | should he win", "recalled her days in
    office | advising the president", "questioned his values | and his readiness to lead")."""
    end = max(tokens)
    if cue.i > end or cue.pos_ not in ("VERB", "AUX", "ADJ"):
        return set()
    last = end  # a comma, dash or coordinator that ends the content's tokens is a gap too
    while last > min(tokens) and (doc[last].dep_ == "cc" or doc[last].is_punct) and doc[last].text not in QUOTE_MARKS:
        last -= 1
    heads = [doc[i] for i in sorted(tokens) if doc[i].head.i not in tokens or doc[i].head.i == i]
    after_noun = bool(heads) and heads[0].pos_ in NOMINAL
    coordinators: list[Token] = []
    for c in cue.rights:
        if c.i <= end or c.left_edge.i <= end:
            continue
        if c.dep_ in ("cc", "preconj"):
            coordinators.append(c)  # "and", "or", "but" before a coordinated object
            continue
        if c.dep_ == "punct" and c.text == "," and not coordinators:
            continue  # a comma hung on the cue: the gap before the next dependent
        start = coordinators[0].i if coordinators else c.left_edge.i
        gap = [t.text for t in doc[last + 1:start]]
        first = doc[start]
        if first.text == "," and not gap:
            gap, first = [","], doc[start + 1]
        if gap not in ([], [","]) or (first.is_punct and not coordinators):
            return set()
        kind = extension_kind(c, after_noun, report_verbs)
        if kind is None or (kind == "coordinated_object") != bool(coordinators):
            return set()
        if (", " if gap else "") + kind in kinds or (gap and kind == "coordinated_object" and kind in kinds):
            return set(range(start, c.right_edge.i + 1))
        return set()
    return set()


def object_as_subject(doc: Doc, cue: Token, tokens: set[int], head: Token) -> set[int]:
    """The subject of a reported clause that the parser took for the cue's object: in "admitted
    the feud between the camps most likely does not reflect ..." the small model often reads "the
    feud ..." as the object of "admitted" (or, for a noun of time or manner, "the days when ...", as an
    adverbial noun) and hangs the rest, a clause with no subject of its own, on the cue as its
    complement. When the object ends right where the content starts (quote marks apart) and the
    content's head is a finite or participial verb without a subject, a subordinator or an
    infinitive "to", the object is the clause's subject and goes on the content."""
    start = min(tokens)
    if cue.i > start or head.pos_ not in ("VERB", "AUX") or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") or (c.dep_ == "aux" and c.lower_ == "to")
            for c in head.children):
        return set()
    for c in cue.rights:
        if c.dep_ in ("dobj", "npadvmod") and c.i < start and c.right_edge.i < start \
                and all(t.text in QUOTE_MARKS for t in doc[c.right_edge.i + 1:start]):
            return set(range(c.left_edge.i, start))
    return set()


def list_apposition(doc: Doc, cut: set[int]) -> bool:
    """The comma-set "apposition" that trailing_apposition would cut holds a coordination: the
    parser read the rest of a list as an apposition to its first item ("thanked his parents, | his
    sisters and his coach", "differ on taxes, | the budget and the courts"), which is no
    background of the writer's but the rest of the content. One that opens with "a" or "an"
    describes after all ("..., a banker and former official who ...")."""
    first = min(cut) + 1
    if first >= len(doc) or doc[first].lower_ in ("a", "an"):
        return False  # "..., a banker and former official who ...": a description after all
    return any(t.dep_ == "appos" and t.left_edge.i == first
               and any(c.dep_ in ("conj", "cc") for c in t.children) for t in doc[first:max(cut) + 1])


def cue_between(cue: Token, subject: Optional[Token], complement: Optional[Token], tokens: set[int]) -> set[int]:
    """The cue of a clause-internal judgement ("X is expected to A", "X seemed to A", "X is seen
    as A"; a pattern's ``with_cue`` content) with what stands between the subject and the
    complement: auxiliaries, negation, adverbs ("X, until recently, seemed A", "X isn't expected to
    A"). PolNeAR annotates such a content as two fragments, the subject and the complement, with
    the cue left out (conventions.json "cue_inside_content": 'around'). Nothing when the cue does
    not stand between them."""
    if subject is None or complement is None:
        return set()
    lo, hi = subject.right_edge.i, complement.left_edge.i
    if not lo < cue.i < hi:
        return set()
    return {i for i in range(lo + 1, hi)} & tokens


# Words that open an embedded question coordinated with a content ("talked about the budget |
# and how the town would pay for it"). "if" (often a condition) and "who", "which" (often a
# relative clause) are left out.
QUESTION_WORDS = {"how", "whether", "why", "what", "when", "where"}
CONJUNCT_TAIL_KINDS = frozenset({"verb", "question"})


def conjunct_tail_kind(unit: Token, gap: list[Token], head: Token) -> Optional[str]:
    """The kind of the unit after a content for the convention's "conjunct_tails", or None:
    "verb", a verb in the form of the content's head (and, conjunct_tails checks, not the
    cue's) with no subject, auxiliary or subordinator of its own, coordinated or set after a
    comma ("pledged to cut fees | , hire more nurses and reopen the clinic"); "question", an
    embedded question with a subject of its own after "and" or "or" ("spoke about the budget | and
    how the town would pay for it")."""
    if unit.pos_ not in ("VERB", "AUX") or unit.dep_ not in ("conj", "advcl", "ccomp"):
        return None
    if unit.dep_ != "ccomp" and unit.tag_ == head.tag_ and not any(c.dep_ in OWN_CLAUSE for c in unit.children):
        return "verb"
    words = {t.lower_ for t in gap}
    if words & {"and", "or"} and not words & {"but", "yet"} and _asks(unit) \
            and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in unit.children):
        return "question"
    return None


def _asks(clause: Token) -> bool:
    """The clause opens with a question word of its own ("how it works", "how many voters
    came", "whether she runs"), not with one of a clause inside it ("when it was over, they
    left": a time clause on "left")."""
    tok = clause.left_edge
    if tok.lower_ not in QUESTION_WORDS:
        return False
    while tok.i != clause.i:
        if tok.dep_ in ("advcl", "ccomp", "relcl", "acl", "conj", "csubj"):
            return False
        tok = tok.head
    return True


def conjunct_tails(doc: Doc, cue: Token, tokens: set[int], head: Token, kinds: frozenset) -> set[int]:
    """What the parser hung outside the content (on the cue, or on a word of the sentence around
    it) though it is coordinated with the content, when it is of one of ``kinds``
    (conjunct_tail_kind): a verb that takes the content head's auxiliaries and subject ("pledged
    to cut fees | , hire more nurses and reopen the clinic", "hopes to keep the House | and win
    the Senate", "backed closing the plant | , retraining its workers and ...": the bare "hire"
    cannot go with the past "pledged"), or an embedded question after a topic or object ("talked
    about the budget | and how the town would pay for it"). Only the first unit after the content
    is read, right after it or after a comma, a coordinator or both."""
    first, end = min(tokens), max(tokens)
    if cue.i > end:
        return set()
    last = end  # a comma or coordinator that ends the content's tokens is a gap too ("X and | how")
    while last > first and (doc[last].dep_ == "cc" or doc[last].text == ","):
        last -= 1
    sent_end = head.sent.end
    k = last + 1
    while k < sent_end and (doc[k].text == "," or doc[k].dep_ in ("cc", "preconj")):
        k += 1
    if k >= sent_end or k - (last + 1) > 2 or doc[k].is_punct or doc[k].is_space:
        return set()
    unit = doc[k]
    while unit.head.i != unit.i and unit.head.i > end and unit.head.left_edge.i > end:
        unit = unit.head
    if unit.i == cue.i or unit.head.i in tokens:
        return set()
    kind = conjunct_tail_kind(unit, list(doc[last + 1:k]), head)
    if kind == "verb" and (head.pos_ not in ("VERB", "AUX") or head.tag_ == cue.tag_):
        return set()  # "praised the plan and thanked ...": a second act of the speaker's
    if kind not in kinds:
        return set()
    return set(range(last + 1, unit.right_edge.i + 1))
