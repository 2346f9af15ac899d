"""Reading documents and writing JSONL.

Inputs: ``.txt`` files (id = file name without extension), folders (their ``.txt`` files,
recursively, in sorted order), ``.jsonl`` files (one JSON object per line with ``text`` and
optionally ``id``; other keys become ``meta``) and ``-`` for standard input (JSONL when its first
non-blank character is ``{``, plain text otherwise). Text is read exactly as stored (no newline
translation, a UTF-8 byte-order mark dropped) so that offsets point into the file's own text.

Reading never raises for one bad document: an undecodable file or a bad JSONL line becomes a
record with ``errors`` and the stream goes on. A path that cannot be read at all is reported to
``on_error`` and skipped; the CLI turns that into exit status 1.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path, PurePath
from typing import Callable, Iterable, Iterator, Optional, TextIO

import jsonlines

ErrorCallback = Callable[[str], None]


class InputError(OSError):
    """A path that cannot be read."""


def read_inputs(paths: Iterable[str], text_key: str = "text", id_key: str = "id",
                on_error: Optional[ErrorCallback] = None) -> Iterator[dict]:
    """Records ``{"id", "text", "meta", "errors"?}`` from files, folders, JSONL and stdin."""
    def report(msg: str) -> None:
        if on_error is None:
            raise InputError(msg)
        on_error(msg)

    for p in paths:
        if p == "-":
            yield from _read_stdin(sys.stdin, text_key, id_key)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*.txt") if f.is_file())
            if not files:
                report(f"{p}: folder holds no .txt files")
            for f in files:
                yield _read_text_file(f, report)
        elif path.is_file():
            if path.suffix.lower() == ".jsonl":
                try:
                    with path.open(encoding="utf-8", newline="") as fh:
                        yield from _read_jsonl(fh, str(path), text_key, id_key)
                except OSError as e:
                    report(f"{p}: cannot read ({e.strerror})")
            else:
                yield _read_text_file(path, report)
        else:
            report(f"{p}: no such file or folder")


def _read_text_file(path: Path, report: ErrorCallback) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as e:
        report(f"{path}: cannot read ({e.strerror})")
        return {"id": path.stem, "meta": {"path": str(path)}, "errors": [f"cannot read {path}: {e.strerror}"]}
    return text_record(str(path), raw)


def text_record(path: str, raw: bytes) -> dict:
    """The record of a .txt file's bytes (id = file name without extension); shared with
    quotes.spark, whose executors get the bytes from Spark rather than from a local path."""
    rec: dict = {"id": PurePath(path).stem, "meta": {"path": path}}
    try:
        rec["text"] = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # Keep going with replacement characters: offsets then point into the text we output.
        rec["text"] = raw.decode("utf-8-sig", errors="replace")
        rec["meta"]["warnings"] = [f"not valid UTF-8 (byte {e.start}); undecodable bytes replaced by U+FFFD"]
    return rec


def _read_jsonl(fh: Iterable[str], name: str, text_key: str, id_key: str, first_line: int = 1) -> Iterator[dict]:
    # first_line: quotes.spark reads a file's lines on many executors and numbers them itself.
    for lineno, line in enumerate(fh, first_line):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield {"id": f"{Path(name).stem}:{lineno}", "meta": {"path": name, "line": lineno},
                   "errors": [f"{name}, line {lineno}: not valid JSON ({e.msg}, column {e.colno})"]}
            continue
        if not isinstance(rec, dict):
            yield {"id": f"{Path(name).stem}:{lineno}", "meta": {"path": name, "line": lineno},
                   "errors": [f"{name}, line {lineno}: expected a JSON object, got {type(rec).__name__}"]}
            continue
        # Normalise to our own keys; everything else the record carried is kept as meta.
        meta = dict(rec.get("meta") or {}) if isinstance(rec.get("meta"), dict) else {}
        meta.update({k: v for k, v in rec.items() if k not in (text_key, id_key, "meta", "quotes", "errors")})
        out = {"id": str(rec.get(id_key, f"{Path(name).stem}:{lineno}")), "text": rec.get(text_key), "meta": meta}
        if not isinstance(out["text"], str):
            out["errors"] = [f"{name}, line {lineno}: no string {text_key!r} field (use --text-key to name it)"]
        yield out


def _read_stdin(fh: TextIO, text_key: str, id_key: str) -> Iterator[dict]:
    data = fh.read()
    if data.lstrip().startswith("{"):
        import io

        yield from _read_jsonl(io.StringIO(data), "<stdin>", text_key, id_key)
    else:
        yield {"id": "stdin", "text": data, "meta": {"path": "-"}}


def write_jsonl(records: Iterable[dict], fh: TextIO) -> int:
    """Write records one per line (UTF-8, not ASCII-escaped); returns how many."""
    n = 0
    writer = jsonlines.Writer(fh, compact=True, flush=False, dumps=_dumps)
    for rec in records:
        writer.write(rec)
        n += 1
    return n


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def read_jsonl(path: str) -> Iterator[dict]:
    """Records of a JSONL file in our output format; a bad line raises with its line number."""
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}, line {lineno}: not valid JSON ({e.msg})") from None
