"""Reading and writing brat standoff annotation (the format of the PolNeAR corpus).

brat keeps the text in ``X.txt`` and the annotation in ``X.ann``, one annotation per line:

- ``T1\\tSource 89 106\\tThe New York Post``: a text-bound span; discontinuous spans are written
  ``256 377;463 616``;
- ``E1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1``: an event, its trigger first, then its roles.
  A role used twice gets a number (``Content2``), which PolNeAR uses for a quote's second part;
- ``A1\\tType E1 direct``: an attribute; ``#1\\tAnnotatorNotes E1\\t...``: a free-text note.

Our events carry two attributes: ``Type`` (direct, indirect, mixed) and ``Frame`` (speech,
writing, thought, evidence, intention, stance; written only when the quote has a frame, so a
record of format version 1 writes none). PolNeAR's files have neither: the type is then derived
from the content's quotation marks and the frame is None.

PolNeAR uses the event types ``Attribution`` and ``Attribution-no-source`` with the roles
``Source``, ``Cue``, ``Content`` and ``Content2``; any role may be missing. It also holds stray
lines (free text, blank lines, ``Discuss``/``Discard`` spans outside any event): the reader skips
what it cannot use and lists it under ``meta["brat_warnings"]`` rather than failing.

Writing puts everything of ours that brat cannot hold natively (speaker name, kind, anonymity,
addressee and chain details, nesting, rule, quote id) into attributes and a JSON note per event,
and the record's ``meta`` (with its id and errors) into a ``X.meta.json`` sidecar that brat
ignores, so that JSONL -> brat -> JSONL is lossless.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .model import FORMAT_VERSION, Content, Cue, Quote, Span, Speaker  # noqa: F401

PathLike = Union[str, Path]

# Double quotation marks only: single ones are mostly apostrophes ("Clinton’s").
QUOTE_MARKS = '"“”«»„‟'
_OPENING = set("“«„‟")
_CLOSING = set("”»")
# Characters stripped from the edges before deciding whether a content is a direct quote.
_EDGE_STRIP = " \t\n\r\u00a0.,;:!?—–-()[]'‘’…"

NOTE_PREFIX = "quotes:"  # marks our JSON notes, so a human note in a corpus is left alone
_ROLE_RE = re.compile(r"^([A-Za-z][A-Za-z_-]*?)(\d*)$")


# --------------------------------------------------------------------------------------------
# Quote type of a gold content


def _is_opening(text: str, i: int) -> bool:
    """Whether the mark at ``i`` opens a quote (curly marks say so; straight ones by context)."""
    ch = text[i]
    if ch in _OPENING:
        return True
    if ch in _CLOSING:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    # After a word or punctuation a straight mark closes (the usual case).
    return False


def _piece_type(text: str) -> str:
    s = text.strip(_EDGE_STRIP)
    marks = [i for i, ch in enumerate(s) if ch in QUOTE_MARKS]
    if not marks:
        return "indirect"
    if len(s) >= 2 and marks[0] == 0 and marks[-1] == len(s) - 1 and len(marks) >= 2:
        # Walk the inner marks: if the quote opened at 0 closes before the end and another one
        # opens ("A," he said, "B"), the content is not one quotation.
        depth = 1
        for i in marks[1:-1]:
            depth += 1 if _is_opening(s, i) else -1
            if depth <= 0:
                return "mixed"
        return "direct"
    return "mixed"


def content_type(text: str) -> str:
    """The quote type of a content text: ``"direct"``, ``"mixed"`` or ``"indirect"``.

    Direct: stripped of spaces and punctuation at the edges, it starts and ends with a double
    quotation mark (" “ ” « » „) and the quotation opened at the start does not close and reopen
    in between. Mixed: it holds a quotation mark otherwise. Indirect: it holds none. PolNeAR has
    no quote types, so gold types are derived this way.
    """
    return _piece_type(text)


def pieces_type(pieces: list[str]) -> str:
    """The type of a content made of several fragments: direct when every fragment is a direct
    quote (a quote interrupted by its attribution), indirect when none holds a mark, else mixed."""
    kinds = {_piece_type(p) for p in pieces}
    if kinds == {"direct"}:
        return "direct"
    if kinds == {"indirect"}:
        return "indirect"
    return "mixed"


# --------------------------------------------------------------------------------------------
# Parsing .ann files


def _parse_offsets(spec: str) -> list[tuple[int, int]]:
    pieces = []
    for part in spec.split(";"):
        a, b = part.split()
        pieces.append((int(a), int(b)))
    return pieces


def _parse_ann(ann: str) -> tuple[dict, list, dict, dict, list[str]]:
    """Split an .ann text into text-bound spans, events (in file order), attributes, notes and
    warnings about lines that were skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[tuple[str, str, str, list[tuple[str, str]]]] = []
    attrs: dict[str, dict[str, Any]] = {}
    notes: dict[str, list[str]] = {}
    warnings: list[str] = []
    for n, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        ident = fields[0]
        try:
            if ident.startswith("T") and len(fields) >= 2:
                label, _, offs = fields[1].partition(" ")
                spans[ident] = (label, _parse_offsets(offs), fields[2] if len(fields) > 2 else "")
            elif ident.startswith("E") and len(fields) >= 2:
                args = fields[1].split()
                etype, _, trigger = args[0].partition(":")
                roles = [tuple(a.split(":", 1)) for a in args[1:]]
                if any(len(r) != 2 for r in roles):
                    raise ValueError("bad role")
                events.append((ident, etype, trigger, roles))  # type: ignore[arg-type]
            elif ident.startswith(("A", "M")) and len(fields) >= 2:
                parts = fields[1].split()
                name, target = parts[0], parts[1]
                attrs.setdefault(target, {})[name] = parts[2] if len(parts) > 2 else True
            elif ident.startswith("#") and len(fields) >= 2:
                parts = fields[1].split()
                target = parts[1] if len(parts) > 1 else ""
                notes.setdefault(target, []).append(fields[2] if len(fields) > 2 else "")
            elif ident[:1] in ("R", "*", "N"):
                continue  # relations, equivalences, normalisations: not used for quotes
            else:
                raise ValueError("unknown line")
        except (ValueError, IndexError):
            warnings.append(f"line {n} skipped: {line[:80]!r}")
    return spans, events, attrs, notes, warnings


def _our_note(notes: list[str]) -> dict:
    for note in notes:
        if note.startswith(NOTE_PREFIX):
            try:
                return json.loads(note[len(NOTE_PREFIX):])
            except json.JSONDecodeError:
                return {}
    return {}


def _span_dict(text: str, pieces: list[tuple[int, int]]) -> dict:
    start, end = pieces[0][0], pieces[-1][1]
    return {"start": start, "end": end, "text": text[start:end]}


def _record_from_ann(doc_id: str, text: str, ann: str, meta: Optional[dict] = None, ann_name: str = "") -> dict:
    spans, events, attrs, notes, warnings = _parse_ann(ann)
    for ident, (label, pieces, _shown) in spans.items():
        for s, e in pieces:
            if not 0 <= s <= e <= len(text):
                raise ValueError(f"{ann_name or doc_id}: {ident} ({label}) offsets {s} {e} do not lie on the text "
                                 f"of {len(text)} characters")
    quotes: list[dict] = []
    for ident, etype, _trigger, roles in events:
        by_role: dict[str, list[tuple[int, str]]] = {}
        for role, target in roles:
            m = _ROLE_RE.match(role)
            base, num = (m.group(1), int(m.group(2) or 1)) if m else (role, 1)
            by_role.setdefault(base, []).append((num, target))
        missing = [t for _, t in sum(by_role.values(), []) if t not in spans]
        if missing:
            warnings.append(f"event {ident} skipped: unknown span(s) {', '.join(missing)}")
            continue
        if "Content" not in by_role:
            warnings.append(f"event {ident} skipped: no Content")
            continue
        note = _our_note(notes.get(ident, []))

        # Content (and Content2, ...) become the fragments of one content, in text order.
        pieces: list[tuple[int, int]] = []
        for _, t in sorted(by_role["Content"]):
            pieces.extend(spans[t][1])
        pieces.sort()
        content = _span_dict(text, pieces)
        if len(pieces) > 1:
            content["fragments"] = [{"start": s, "end": e, "text": text[s:e]} for s, e in pieces]

        qtype = attrs.get(ident, {}).get("Type")
        if qtype not in ("direct", "indirect", "mixed"):
            qtype = pieces_type([text[s:e] for s, e in pieces])
        frame = attrs.get(ident, {}).get("Frame")
        frame = frame if isinstance(frame, str) else None  # no Frame attribute: unknown, not guessed

        cue = None
        if "Cue" in by_role:
            t = sorted(by_role["Cue"])[0][1]
            cue = _span_dict(text, spans[t][1])
            cue["lemma"] = note.get("cue_lemma") or cue["text"].lower()

        speaker = None
        if "Source" in by_role:
            t = sorted(by_role["Source"])[0][1]
            speaker = _span_dict(text, spans[t][1])
            a = attrs.get(t, {})
            sp_note = note.get("speaker") or {}
            speaker.update(
                name=sp_note.get("name"),
                kind=a.get("Kind") if isinstance(a.get("Kind"), str) else "unknown",
                anonymous=bool(a.get("Anonymous", False)),
            )
            if sp_note.get("refers_to"):
                r = sp_note["refers_to"]
                speaker["refers_to"] = {"start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]]}

        addressee = None
        if "Addressee" in by_role:
            addressee = _span_dict(text, spans[sorted(by_role["Addressee"])[0][1]][1])

        chain = []
        link_notes = note.get("chain") or []
        for i, (_, t) in enumerate(sorted(by_role.get("Chain", []))):
            link = _span_dict(text, spans[t][1])
            extra = link_notes[i] if i < len(link_notes) else {}
            link.update(name=extra.get("name"), kind=extra.get("kind") or "unknown", relation=extra.get("relation") or "")
            chain.append(link)

        quotes.append(
            {
                "id": note.get("id") or f"q{len(quotes) + 1}",
                "type": qtype,
                "frame": frame,
                "content": content,
                "cue": cue,
                "speaker": speaker,
                "addressee": addressee,
                "chain": chain,
                "nested_in": note.get("nested_in"),
                "rule": note.get("rule", "gold"),
            }
        )
    record_meta = dict(meta or {})
    if warnings:
        record_meta["brat_warnings"] = warnings
    return {"id": doc_id, "text": text, "meta": record_meta, "quotes": quotes}


def _read_text(path: Path) -> str:
    # newline="" keeps \r\n as two characters and "utf-8" keeps a BOM as a character: brat
    # counts offsets the same way.
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not valid UTF-8 (byte {e.start}); brat files are UTF-8") from None


def _apply_sidecar(record: dict, txt_path: Path) -> dict:
    """The record's id, meta and errors from ``X.meta.json`` when there is one. Sidecars of every
    format version so far hold the same keys; one from a newer version than ours is still read,
    with a warning, since what it adds would be lost."""
    side = txt_path.with_name(txt_path.stem + ".meta.json")
    if side.exists():
        try:
            data = json.loads(_read_text(side))
        except json.JSONDecodeError as e:
            raise ValueError(f"{side}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("meta", {}), dict):
            raise ValueError(f"{side}: expected a JSON object with 'id', 'meta' (an object) and 'errors'")
        warnings = record["meta"].get("brat_warnings")
        version = data.get("format_version", 1)
        if isinstance(version, int) and version > FORMAT_VERSION:
            warnings = (warnings or []) + [f"{side.name}: format version {version}, newer than this toolkit's "
                                           f"{FORMAT_VERSION}; upgrade quotes to read all of it"]
        record["id"] = data.get("id", record["id"])
        record["meta"] = data.get("meta", {})
        if warnings:
            record["meta"]["brat_warnings"] = warnings
        if data.get("errors"):
            record["errors"] = data["errors"]
    return record


def read_brat(txt_path: PathLike, ann_path: Optional[PathLike]) -> dict:
    """One record in our format from a brat text file and its annotation file (``None`` or a
    missing file: no quotes). The id is the text file's stem. Quote ids are q1, q2, ... in event
    order unless our own notes say otherwise."""
    txt_path = Path(txt_path)
    text = _read_text(txt_path)
    meta: dict[str, Any] = {}
    ann = ""
    if ann_path is not None and Path(ann_path).exists():
        ann = _read_text(Path(ann_path))
        meta["ann_file"] = Path(ann_path).name
    record = _record_from_ann(txt_path.stem, text, ann, meta, str(ann_path) if ann else "")
    return _apply_sidecar(record, txt_path)


def _annotator_files(ann_dir: Path, stem: str) -> list[Path]:
    """``<stem>.ann`` or ``<stem>_<annotator>.ann`` (annotator: no underscore), sorted."""
    exact = ann_dir / f"{stem}.ann"
    found = [exact] if exact.exists() else []
    for p in ann_dir.glob(f"{glob_escape(stem)}_*.ann"):
        if "_" not in p.stem[len(stem) + 1:]:
            found.append(p)
    return sorted(found)


def glob_escape(s: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", s)


def read_brat_dir(path: PathLike) -> Iterator[dict]:
    """Records from a brat folder, sorted by id: either PolNeAR's layout (``text/*.txt`` and
    ``attributions/<stem>_<annotator>.ann``, taking the first annotator in sorted order when
    there are several) or a flat folder of ``X.txt`` + ``X.ann`` pairs."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"not a folder: {path}")
    if (path / "text").is_dir():
        ann_dir = path / "attributions"
        for txt in sorted((path / "text").glob("*.txt")):
            anns = _annotator_files(ann_dir, txt.stem) if ann_dir.is_dir() else []
            record = read_brat(txt, anns[0] if anns else None)
            if anns:
                annotator = anns[0].stem[len(txt.stem) + 1:]
                if annotator:
                    record["meta"]["annotator"] = annotator
                if len(anns) > 1:
                    record["meta"]["annotators"] = [a.stem[len(txt.stem) + 1:] for a in anns]
            yield record
    else:
        for txt in sorted(path.glob("*.txt")):
            yield read_brat(txt, txt.with_suffix(".ann"))


# --------------------------------------------------------------------------------------------
# Writing


def _offsets(pieces: list[dict]) -> str:
    return ";".join(f"{p['start']} {p['end']}" for p in pieces)


def _one_line(s: str) -> str:
    # brat's T line text joins fragments with a space and cannot hold a newline or a tab.
    return re.sub(r"[\t\r\n]", " ", s)


def safe_file_stem(doc_id: str) -> str:
    """A file name for a record id (path separators and control characters replaced)."""
    stem = re.sub(r"[/\\\x00-\x1f]", "_", str(doc_id)).strip() or "doc"
    return "_" + stem if stem.startswith(".") else stem


def record_to_ann(record: dict) -> str:
    """The .ann text for a record: per quote, Source/Cue/Content (plus Addressee/Chain) T lines,
    an Attribution trigger and event, Type and Frame attributes on the event (each only when the
    quote has one: gold without types, records of format version 1 without frames), Kind/Anonymous
    attributes on the Source and a JSON note with the rest."""
    text = record["text"]
    lines: list[str] = []
    counters = {"T": 0, "E": 0, "A": 0, "#": 0}

    def new(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def tline(label: str, pieces: list[dict]) -> str:
        ident = new("T")
        shown = " ".join(_one_line(text[p["start"]:p["end"]]) for p in pieces)
        lines.append(f"{ident}\t{label} {_offsets(pieces)}\t{shown}")
        return ident

    for q in record.get("quotes", []):
        content = q["content"]
        pieces = content.get("fragments") or [content]
        roles: list[str] = []
        speaker, cue = q.get("speaker"), q.get("cue")
        src_id = tline("Source", [speaker]) if speaker else None
        cue_id = tline("Cue", [cue]) if cue else None
        content_id = tline("Content", pieces)
        etype = "Attribution" if speaker else "Attribution-no-source"
        trigger = tline(etype, [cue] if cue else [pieces[0]])
        roles.append(f"{etype}:{trigger}")
        if src_id:
            roles.append(f"Source:{src_id}")
        if cue_id:
            roles.append(f"Cue:{cue_id}")
        roles.append(f"Content:{content_id}")
        if q.get("addressee"):
            roles.append(f"Addressee:{tline('Addressee', [q['addressee']])}")
        for i, link in enumerate(q.get("chain") or []):
            roles.append(f"Chain{i + 1 if i else ''}:{tline('Chain', [link])}")
        eid = new("E")
        lines.append(f"{eid}\t{' '.join(roles)}")
        if q.get("type"):
            lines.append(f"{new('A')}\tType {eid} {q['type']}")
        if q.get("frame"):
            lines.append(f"{new('A')}\tFrame {eid} {q['frame']}")
        if speaker:
            lines.append(f"{new('A')}\tKind {src_id} {speaker.get('kind') or 'unknown'}")
            if speaker.get("anonymous"):
                lines.append(f"{new('A')}\tAnonymous {src_id}")
        note: dict[str, Any] = {"id": q["id"], "rule": q.get("rule", ""), "nested_in": q.get("nested_in")}
        if cue:
            note["cue_lemma"] = cue.get("lemma", "")
        if speaker:
            note["speaker"] = {"name": speaker.get("name")}
            if speaker.get("refers_to"):
                r = speaker["refers_to"]
                note["speaker"]["refers_to"] = {"start": r["start"], "end": r["end"]}
        if q.get("chain"):
            note["chain"] = [{"name": c.get("name"), "kind": c.get("kind"), "relation": c.get("relation")} for c in q["chain"]]
        lines.append(f"{new('#')}\tAnnotatorNotes {eid}\t{NOTE_PREFIX}{json.dumps(note, ensure_ascii=False)}")
    return "\n".join(lines) + ("\n" if lines else "")


def write_brat(record: dict, outdir: PathLike) -> Path:
    """Write ``<id>.txt``, ``<id>.ann`` and ``<id>.meta.json`` into ``outdir``; returns the .txt
    path. The sidecar keeps the record's id, meta and errors, which brat has no place for."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    stem = safe_file_stem(record["id"])
    txt = outdir / f"{stem}.txt"
    with open(txt, "w", encoding="utf-8", newline="") as f:
        f.write(record["text"])
    with open(outdir / f"{stem}.ann", "w", encoding="utf-8", newline="") as f:
        f.write(record_to_ann(record))
    side: dict[str, Any] = {"format_version": FORMAT_VERSION, "id": record["id"], "meta": record.get("meta") or {}}
    if record.get("errors"):
        side["errors"] = record["errors"]
    with open(outdir / f"{stem}.meta.json", "w", encoding="utf-8") as f:
        json.dump(side, f, ensure_ascii=False)
    return txt


def write_brat_dir(records: Iterable[dict], outdir: PathLike) -> int:
    """Write every record as a flat brat folder; returns how many were written. Two records
    whose ids map to the same file name raise ``ValueError`` rather than overwrite each other."""
    records = list(records)
    seen: dict[str, Any] = {}
    for record in records:  # every name is checked before anything is written
        if not isinstance(record, dict) or record.get("id") is None or not isinstance(record.get("text"), str):
            raise ValueError(f"record {len(seen) + 1}: brat needs an id and a text")
        stem = safe_file_stem(record["id"])
        if stem in seen:
            raise ValueError(f"records {seen[stem]!r} and {record['id']!r} would both be written as {stem}.txt; "
                             f"nothing was written")
        seen[stem] = record["id"]
    n = 0
    for record in records:
        write_brat(record, outdir)
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# Either format, for the command line

# What ``read_records`` reads; ``write_records`` writes only jsonl and brat (GGT is a gold format).
READ_FORMATS = ("jsonl", "brat", "ggt")


def detect_format(path: PathLike) -> str:
    """``"brat"`` for a folder; for a file, ``"ggt"`` when its first record with quotes is in the
    Gender Gap Tracker's layout (quotes with ``speaker_name`` and no ``type``, ``frame`` or
    ``rule``; see ``quotes.ggt``), else ``"jsonl"``."""
    from .ggt import sniff_ggt

    path = Path(path)
    if path.is_dir():
        return "brat"
    return "ggt" if path.is_file() and sniff_ggt(path) else "jsonl"


def read_jsonl(path: PathLike) -> Iterator[dict]:
    """Records from a JSONL file (blank lines skipped); ``ValueError`` names the bad line."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}, line {n}: not JSON ({e.msg})") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{path}, line {n}: a JSON {type(rec).__name__}, not an object")
            yield rec


def read_records(path: PathLike, fmt: Optional[str] = None) -> Iterator[dict]:
    """Records from a JSONL file, a brat folder or a Gender Gap Tracker JSONL file (``fmt``
    "jsonl", "brat", "ggt"; None: ``detect_format``). ``FileNotFoundError`` when the path is
    missing or of the wrong kind for ``fmt``, ``ValueError`` for an unknown ``fmt``."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    fmt = fmt or detect_format(path)
    if fmt not in READ_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(READ_FORMATS)})")
    if fmt == "brat":
        return read_brat_dir(path)
    if path.is_dir():
        raise FileNotFoundError(f"{path} is a folder, not a JSONL file")
    if fmt == "ggt":
        from .ggt import read_ggt

        return read_ggt(path)
    return read_jsonl(path)


def write_records(records: Iterable[dict], out: PathLike, fmt: str) -> int:
    """Write records as JSONL (one file) or brat (one folder); returns how many."""
    if fmt == "brat":
        return write_brat_dir(records, out)
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
