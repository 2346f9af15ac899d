"""Reading documents and writing JSONL.

Inputs: ``.txt`` files (id = file name without extension), folders (their ``.txt`` files,
recursively, in sorted order), ``.jsonl`` files (one JSON object per line with ``text`` and
optionally ``id``; other keys become ``meta``) and ``-`` for standard input (JSONL when its first
non-blank character is ``{``, plain text otherwise). Text is read exactly as stored (no newline
translation) so that offsets point into the file's own text. Files and standard input are decoded
alike: UTF-8, a byte-order mark dropped; a UTF-16 or UTF-32 byte-order mark selects that encoding.

Reading never raises for one bad document: an undecodable file or a bad JSONL line becomes a
record with ``errors`` and the stream goes on. Bytes that are not valid in the encoding are
replaced by U+FFFD and said in the record's ``text_errors`` (which ``extract_records`` moves to the
output record's ``errors``; the text is still used). A path that cannot be read at all is reported
to ``on_error`` and skipped; the CLI turns that into exit status 1.

Writing (``RecordWriter``) encodes each record to one line of UTF-8 before writing it in one call,
so that an interrupted run leaves only whole lines; a string that UTF-8 cannot encode (a lone
surrogate, ``"\ud800"``) is written as U+FFFD, one code point for one, so offsets stay valid.
"""
from __future__ import annotations

import codecs
import json
from io import TextIOBase
import re
import sys
from pathlib import Path, PurePath
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple, Optional

ErrorCallback = Callable[[str], None]

# Byte-order marks, longest first (a UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
SURROGATES = re.compile("[\ud800-\udfff]")


class InputError(OSError):
    """A path that cannot be read."""


class InputStats:
    """What reading saw, for the CLI's end-of-run checks: JSONL records read, how many of them
    had a string text field, and the keys of those that did not."""

    def __init__(self) -> None:
        self.jsonl_records = 0
        self.jsonl_with_text = 0
        self.keys: dict[str, int] = {}


def decode(raw: bytes, name: str) -> tuple[str, Optional[str]]:
    """Text of ``raw`` and, when some bytes were not valid, the message saying so. UTF-8 unless a
    byte-order mark says UTF-16 or UTF-32; the mark itself is dropped."""
    encoding, skip = "utf-8", 0
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            encoding, skip = enc, len(bom)
            break
    data = raw[skip:]
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as e:
        label = "UTF-8" if encoding == "utf-8" else encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
        return (data.decode(encoding, errors="replace"),
                f"{name}: not valid {label} (byte {e.start + skip}); undecodable bytes replaced by U+FFFD")


def replace_surrogates(text: str) -> tuple[str, int, int]:
    """``text`` with each lone surrogate code point (which no UTF encoding can write) replaced by
    U+FFFD, one code point for one so that offsets keep their meaning; how many there were and the
    first one's offset (-1 when none)."""
    first = SURROGATES.search(text)
    if first is None:
        return text, 0, -1
    new, n = SURROGATES.subn("\ufffd", text)
    return new, n, first.start()


def read_inputs(paths: Iterable[str], text_key: str = "text", id_key: str = "id",
                on_error: Optional[ErrorCallback] = None, stats: Optional[InputStats] = None,
                stdin: Any = None) -> Iterator[dict]:
    """Records ``{"id", "text", "meta", "errors"?, "text_errors"?}`` from files, folders, JSONL and
    stdin (``stdin``: a binary or text stream or bytes; default ``sys.stdin``). ``stats``, when
    given, counts the JSONL records and those with a string ``text_key``."""
    def report(msg: str) -> None:
        if on_error is None:
            raise InputError(msg)
        on_error(msg)

    for p in paths:
        if p == "-":
            yield from _read_stdin(sys.stdin if stdin is None else stdin, text_key, id_key, stats)
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
                    with path.open("rb") as fh:
                        yield from _read_jsonl(fh, str(path), text_key, id_key, stats)
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
    # Undecodable bytes become U+FFFD: offsets then point into the text we output.
    rec["text"], problem = decode(raw, path)
    if problem:
        rec["text_errors"] = [problem]
    return rec


def _lines(fh: BinaryIO, name: str) -> Iterator[tuple[int, str, Optional[str]]]:
    """(line number, text, decoding problem) of a binary stream, UTF-8 line by line (a first-line
    byte-order mark dropped); a UTF-16 or UTF-32 stream (by its byte-order mark) decoded whole."""
    first = fh.read(4)
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-32 marks start alike
        text, problem = decode(first + fh.read(), name)
        for n, line in enumerate(text.split("\n"), 1):
            yield n, line, problem if problem and n == 1 else None
        return
    rest = first + fh.readline() if first and not first.endswith(b"\n") else first
    n = 0
    while rest:
        n += 1
        raw = rest[3:] if n == 1 and rest.startswith(codecs.BOM_UTF8) else rest
        try:
            yield n, raw.decode("utf-8"), None
        except UnicodeDecodeError as e:
            yield n, raw.decode("utf-8", errors="replace"), \
                f"{name}, line {n}: not valid UTF-8 (byte {e.start} of the line); undecodable bytes replaced by U+FFFD"
        rest = fh.readline()


def _fallback_id(name: str, lineno: int) -> str:
    return f"{Path(name).stem}:{lineno}"


