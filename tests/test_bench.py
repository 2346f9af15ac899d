"""The benchmark's helpers (bench/paired.py, bench/identical.py), without timing anything."""
import argparse
import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load(name):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_identical_ignores_provenance_only(tmp_path):
    identical = load("identical")
    rec = {"id": "a", "meta": {"path": "x.txt", "quotes_provenance": {"version": "1"}}, "quotes": [{"id": "q1"}]}
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    before.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    rec["meta"]["quotes_provenance"] = {"version": "2"}
    after.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert identical.compare(before, after) == []
    rec["quotes"].append({"id": "q2"})
    after.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert identical.compare(before, after) == ["after.jsonl: record 'a' differs (1 quotes before, 2 after)"]


def test_paired_sides():
    paired = load("paired")
    args = argparse.Namespace(n_process=1, batch_size=16, scope="attribution")
    cmd, env = paired.side_command("extract@2=/old/checkout", "in.jsonl", "out.jsonl", args, "m")
    assert cmd[1:4] == ["-m", "quotes.cli", "extract"] and cmd[cmd.index("--n-process") + 1] == "2"
    assert env["PYTHONPATH"].split(":")[0] == "/old/checkout" and cmd[-2:] == ["--scope", "attribution"]
    cmd, env = paired.side_command("bare", "in.jsonl", "out.jsonl", args, "m")
    assert "--bare-child" in cmd and cmd[cmd.index("--n-process") + 1] == "1"
    assert env["PYTHONPATH"].split(":")[0] == str(BENCH.parent)
