"""Gender Gap Tracker gold: reading, validating, detecting and scoring, on small hand-made
records (the GGT texts themselves never enter the repository)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.brat import detect_format, read_records
from quotes.evaluate import evaluate
from quotes.ggt import ggt_to_record, looks_like_ggt, read_ggt

TEXT = ("Mayor Ann Lee said the bridge will close in May. \u201cWe have no choice,\u201d she said. "
        "The budget is tight, according to a memo.")


def span(s: str) -> dict:
    i = TEXT.index(s)
    return {"start": i, "end": i + len(s), "text": s}


def ggt_article(aid: str = "a1") -> dict:
    return {
        "id": aid, "outlet": "Test Outlet", "url": "https://example.org/a1", "text": TEXT,
        "quotes": [
            {"content": span("the bridge will close in May"), "speaker": span("Mayor Ann Lee"), "cue": span("said"),
             "speaker_name": "Ann Lee"},
            {"content": span("\u201cWe have no choice,\u201d"), "speaker": span("she"), "cue": None,
             "speaker_name": "Ann Lee"},
            {"content": span("The budget is tight"), "speaker": None, "cue": span("according to"),
             "speaker_name": "City of Springfield"},
        ],
    }


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ggt_record_becomes_ours() -> None:
    rec = ggt_to_record(ggt_article())
    assert rec["id"] == "a1" and rec["text"] == TEXT
    assert rec["meta"] == {"outlet": "Test Outlet", "url": "https://example.org/a1"}
    q1, q2, q3 = rec["quotes"]
    assert [q["id"] for q in rec["quotes"]] == ["g1", "g2", "g3"]
    assert q1["content"] == span("the bridge will close in May")
    assert q1["cue"] == {**span("said"), "lemma": ""}
    assert q1["speaker"] == {**span("Mayor Ann Lee"), "name": "Ann Lee", "kind": "unknown", "anonymous": False}
    assert q1["speaker_name"] == "Ann Lee"
    # No direct/indirect label, no frame in GGT: none is made up.
    assert all("type" not in q and "frame" not in q for q in rec["quotes"])
    assert q2["cue"] is None and q2["speaker"]["text"] == "she"
    # No marked mention, but a name to score.
    assert q3["speaker"] is None and q3["speaker_name"] == "City of Springfield"


@pytest.mark.parametrize("breakage,message", [
    (lambda a: a["quotes"][1]["content"].update(end=len(TEXT) + 5), "outside the text"),
    (lambda a: a["quotes"][1]["speaker"].update(text="he"), "cover 'she', the span says 'he'"),
    (lambda a: a["quotes"][0]["cue"].pop("start"), "not a span"),
    (lambda a: a["quotes"][2].update(speaker_name=7), "speaker_name must be a string"),
    (lambda a: a["quotes"].append("just text"), "quote 4"),
    (lambda a: a.pop("text"), "no string 'text'"),
    (lambda a: a.update(quotes={}), "'quotes' must be a list"),
])
def test_bad_record_names_the_record(breakage, message: str) -> None:
    art = ggt_article("art-9")
    breakage(art)
    with pytest.raises(ValueError) as e:
        ggt_to_record(art)
    assert "'art-9'" in str(e.value) and message in str(e.value)


def test_bad_span_names_the_quote() -> None:
    art = ggt_article()
    art["quotes"][1]["speaker"]["text"] = "he"
    with pytest.raises(ValueError, match=r"quote 2 speaker: offsets \d+-\d+ cover 'she'.*re-anchor"):
        ggt_to_record(art)


def test_detect_and_read(tmp_path: Path) -> None:
    empty_first = {**ggt_article("a0"), "quotes": []}
    ggt = write_jsonl(tmp_path / "ggt.jsonl", [empty_first, ggt_article()])
    ours = write_jsonl(tmp_path / "ours.jsonl", [ggt_to_record(ggt_article()) | {"quotes": [
        {**q, "type": "indirect", "frame": "speech", "rule": "gold"} for q in ggt_to_record(ggt_article())["quotes"]]}])
    assert detect_format(ggt) == "ggt"  # the first record with quotes decides
    assert detect_format(ours) == "jsonl"
    assert detect_format(write_jsonl(tmp_path / "none.jsonl", [{"id": "x", "text": "", "quotes": []}])) == "jsonl"
    assert detect_format(write_jsonl(tmp_path / "broken.jsonl", ["{oops"])) == "jsonl"
    assert not looks_like_ggt({"quotes": [{"speaker_name": "A", "type": "direct"}]})
    records = list(read_records(ggt))
    assert [r["id"] for r in records] == ["a0", "a1"] and len(records[1]["quotes"]) == 3
    assert list(read_records(ggt, "ggt")) == records == list(read_ggt(ggt))
    # Forced to our own format, the GGT file is read as it stands.
    assert "speaker_name" in list(read_records(ggt, "jsonl"))[1]["quotes"][0]


def test_untyped_gold_is_not_counted_as_indirect() -> None:
    gold = [ggt_to_record(ggt_article())]
    pred = [{**gold[0], "quotes": [{**q, "type": "indirect"} for q in gold[0]["quotes"]]}]
    r = evaluate(gold, pred)
    assert r["overlap"]["tp"] == 3
    assert all(v["gold"] == 0 for v in r["recall_by_type"].values())
    assert r["type"]["n"] == 0 and r["frame"]["n"] == 0 and r["recall_by_frame"] == {}


def test_speaker_name_scored_against_ggt_names() -> None:
    gold = [ggt_to_record(ggt_article())]
    g1, g2, g3 = gold[0]["quotes"]

    def pred(speakers: list) -> list[dict]:
        return [{**gold[0], "quotes": [{**q, "speaker": sp, "type": "indirect"} for q, sp in zip(gold[0]["quotes"], speakers)]}]

    lee = {**span("Mayor Ann Lee"), "name": None, "kind": "person", "anonymous": False}
    she = {**span("she"), "name": "Lee", "kind": "person", "anonymous": False}
    # Mention only, a proper name ("Mayor Ann Lee" holds "Ann Lee"); pronoun resolved to the
    # surname; no speaker for the third: 2 of 3.
    r = evaluate(gold, pred([lee, she, None]))
    assert r["speaker_name"] == {"n": 3, "correct": 2, "accuracy": 2 / 3}
    assert r["speaker_name_pronoun"] == {"n": 1, "correct": 1, "accuracy": 1.0}
    # An unresolved pronoun names nobody.
    r = evaluate(gold, pred([lee, {**she, "name": None}, {**span("a memo"), "name": None}]))
    assert r["speaker_name"]["correct"] == 1 and r["speaker_name_pronoun"]["correct"] == 0
    # The mention-level speaker accuracy is unchanged: only gold with a mention counts.
    assert r["speaker"]["n"] == 2


def test_cli_evaluate_ggt_gold(tmp_path: Path, capsys) -> None:
    from quotes.cli import main

    gold = write_jsonl(tmp_path / "ggt.jsonl", [ggt_article()])
    ours = ggt_to_record(ggt_article())
    ours["quotes"] = [{**q, "type": "indirect", "frame": "speech", "rule": "x"} for q in ours["quotes"][:2]]
    pred = write_jsonl(tmp_path / "pred.jsonl", [ours])
    assert main(["evaluate", str(gold), str(pred), "--match", "gold30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["pred"]
    assert data["match"] == "gold30" and data["gold30"]["tp"] == 2 and data["gold30"]["fn"] == 1
    assert data["speaker_name"]["n"] == 2
    assert main(["evaluate", str(gold), str(pred), "--gold-format", "ggt", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "recall direct (n=0)" in out and "gold30: F1" not in out
    assert "Missed gold quotes (1)" in out and "The budget is tight" in out
    # A GGT file with a broken span: one line naming the file and the record, exit 1.
    bad = ggt_article("broken-1")
    bad["quotes"][0]["content"]["start"] += 1
    write_jsonl(gold, [bad])
    assert main(["evaluate", str(gold), str(pred)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ggt.jsonl" in err and "'broken-1'" in err and "Traceback" not in err


def test_cli_evaluate_ggt_runs_the_extractor(tmp_path: Path, capsys) -> None:
    """`quotes evaluate GGT_FILE` with no PRED reads the GGT gold and runs the extractor on it."""
    from quotes.cli import main

    gold = write_jsonl(tmp_path / "ggt.jsonl", [ggt_article()])
    assert main(["evaluate", str(gold), "--match", "gold30"]) == 0
    out = capsys.readouterr().out
    assert next(l for l in out.splitlines() if l.startswith("gold quotes")).split()[-1] == "3"
    assert "gold30: tp / fp / fn" in out and "speaker-name accuracy, pronoun mentions" in out


def test_cli_convert_from_ggt(tmp_path: Path) -> None:
    from quotes.cli import main

    gold = write_jsonl(tmp_path / "ggt.jsonl", [ggt_article()])
    assert main(["convert", str(gold), "--to", "jsonl", "-o", str(tmp_path / "ours.jsonl")]) == 0
    ours = json.loads((tmp_path / "ours.jsonl").read_text(encoding="utf-8"))
    assert ours == ggt_to_record(ggt_article())
    assert main(["convert", str(gold), "--to", "brat", "-o", str(tmp_path / "b")]) == 0
    back = list(read_records(tmp_path / "b"))[0]
    assert [q["content"] for q in back["quotes"]] == [q["content"] for q in ours["quotes"]]
    assert back["quotes"][0]["speaker"]["name"] == "Ann Lee"
