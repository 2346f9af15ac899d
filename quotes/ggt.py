"""Reading the Gender Gap Tracker's annotated quotes as gold for ``quotes evaluate``.

The Gender Gap Tracker (GGT; Asr et al., PLoS ONE 2021) publishes human-annotated quotes in
Canadian news. Its evaluation set, as kept next to this project, has one article a line::

    {"id", "outlet", "url", "text",
     "quotes": [{"content": SPAN, "speaker": SPAN | null, "cue": SPAN | null, "speaker_name": "..."}]}

with ``SPAN = {"start", "end", "text"}`` (character offsets into ``text``, end exclusive).

GGT has no direct/indirect label, no frame and no nesting, so the quotes made here carry no
``type`` and no ``frame``: ``evaluate`` leaves them out of recall by type and type accuracy
rather than guess a type. ``speaker_name`` (who the annotators say the speaker is) is kept both
as the speaker's ``name`` and on the quote itself, because about 1 GGT quote in 5 has no marked
speaker mention and still has a name to score. Everything else of a record (outlet, url) goes to
``meta``, as ``quotes extract`` does with the keys of its input records.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Union

PathLike = Union[str, Path]

GGT_QUOTE_KEYS = ("content", "speaker", "cue", "speaker_name")
# Keys that only our own records' quotes carry; a GGT quote has none of them.
_OUR_QUOTE_KEYS = ("type", "frame", "rule")


def looks_like_ggt(record: Any) -> bool:
    """Whether a record is in GGT's layout rather than ours: its quotes carry ``speaker_name``
    and none of ``type``, ``frame`` or ``rule``. A record without quotes says nothing (False)."""
    if not isinstance(record, dict):
        return False
    quotes = record.get("quotes")
    if not isinstance(quotes, list) or not quotes:
        return False
    return all(isinstance(q, dict) and "speaker_name" in q and not any(k in q for k in _OUR_QUOTE_KEYS)
               for q in quotes)


def _span(text: str, span: Any, where: str) -> dict:
    """A checked copy of a GGT span: offsets inside the text, and covering the text it states."""
    if not isinstance(span, dict) or not all(k in span for k in ("start", "end", "text")):
        raise ValueError(f"{where}: not a span with start, end and text (got {span!r})")
    start, end = span["start"], span["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise ValueError(f"{where}: offsets {start!r}-{end!r} lie outside the text of {len(text)} characters; "
                         f"re-anchor the span on the record's text or drop the quote")
    if text[start:end] != span["text"]:
        raise ValueError(f"{where}: offsets {start}-{end} cover {text[start:end]!r}, the span says {span['text']!r}; "
                         f"re-anchor the span on the record's text or drop the quote")
    return {"start": start, "end": end, "text": span["text"]}


def _quote(text: str, q: Any, n: int, where: str) -> dict:
    where = f"{where}, quote {n}"
    if not isinstance(q, dict) or "content" not in q:
        raise ValueError(f"{where}: a GGT quote is an object with {', '.join(GGT_QUOTE_KEYS)}; got {q!r:.80}")
    name = q.get("speaker_name")
    if name is not None and not isinstance(name, str):
        raise ValueError(f"{where}: speaker_name must be a string or null, got {name!r}")
    name = name.strip() if name else None
    speaker = None
    if q.get("speaker") is not None:
        speaker = _span(text, q["speaker"], f"{where} speaker")
        speaker.update(name=name, kind="unknown", anonymous=False)
    cue = None
    if q.get("cue") is not None:
        cue = _span(text, q["cue"], f"{where} cue")
        cue["lemma"] = ""  # GGT gives no lemma; cue accuracy compares offsets only
    out = {"id": f"g{n}", "content": _span(text, q["content"], f"{where} content"), "cue": cue,
           "speaker": speaker, "addressee": None, "chain": [], "nested_in": None}
    if name:
        out["speaker_name"] = name
    return out


def ggt_to_record(record: Any) -> dict:
    """One GGT article as a record of ours: ``{"id", "text", "meta", "quotes"}``, quotes ``g1``,
    ``g2``, ... in GGT's order. ``ValueError`` naming the record id (and the quote) when the
    record is not GGT's layout or a span does not lie on the text."""
    if not isinstance(record, dict):
        raise ValueError(f"GGT record: expected a JSON object, got a {type(record).__name__}")
    rid = record.get("id")
    where = f"GGT record {rid!r}"
    if rid is None:
        raise ValueError(f"{where}: no 'id' (keys: {', '.join(sorted(record))})")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError(f"{where}: no string 'text'")
    quotes = record.get("quotes")
    if quotes is None:
        quotes = []
    if not isinstance(quotes, list):
        raise ValueError(f"{where}: 'quotes' must be a list, got a {type(quotes).__name__}")
    meta = dict(record.get("meta") or {})
    meta.update({k: v for k, v in record.items() if k not in ("id", "text", "quotes", "meta")})
    return {"id": str(rid), "text": text, "meta": meta,
            "quotes": [_quote(text, q, n, where) for n, q in enumerate(quotes, 1)]}


def ggt_records(records: Iterable[Any]) -> Iterator[dict]:
    """``ggt_to_record`` over a stream of GGT articles."""
    for rec in records:
        yield ggt_to_record(rec)


def read_ggt(path: PathLike) -> Iterator[dict]:
    """Records of ours from a GGT JSONL file; ``ValueError`` names the bad line or record."""
    from .brat import read_jsonl

    return ggt_records(read_jsonl(path))


def sniff_ggt(path: PathLike, max_lines: int = 50) -> bool:
    """Whether a JSONL file holds GGT articles: the first record that has quotes (within
    ``max_lines`` lines) ``looks_like_ggt``. A file that cannot be read or parsed is not GGT
    (reading it as our JSONL then reports what is wrong)."""
    import json

    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n >= max_lines:
                    return False
                if not line.strip():
                    continue
                rec = json.loads(line)
                if isinstance(rec, dict) and rec.get("quotes"):
                    return looks_like_ggt(rec)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return False

