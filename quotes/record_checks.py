"""Checking that gold and predicted records can be scored, with errors that name the file, the
record and the quote, and say what is wrong."""
from __future__ import annotations

from typing import Any, Optional


def _where(name: str, n: int, rec: dict) -> str:
    rid = rec.get("id") if isinstance(rec, dict) else None
    return f"{name}, record {n}" + (f" (id {rid!r})" if rid is not None else "")


def _check_span(span: Any, where: str, text: Optional[str], required: bool = False) -> None:
    """A span is null (unless ``required``) or an object with integer offsets inside the text
    (when it is known) and, when the text is known, the text it covers."""
    if span is None and not required:
        return
    if not isinstance(span, dict):
        raise ValueError(f"{where}: expected a span object with start, end and text, got {_kind(span)}")
    start, end = span.get("start"), span.get("end")
    for key, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{where}: {key!r} must be an integer character offset, got {_kind(value)} {value!r:.40}")
    if not isinstance(span.get("text"), str):
        raise ValueError(f"{where}: 'text' must be a string, got {_kind(span.get('text'))}")
    if start < 0 or end < start or (text is not None and end > len(text)):
        size = f" of {len(text)} characters" if text is not None else ""
        raise ValueError(f"{where}: offsets {start}-{end} do not lie on the text{size} (0 <= start <= end <= length)")
    if text is not None and text[start:end] != span["text"]:
        raise ValueError(f"{where}: offsets {start}-{end} cover {text[start:end]!r:.80}, the span says {span['text']!r:.80}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
            type(None): "null"}.get(type(value), type(value).__name__)


def check_records(records: list[dict], name: str, texts: Optional[dict[str, str]] = None,
                  need_text: bool = False) -> None:
    """Raise ``ValueError`` naming ``name`` (a file), the record and the quote when records cannot
    be scored: no id, no text (``need_text``: gold needs its text), ``quotes`` not a list, a quote
    without an id or a content, offsets that are not integers or do not lie on the text, a span
    whose text is not the text at its offsets. ``texts``: document id -> text, for records that
    carry none (predictions written with ``--no-text``); their offsets are checked against it."""
    for n, rec in enumerate(records, 1):
        where = _where(name, n, rec)
        if not isinstance(rec, dict):
            raise ValueError(f"{where}: expected a JSON object, got {_kind(rec)}")
        if rec.get("id") is None:
            raise ValueError(f"{where}: no 'id' (records are paired by id)")
        text = rec.get("text")
        if text is not None and not isinstance(text, str):
            raise ValueError(f"{where}: 'text' must be a string, got {_kind(text)}")
        if text is None:
            if need_text:
                raise ValueError(f"{where}: no 'text' (a gold record needs its text)")
            text = (texts or {}).get(str(rec["id"]))
        quotes = rec.get("quotes")
        if quotes is None:
            continue
        if not isinstance(quotes, list):
            raise ValueError(f"{where}: 'quotes' must be a list, got {_kind(quotes)}")
        for k, q in enumerate(quotes, 1):
            qw = f"{where}, quote {k}"
            if not isinstance(q, dict):
                raise ValueError(f"{qw}: expected a quote object, got {_kind(q)}")
            if q.get("id") is not None:
                qw = f"{where}, quote {q['id']!r}"
            if not isinstance(q.get("id"), str):
                raise ValueError(f"{qw}: 'id' must be a string, got {_kind(q.get('id'))}")
            if "content" not in q:
                raise ValueError(f"{qw}: no 'content'")
            _check_span(q["content"], f"{qw} content", text, required=True)
            frags = q["content"].get("fragments")
            if frags is not None:
                if not isinstance(frags, list) or not frags:
                    raise ValueError(f"{qw} content: 'fragments' must be a non-empty list of spans")
                for i, f in enumerate(frags, 1):
                    _check_span(f, f"{qw} content fragment {i}", text, required=True)
            for role in ("speaker", "cue", "addressee"):
                _check_span(q.get(role), f"{qw} {role}", text)
            chain = q.get("chain")
            if chain is not None and not isinstance(chain, list):
                raise ValueError(f"{qw}: 'chain' must be a list, got {_kind(chain)}")
            for i, link in enumerate(chain or [], 1):
                _check_span(link, f"{qw} chain link {i}", text, required=True)
            for key in ("type", "frame", "nested_in", "rule", "speaker_name"):
                if q.get(key) is not None and not isinstance(q[key], str):
                    raise ValueError(f"{qw}: {key!r} must be a string or null, got {_kind(q[key])}")
            speaker = q.get("speaker") or {}
            if speaker.get("name") is not None and not isinstance(speaker["name"], str):
                raise ValueError(f"{qw} speaker: 'name' must be a string or null, got {_kind(speaker['name'])}")
