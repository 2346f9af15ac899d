"""The command line, run in-process through quotes.cli.main (the model is loaded once)."""
import io
import json
import sys

import pytest

from quotes.cli import main
from quotes.model import check_offsets

TEXT = '"We are ready to talk," Zakharova told reporters.\n'


def run(capsys, argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_extract_files_and_folders(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Nothing said.", encoding="utf-8")
    code, recs, _ = run(capsys, ["extract", str(tmp_path)])
    assert code == 0
    assert [r["id"] for r in recs] == ["a", "b"]
    assert recs[0]["quotes"][0]["speaker"]["text"] == "Zakharova"
    assert recs[1]["quotes"] == []
    assert all(not check_offsets(r) for r in recs)
    prov = recs[0]["meta"]["quotes_provenance"]
    assert prov["toolkit"] == "quotes" and len(prov["rules_sha256"]) == 64


def test_jsonl_input_with_renamed_keys_bad_line_and_output_file(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc": "x1", "body": TEXT, "source": "TASS"}) + "\n{broken\n"
                   + json.dumps({"doc": "x3", "title": "no body"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, ["extract", str(src), "--text-key", "body", "--id-key", "doc", "-o", str(out), "--no-text"])
    assert code == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["x1", "in:2", "x3"]
    assert "text" not in recs[0] and recs[0]["meta"]["source"] == "TASS" and recs[0]["quotes"]
    assert "line 2" in recs[1]["errors"][0] and recs[1]["quotes"] == []
    assert "'body'" in recs[2]["errors"][0]


def test_stdin_text_and_jsonl(capsys, monkeypatch):
    code, recs, _ = run(capsys, ["extract", "-"], stdin=TEXT, monkeypatch=monkeypatch)
    assert code == 0 and recs[0]["id"] == "stdin" and recs[0]["quotes"]
    code, recs, _ = run(capsys, ["extract", "-"], stdin=json.dumps({"id": "s", "text": TEXT}) + "\n",
                        monkeypatch=monkeypatch)
    assert recs[0]["id"] == "s" and recs[0]["quotes"]


def test_unreadable_path_exits_1_but_reads_the_rest(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, recs, err = run(capsys, ["extract", str(tmp_path / "missing.txt"), str(tmp_path / "a.txt")])
    assert code == 1
    assert "missing.txt: no such file" in err
    assert [r["id"] for r in recs] == ["a"]


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["extract", "--batch-size", "zero"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["extract", "--batch-chars", "0"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["nonsense"])
    assert e.value.code == 2


def test_missing_model_is_one_line_not_a_traceback(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, _, err = run(capsys, ["extract", "--model", "no_such_model_xyz", str(tmp_path)])
    assert code == 2
    assert err.strip().count("\n") == 0 and "pip install" in err and "Traceback" not in err


def test_help_says_what_it_does(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    assert "--batch-size" in out and "--model" in out and ".jsonl" in out
