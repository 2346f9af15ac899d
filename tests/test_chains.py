"""Attribution chains and nesting (quotes/chains.py).

Unit tests place quotes by hand on real parses (content, cue, speaker), run speakers.resolve and
chains.attach, and check the links; the seed test runs the whole extractor against the gold."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

import quotes
from quotes import chains, speakers
from quotes.model import Content, Cue, Quote, Span, Speaker
from quotes.rules import load_rules
from seedgold import GOLD_QUOTES, IDS, gold_quote



def at(text: str, s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


def make(text: str, content: str, cue: Optional[str], speaker: Optional[str], qtype: str = "indirect",
         addressee: Optional[str] = None, lemma: str = "", cue_nth: int = 0) -> Quote:
    cs, ce = at(text, content)
    q = Quote(id="", type=qtype, content=Content.of(text, cs, ce))
    if cue:
        s, e = at(text, cue, cue_nth)
        q.cue = Cue(start=s, end=e, text=text[s:e], lemma=lemma or cue.lower())
    if speaker:
        s, e = at(text, speaker)
        q.speaker = Speaker.of(text, s, e)
    if addressee:
        s, e = at(text, addressee)
        q.addressee = Span.of(text, s, e)
    return q


def run(nlp, text: str, qs: list[Quote]) -> list[Quote]:
    doc = nlp(text)
    qs.sort(key=lambda q: (q.content.start, -q.content.end))
    for n, q in enumerate(qs, 1):
        q.id = f"q{n}"
    rules = load_rules()
    speakers.resolve(doc, qs, rules)
    chains.attach(doc, qs, rules)
    return qs


def links(q: Quote) -> list[tuple]:
    return [(l.text, l.name, l.kind, l.relation) for l in q.chain]


def test_as_per(nlp):
    text = "\"I want to apologize,\" Lavrov said, as per to Russian news agency TASS."
    (q,) = run(nlp, text, [make(text, "\"I want to apologize,\"", "said", "Lavrov", "direct", lemma="say")])
    assert links(q) == [("TASS", "TASS", "media", "as per")]


def test_according_to_as_relay_and_as_cue(nlp):
    text = ("Lavrov said the talks had failed, according to Reuters. "
            "According to the US officials, the conversation lasted ten minutes.")
    relayed = make(text, "the talks had failed", "said", "Lavrov", lemma="say")
    own = make(text, "the conversation lasted ten minutes", "According to", "the US officials", lemma="according to")
    relayed, own = run(nlp, text, [relayed, own])
    assert links(relayed) == [("Reuters", "Reuters", "media", "according to")]
    assert links(own) == []


def test_cited_as_saying(nlp):
    text = ("The Washington Post cited a senior State Department as saying that Blinken stressed "
            "Washington's support for a peaceful resolution.")
    outer = make(text, "that Blinken stressed Washington's support for a peaceful resolution", "saying",
                 "a senior State Department", lemma="say")
    inner = make(text, "Washington's support for a peaceful resolution", "stressed", "Blinken", lemma="stress")
    outer, inner = run(nlp, text, [outer, inner])
    assert (outer.speaker.kind, outer.speaker.anonymous) == ("person", True)
    assert links(outer) == [("The Washington Post", "The Washington Post", "media", "cited")]
    assert inner.nested_in == outer.id
    assert [l[0] for l in links(inner)] == ["a senior State Department", "The Washington Post"]
    assert [l[3] for l in links(inner)] == ["said", "cited"]


def test_quoted_by_as_saying_passive(nlp):
    text = "Lavrov was quoted by TASS as saying that the talks failed."
    (q,) = run(nlp, text, [make(text, "that the talks failed", "saying", "Lavrov", lemma="say")])
    assert links(q) == [("TASS", "TASS", "media", "cited")]


def test_a_quote_made_of_the_citing_verb_is_dropped(nlp):
    text = "The New York Times also cited US officials as saying that the talks were brief."
    relay = make(text, "US officials as saying that the talks were brief", "cited", "The New York Times", lemma="cite")
    real = make(text, "that the talks were brief", "saying", "US officials", lemma="say")
    qs = run(nlp, text, [relay, real])
    assert len(qs) == 1 and qs[0].speaker.text == "US officials"
    assert links(qs[0]) == [("The New York Times", "The New York Times", "media", "cited")]


def test_citing_moves_the_speaker(nlp):
    text = ("The New York Times cited US officials as saying that the talks were brief.\n"
            "Blinken also reaffirmed that the US would support Ukraine, the report said, citing US officials.")
    first = make(text, "that the talks were brief", "saying", "US officials", lemma="say")
    q = make(text, "Blinken also reaffirmed that the US would support Ukraine", "said", "the report", lemma="say")
    inner = make(text, "that the US would support Ukraine", "reaffirmed", "Blinken", lemma="reaffirm")
    first, q, inner = run(nlp, text, [first, q, inner])
    assert q.speaker.text == "US officials" and text[q.speaker.start:q.speaker.end] == "US officials"
    assert (q.speaker.name, q.speaker.kind, q.speaker.anonymous) == (None, "group", True)
    assert q.speaker.refers_to is not None and q.speaker.refers_to.start == first.speaker.start
    assert links(q) == [("the report", None, "media", "citing")]
    assert links(inner) == [("US officials", None, "group", "said"), ("the report", None, "media", "citing")]


def test_citing_a_reason_is_no_relay(nlp):
    text = "\u201cIt is a reflection of anger,\u201d McCain said, citing low economic growth."
    (q,) = run(nlp, text, [make(text, "\u201cIt is a reflection of anger,\u201d", "said", "McCain", "direct", lemma="say")])
    assert q.speaker.text == "McCain" and links(q) == []


def test_told_an_outlet_relays_told_reporters_does_not(nlp):
    text = "Lavrov told TASS that the talks failed. Lavrov told reporters that the West was to blame."
    a = make(text, "that the talks failed", "told", "Lavrov", addressee="TASS", lemma="tell")
    b = make(text, "that the West was to blame", "told", "Lavrov", addressee="reporters", lemma="tell", cue_nth=1)
    a, b = run(nlp, text, [a, b])
    assert links(a) == [("TASS", "TASS", "media", "told")]
    assert links(b) == []


def test_via_and_through_an_interpreter(nlp):
    text = ("Gov. Mike Pence said the bill was fair, via Nets Daily. "
            "The talks faltered, Lavrov told reporters through an interpreter. "
            "The talks went on through the night, Lavrov said.")
    a = make(text, "the bill was fair", "said", "Gov. Mike Pence", lemma="say")
    b = make(text, "The talks faltered", "told", "Lavrov", addressee="reporters", lemma="tell")
    c = make(text, "The talks went on through the night", "said", "Lavrov", lemma="say", cue_nth=1)
    a, b, c = run(nlp, text, [a, b, c])
    assert links(a) == [("Nets Daily", "Nets Daily", "media", "via")]
    assert links(b) == [("an interpreter", None, "person", "via")]
    assert links(c) == []  # "through the night" is no relay


def test_interview_with_an_outlet_and_a_call_with_reporters(nlp):
    text = ("The minister said in an interview with CNN that the talks failed. "
            "Their encounter was short, a senior State Department official said in a background call with reporters.")
    a = make(text, "that the talks failed", "said", "The minister", lemma="say")
    b = make(text, "Their encounter was short", "said", "a senior State Department official", lemma="say", cue_nth=1)
    a, b = run(nlp, text, [a, b])
    assert links(a) == [("CNN", "CNN", "media", "told")]
    assert links(b) == [] and b.addressee is not None and b.addressee.text == "reporters"


def test_nesting_continues_with_outer_speaker_and_chain(nlp):
    text = "\"He [Blinken] stressed that Ukraine wants this war to end,\" said the official, as per TASS."
    outer = make(text, "\"He [Blinken] stressed that Ukraine wants this war to end,\"", "said", "the official",
                 "direct", lemma="say")
    inner = make(text, "that Ukraine wants this war to end", "stressed", "He", lemma="stress")
    outer, inner = run(nlp, text, [outer, inner])
    assert links(outer) == [("TASS", "TASS", "media", "as per")]
    assert inner.nested_in == outer.id
    assert [(l[0], l[3]) for l in links(inner)] == [("the official", "said"), ("TASS", "as per")]


def test_chains_are_sentence_local(nlp):
    text = "The Washington Post cited a senior official as saying the talks failed. The talks were brief, he said."
    a = make(text, "the talks failed", "saying", "a senior official", lemma="say")
    b = make(text, "The talks were brief", "said", "he", lemma="say", cue_nth=0)
    a, b = run(nlp, text, [a, b])
    assert links(b) == []


def test_chain_rules_compiled_once_and_documented():
    rules = load_rules()
    assert chains.chain_rules(rules) is chains.chain_rules(rules)
    data = json.loads((Path(quotes.__file__).parent / "rules" / "chains.json").read_text(encoding="utf-8"))
    assert data["description"]
    for rel in data["relations"]:
        assert rel["id"] and rel["relation"] and rel["description"] and rel["examples"], rel.get("id")
        assert rel["construction"] in chains._FINDERS, rel["id"]
    for key in ("nested", "media"):
        assert data[key]["id"] and data[key]["description"] and data[key]["examples"]


# --------------------------------------------------------------------------------------------
# The seed articles against their gold


@pytest.mark.parametrize("doc_id,qid", GOLD_QUOTES, ids=IDS)
def test_seed_chains(seed_matches, doc_id, qid):
    pred = seed_matches.get((doc_id, qid))
    if pred is None:
        pytest.xfail("no predicted quote matches this gold quote (a finder's miss, not a chain error)")
    gold = gold_quote(doc_id, qid)
    assert [(l["name"], l["text"], l["kind"], l["relation"]) for l in pred["chain"]] == \
        [(l["name"], l["text"], l["kind"], l["relation"]) for l in gold["chain"]]
    assert (pred["nested_in"] is None) == (gold["nested_in"] is None)