def record_id(value: Any, fallback: str) -> str:
    """A record's id as a string: a missing or null id takes ``fallback``; a number its digits."""
    if value is None:
        return fallback
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def _read_jsonl(fh: Any, name: str, text_key: str, id_key: str,
                stats: Optional[InputStats] = None, first_line: int = 1) -> Iterator[dict]:
    """Records of JSONL lines: ``fh`` is a binary stream (decoded here), a text stream, or a list
    of lines (quotes.spark reads a file's lines on many executors and numbers them itself, from
    ``first_line``)."""
    if isinstance(fh, (TextIOBase, list, tuple)):
        lines: Iterable[tuple[int, str, Optional[str]]] = ((n, line, None) for n, line in enumerate(fh, first_line))
    else:
        lines = _lines(fh, name)
    for lineno, line, problem in lines:
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield {"id": _fallback_id(name, lineno), "meta": {"path": name, "line": lineno},
                   "errors": [f"{name}, line {lineno}: not valid JSON ({e.msg}, column {e.colno})"]}
            continue
        if not isinstance(rec, dict):
            yield {"id": _fallback_id(name, lineno), "meta": {"path": name, "line": lineno},
                   "errors": [f"{name}, line {lineno}: expected a JSON object, got {type(rec).__name__}"]}
            continue
        # Normalise to our own keys; everything else the record carried is kept as meta.
        meta = dict(rec.get("meta") or {}) if isinstance(rec.get("meta"), dict) else {}
        meta.update({k: v for k, v in rec.items() if k not in (text_key, id_key, "meta", "quotes", "errors")})
        out = {"id": record_id(rec.get(id_key), _fallback_id(name, lineno)), "text": rec.get(text_key), "meta": meta}
        if stats is not None:
            stats.jsonl_records += 1
            stats.jsonl_with_text += isinstance(out["text"], str)
            if not isinstance(out["text"], str):
                for k in rec:
                    stats.keys[k] = stats.keys.get(k, 0) + 1
        if not isinstance(out["text"], str):
            out["errors"] = [f"{name}, line {lineno}: no string {text_key!r} field (use --text-key to name it)"]
        elif problem:
            out["text_errors"] = [problem]
        yield out


def _read_stdin(fh: Any, text_key: str, id_key: str, stats: Optional[InputStats] = None) -> Iterator[dict]:
    """Standard input, decoded like a file (bytes when the stream has them)."""
    if isinstance(fh, (bytes, bytearray)):
        raw: Any = bytes(fh)
    else:
        buffer = getattr(fh, "buffer", None)
        raw = buffer.read() if buffer is not None else fh.read()
    if isinstance(raw, str):  # a text stream without bytes under it (tests, embedding)
        data, problem = (raw[1:] if raw.startswith("\ufeff") else raw), None
    else:
        data, problem = decode(raw, "<stdin>")
    if data.lstrip().startswith("{"):
        import io

        for rec in _read_jsonl(io.StringIO(data, newline=""), "<stdin>", text_key, id_key, stats):
            if problem and "errors" not in rec:
                rec.setdefault("text_errors", []).append(problem)
            yield rec
    else:
        rec = {"id": "stdin", "text": data, "meta": {"path": "-"}}
        if problem:
            rec["text_errors"] = [problem]
        yield rec


def dumps_line(rec: Any) -> bytes:
    """One record as a line of UTF-8 JSON, newline included. A string that UTF-8 cannot encode (a
    lone surrogate) is written with U+FFFD in its place: one code point for one, so that every
    offset still points at the same character and each span's text still equals the text there."""
    line = json.dumps(rec, ensure_ascii=False) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATES.sub("\ufffd", line).encode("utf-8")


class RecordWriter:
    """Writes records one complete line at a time to a binary stream (flushed after each), and
    knows how many bytes of whole records it wrote (``end``), so that an interrupted run can cut
    its output back to complete records. ``start``: the stream's position when handed over."""

    def __init__(self, fh: BinaryIO, start: int = 0, flush: bool = True):
        self.fh = fh
        self.end = start
        self.records = 0
        self.flush = flush

    def write(self, rec: Any) -> None:
        data = dumps_line(rec)
        self.fh.write(data)
        if self.flush:
            self.fh.flush()
        self.end += len(data)
        self.records += 1


def write_jsonl(records: Iterable[dict], fh: Any) -> int:
    """Write records one per line (UTF-8, not ASCII-escaped; unencodable surrogates as U+FFFD) to a
    binary or text stream; returns how many."""
    text = isinstance(fh, TextIOBase) or hasattr(fh, "encoding")
    n = 0
    for rec in records:
        data = dumps_line(rec)
        fh.write(data.decode("utf-8") if text else data)
        n += 1
    return n


class Earlier(NamedTuple):
    """What an earlier run wrote to an output file (``scan_output``)."""

    ids: list[str]  # of its complete records
    end: int  # byte length of those records: a torn last line lies past it
    problem: Optional[str]  # what forbids resuming (a line that is not a record before the last)
    provenance: Optional[dict]  # its records' meta.quotes_provenance (model, rules, scope ...)


def scan_output(path: str) -> Earlier:
    """What an earlier run wrote to ``path``, for ``--resume``."""
    ids: list[str] = []
    end = 0
    prov: Optional[dict] = None
    with open(path, "rb") as fh:
        lineno = 0
        for raw in fh:
            lineno += 1
            if not raw.endswith(b"\n"):
                break  # torn by the interruption: dropped
            try:
                rec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                rec = None
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                if fh.read(1):
                    return Earlier(ids, end, f"{path}, line {lineno}: not a complete output record; remove it to "
                                             f"resume", prov)
                break  # a damaged last line: dropped like a torn one
            if prov is None and isinstance(rec.get("meta"), dict) and isinstance(rec["meta"].get("quotes_provenance"), dict):
                prov = rec["meta"]["quotes_provenance"]
            ids.append(rec["id"])
            end += len(raw)
    return Earlier(ids, end, None, prov)


def read_jsonl(path: str) -> Iterator[dict]:
    """Records of a JSONL file in our output format; a bad line raises with its line number."""
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}, line {lineno}: not valid JSON ({e.msg})") from None
