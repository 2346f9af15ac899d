"""Time on hostile inputs against news of the same length (never asserted in tests: measured here).

    python bench/hostile.py [--size 10000] [--runs 5]

Each hostile text (reports nested hundreds deep in alternating quote marks, a run of quote marks,
one sentence of thousands of words with no end, a text that is all cue words) is paired with news
of the same length (the seed articles in corpus/seeds, repeated and cut), both parsed by the same
pipeline in this process, alternately, ``--runs`` times. Prints each pair's median seconds, the
median of the per-run ratios (the aim, in the reliability issue: none above 3), and the hostile
text's bare parse (the quotes component switched off) as a share of its whole time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import quotes  # noqa: E402


def hostile(size: int) -> dict[str, str]:
    def cut(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "nested quote marks": cut("“He said " + '"she said '),
        "quote marks": '"' * size,
        "a sentence without end": cut("the minister said that the deputy told "),
        "all cue words": cut("said told stressed warned claimed "),
        "open quote marks": cut("“He said, “"),
    }


def seconds(nlp, text: str) -> float:
    t = time.perf_counter()
    nlp(text)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10000, help="characters per text")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scope", default=None)
    args = ap.parse_args()
    nlp = quotes.load_pipeline(scope=args.scope)
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt")))
    news = (seeds * (args.size // len(seeds) + 1))[:args.size]
    nlp(news)  # warm up
    print(f"{'input':28} {'seconds':>8} {'news':>8} {'ratio':>6} {'parse':>6}  ({args.size} characters, "
          f"median of {args.runs})")
    for name, text in hostile(args.size).items():
        h, n, r, p = [], [], [], []
        for _ in range(args.runs):
            h.append(seconds(nlp, text))
            n.append(seconds(nlp, news))
            r.append(h[-1] / n[-1])
            with nlp.select_pipes(disable=["quotes"]):
                p.append(seconds(nlp, text) / h[-1])
        print(f"{name:28} {statistics.median(h):8.2f} {statistics.median(n):8.2f} {statistics.median(r):6.2f} "
              f"{statistics.median(p):6.2f}")


if __name__ == "__main__":
    main()
