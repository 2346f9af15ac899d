"""brat standoff reading and writing, on small hand-written examples (and on the PolNeAR corpus
when it is present next to the repository)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quotes.brat import (
    detect_format,
    read_records,
    write_records,
    content_type,
    pieces_type,
    read_brat,
    read_brat_dir,
    record_to_ann,
    write_brat,
    write_brat_dir,
)
from quotes.model import Quote, check_offsets

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "data" / "polnear"

TEXT = (
    "The Daily Planet reports that the mayor will resign. "
    "\u201cI am done,\u201d Mayor Jones said, \u201cand I will not return.\u201d "
    "Taxes will rise, officials believe. Blah."
)


def at(s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return i, i + len(s)


def polnear_ann() -> str:
    """A PolNeAR-style annotation of TEXT: a shared source, a discontinuous content, a Content2
    role, an Attribution-no-source event, an event without content and a stray line."""
    src = at("The Daily Planet")
    cue = at("reports")
    con = at("that the mayor will resign")
    q1 = at("\u201cI am done,\u201d")
    q2 = at("\u201cand I will not return.\u201d")
    jones = at("Mayor Jones")
    said = at("said")
    taxes = at("Taxes will rise")
    believe = at("believe")
    return "\n".join([
        f"T1\tSource {src[0]} {src[1]}\tThe Daily Planet",
        f"T2\tCue {cue[0]} {cue[1]}\treports",
        f"T3\tContent {con[0]} {con[1]}\tthat the mayor will resign",
        f"T4\tAttribution {cue[0]} {cue[1]}\treports",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {jones[0]} {jones[1]}\tMayor Jones",
        f"T6\tCue {said[0]} {said[1]}\tsaid",
        f"T7\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t\u201cI am done,\u201d \u201cand I will not return.\u201d",
        f"T8\tAttribution {said[0]} {said[1]}\tsaid",
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        f"T9\tContent {taxes[0]} {taxes[1]}\tTaxes will rise",
        f"T10\tCue {believe[0]} {believe[1]}\tbelieve",
        f"T11\tAttribution-no-source {believe[0]} {believe[1]}\tbelieve",
        "E3\tAttribution-no-source:T11 Content:T9 Cue:T10",
        "E4\tAttribution:T8 ",
        "a stray line of free text that brat wrote after a newline in a span",
        "",
        f"T12\tContent {q2[0]} {q2[1]}\t\u201cand I will not return.\u201d",
        "E5\tAttribution:T8 Content:T12 Source:T1 Content2:T3",
        f"T13\tDiscuss {taxes[0]} {taxes[1]}\tTaxes will rise",
    ]) + "\n"


# ------------------------------------------------------------------------------ content_type


@pytest.mark.parametrize(
    "text,expected",
    [
        ('"We won,"', "direct"),
        ("\u201cWe won.\u201d", "direct"),
        ("\u201cWe won\u201d.", "direct"),  # punctuation outside the mark
        ("  \u00abNous avons gagn\u00e9\u00bb ", "direct"),
        ("\u201eJa, wir haben gewonnen\u201c", "direct"),
        ('"He called it "fake" news,"', "direct"),  # nested straight marks open then close
        ('"A," he said, "B."', "mixed"),  # closes and reopens
        ("\u201cA,\u201d he said, \u201cB.\u201d", "mixed"),
        ("that she would \u201ckeep it quiet.\u201d", "mixed"),
        ('"Partly" quoted and then not', "mixed"),
        ("that taxes will rise", "indirect"),
        ("Clinton\u2019s plan is 'bad'", "indirect"),  # single marks are apostrophes, not quotes
    ],
)
def test_content_type(text: str, expected: str) -> None:
    assert content_type(text) == expected


def test_pieces_type() -> None:
    assert pieces_type(["\u201cI am done,\u201d", "\u201cand more.\u201d"]) == "direct"
    assert pieces_type(["\u201cI am done,\u201d", "that it ends"]) == "mixed"
    assert pieces_type(["that it ends", "and then more"]) == "indirect"


# ------------------------------------------------------------------------------ reading


@pytest.fixture
def polnear_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_bbbb.ann").write_text("", encoding="utf-8")  # second annotator
    (tmp_path / "attributions" / "doc_aaaa.ann").write_text(polnear_ann(), encoding="utf-8")
    # "doc_x" starts with "doc_": its annotation must not be taken for doc's.
    (tmp_path / "text" / "doc_x.txt").write_text("Nothing here.", encoding="utf-8")
    (tmp_path / "attributions" / "doc_x_0000.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_polnear_layout(polnear_dir: Path) -> None:
    records = list(read_brat_dir(polnear_dir))
    assert [r["id"] for r in records] == ["doc", "doc_x"]
    doc = records[0]
    assert doc["meta"]["annotator"] == "aaaa"
    assert doc["meta"]["annotators"] == ["aaaa", "bbbb"]
    assert records[1]["meta"]["annotator"] == "0000" and records[1]["quotes"] == []
    assert check_offsets(doc) == []
    for q in doc["quotes"]:
        Quote.from_dict(q)  # valid against the data model
    q1, q2, q3, q4 = doc["quotes"]
    assert [q["id"] for q in doc["quotes"]] == ["q1", "q2", "q3", "q4"]

    assert q1["type"] == "indirect"
    assert q1["speaker"] == {**dict(zip(("start", "end"), at("The Daily Planet"))), "text": "The Daily Planet",
                             "name": None, "kind": "unknown", "anonymous": False}
    assert q1["cue"]["lemma"] == "reports" and q1["cue"]["text"] == "reports"
    assert q1["content"]["text"] == "that the mayor will resign" and "fragments" not in q1["content"]

    # Discontinuous content: start of the first piece to the end of the last, text sliced.
    c = q2["content"]
    assert (c["start"], c["end"]) == (at("\u201cI am done")[0], at("return.\u201d")[1])
    assert c["text"] == TEXT[c["start"]:c["end"]] and "Mayor Jones said" in c["text"]
    assert [f["text"] for f in c["fragments"]] == ["\u201cI am done,\u201d", "\u201cand I will not return.\u201d"]
    assert q2["type"] == "direct"

    assert q3["speaker"] is None and q3["cue"]["text"] == "believe" and q3["type"] == "indirect"

    # Content2 is a second piece of the content; pieces are sorted in text order.
    assert [f["text"] for f in q4["content"]["fragments"]] == ["that the mayor will resign", "\u201cand I will not return.\u201d"]
    assert q4["type"] == "mixed" and q4["cue"] is None
    # PolNeAR has no Frame attribute: the frame is unknown, not guessed.
    assert [q["frame"] for q in doc["quotes"]] == [None] * 4

    warnings = doc["meta"]["brat_warnings"]
    assert any("E4" in w and "no Content" in w for w in warnings)
    assert any("stray line" in w for w in warnings)


def test_read_flat_folder_and_missing_ann(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.ann").write_text(polnear_ann(), encoding="utf-8")
    (tmp_path / "a.txt").write_text("No annotation file.", encoding="utf-8")
    records = list(read_brat_dir(tmp_path))
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["quotes"] == [] and len(records[1]["quotes"]) == 4


def test_read_keeps_crlf_and_bom_offsets(tmp_path: Path) -> None:
    # brat counts \r\n as two characters and a BOM as one: the reader must not translate them.
    text = "\ufeffLine one.\r\nHe said \u201cyes indeed.\u201d\r\n"
    s = text.index("\u201c")
    e = text.index("\u201d") + 1
    (tmp_path / "x.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "x.ann").write_text(f"T1\tContent {s} {e}\t{text[s:e]}\nE1\tAttribution-no-source:T1 Content:T1\n", encoding="utf-8")
    rec = read_brat(tmp_path / "x.txt", tmp_path / "x.ann")
    assert rec["text"] == text
    assert rec["quotes"][0]["content"]["text"] == "\u201cyes indeed.\u201d"


def test_read_brat_dir_rejects_non_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_brat_dir(tmp_path / "nope"))


# ------------------------------------------------------------------------------ writing


def full_record() -> dict:
    text = "Reuters said Mr. Smith told the board \u201cwe will sell,\u201d he added, \u201cnow.\u201d\nShe agreed."
    def span(s: str, nth: int = 0) -> dict:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return {"start": i, "end": i + len(s), "text": s}
    f1, f2 = span("\u201cwe will sell,\u201d"), span("\u201cnow.\u201d")
    return {
        "id": "dir/odd id",
        "text": text,
        "meta": {"source": "hand-made", "n": 1},
        "errors": ["something went wrong"],
        "quotes": [
            {
                "id": "q1", "type": "direct", "frame": "speech",
                "content": {"start": f1["start"], "end": f2["end"], "text": text[f1["start"]:f2["end"]], "fragments": [f1, f2]},
                "cue": {**span("told"), "lemma": "tell"},
                "speaker": {**span("Mr. Smith"), "name": "John Smith", "kind": "person", "anonymous": False,
                            "refers_to": span("Mr. Smith")},
                "addressee": span("the board"),
                "chain": [{**span("Reuters"), "name": "Reuters", "kind": "media", "relation": "said"}],
                "nested_in": None, "rule": "verb-dobj",
            },
            {
                "id": "q7", "type": "indirect", "frame": "thought",
                "content": span("agreed"),
                "cue": None,
                "speaker": {**span("She"), "name": None, "kind": "unknown", "anonymous": True},
                "addressee": None, "chain": [], "nested_in": "q1", "rule": "",
            },
            {
                "id": "q8", "type": "mixed", "frame": "writing", "content": span("will sell"), "cue": None, "speaker": None,
                "addressee": None, "chain": [], "nested_in": None, "rule": "x",
            },
        ],
    }


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    rec = full_record()
    assert check_offsets(rec) == []
    assert write_brat_dir([rec], tmp_path) == 1
    back = list(read_brat_dir(tmp_path))
    assert back == [rec]


def test_written_ann_is_brat(tmp_path: Path) -> None:
    ann = record_to_ann(full_record())
    lines = ann.splitlines()
    # Discontinuous content as "s e;s e"; an Attribution trigger on the cue; events tie roles.
    content = next(l for l in lines if l.split("\t")[1].startswith("Content "))
    assert ";" in content.split("\t")[1]
    assert any(l.startswith("E1\tAttribution:T") and "Source:" in l and "Cue:" in l and "Content:" in l for l in lines)
    assert any(l.split("\t")[1].startswith("Attribution-no-source") for l in lines if l.startswith("E"))
    assert "A1\tType E1 direct" in lines
    assert "A2\tFrame E1 speech" in lines
    assert any(re.fullmatch(r"A\d+\tAnonymous T\d+", l) for l in lines)
    for l in lines:
        assert len(l.split("\t")) in (2, 3), l
    # The trigger of a quote with no cue is anchored on its content.
    rec = full_record()
    path = write_brat(rec, tmp_path)
    text = path.read_text(encoding="utf-8")
    for l in lines:
        if l.startswith("T"):
            label, offs = l.split("\t")[1].split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offs.split(";")]
            assert l.split("\t")[2] == " ".join(text[s:e] for s, e in pieces).replace("\n", " ")


def test_plain_brat_reads_without_our_notes(tmp_path: Path) -> None:
    """Stripped of our attributes and notes, a written file still reads as plain brat."""
    rec = full_record()
    write_brat(rec, tmp_path)
    stem = "dir_odd id"
    ann = (tmp_path / f"{stem}.ann").read_text(encoding="utf-8")
    plain = "\n".join(l for l in ann.splitlines() if l[0] in "TE")
    (tmp_path / f"{stem}.ann").write_text(plain, encoding="utf-8")
    (tmp_path / f"{stem}.meta.json").unlink()
    back = read_brat(tmp_path / f"{stem}.txt", tmp_path / f"{stem}.ann")
    assert back["id"] == stem
    assert [q["id"] for q in back["quotes"]] == ["q1", "q2", "q3"]
    q1 = back["quotes"][0]
    assert q1["type"] == "direct"  # derived from the content again
    assert q1["cue"]["lemma"] == "told"
    assert q1["speaker"]["name"] is None and q1["speaker"]["kind"] == "unknown"
    assert q1["content"] == rec["quotes"][0]["content"]


def version1(record: dict) -> dict:
    """The record as format version 1 wrote it: no ``frame`` on its quotes."""
    return {**record, "quotes": [{k: v for k, v in q.items() if k != "frame"} for q in record["quotes"]]}


def with_frames(records: list[dict]) -> list[dict]:
    """Records as read back: a quote without ``frame`` (version 1) gets ``frame`` None."""
    return [{**r, "quotes": [{"frame": None, **q} for q in r.get("quotes") or []]} for r in records]


def test_version1_record_writes_no_frame_and_reads_back_none(tmp_path: Path) -> None:
    old = version1(full_record())
    ann = record_to_ann(old)
    assert "Frame" not in ann and "\tType E1 direct" in ann
    write_brat_dir([old], tmp_path)
    back = list(read_brat_dir(tmp_path))
    assert back == with_frames([old])
    assert [q["frame"] for q in back[0]["quotes"]] == [None, None, None]


def test_frame_attribute_read_from_hand_written_ann(tmp_path: Path) -> None:
    """A Frame attribute added by hand (in brat's editor) is read; one per event."""
    src, cue, con = at("The Daily Planet"), at("reports"), at("that the mayor will resign")
    ann = "\n".join([
        f"T1\tSource {src[0]} {src[1]}\tThe Daily Planet",
        f"T2\tCue {cue[0]} {cue[1]}\treports",
        f"T3\tContent {con[0]} {con[1]}\tthat the mayor will resign",
        f"T4\tAttribution {cue[0]} {cue[1]}\treports",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "A1\tFrame E1 evidence",
        "E2\tAttribution:T4 Content:T3 Source:T1",
    ]) + "\n"
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x.ann").write_text(ann, encoding="utf-8")
    rec = read_brat(tmp_path / "x.txt", tmp_path / "x.ann")
    assert [q["frame"] for q in rec["quotes"]] == ["evidence", None]


def test_quote_without_type_writes_no_type_attribute() -> None:
    """Gold without types (the Gender Gap Tracker's) converts; reading derives the type again."""
    rec = full_record()
    for q in rec["quotes"]:
        del q["type"]
    ann = record_to_ann(rec)
    assert "\tType " not in ann and "A1\tFrame E1 speech" in ann


def test_sidecar_versions(tmp_path: Path) -> None:
    rec = full_record()
    write_brat_dir([rec], tmp_path)
    side = tmp_path / "dir_odd id.meta.json"
    data = json.loads(side.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    # A sidecar written by version 1 (or with no version at all) reads the same.
    for version in (1, None):
        data.pop("format_version")
        if version:
            data["format_version"] = version
        side.write_text(json.dumps(data), encoding="utf-8")
        assert list(read_brat_dir(tmp_path)) == [rec]
    # One from a newer version is read, with a warning that something may be lost.
    data["format_version"] = 99
    side.write_text(json.dumps(data), encoding="utf-8")
    back = list(read_brat_dir(tmp_path))[0]
    assert "format version 99" in back["meta"]["brat_warnings"][0]
    assert back["quotes"] == rec["quotes"]


def test_cli_convert_version1_both_ways(tmp_path: Path) -> None:
    from quotes.cli import main

    old = version1(full_record())
    src = tmp_path / "old.jsonl"
    src.write_text(json.dumps(old) + "\n", encoding="utf-8")
    assert main(["convert", str(src), "--to", "brat", "-o", str(tmp_path / "b")]) == 0
    assert "Frame" not in (tmp_path / "b" / "dir_odd id.ann").read_text(encoding="utf-8")
    assert main(["convert", str(tmp_path / "b"), "--to", "jsonl", "-o", str(tmp_path / "back.jsonl")]) == 0
    back = [json.loads(l) for l in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert back == with_frames([old])
    # And a version-2 record with frames through the command line, both ways, unchanged.
    src.write_text(json.dumps(full_record()) + "\n", encoding="utf-8")
    assert main(["convert", str(src), "--to", "brat", "-o", str(tmp_path / "b2")]) == 0
    assert main(["convert", str(tmp_path / "b2"), "--to", "jsonl", "-o", str(tmp_path / "back2.jsonl")]) == 0
    assert json.loads((tmp_path / "back2.jsonl").read_text(encoding="utf-8")) == full_record()


def test_write_refuses_clashing_ids(tmp_path: Path) -> None:
    a, b = full_record(), full_record()
    b["id"] = "dir\\odd id"
    with pytest.raises(ValueError):
        write_brat_dir([a, b], tmp_path)


def test_round_trip_seed_gold(tmp_path: Path) -> None:
    path = REPO / "corpus" / "seeds.gold.jsonl"
    if not path.exists():
        pytest.skip("corpus/seeds.gold.jsonl not written yet")
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    write_brat_dir(records, tmp_path)
    # Version-1 gold (no frames yet) reads back with frame None; version-2 gold reads back as is.
    assert list(read_brat_dir(tmp_path)) == with_frames(sorted(records, key=lambda r: r["id"]))


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR corpus not present")
@pytest.mark.parametrize("split,n_docs", [("dev", 84), ("train", 840)])
def test_polnear_reads(split: str, n_docs: int) -> None:
    records = list(read_brat_dir(POLNEAR / split))
    assert len(records) == n_docs
    n_quotes = 0
    for r in records:
        assert check_offsets(r) == [], r["id"]
        for q in r["quotes"]:
            Quote.from_dict(q)
        n_quotes += len(r["quotes"])
    assert n_quotes > 10 * n_docs


# ------------------------------------------------------------------------------ either format


def test_read_and_write_records_both_formats(tmp_path: Path) -> None:
    rec = full_record()
    assert detect_format(tmp_path) == "brat" and detect_format(tmp_path / "x.jsonl") == "jsonl"
    assert write_records([rec], tmp_path / "out.jsonl", "jsonl") == 1
    assert list(read_records(tmp_path / "out.jsonl")) == [rec]
    assert write_records([rec], tmp_path / "b", "brat") == 1
    assert list(read_records(tmp_path / "b")) == [rec]


def test_read_records_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_records(tmp_path / "missing.jsonl")
    with pytest.raises(FileNotFoundError):
        read_records(tmp_path, "jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": ""}\n\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 3"):
        list(read_records(bad))
