"""Hostile input and hostile places (issue 13): every input record gives exactly one output record,
a record's problem goes to its errors, and the process ends with the documented exit status and
one line on standard error, never a traceback."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import quotes
from quotes.cli import main
from quotes.model import check_offsets

TEXT = '"We are ready to talk," Zakharova told reporters.\n'
SEEDS_GOLD = Path(__file__).parent.parent / "corpus" / "seeds.gold.jsonl"


def run(capsys, argv, stdin=None, monkeypatch=None):
    """main() in process; stdin as bytes. Returns exit status, output records, standard error."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def one_line(err):
    assert err.strip() and err.strip().count("\n") == 0 and "Traceback" not in err, err
    return err


def cli(*args, **kw):
    """The installed command in a process of its own (what a user runs)."""
    return subprocess.run([sys.executable, "-m", "quotes.cli", *args], capture_output=True, **kw)


# --------------------------------------------------------------------------------------------
# Text that UTF-8 cannot hold, and bytes that are not UTF-8


def test_lone_surrogate_in_jsonl_text_keeps_the_run_and_the_offsets(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "bad", "text": 'He said \ud800 it "works," she said.\udc00'}) + "\n"
                   + json.dumps({"id": "good", "text": TEXT}) + "\n", encoding="ascii")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, ["extract", str(src), "-o", str(out)])
    assert code == 0, err
    raw = out.read_bytes()
    raw.decode("utf-8")  # valid UTF-8 throughout
    recs = [json.loads(line) for line in raw.splitlines()]
    assert [r["id"] for r in recs] == ["bad", "good"]
    bad = recs[0]
    assert bad["text"] == 'He said \ufffd it "works," she said.\ufffd'  # one code point for one
    assert "surrogate" in bad["errors"][0] and bad["quotes"]
    assert not check_offsets(bad) and recs[1]["quotes"] and "errors" not in recs[1]


def test_surrogates_anywhere_in_a_record_are_written_as_replacement_characters():
    from quotes.io import dumps_line

    line = dumps_line({"id": "x\ud800", "meta": {"k\udfff": ["\ud83d"]}, "text": "a\ud800b"})
    assert json.loads(line.decode("utf-8")) == {"id": "x\ufffd", "meta": {"k\ufffd": ["\ufffd"]}, "text": "a\ufffdb"}


def test_invalid_utf8_on_stdin_is_handled_like_a_file(tmp_path, capsys, monkeypatch):
    data = b"He said \xff\xfe it works."
    code, recs, err = run(capsys, ["extract", "-", "--no-text"], stdin=data, monkeypatch=monkeypatch)
    assert code == 0 and len(recs) == 1
    assert "not valid UTF-8 (byte 8)" in recs[0]["errors"][0] and recs[0]["quotes"]
    (tmp_path / "same.txt").write_bytes(data)
    code, from_file, _ = run(capsys, ["extract", str(tmp_path / "same.txt"), "--no-text"])
    assert from_file[0]["quotes"] == recs[0]["quotes"]


def test_invalid_utf8_in_a_jsonl_line_is_reported_on_that_record(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "a", "text": "He said it \xff works."}\n' + json.dumps({"id": "b", "text": TEXT}).encode() + b"\n")
    code, recs, _ = run(capsys, ["extract", str(src), "--no-text"])
    assert code == 0 and [r["id"] for r in recs] == ["a", "b"]
    assert "line 1: not valid UTF-8" in recs[0]["errors"][0] and "errors" not in recs[1]


def test_invalid_utf8_is_reported_in_errors_as_the_readme_says(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"He said \xff it works.")
    code, recs, _ = run(capsys, ["extract", str(tmp_path / "a.txt")])
    assert code == 0 and "not valid UTF-8" in recs[0]["errors"][0] and "warnings" not in recs[0]["meta"]
    assert recs[0]["text"] == "He said \ufffd it works." and not check_offsets(recs[0])


def test_utf16_file_with_a_byte_order_mark_is_read_as_text(tmp_path, capsys):
    (tmp_path / "le.txt").write_bytes(TEXT.encode("utf-16"))  # BOM + UTF-16 LE
    (tmp_path / "be.txt").write_bytes(b"\xfe\xff" + TEXT.encode("utf-16-be"))
    (tmp_path / "in.jsonl").write_bytes(json.dumps({"id": "j", "text": TEXT}).encode("utf-16"))
    code, recs, _ = run(capsys, ["extract", str(tmp_path / "be.txt"), str(tmp_path / "le.txt"), str(tmp_path / "in.jsonl")])
    assert code == 0 and [r["id"] for r in recs] == ["be", "le", "j"]
    assert all(r["text"] == TEXT and r["quotes"] and "errors" not in r for r in recs)


