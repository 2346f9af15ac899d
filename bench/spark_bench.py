"""`quotes spark --master local[2]` against `quotes extract --n-process 2` (measured, never asserted).

    python bench/spark_bench.py TEXT_FOLDER [--repeat 4] [--runs 3] [--partitions N] [--keep DIR]

Copies the .txt files of TEXT_FOLDER --repeat times into a temporary folder (r0/, r1/, ...), then
runs, --runs times each, alternating: `quotes extract TMP --n-process 2 -o out.jsonl` and
`quotes spark TMP out/ --master local[2]`, both as child processes of this script, and checks that
Spark wrote the same records. For each run it reports the wall time, documents per second, and the
peak resident memory (VmHWM from /proc, polled) of every process of the run's process tree, grouped:
extract's main process and its parser workers; Spark's Python workers (forked by pyspark.daemon),
its driver (the `quotes spark` process) and the JVM. Spark's fixed cost (JVM start, planning, a
model load per worker) is measured by one run on a single document; the steady rate is the
corpus over the wall time less that cost. Medians over the runs are printed at the end.
Linux only (/proc); no dependency beyond quotes[spark].
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUOTES = [sys.executable, "-m", "quotes.cli"]


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    return kids


def _status(pid: int) -> tuple[str, float]:
    """A process's role (from its command line) and its peak resident memory in MB."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return cmd, int(line.split()[1]) / 1024
    except OSError:
        pass
    return "", 0.0


def run_tree(argv: list[str]) -> tuple[float, dict[int, tuple[str, float, int]]]:
    """Run argv; wall seconds and, per process of its tree, (command line, peak MB, parent pid)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: dict[int, tuple[str, float, int]] = {}
    while proc.poll() is None:
        kids = _children()
        stack = [(proc.pid, 0)]
        while stack:
            pid, parent = stack.pop()
            cmd, peak = _status(pid)
            if cmd:
                seen[pid] = (cmd, max(peak, seen.get(pid, ("", 0.0, 0))[1]), parent)
            stack.extend((k, pid) for k in kids.get(pid, []))
        time.sleep(0.2)
    secs = time.perf_counter() - t
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    return secs, seen


def groups(seen: dict[int, tuple[str, float, int]], root_is_spark: bool) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for pid, (cmd, peak, parent) in seen.items():
        if not root_is_spark:
            role = "extract main" if parent == 0 else "extract worker"
        elif "java" in cmd.split(" ")[0] or "org.apache.spark" in cmd:
            role = "spark JVM"
        elif "pyspark.daemon" in cmd:
            # the daemon forks one worker per concurrent task; the daemon itself holds no model
            role = "spark python worker" if seen.get(parent, ("",))[0].find("pyspark.daemon") >= 0 else "spark daemon"
        elif parent == 0:
            role = "spark driver (quotes spark)"
        else:
            continue
        out.setdefault(role, []).append(peak)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="folder of .txt files (e.g. ../shared/data/polnear/dev/text)")
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--partitions", type=int, help="quotes spark --partitions (default: its own)")
    ap.add_argument("--keep", help="keep the generated input and outputs in this folder")
    args = ap.parse_args()

    files = sorted(Path(args.folder).glob("*.txt"))
    if not files:
        sys.exit(f"{args.folder}: no .txt files")
    work = Path(args.keep or tempfile.mkdtemp(prefix="quotes-spark-bench-"))
    corpus = work / "corpus"
    for n in range(args.repeat):  # the texts are copied here, never into the repository
        (corpus / f"r{n}").mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copyfile(f, corpus / f"r{n}" / f.name)
    one = work / "one"
    one.mkdir(exist_ok=True)
    shutil.copyfile(files[0], one / files[0].name)
    n_docs = len(files) * args.repeat
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files) * args.repeat
    spark_opts = ["--master", "local[2]"] + (["--partitions", str(args.partitions)] if args.partitions else [])
    print(f"corpus: {n_docs} documents ({len(files)} x {args.repeat}), {chars} characters; {os.cpu_count()} cores")

    shutil.rmtree(work / "one-out", ignore_errors=True)
    fixed, _ = run_tree(QUOTES + ["spark", str(one), str(work / "one-out"), *spark_opts])
    print(f"spark fixed cost (one document): {fixed:.1f} s")

    rows = []
    for r in range(args.runs):
        ex_out, sp_out = work / f"extract-{r}.jsonl", work / f"spark-{r}"
        shutil.rmtree(sp_out, ignore_errors=True)
        t_ex, seen_ex = run_tree(QUOTES + ["extract", str(corpus), "--n-process", "2", "-q", "-o", str(ex_out)])
        t_sp, seen_sp = run_tree(QUOTES + ["spark", str(corpus), str(sp_out), *spark_opts])
        same = "".join(p.read_text(encoding="utf-8") for p in sorted(sp_out.glob("part-*"))) == ex_out.read_text(encoding="utf-8")
        g_ex, g_sp = groups(seen_ex, False), groups(seen_sp, True)
        row = {"extract s": t_ex, "spark s": t_sp, "ratio": t_ex / t_sp,
               "steady ratio": t_ex / max(t_sp - fixed, 1e-9),
               "extract worker MB": max(g_ex.get("extract worker", [0])),
               "extract main MB": max(g_ex.get("extract main", [0])),
               "spark worker MB": max(g_sp.get("spark python worker", [0])),
               "spark driver MB": max(g_sp.get("spark driver (quotes spark)", [0])),
               "spark JVM MB": max(g_sp.get("spark JVM", [0]))}
        rows.append(row)
        print(f"run {r + 1}: extract {t_ex:.1f} s ({n_docs / t_ex:.1f} docs/s), spark {t_sp:.1f} s "
              f"({n_docs / t_sp:.1f} docs/s), same records: {'yes' if same else 'NO'}; peak MB: "
              + ", ".join(f"{k} {sorted(round(x) for x in v)}" for k, v in sorted({**g_ex, **g_sp}.items())))

    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    steady = max(med["spark s"] - fixed, 1e-9)
    print(f"\nmedians over {args.runs} runs")
    print(f"extract --n-process 2    {med['extract s']:.1f} s, {n_docs / med['extract s']:.2f} documents/s")
    print(f"spark local[2]           {med['spark s']:.1f} s, {n_docs / med['spark s']:.2f} documents/s "
          f"(without the {fixed:.0f} s fixed cost: {n_docs / steady:.2f} documents/s)")
    print(f"throughput ratio         {med['ratio']:.2f} end to end, {med['steady ratio']:.2f} without the fixed cost (target >= 0.85)")
    print(f"peak memory per worker   spark {med['spark worker MB']:.0f} MB, extract {med['extract worker MB']:.0f} MB: "
          f"{med['spark worker MB'] / med['extract worker MB']:.2f}x (target <= 1.2x); extract main process "
          f"{med['extract main MB']:.0f} MB, spark driver {med['spark driver MB']:.0f} MB, JVM {med['spark JVM MB']:.0f} MB")
    per_core = n_docs / steady / 2
    print(f"cost model               {per_core:.2f} documents/s/core ({per_core * 3600:.0f} documents/core-hour, "
          f"{chars / n_docs:.0f} characters each): a million articles = {1e6 / per_core / 3600:.0f} core-hours")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
