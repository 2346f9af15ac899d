"""Proof that a speed change changes no output: `quotes extract` records, before and after.

    python bench/identical.py record DIR [--jobs 2]    # run the current code, keep its outputs in DIR
    python bench/identical.py check DIR [--jobs 2]     # run the current code again, compare with DIR

Runs the real command (`python -m quotes.cli extract`, whole processes, whatever `quotes` the
interpreter imports: point PYTHONPATH at an export of the base commit to record its outputs) with
`--scope speech` and `--scope attribution` on PolNeAR train and dev texts, GGT dev texts and the
seed articles. Records must be equal byte for byte once `meta.quotes_provenance` is taken out
(it names the version and the rules' checksum). Prints every difference's document and exits 1
when there is one.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
INPUTS = {
    "polnear_train": DATA / "polnear" / "train" / "text",
    "polnear_dev": DATA / "polnear" / "dev" / "text",
    "ggt_dev": DATA / "ggt" / "dev.jsonl",
    "seeds": ROOT / "corpus" / "seeds",
}
# Inputs named relative to a folder, so that the records' meta.path does not depend on where the
# checkout is (no `quotes` package in that folder: `-m` imports from the working folder first).
RELATIVE = {"seeds": ROOT / "corpus"}
SCOPES = ("speech", "attribution")


def run(name: str, scope: str, out: Path, extra: list[str]) -> tuple[str, float, int]:
    """One `quotes extract` process; its output goes to OUT/NAME.SCOPE.jsonl."""
    dest = out / f"{name}.{scope}.jsonl"
    t = time.perf_counter()
    cwd = RELATIVE.get(name)
    path = str(INPUTS[name].relative_to(cwd)) if cwd else str(INPUTS[name])
    proc = subprocess.run([sys.executable, "-m", "quotes.cli", "extract", path, "--scope", scope,
                           "-q", "-o", str(dest.resolve()), *extra], stderr=subprocess.PIPE, text=True, cwd=cwd)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
    return dest.name, time.perf_counter() - t, proc.returncode


def comparable(line: str) -> str:
    rec = json.loads(line)
    rec.get("meta", {}).pop("quotes_provenance", None)
    return json.dumps(rec, ensure_ascii=False)


def compare(before: Path, after: Path) -> list[str]:
    """Differences between two output files, one line each (the record's id and what differs)."""
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    diffs = []
    if len(a) != len(b):
        diffs.append(f"{after.name}: {len(b)} records, before {len(a)}")
    for x, y in zip(a, b):
        if comparable(x) != comparable(y):
            rx, ry = json.loads(x), json.loads(y)
            qx, qy = rx.get("quotes", []), ry.get("quotes", [])
            diffs.append(f"{after.name}: record {rx.get('id')!r} differs ({len(qx)} quotes before, {len(qy)} after)")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("record", "check"))
    ap.add_argument("dir", help="folder of the recorded outputs (before)")
    ap.add_argument("--jobs", type=int, default=2, help="extract processes at once (default 2)")
    ap.add_argument("--only", nargs="*", choices=list(INPUTS), help="some of the inputs only")
    ap.add_argument("--extract-args", default="", help="more options for extract, e.g. '--n-process 2'")
    args = ap.parse_args()
    base = Path(args.dir)
    out = base if args.mode == "record" else base / "after"
    out.mkdir(parents=True, exist_ok=True)
    import quotes

    print(f"quotes from {Path(quotes.__file__).parent}", flush=True)
    names = args.only or list(INPUTS)
    jobs = [(n, s) for n in names for s in SCOPES]
    failed = 0
    with ThreadPoolExecutor(args.jobs) as pool:
        for name, secs, rc in pool.map(lambda j: run(*j, out, args.extract_args.split()), jobs):
            print(f"{name:36} {secs:6.1f} s{'  FAILED (exit %d)' % rc if rc else ''}", flush=True)
            failed += rc != 0
    if failed:
        return 2
    if args.mode == "record":
        return 0
    diffs = []
    for name, scope in jobs:
        diffs += compare(base / f"{name}.{scope}.jsonl", out / f"{name}.{scope}.jsonl")
    for d in diffs:
        print(d)
    total = sum(len((out / f"{n}.{s}.jsonl").read_text(encoding="utf-8").splitlines()) for n, s in jobs)
    print(f"{'IDENTICAL' if not diffs else 'DIFFERENT'}: {total} records in {len(jobs)} files, "
          f"{len(diffs)} difference(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
