"""Baselines to compare the extractor with: textacy's rule-based direct quotation finder.

``textacy.extract.triples.direct_quotations(doc)`` pairs quotation-mark tokens in order, keeps
contents of four tokens or more, and looks for a reporting verb with a subject in the sentences
around each. It yields ``DQTriple(speaker, cue, content)``: ``speaker`` and ``cue`` are lists of
tokens (a subject with its conjuncts and compounds; a verb with its auxiliaries and negation,
not necessarily contiguous), ``content`` is a span that already includes both quotation marks.
It raises ``ValueError`` when a document has an odd number of quotation-mark tokens; such a
document is kept with no quotes and an ``errors`` entry, so that it counts as empty.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

TEXTACY_RULE = "textacy"
_MARKS = '"“”«»„‟\'‘’'
_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "organization"}


def _token_span(tokens: list[Token]) -> tuple[int, int]:
    # Conjoined speakers ("Obama and Biden") come as separate tokens: cover them all.
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _speaker(doc: Doc, tokens: list[Token]) -> dict:
    start, end = _token_span(tokens)
    span = doc.char_span(start, end, alignment_mode="expand")
    proper = any(t.pos_ == "PROPN" for t in tokens)
    ents = [e.label_ for e in (span.ents if span is not None else [])]
    # textacy resolves nothing: a proper-noun mention is its own name, anything else has none.
    return {
        "start": start,
        "end": end,
        "text": doc.text[start:end],
        "name": doc.text[start:end] if proper else None,
        "kind": _KINDS.get(ents[0], "unknown") if ents else "unknown",
        "anonymous": False,
    }


def _cue(doc: Doc, tokens: list[Token]) -> dict:
    start, end = _token_span(tokens)
    verbs = [t for t in tokens if t.pos_ == "VERB"] or tokens
    return {"start": start, "end": end, "text": doc.text[start:end], "lemma": verbs[0].lemma_.lower()}


def _content(doc: Doc, start: int, end: int) -> dict:
    # textacy's content spans run from mark to mark; widen defensively if a mark was left out.
    text = doc.text
    if start > 0 and text[start] not in _MARKS and text[start - 1] in _MARKS:
        start -= 1
    if end < len(text) and text[end - 1] not in _MARKS and text[end] in _MARKS:
        end += 1
    return {"start": start, "end": end, "text": text[start:end]}


def textacy_quotes(doc: Doc) -> list[dict]:
    """textacy's direct quotations of a parsed doc as our QUOTE dicts (raises ``ValueError`` on
    unbalanced quotation marks, as textacy does)."""
    from textacy.extract.triples import direct_quotations

    quotes = []
    for i, (speaker, cue, content) in enumerate(direct_quotations(doc), 1):
        c = content
        quotes.append(
            {
                "id": f"q{i}",
                "type": "direct",
                "content": _content(doc, c.start_char, c.end_char),
                "cue": _cue(doc, cue),
                "speaker": _speaker(doc, speaker),
                "addressee": None,
                "chain": [],
                "nested_in": None,
                "rule": TEXTACY_RULE,
            }
        )
    return quotes


def textacy_records(
    records: Iterable[dict], nlp: Language, batch_size: int = 16, stats: Optional[dict] = None
) -> Iterator[dict]:
    """Run textacy's direct quotation extraction over records (``{"id", "text", "meta"}``) and
    yield records in our output format, in input order.

    A document textacy refuses (odd number of quotation marks) is yielded with no quotes and
    ``errors: ["textacy: unbalanced quote marks (...)"]``. If ``stats`` is given, it is updated with
    ``documents``, ``quotes`` and ``unbalanced`` counts.
    """
    if stats is not None:
        for k in ("documents", "quotes", "unbalanced"):
            stats.setdefault(k, 0)
    pairs = ((r["text"], r) for r in records)
    for doc, record in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        out: dict[str, Any] = {"id": record["id"], "text": record["text"], "meta": dict(record.get("meta") or {})}
        try:
            out["quotes"] = textacy_quotes(doc)
        except ValueError as e:
            if "quotation" not in str(e):
                raise  # not the unbalanced-marks refusal (e.g. an unsupported language)
            out["quotes"] = []
            # A string, like the extractor's own errors; evaluate recognises the wording.
            out["errors"] = [f"textacy: unbalanced quote marks ({e})"]
            if stats is not None:
                stats["unbalanced"] += 1
        if stats is not None:
            stats["documents"] += 1
            stats["quotes"] += len(out["quotes"])
        yield out
