"""Direct quotes: paired quotation marks linked to their cue and speaker.

For each quoted stretch we look at the words around it, within its sentence:

- cue after:    "...," Zakharova told reporters.       (direct.cue_after)
- inverted:     "...," said the official, who ...       (direct.inverted)
- cue before:   Burton said, "..." / Burton said: "..." (direct.cue_before)
- follow-on:    "...," Blinken told reporters. "We're determined ..."  takes the previous quote's
  speaker (direct.follow_on);
- a quote interrupted by its own attribution ("A," he said, "B.") is one quote in two fragments.

A quote that is embedded in a clause ("in order to "disabuse the Russians ..."", "release
"wrongfully detained" citizen") is a fragment, not a direct quote: when a cue follows it, the
whole clause is a mixed quote (direct.mixed_cue_after); otherwise it is returned as a fragment for
the indirect rules to absorb, and dropped if none does (a title or scare quote).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from .indirect import QUOTE_MARKS
from .cues import addressee_of, cue_of, is_cue_verb, np_span, subject_of, text_span
from .marks import QuoteSpan, pair_quotes
from .model import Content, Quote, Span, Speaker
from .rules import Rules

SENTENCE_END = {".", "!", "?"}
# How far after a closing mark the cue may stand: a speaker phrase such as "Russian Foreign
# Ministry Spokesperson Maria Zakharova" is the longest thing between them.
MAX_CUE_DISTANCE = 9
# A quote with no speech around it must look like speech, not a title: a few words and a verb.
MIN_UNCUED_TOKENS = 5


@dataclass
class DirectResult:
    quotes: list[Quote] = field(default_factory=list)
    fragments: list[Span] = field(default_factory=list)  # embedded quoted phrases, for mixed quotes
    cue_tokens: dict = field(default_factory=dict)  # quote id -> index of its cue token


def find_direct(doc: Doc, rules: Rules, spans: Optional[list[QuoteSpan]] = None) -> DirectResult:
    text = doc.text
    spans = pair_quotes(text) if spans is None else spans
    verbs = rules.verbs("$quote_verbs")
    out = DirectResult()
    prev: Optional[Quote] = None
    prev_span: Optional[QuoteSpan] = None
    prev_cue: Optional[int] = None
    for n, qs in enumerate(spans):
        inside = [t for t in _tokens_between(doc, qs.start, qs.end)]
        if not inside:
            continue
        lo = prev_span.end if prev_span else 0
        hi = spans[n + 1].start if n + 1 < len(spans) else len(text)
        pre = _pre_context(doc, qs.start, lo)
        post = _post_context(doc, qs.end, hi)
        clean_start = _starts_clean(pre, verbs)

        cue_tok, speaker_tok, rule = _cue_after(post, verbs)
        if cue_tok is None and clean_start:
            cue_tok, speaker_tok, rule = _cue_before(pre, verbs)

        content = Content.of(text, qs.start, qs.end)
        if not clean_start:
            if cue_tok is not None and rule != "direct.cue_before":
                # "... in order to "disabuse ..."," a US official said: the clause is a mixed quote.
                start = pre[0].idx if pre else qs.start
                q = _make(text, f"d{n}", "mixed", Content.of(text, start, qs.end), cue_tok, speaker_tok,
                          "direct.mixed_cue_after")
                out.quotes.append(q)
                out.cue_tokens[q.id] = cue_tok.i
                prev, prev_span, prev_cue = q, qs, cue_tok.i
            else:
                out.fragments.append(Span.of(text, qs.start, qs.end))
                prev_span = qs
            continue

        if cue_tok is not None and prev is not None and prev_cue == cue_tok.i and rule == "direct.cue_before" \
                and prev.type == "direct":
            # "A," he said, "B." : the second part continues the first quote.
            pieces = prev.content.pieces() + [Span.of(text, qs.start, qs.end)]
            prev.content = Content(start=pieces[0].start, end=qs.end, text=text[pieces[0].start:qs.end],
                                   fragments=pieces)
            prev_span = qs
            continue

        if cue_tok is None:
            if prev is not None and prev.speaker is not None and prev_span is not None \
                    and _is_follow_on(text, prev_span, qs):
                q = _make(text, f"d{n}", "direct", content, None, None, "direct.follow_on")
                q.speaker = Speaker(**{**prev.speaker.__dict__})
                q.addressee = Span(**{**prev.addressee.__dict__}) if prev.addressee else None
                out.quotes.append(q)
                prev, prev_span, prev_cue = q, qs, None
                continue
            if not _looks_like_speech(inside):
                out.fragments.append(Span.of(text, qs.start, qs.end))
                prev_span = qs
                continue
            rule = "direct.no_cue"
        q = _make(text, f"d{n}", "direct", content, cue_tok, speaker_tok, rule)
        out.quotes.append(q)
        if cue_tok is not None:
            out.cue_tokens[q.id] = cue_tok.i
        prev, prev_span, prev_cue = q, qs, (cue_tok.i if cue_tok is not None else None)
    return out


def _make(text: str, qid: str, qtype: str, content: Content, cue_tok: Optional[Token],
          speaker_tok: Optional[Token], rule: str) -> Quote:
    q = Quote(id=qid, type=qtype, content=content, rule=rule)
    if cue_tok is not None:
        q.cue = cue_of(cue_tok, text)
        addr = addressee_of(cue_tok)
        if addr is not None:
            q.addressee = text_span(np_span(addr))
    if speaker_tok is not None:
        s = text_span(np_span(speaker_tok))
        q.speaker = Speaker(start=s.start, end=s.end, text=s.text)
    return q


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _pre_context(doc: Doc, start: int, lo: int) -> list[Token]:
    """Tokens of the quote's sentence before its opening mark: back to a sentence end, a line
    break or the previous quote."""
    span = doc.char_span(lo, start, alignment_mode="contract") if start > lo else None
    toks = list(span) if span is not None else []
    out: list[Token] = []
    for tok in reversed(toks):
        if tok.text in SENTENCE_END or "\n" in tok.text or tok.is_space and "\n" in tok.text_with_ws:
            break
        if tok.text in QUOTE_MARKS:
            break
        out.append(tok)
    out.reverse()
    while out and out[0].is_space:
        out.pop(0)
    return out


def _post_context(doc: Doc, end: int, hi: int) -> list[Token]:
    """Tokens after the closing mark up to the sentence end, a line break or the next quote."""
    span = doc.char_span(end, hi, alignment_mode="contract") if hi > end else None
    out: list[Token] = []
    for tok in (span or []):
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in SENTENCE_END:
            break
        out.append(tok)
    return out


def _starts_clean(pre: list[Token], verbs: frozenset) -> bool:
    """Does the quote open a sentence, or follow its cue ("said:", "said,")? Otherwise it is
    embedded in a clause and is a fragment."""
    words = [t for t in pre if not t.is_space]
    if not words:
        return True
    last = words[-1]
    if last.text in (":", "—", "–", "-"):
        return True
    if last.text == ",":
        # "Burton said, "..."" / "said Burton, "..."": a cue in the clause before the comma.
        return any(is_cue_verb(t, verbs) for t in words[-5:-1])
    # "He said "..."" / "she told reporters "..."": the cue or its short object ends the clause.
    return is_cue_verb(last, verbs) or (len(words) > 1 and is_cue_verb(words[-2], verbs) and last.pos_ in ("NOUN", "PRON", "PROPN"))


def _cue_after(post: list[Token], verbs: frozenset) -> tuple[Optional[Token], Optional[Token], str]:
    words = [t for t in post if not t.is_space]
    # Skip a comma the writer put outside the marks: "...", he said.
    if words and words[0].text == ",":
        words = words[1:]
    for k, tok in enumerate(words[:MAX_CUE_DISTANCE]):
        if tok.text in (",", ";", ":") and k > 0:
            # A comma before any cue ends the search: ("...", which, ...) — except the comma of an
            # apposition inside the speaker phrase, which comes after a noun and before the verb.
            if not any(is_cue_verb(t, verbs) for t in words[k + 1:k + 8]):
                break
        if not is_cue_verb(tok, verbs):
            continue
        subj = subject_of(tok)
        region = {t.i for t in words}
        if subj is not None and subj.i in region:
            return tok, subj, ("direct.inverted" if subj.i > tok.i else "direct.cue_after")
        # The parser missed the subject: take the nearest noun phrase on the right side.
        if k == 0:
            for t in words[1:6]:
                if t.pos_ in ("PROPN", "NOUN", "PRON"):
                    return tok, _np_head(t), "direct.inverted"
        else:
            for t in reversed(words[:k]):
                if t.pos_ in ("PROPN", "NOUN", "PRON"):
                    return tok, _np_head(t), "direct.cue_after"
        return tok, None, "direct.cue_after"
    return None, None, ""


def _cue_before(pre: list[Token], verbs: frozenset) -> tuple[Optional[Token], Optional[Token], str]:
    words = [t for t in pre if not t.is_space]
    for tok in reversed(words):
        if is_cue_verb(tok, verbs):
            subj = subject_of(tok)
            return tok, subj, "direct.cue_before"
    return None, None, ""


def _np_head(tok: Token) -> Token:
    """Climb compounds to the head noun ("Maria" -> "Zakharova")."""
    while tok.dep_ in ("compound", "flat", "amod", "det", "nummod") and tok.head is not tok and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _is_follow_on(text: str, prev: QuoteSpan, cur: QuoteSpan) -> bool:
    """The quote comes right after the previous quoted sentence of the same speaker: in the same
    paragraph, or opening the next one."""
    between = text[prev.end:cur.start]
    breaks = between.count("\n")
    if breaks == 0:
        return True
    # Opening the next paragraph, with the previous paragraph ending with the previous quote's
    # attribution.
    return between.strip().count("\n") == 0 and text.rfind("\n", 0, cur.start) >= prev.end and breaks <= 2


def _looks_like_speech(inside: list[Token]) -> bool:
    words = [t for t in inside if not t.is_punct and not t.is_space]
    return len(words) >= MIN_UNCUED_TOKENS and any(t.pos_ in ("VERB", "AUX") for t in words)
