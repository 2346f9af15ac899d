"""scripts/headroom.py, the bounds on what more rules could add: its frames, its optimistic
counting and its two learned baselines, on small texts (no corpus, nothing timed)."""
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(scope="module")
def headroom():
    spec = importlib.util.spec_from_file_location("headroom", SCRIPTS / "headroom.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["headroom"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["headroom"]


def _span(text, words):
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


def test_frames_step_through_a_preposition(headroom, parse):
    doc = parse("The mayor talked about the plan.")
    found = {(tok.lemma_, path, head.text) for tok, path, head in headroom.frames(doc)}
    assert ("talk", "prep:about>pobj", "plan") in found
    assert not any(path == "prep:about" for _lemma, path, _head in found)  # a preposition is no content


def test_uncovered_frames_reach_only_missed_attributions(headroom, parse):
    text = "The mayor talked about the plan."
    doc = parse(text)
    gold = [{"cue": _span(text, "talked"), "content": _span(text, "the plan")}]
    key = ("talk", "VERB", "prep:about>pobj")
    hits = [f for f in headroom.uncovered_frames(doc, gold, [], "d") if f.key == key]
    assert [f.hit for f in hits] == [("d", 0)]
    assert "up=ROOT" in hits[0].context
    # a prediction that matches the gold covers the frame: nothing left to add there
    pred = [{"content": _span(text, "the plan")}]
    assert not [f for f in headroom.uncovered_frames(doc, gold, pred, "d") if f.key == key]
    # a frame whose cue is not the gold's reaches nothing
    gold[0]["cue"] = _span(text, "mayor")
    assert all(f.hit is None for f in headroom.uncovered_frames(doc, gold, [], "d"))


def test_choose_and_bound_count_each_attribution_once(headroom):
    Frame = headroom.Frame
    rows = [Frame(("know", "VERB", "ccomp"), ("d", 0), []), Frame(("know", "VERB", "ccomp"), ("d", 0), []),
            Frame(("know", "VERB", "ccomp"), None, []), Frame(("see", "VERB", "dobj"), None, [])]
    assert headroom.choose(rows, 3, 0.6) == {("know", "VERB", "ccomp"): (3, 2)}
    assert headroom.choose(rows, 3, 0.7) == {}
    chosen = [f for f in rows if f.key[0] == "know"]
    b = headroom.bound({"tp": 8, "fp": 2, "fn": 4}, chosen)
    # two frames reach the same attribution: one more true positive, not two
    assert (b["new_right"], b["new_wrong"], b["tp"], b["fp"], b["fn"]) == (1, 1, 9, 3, 3)
    assert b["precision"] == pytest.approx(0.75) and b["recall"] == pytest.approx(0.75)


def test_learned_selector_ranks_by_context(headroom):
    Frame = headroom.Frame
    train = [Frame(("x",), ("d", i), ["l=claim", "mark=that"]) for i in range(20)]
    train += [Frame(("x",), None, ["l=claim", "mark="]) for _ in range(20)]
    prob = headroom.learned_frames(train, [Frame(("x",), None, ["l=claim", "mark=that"]),
                                           Frame(("x",), None, ["l=claim", "mark="])], c=1.0)
    assert prob[0] > 0.8 > 0.2 > prob[1]


def test_end_breaks_offer_the_comma_before_an_apposition(headroom, parse):
    text = "She said the plan would fail, a claim the council rejected."
    doc = parse(text)
    quote = {"content": _span(text, "the plan would fail, a claim the council rejected")}
    span, ends = headroom.end_breaks(doc, quote)
    assert span.text == "the plan would fail, a claim the council rejected"
    assert text.index(",") in ends and ends[text.index(",")].text == ","
    assert quote["content"]["end"] in ends  # the present end is always a choice
    assert headroom.end_breaks(doc, {"content": {**quote["content"], "fragments": [quote["content"]]}}) is None


def test_learned_filter_drops_what_a_rule_gets_wrong(headroom, parse):
    """Trained where rule 'a' always matches the gold and rule 'b' never does, the filter drops
    the test corpus's 'b' prediction and keeps its 'a' one."""
    text = "The mayor said the plan would fail. The council talked about the budget."
    doc = parse(text)
    right = {"content": _span(text, "the plan would fail"), "rule": "a"}
    wrong = {"content": _span(text, "the budget"), "rule": "b"}
    gold = [{"id": "d", "text": text, "quotes": [{"content": right["content"]}]}]
    preds = [{"id": "d", "text": text, "quotes": [right, wrong]}]
    train = headroom.Corpus(gold * 20, [doc] * 20, preds * 20, {})
    test = headroom.Corpus(gold, [doc], preds, {})
    (threshold, dropped, result), = headroom.learned_filter(train, test, thresholds=(0.5,), c=1.0)
    assert dropped == 1
    assert (result["overlap"]["tp"], result["overlap"]["fp"]) == (1, 0)
