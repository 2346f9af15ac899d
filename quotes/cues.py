"""A reporting cue and its arguments in the dependency parse: who speaks, to whom.

Shared by direct-quote linking and the indirect-quote patterns, so that "Zakharova told reporters",
"said the official, who spoke ..." and "Blinken urges ... and presses for ..." find their speaker
and addressee the same way whichever kind of quote they introduce.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .model import Cue
from .model import Span as TextSpan
from .rules import Rules

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Left modifiers that belong to a speaker's noun phrase ("a senior State Department official").
# Right modifiers that do ("the spokesman for the ministry"); a comma, a relative clause or an
# apposition ends the phrase: "Mark, the lead on the project" is Mark.
NP_RIGHT_DEPS = {"prep", "pobj", "compound", "flat", "nummod", "amod", "case", "nmod", "poss"}
NP_STOP_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "det"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def is_cue_verb(tok: Token, verbs: frozenset) -> bool:
    """A verb (or auxiliary-tagged verb) whose lemma is in the lexicon. Past participles used as
    adjectives ("the stated goal") do not count."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
        return False
    if tok.dep_ == "amod":
        return False
    return tok.lemma_.lower() in verbs


def cue_of(tok: Token) -> Cue:
    """The cue span for a verb; a phrasal particle stays out ("point out" is cued by "point")."""
    return Cue(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, lemma=tok.lemma_.lower())


def subject_of(verb: Token) -> Optional[Token]:
    """The verb's subject, looking through coordination ("Blinken urges ... and presses for"),
    relative clauses ("the official, who spoke") and control ("wanted to say")."""
    seen = 0
    clause_cue = any(c.dep_ == "ccomp" for c in verb.children)
    while verb is not None and seen < 4:
        seen += 1
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "the statement demanding ...": the noun is the source
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
            # "X cited/quoted Y as saying that ...": Y says it, X relays it.
            for child in verb.head.head.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        linking = _linking_verb(verb) if clause_cue else None
        if linking is not None:
            verb = linking
            continue
        return _stranded_name(verb)
    return None


def _linking_verb(adjective: Token) -> Optional[Token]:
    """The verb a predicate adjective completes, which holds the subject: a verb of saying with its
    clause under such an adjective ("the mayor was quick to say that A", "is willing to admit that
    A") is the subject's report. Only with a clause: an object under any adjective ("was able to
    sign X") is mostly no stance (rules/patterns/embedded.json lists the adjectives that take one).
    An empty 'it' says nothing ("it is hard to say whether A"): no speaker then."""
    if adjective.pos_ == "ADJ" and adjective.dep_ in ("acomp", "oprd") and adjective.head.i != adjective.i:
        verb = adjective.head
        if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children):
            return verb
    return None


def _stranded_name(verb: Token) -> Optional[Token]:
    """A name the parser cut off as a sentence of its own right before its verb: under a
    subheading ("Language as priority issue\n\nVickers said he's ...") the small model makes
    "Vickers" one sentence and "said he's ..." the next."""
    sent = verb.sent
    if verb.i != sent.start or sent.start == 0:
        return None
    prev = verb.doc[sent.start - 1].sent
    words = [t for t in prev if not t.is_space]
    if words and len(words) <= 3 and all(t.pos_ == "PROPN" for t in words) \
            and "\n" not in verb.doc[words[-1].i:verb.i].text_with_ws.rstrip(" "):
        return prev.root if prev.root.pos_ == "PROPN" else words[-1]
    return None



def addressee_of(verb: Token, rules: Rules) -> Optional[Token]:
    """Who was told: the object of "tell" ("told reporters"), or the "to" phrase of a speech verb
    ("said to reporters"); the verb lists are cues.json's addressee_object and addressee_to."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and lemma in rules.verbs("addressee_object"):
            # "told it", "told that" are not people.
            if child.pos_ in ("NOUN", "PROPN", "PRON") and child.lower_ not in ("it", "this", "that", "so"):
                return child
        if child.dep_ in ("prep", "dative") and child.lower_ == "to" and lemma in rules.verbs("addressee_to"):
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def np_bounds(head: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by ``head``, trimmed at the first comma,
    relative clause or apposition after the head."""
    start = head.left_edge.i
    # Left side: drop a leading punctuation or conjunction that the parse attached.
    while start < head.i and head.doc[start].is_punct:
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in NP_STOP_DEPS or child.is_punct:
            break
        if child.dep_ in NP_RIGHT_DEPS:
            end = max(end, child.right_edge.i + 1)
        else:
            break
    # A phrase never spans a comma after its head ("Paul Martin, a Pinellas sheriff's detective").
    for i in range(head.i + 1, end):
        if head.doc[i].text in (",", "(", "—", "–", ";", ":"):
            end = i
            break
    return start, end


def np_span(head: Token) -> Span:
    s, e = np_bounds(head)
    return head.doc[s:e]


def text_span(span: Span) -> TextSpan:
    # Span.text joins only the span's own tokens; Doc.text would rebuild the whole document.
    return TextSpan(start=span.start_char, end=span.end_char, text=span.text)