def test_utf8_bom_is_dropped_from_stdin_as_from_files(capsys, monkeypatch):
    code, recs, _ = run(capsys, ["extract", "-"], stdin=b"\xef\xbb\xbf" + TEXT.encode(), monkeypatch=monkeypatch)
    assert recs[0]["text"] == TEXT and recs[0]["quotes"][0]["content"]["start"] == 0
    code, recs, _ = run(capsys, ["extract", "-"], stdin=b"\xef\xbb\xbf" + json.dumps({"id": "j", "text": TEXT}).encode(),
                        monkeypatch=monkeypatch)
    assert recs[0]["id"] == "j" and recs[0]["text"] == TEXT


# --------------------------------------------------------------------------------------------
# Where the output goes


def test_output_into_a_missing_folder_onto_a_folder_or_a_read_only_place(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    places = [tmp_path / "missing" / "out.jsonl", tmp_path]
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        places.append(ro / "out.jsonl")
    else:  # root writes anywhere a mode allows nothing; /proc refuses even root
        places.append(Path("/proc/version"))
    for place in places:
        code, _, err = run(capsys, ["extract", str(tmp_path / "a.txt"), "-o", str(place)])
        assert code == 1 and f"cannot write {place}" in one_line(err)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_for_a_file_and_for_standard_output(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    r = cli("extract", str(tmp_path / "a.txt"), "-o", "/dev/full")
    assert r.returncode == 1 and b"No space left on device" in r.stderr and r.stderr.count(b"\n") == 1
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "quotes.cli", "extract", str(tmp_path / "a.txt")],
                           stdout=full, stderr=subprocess.PIPE)
    assert r.returncode == 1 and b"No space left on device" in r.stderr and r.stderr.count(b"\n") == 1


