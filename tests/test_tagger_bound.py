"""scripts/tagger_bound.py without its encoder: the BIO labels it learns from, the spans it
decodes, and how its spans join the rules' quotes (torch is only needed to train and tag)."""
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(scope="module")
def tb():
    spec = importlib.util.spec_from_file_location("tagger_bound", SCRIPTS / "tagger_bound.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["tagger_bound"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["tagger_bound"]


def _content(text, words):
    start = text.index(words)
    return {"content": {"start": start, "end": start + len(words)}}


def test_labels_begin_each_piece_and_each_sentence(tb, parse):
    text = "He said the plan would fail. It was late. She added: everyone knew."
    doc = parse(text)
    start = text.index("the plan")
    quotes = [{"content": {"start": start, "end": text.index(". It was")}},
              {"content": {"start": text.index("everyone"), "end": len(text) - 1, "fragments": None}}]
    rows = tb.sentence_labels(doc, quotes)
    first = [(t.text, lab) for t, lab in zip(*rows[0])]
    assert first == [("He", 0), ("said", 0), ("the", 1), ("plan", 2), ("would", 2), ("fail", 2), (".", 0)]
    assert all(lab == 0 for lab in rows[1][1])
    assert [lab for t, lab in zip(*rows[2]) if t.text in ("everyone", "knew")] == [1, 2]
    # a content that runs on into the next sentence begins it again
    run_on = [{"content": {"start": start, "end": text.index(" She")}}]
    assert tb.sentence_labels(doc, run_on)[1][1][0] == 1


def test_decode_spans_and_confidence(tb, parse):
    doc = parse("He said the plan would fail.")
    sent = next(doc.sents)
    O, B, I = [0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.2, 0.1, 0.7]
    spans = tb.decode(sent, [O, O, B, I, I, I, O])
    assert [(doc.text[s:e], c) for s, e, c in spans] == [("the plan would fail", pytest.approx(0.825))]
    # an INSIDE with nothing open begins a span; a BEGIN closes the one before
    spans = tb.decode(sent, [O, I, B, I, O, B, O])
    assert [doc.text[s:e] for s, e, _ in spans] == ["said", "the plan", "fail"]


def test_union_adds_only_uncovered_confident_spans(tb):
    text = "The mayor said the plan would fail, and the council agreed that it should wait."
    plan, wait, council = (text.index(w) for w in ("the plan", "it should", "the council"))
    gold = [{"id": "d", "text": text, "quotes": [_content(text, "the plan would fail"), _content(text, "it should wait")]}]
    preds = [{"id": "d", "text": text, "quotes": [{"type": "indirect", **_content(text, "the plan would fail")}]}]
    corpus = tb.Corpus(gold, [None], preds, {})
    spans = {0: [(plan, plan + 8, 0.99), (wait, wait + 14, 0.9), (council, council + 11, 0.5)]}
    added = [q["content"]["start"] for q in tb.union(corpus, spans, 0.8)[0]["quotes"][1:]]
    assert added == [wait]  # the overlapping and the unsure spans stay out
    assert len(tb.union(corpus, spans, 0.4)[0]["quotes"]) == 3
    alone = tb.union(corpus, spans, 0.0, rules=False)[0]["quotes"]
    assert [q["rule"] for q in alone] == ["tagger"] * 3
