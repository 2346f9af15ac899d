"""Checks on the hand-made gold annotation in corpus/seeds.gold.jsonl (see corpus/README.md)."""
import json
from pathlib import Path

import pytest

from quotes.model import QUOTE_TYPES, SPEAKER_KINDS, Quote, check_offsets

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLD = CORPUS / "seeds.gold.jsonl"
EXPECTED_IDS = ["000_c72a69a50f07a419", "003_cf3dbf7b63329aec"]
RELATIONS = {"as per", "according to", "cited", "citing", "told", "via", "said"}


def load_gold():
    with open(GOLD, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


RECORDS = load_gold()


def all_quotes():
    return [(r["id"], q) for r in RECORDS for q in r["quotes"]]


def test_one_line_per_article():
    lines = [l for l in GOLD.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(lines) == len(EXPECTED_IDS)
    assert [r["id"] for r in RECORDS] == EXPECTED_IDS


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_record_shape(record):
    assert set(record) == {"id", "text", "meta", "quotes"}
    assert record["meta"]["source"] in {"Al Mayadeen", "NBC News"}
    assert record["meta"]["file"] == f"seeds/{record['id']}.txt"
    assert record["quotes"], "every seed has quotes"


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_text_is_the_seed_file(record):
    path = CORPUS / record["meta"]["file"]
    assert record["text"] == open(path, encoding="utf-8").read()


def _spans(q):
    """Every span of a gold quote, by name (independent of quotes.model.iter_spans)."""
    out = [("content", q["content"])]
    for key in ("cue", "speaker", "addressee"):
        if q.get(key) is not None:
            out.append((key, q[key]))
    if q.get("speaker") and "refers_to" in q["speaker"]:
        out.append(("speaker.refers_to", q["speaker"]["refers_to"]))
    for i, link in enumerate(q.get("chain") or []):
        out.append((f"chain[{i}]", link))
    return out


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_every_span_matches_text(record):
    text = record["text"]
    bad = []
    for q in record["quotes"]:
        for name, span in _spans(q):
            s, e = span["start"], span["end"]
            if not (0 <= s < e <= len(text)) or text[s:e] != span["text"]:
                bad.append(f"{q['id']}/{name}: {s}-{e} covers {text[s:e]!r}, span says {span['text']!r}")
    assert not bad, "\n".join(bad)
    assert check_offsets(record) == []


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_ids_types_nesting(record):
    ids = [q["id"] for q in record["quotes"]]
    assert len(ids) == len(set(ids)), "quote ids must be unique per doc"
    for q in record["quotes"]:
        assert q["type"] in QUOTE_TYPES
        assert q["rule"] == "gold"
        if q["nested_in"] is not None:
            assert q["nested_in"] in ids and q["nested_in"] != q["id"]
            outer = next(o for o in record["quotes"] if o["id"] == q["nested_in"])
            c, oc = q["content"], outer["content"]
            assert oc["start"] <= c["start"] and c["end"] <= oc["end"], f"{q['id']} not inside {outer['id']}"
            # the chain of a nested quote starts with the outer speaker
            assert q["chain"] and q["chain"][0]["start"] == outer["speaker"]["start"]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_field_values(record):
    for q in record["quotes"]:
        if q["type"] == "direct":
            assert q["content"]["text"][0] in "\"“" and q["content"]["text"][-1] in "\"”"
        if q["cue"] is not None:
            assert q["cue"]["lemma"]
        sp = q["speaker"]
        assert sp is not None, "every gold quote has a speaker"
        assert sp["kind"] in SPEAKER_KINDS
        assert isinstance(sp["anonymous"], bool)
        if sp["anonymous"]:
            assert sp["name"] is None
        if "refers_to" in sp:
            assert sp["anonymous"] and sp["refers_to"]["start"] < sp["start"]
        for link in q["chain"]:
            assert link["kind"] in SPEAKER_KINDS
            assert link["relation"] in RELATIONS


def test_exactly_eight_direct_quotes():
    assert sum(q["type"] == "direct" for _, q in all_quotes()) == 8


@pytest.mark.parametrize("doc_id,q", all_quotes(), ids=lambda x: x if isinstance(x, str) else x["id"])
def test_model_round_trip(doc_id, q):
    assert Quote.from_dict(q).to_dict() == q