def test_convert_to_stdout_into_a_closed_pipe_is_not_an_error(tmp_path):
    recs = [{"id": f"d{i}", "text": "x" * 5000, "quotes": []} for i in range(200)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "quotes.cli", "convert", str(src), "--to", "jsonl", "-o", "-"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()  # what `| head -1` does
    assert p.wait(timeout=60) == 0
    assert p.stderr.read() == b""


# --------------------------------------------------------------------------------------------
# Ids and keys


def test_null_id_takes_the_line_not_none(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": None, "text": TEXT}) + "\n" + json.dumps({"id": 7, "text": TEXT}) + "\n")
    _, recs, _ = run(capsys, ["extract", str(src), "--no-text"])
    assert [r["id"] for r in recs] == ["in:1", "7"]
    assert [r["id"] for r in quotes.extract_records([{"id": None, "text": TEXT}])] == ["1"]


def test_duplicate_ids_are_reported(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": TEXT}) + "\n" for i in ("a", "b", "a")))
    code, recs, err = run(capsys, ["extract", str(src), "--no-text"])
    assert code == 0 and len(recs) == 3 and all(r["quotes"] for r in recs)
    assert "errors" not in recs[0] and "also the id of record 1" in recs[2]["errors"][0]
    assert "1 record(s) have the id of an earlier record (first: 'a')" in one_line(err)


def test_text_key_that_matches_no_record_is_an_error(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "body": TEXT}) + "\n")
    code, recs, err = run(capsys, ["extract", str(src)])
    assert code == 2 and len(recs) == 1 and recs[0]["errors"]
    assert "--text-key" in one_line(err) and "body" in err


# --------------------------------------------------------------------------------------------
# Rules


def _pattern(**changes):
    p = {"id": "my.rule", "description": "d", "examples": [{"text": "He said it works.", "content": "it works"}],
         "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                     {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]}
    p.update(changes)
    return {"patterns": [p]}


@pytest.mark.parametrize("files, says", [
    ({"patterns/x.json": _pattern(content="content")}, "rule 'my.rule': 'content' must be an object"),
    ({"patterns/x.json": _pattern(requires="speaker")}, "rule 'my.rule': 'requires' must be a list of strings"),
    ({"patterns/x.json": _pattern(priority="high")}, "rule 'my.rule': 'priority' must be a number"),
    ({"patterns/x.json": _pattern(content={"nodes": "content"})}, "rule 'my.rule': 'content.nodes' must be a list"),
    ({"cues.json": {"verbs": {"speech": "harrumph"}}}, "cues.json: 'verbs.speech' must be a list"),
    ({"cues.json": {"verbs": ["harrumph"]}}, "cues.json: 'verbs' must be an object"),
    ({"cues.json": b'{"verbs": {"speech": ["caf\xe9"]}}'}, "cues.json: not UTF-8"),
])
def test_broken_rules_are_exit_2_naming_file_and_rule(tmp_path, capsys, files, says):
    rules = tmp_path / "rules"
    for name, content in files.items():
        (rules / name).parent.mkdir(parents=True, exist_ok=True)
        (rules / name).write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, recs, err = run(capsys, ["extract", str(tmp_path / "a.txt"), "--rules", str(rules)])
    assert code == 2 and not recs
    assert says in one_line(err) and str(rules) in err


# --------------------------------------------------------------------------------------------
# quotes evaluate: what cannot be scored says where


def _gold(**quote_changes):
    q = {"id": "q1", "type": "direct", "content": {"start": 0, "end": 23, "text": TEXT[:23]},
         "speaker": {"start": 24, "end": 33, "text": "Zakharova"}, "cue": None, "chain": []}
    q.update(quote_changes)
    return {"id": "d1", "text": TEXT, "quotes": [q]}


@pytest.mark.parametrize("record, says", [
    (_gold(content={"start": "0", "end": 22, "text": TEXT[:22]}), "quote 'q1' content: 'start' must be an integer"),
    (_gold(content={"start": None, "end": 22, "text": TEXT[:22]}), "'start' must be an integer character offset, got null"),
    (_gold(content=None), "quote 'q1' content: expected a span object"),
    ({"id": "d1", "text": TEXT, "quotes": [{"id": "q1", "type": "direct"}]}, "quote 'q1': no 'content'"),
    ({"id": "d1", "text": TEXT, "quotes": {"q1": 1}}, "'quotes' must be a list"),
    ({"id": "d1", "quotes": []}, "no 'text'"),
    (_gold(content={"start": 10, "end": 5, "text": ""}), "offsets 10-5 do not lie on the text"),
    (_gold(content={"start": 0, "end": 999, "text": TEXT}), "offsets 0-999 do not lie on the text of 50 characters"),
    (_gold(content={"start": -1, "end": 5, "text": TEXT[:5]}), "offsets -1-5 do not lie"),
    (_gold(speaker={"start": 0, "end": 3, "text": "Zak"}), "quote 'q1' speaker: offsets 0-3 cover"),
])
def test_evaluate_refuses_gold_it_cannot_score(tmp_path, capsys, record, says):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "d1", "quotes": []}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, ["evaluate", str(gold), str(pred)])
    assert code == 1 and says in one_line(err) and "gold.jsonl, record 1 (id 'd1')" in err


def test_evaluate_checks_predictions_against_the_gold_text(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_gold()) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "d1", "quotes": [_gold(content={"start": 0, "end": 99, "text": "x"})["quotes"][0]]})
                    + "\n", encoding="utf-8")
    code, _, err = run(capsys, ["evaluate", str(gold), str(pred)])
    assert code == 1 and "pred.jsonl, record 1 (id 'd1'), quote 'q1' content: offsets 0-99" in one_line(err)


def _brat(tmp_path, ann=b"", meta=None):
    d = tmp_path / "brat"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "a.ann").write_bytes(ann)
    if meta is not None:
        (d / "a.meta.json").write_bytes(meta)
    return d


@pytest.mark.parametrize("ann, meta, says", [
    (b"T1\tContent 0 99999\tx\nT2\tCue 33 37\ttold\nE1\tAttribution:T2 Content:T1\n", None,
     "a.ann: T1 (Content) offsets 0 99999 do not lie on the text of 50 characters"),
    (b"T1\tContent 0 22\t\xff\xfe\n", None, "a.ann: not valid UTF-8"),
    (b"", b"{broken", "a.meta.json: not valid JSON"),
    (b"", b"[1, 2]", "a.meta.json: expected a JSON object"),
])
def test_evaluate_names_the_brat_file_it_cannot_read(tmp_path, capsys, ann, meta, says):
    d = _brat(tmp_path, ann, meta)
    code, _, err = run(capsys, ["evaluate", str(d), "--gold-format", "brat", str(SEEDS_GOLD)])
    assert code == 1 and says in one_line(err)


