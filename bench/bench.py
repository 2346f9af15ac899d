"""Speed and memory of `quotes` extraction (never asserted in tests: measured here).

    python bench/bench.py [PATH ...] [--repeat N] [--batch-size 16] [--batch-chars 25000] [--n-process 1] [--scope S]
                          [--parse-only]

PATH: .txt files or folders (default: corpus/seeds). Each document is fed --repeat times so
that a small input still gives a stable rate. Prints documents/s, characters/s and the peak
resident memory of the process, after loading the model (load time is printed separately).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.api import extract_records, load_pipeline  # noqa: E402
from quotes.batches import DEFAULT_BATCH_CHARS, batches  # noqa: E402
from quotes.io import read_inputs  # noqa: E402


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in kilobytes on Linux; for RUSAGE_CHILDREN it is the largest finished child.
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "seeds")])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--batch-chars", type=int, default=DEFAULT_BATCH_CHARS)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--model")
    ap.add_argument("--scope", help="extract's --scope (default: speech)")
    ap.add_argument("--parse-only", action="store_true",
                    help="time the spaCy parse alone (the quotes component disabled), to see what the rules add")
    args = ap.parse_args()

    docs = [r for r in read_inputs(args.paths) if isinstance(r.get("text"), str)]
    t = time.perf_counter()
    load_pipeline(args.model, None, args.scope)
    load = time.perf_counter() - t
    rss_loaded = peak_rss_mb()

    def stream():
        for n in range(args.repeat):
            for d in docs:
                yield {"id": f"{d['id']}#{n}", "text": d["text"]}

    n_docs = n_chars = n_quotes = 0
    t = time.perf_counter()
    if args.parse_only:
        nlp = load_pipeline(args.model, None, args.scope)
        with nlp.select_pipes(disable=["quotes"]):  # in the batches extract makes (one process)
            texts = (r["text"] for r in stream())
            groups = ([texts] if args.n_process > 1 else
                      batches(texts, args.batch_size, args.batch_chars))
            for group in groups:
                for doc in nlp.pipe(group, batch_size=args.batch_size, n_process=args.n_process):
                    n_docs += 1
                    n_chars += len(doc.text)
    else:
        for rec in extract_records(stream(), model=args.model, batch_size=args.batch_size, n_process=args.n_process,
                                   scope=args.scope, batch_chars=args.batch_chars):
            n_docs += 1
            n_quotes += len(rec["quotes"])
            n_chars += len(rec.get("text", ""))
    secs = time.perf_counter() - t
    print(f"documents          {n_docs} ({len(docs)} distinct x {args.repeat})")
    print(f"characters         {n_chars}")
    print(f"quotes             {n_quotes}")
    print(f"batch size         {args.batch_size} documents, {args.batch_chars} characters, processes {args.n_process}")
    print(f"model load         {load:.1f} s")
    print(f"extraction         {secs:.1f} s: {n_docs / secs:.1f} documents/s, {n_chars / secs / 1000:.0f}k characters/s")
    print(f"peak memory        {peak_rss_mb():.0f} MB (after model load: {rss_loaded:.0f} MB)")
    if args.n_process > 1:  # the parsing happens in worker processes, each with its own model
        print(f"largest worker     {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
