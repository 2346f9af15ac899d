"""`quotes extract` against a bare spaCy parse, as whole processes, in paired alternating runs.

    python bench/paired.py [PATH ...] [--repeat K] [--n-process N] [--batch-size 16] [--rounds 5]
                           [--pair bare,extract] [--scope S] [--model M]

PATH: .txt files, folders or .jsonl (default: PolNeAR dev texts). The documents, fed K times
(`--repeat`; ids made unique), are written once to a JSONL file that both sides read:

- ``bare``: a process that loads the same model with ``spacy.load`` and runs ``nlp.pipe`` over
  the texts with the same batch size and ``n_process``, and nothing else;
- ``extract``: ``python -m quotes.cli extract THAT.jsonl -o OUT`` (the real command, writing its
  records).

A side may fix its own process count: ``--pair extract@1,extract@2`` compares one process with two;
and run another checkout's code: ``--pair extract=/path/to/old/checkout,extract`` compares two
versions (``quotes`` is imported from that folder).
Each round runs both sides one after the other, alternating which goes first; a side's time is its
whole process, start-up and model load included (what a user waits for). Reported: the median
time of each side, the median of the per-round ratio B / A (the figure to quote: pairing cancels
most of a shared machine's drift), the same for CPU time (user + system: what the work costs,
less disturbed by other work on the machine than the wall clock), throughput (documents and characters per second, from the
median time) and the peak resident memory (the largest process of the side: with
``--n-process`` > 1 the parent or a worker).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = "/work/shared/data/polnear/dev/text"


def bare(jsonl: str, model: str, batch_size: int, n_process: int) -> None:
    """The bare side, in its own process: read the texts, parse them, nothing more."""
    import spacy

    nlp = spacy.load(model)
    with open(jsonl, encoding="utf-8") as fh:
        texts = (json.loads(line)["text"] for line in fh)
        n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    print(n, file=sys.stderr)


def side_command(side: str, jsonl: str, out: str, args: argparse.Namespace, model: str) -> tuple[list[str], dict]:
    """The command line of a side and its environment: ``bare`` or ``extract``, ``@N`` processes,
    ``=DIR`` the ``quotes`` code to run (a checkout or an export of another commit; default: this
    one)."""
    side, _, code = side.partition("=")
    if "@" in code and code.rpartition("@")[2].isdigit():  # extract=DIR@N as well as extract@N=DIR
        code, _, procs = code.rpartition("@")
        side = f"{side}@{procs}"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [code or str(ROOT), os.environ.get("PYTHONPATH")])))
    name, _, procs = side.partition("@")
    n_process = procs or str(args.n_process)
    if name == "bare":
        return [sys.executable, __file__, "--bare-child", jsonl, "--model", model,
                "--batch-size", str(args.batch_size), "--n-process", n_process], env
    if name == "extract":
        cmd = [sys.executable, "-m", "quotes.cli", "extract", jsonl, "-o", out, "-q", "--model", model,
               "--batch-size", str(args.batch_size), "--n-process", n_process]
        return cmd + (["--scope", args.scope] if args.scope else []), env
    raise SystemExit(f"unknown side {side!r}: bare or extract, optionally with @N processes and =DIR")


def timed(cmd: list[str], env: dict, cwd: str) -> tuple[float, float, float]:
    """Wall time of a whole process, its CPU time (user + system, its waited-for children
    included) and its peak resident memory in MB (the largest of the process and the children it
    waited for, as wait4 reports it)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n{err}")
    return secs, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[DEFAULT_INPUT])
    ap.add_argument("--repeat", type=int, default=1, help="feed the corpus K times (default 1)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pair", default="bare,extract", help="A,B: the sides compared (default bare,extract)")
    ap.add_argument("--scope", help="extract's --scope (default: speech)")
    ap.add_argument("--model")
    ap.add_argument("--bare-child", metavar="JSONL", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bare_child:
        bare(args.bare_child, args.model, args.batch_size, args.n_process)
        return

    sys.path.insert(0, str(ROOT))
    from quotes.api import default_model
    from quotes.io import read_inputs

    model = args.model or default_model()
    docs = [r for r in read_inputs(args.paths) if isinstance(r.get("text"), str)]
    sides = args.pair.split(",")
    if len(sides) != 2:
        raise SystemExit("--pair takes two sides, A,B")
    with tempfile.TemporaryDirectory(prefix="quotes-paired-") as tmp:
        jsonl, out = os.path.join(tmp, "input.jsonl"), os.path.join(tmp, "out.jsonl")
        n_chars = 0
        with open(jsonl, "w", encoding="utf-8") as fh:
            for k in range(args.repeat):
                for d in docs:
                    fh.write(json.dumps({"id": f"{d['id']}#{k}", "text": d["text"]}, ensure_ascii=False) + "\n")
                    n_chars += len(d["text"])
        n_docs = len(docs) * args.repeat
        print(f"{n_docs} documents ({len(docs)} x {args.repeat}), {n_chars} characters; model {model}, "
              f"batch size {args.batch_size}, processes {args.n_process}; {args.rounds} rounds, A = {sides[0]}, "
              f"B = {sides[1]}", flush=True)
        times: dict[str, list[float]] = {s: [] for s in sides}
        cpu: dict[str, list[float]] = {s: [] for s in sides}
        rss: dict[str, list[float]] = {s: [] for s in sides}
        ratios, cpu_ratios = [], []
        for r in range(args.rounds):
            order = sides if r % 2 == 0 else sides[::-1]
            got = {}
            for side in order:
                # run from the temporary folder: `-m` imports from the working folder first
                got[side] = timed(*side_command(side, jsonl, out, args, model), cwd=tmp)
                times[side].append(got[side][0])
                cpu[side].append(got[side][1])
                rss[side].append(got[side][2])
            ratios.append(got[sides[1]][0] / got[sides[0]][0])
            cpu_ratios.append(got[sides[1]][1] / got[sides[0]][1])
            print(f"round {r + 1}: " + ", ".join(f"{s} {got[s][0]:.1f} s (CPU {got[s][1]:.1f} s) {got[s][2]:.0f} MB"
                                                 for s in order)
                  + f"; B/A {ratios[-1]:.3f} (CPU {cpu_ratios[-1]:.3f})", flush=True)
    print(f"{'side':16} {'median s':>9} {'CPU s':>7} {'docs/s':>8} {'kchars/s':>9} {'peak MB':>8}")
    for s in sides:
        med = statistics.median(times[s])
        print(f"{s:16} {med:9.1f} {statistics.median(cpu[s]):7.1f} {n_docs / med:8.2f} {n_chars / med / 1000:9.1f} "
              f"{max(rss[s]):8.0f}")
    print(f"B/A time ratio: median {statistics.median(ratios):.3f} (rounds: "
          f"{', '.join(f'{x:.3f}' for x in ratios)}); throughput B/A {1 / statistics.median(ratios):.3f}")
    print(f"B/A CPU time ratio: median {statistics.median(cpu_ratios):.3f} (rounds: "
          f"{', '.join(f'{x:.3f}' for x in cpu_ratios)})")


if __name__ == "__main__":
    main()