def test_evaluate_takes_pred_after_the_options(tmp_path, capsys):
    d = _brat(tmp_path, b"T1\tContent 0 22\t" + TEXT[:22].encode() + b"\nT2\tCue 33 37\ttold\n"
              b"E1\tAttribution:T2 Content:T1 Cue:T2\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "quotes": []}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, ["evaluate", str(d), "--gold-format", "brat", str(pred), "--json"])
    assert code == 0, err
    with pytest.raises(SystemExit) as e:  # one PRED only
        main(["evaluate", str(d), "--gold-format", "brat", str(pred), "extra"])
    assert e.value.code == 2


# --------------------------------------------------------------------------------------------
# quotes convert


def test_convert_with_colliding_ids_writes_nothing(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    recs = [{"id": "a", "text": "x", "quotes": []}, {"id": "b", "text": "y", "quotes": []},
            {"id": "a/", "text": "z", "quotes": []}, {"id": "a_", "text": "w", "quotes": []}]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, ["convert", str(src), "--to", "brat", "-o", str(out)])
    assert code == 1 and "would both be written as a_.txt" in one_line(err)
    assert not out.exists() or not any(out.iterdir())


# --------------------------------------------------------------------------------------------
# Python API and unexpected errors


def test_pipelines_that_mean_the_same_are_one_cached_pipeline():
    same = quotes.load_pipeline()
    assert quotes.load_pipeline(None, None) is same
    assert quotes.load_pipeline(model=None, rules=None) is same
    assert quotes.load_pipeline(scope="speech") is same
    assert quotes.load_pipeline(quotes.api.default_model()) is same


def test_an_unexpected_error_is_one_line_unless_debug(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("something odd")

    monkeypatch.setattr("quotes.cli.extract_records", boom)
    code, _, err = run(capsys, ["extract", str(tmp_path / "a.txt")])
    assert code == 1 and "something odd" in one_line(err)
    with pytest.raises(RuntimeError):
        main(["--debug", "extract", str(tmp_path / "a.txt")])


# --------------------------------------------------------------------------------------------
# Time: nothing quadratic in the number of quote marks. Time itself is measured in
# bench/hostile.py (against news of the same length); these tests check the bounds that keep
# the work linear, which a regression would break deterministically.


def _nested(n: int) -> str:
    # Reports nested in alternating quote marks: each holds all the ones after it.
    return "".join("“He said " if i % 2 == 0 else '"she said ' for i in range(n))


def _depth(quotes_: list[dict]) -> int:
    by_id = {q["id"]: q for q in quotes_}
    deepest = 0
    for q in quotes_:
        d = 0
        while q.get("nested_in"):
            q, d = by_id[q["nested_in"]], d + 1
        deepest = max(deepest, d)
    return deepest


def test_reports_nested_hundreds_deep_give_an_output_linear_in_the_text():
    """500 nested reports took 40 s and gave 78 MB of JSON from 9.5 KB: every level repeated the
    text and chain of all the levels inside it."""
    from quotes.chains import chain_rules
    from quotes.component import MAX_SENTENCE_TOKENS
    from quotes.rules import load_rules

    nlp = quotes.load_pipeline(scope="attribution")
    max_depth = chain_rules(load_rules()).max_depth
    sizes = []
    for n in (250, 500, 1000):
        doc = nlp(_nested(n))
        assert not doc._.quote_errors
        assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
        assert _depth(doc._.quotes) == max_depth
        assert max(len(q["chain"]) for q in doc._.quotes) <= max_depth
        sizes.append(len(json.dumps(doc._.quotes)))
    assert sizes[1] < 2.5 * sizes[0] and sizes[2] < 2.5 * sizes[1]


def test_a_run_of_quote_marks_is_a_few_tokens():
    """10,000 quote marks in a row took 43 s; one token per mark made the parser alone cost five
    times a news article of the same length."""
    nlp = quotes.load_pipeline()
    doc = nlp('"' * 10000)
    assert len(doc) <= 10000 // 200 + 2 and not doc._.quote_errors
    assert doc.text == '"' * 10000
    # Prose is untouched: every mark of a quotation is its own token.
    assert [t.text for t in nlp('"Yes," she said.')][:3] == ['"', "Yes", ","]
