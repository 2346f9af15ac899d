"""Interrupted runs (issue 13): SIGINT and SIGTERM stop `quotes extract` within seconds with any
--n-process, the output holds whole records only, the exit status is 130 / 143; `--resume` then
finishes the run, giving the records an uninterrupted run gives. Real processes, real signals."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

N_DOCS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("resume")
    src = d / "in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(N_DOCS):
            f.write(json.dumps({"id": f"d{i}", "text": f'"We are ready to talk about item {i}," Zakharova told '
                                f"reporters on day {i}. According to TASS, Lavrov said that meeting {i} would go ahead."})
                    + "\n")
    return src


def start(src, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "quotes.cli", "extract", str(src), "-o", str(out), "--no-text",
                             "-q", "--batch-size", "4", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def wait_for_records(p, out, n, timeout=120):
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        if out.exists() and out.read_bytes().count(b"\n") >= n:
            return
        if p.poll() is not None:
            pytest.fail(f"the run ended before {n} records: {p.stderr.read()!r}")
        time.sleep(0.02)
    pytest.fail("no output")


def records(out):
    data = out.read_bytes()
    assert data.endswith(b"\n"), "a torn last line"
    recs = [json.loads(line) for line in data.splitlines()]
    for r in recs:
        r["meta"].pop("quotes_provenance", None)
    return recs


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("whole") / "out.jsonl"
    p = start(corpus, out)
    assert p.wait(timeout=300) == 0, p.stderr.read()
    recs = records(out)
    assert len(recs) == N_DOCS
    return recs


@pytest.mark.parametrize("n_process, sig, group, resume", [
    (1, signal.SIGINT, False, True),
    (1, signal.SIGTERM, False, False),
    (2, signal.SIGINT, True, True),  # Ctrl-C in a terminal: the whole process group, workers included
    (2, signal.SIGTERM, False, False),
])
def test_a_signal_stops_the_run_with_whole_records_and_resume_finishes_it(corpus, uninterrupted, tmp_path,
                                                                         n_process, sig, group, resume):
    out = tmp_path / "out.jsonl"
    p = start(corpus, out, "--n-process", str(n_process))
    wait_for_records(p, out, 20)
    sent = time.monotonic()
    (os.killpg if group else os.kill)(p.pid, sig)
    try:  # the exit, and the end of standard error (which orphaned workers would hold open)
        err = p.communicate(timeout=10)[1].decode()
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        pytest.fail(f"still running (or workers left) 10 s after {sig.name}")
    code = p.returncode
    assert time.monotonic() - sent < 10
    assert code == 128 + sig, err
    assert err.count("\n") == 1 and f"interrupted by {sig.name}" in err and "--resume" in err, err
    time.sleep(0.2)
    left = subprocess.run(["pgrep", "-s", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert not left, f"worker processes left behind: {left}"
    done = records(out)
    assert 20 <= len(done) < N_DOCS
    assert done == uninterrupted[:len(done)]
    if not resume:
        return
    p = start(corpus, out, "--resume", "--n-process", str(n_process))
    assert p.wait(timeout=300) == 0, p.stderr.read()
    assert records(out) == uninterrupted


def test_resume_after_a_kill_drops_the_torn_last_line(corpus, uninterrupted, tmp_path):
    out = tmp_path / "out.jsonl"
    lines = [json.dumps(r) + "\n" for r in uninterrupted[:37]]
    out.write_text("".join(lines) + lines[37 - 1][:-40], encoding="utf-8")  # a write cut short by SIGKILL
    p = start(corpus, out, "--resume")
    assert p.wait(timeout=300) == 0, p.stderr.read()
    assert records(out) == uninterrupted


def test_resume_refuses_duplicate_input_ids_and_a_damaged_output(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "He said it works."}) + "\n" for i in ("a", "b", "a")))
    out = tmp_path / "out.jsonl"
    p = start(src, out, "--resume")
    err = p.communicate(timeout=120)[1].decode()
    assert p.returncode == 2 and "records 1 and 3 both have the id 'a'" in err and err.count("\n") == 1
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n')
    src.write_text(json.dumps({"id": "c", "text": "He said it works."}) + "\n")
    p = start(src, out, "--resume")
    err = p.communicate(timeout=120)[1].decode()
    assert p.returncode == 2 and "line 2: not a complete output record" in err
    p = start(src, "-", "--resume")
    err = p.communicate(timeout=120)[1].decode()
    assert p.returncode == 2 and "--resume needs -o FILE" in err


def test_resume_refuses_an_output_made_with_other_options(tmp_path, capsys):
    from quotes.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "He said it works. She thinks it fails."}) + "\n"
                           for i in ("a", "b")))
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q", "--scope", "attribution"]) == 0
    out.write_bytes(out.read_bytes().splitlines(keepends=True)[0])  # as if stopped after one record
    capsys.readouterr()
    assert main(["extract", str(src), "-o", str(out), "-q", "--resume"]) == 2
    err = capsys.readouterr().err
    assert "another scope" in err and err.count("\n") == 1
    assert main(["extract", str(src), "-o", str(out), "-q", "--resume", "--scope", "attribution"]) == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "b"]


def test_workers_end_when_the_run_is_killed(corpus, tmp_path):
    """SIGKILL reaches no handler of the parent: the workers end on their own (Linux)."""
    out = tmp_path / "out.jsonl"
    p = start(corpus, out, "--n-process", "2")
    wait_for_records(p, out, 20)
    workers = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert len(workers) >= 2
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=10)  # (not communicate: orphaned workers would hold its pipes open)
    t = time.monotonic()
    while time.monotonic() - t < 10:
        left = subprocess.run(["pgrep", "-s", str(p.pid)], capture_output=True, text=True).stdout.split()
        if not left:
            return
        time.sleep(0.1)
    os.killpg(p.pid, signal.SIGKILL)
    pytest.fail(f"workers left running after the parent was killed: {left}")
