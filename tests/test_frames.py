"""Frames and scopes: every quote says what kind of attribution it is, and a scope picks them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import quotes
from quotes.frames import Scope, ScopeError, frame_rules, in_scope, parse_scope
from quotes.model import Content, Quote
from quotes.rules import RulesError, load_rules
from seedgold import GOLD

FRAMES_FILE = Path(quotes.__file__).parent / "rules" / "frames.json"


def frames_of(nlp, text: str) -> list[tuple[str, str]]:
    return [(q["frame"], q["content"]["text"]) for q in nlp(text)._.quotes]


# --------------------------------------------------------------------------------------------
# Which frame, from the cue and the source (real parses, attribution scope)


@pytest.mark.parametrize("text,frame", [
    ("Zakharova indicated that Blinken requested a meeting.", "speech"),
    ("The figures indicate that exports fell sharply last year.", "evidence"),
    ("Trump tweeted that the election was rigged.", "writing"),
    ("A report says the cost of the bridge rose to $35 million.", "writing"),
    ("He believes the deal will hold.", "thought"),
    ("A new poll shows that Clinton leads in Ohio.", "evidence"),
    ("The party plans to hold a vote on the budget.", "intention"),
    ("US Secretary of State Antony Blinken reaffirmed Washington's commitment to Ukraine.", "speech"),
    ("The party reaffirmed its commitment to the treaty by voting for it.", "stance"),
    ("Pompeo praised China's support for the talks.", "stance"),
    ("The protesters called it a bandage solution.", "speech"),
    ("The court ruled that the search was lawful.", "decree"),
    ("The airline did not say whether it had paid the fine.", "unrealized"),
    ("The ministry declined to say why the permit was revoked.", "unrealized"),
])
def test_frame_of_construction(nlp, text, frame):
    found = frames_of(nlp, text)
    assert found, f"no quote in {text!r}"
    # "declined to say why ..." is also an intention ("to say why ..."): the report is unrealized.
    assert found[0][0] == frame or (frame == "unrealized" and frame in dict(found)), found


def test_direct_quotes_are_speech_unless_the_cue_writes(nlp):
    said = nlp('"We are ready to talk," Zakharova told reporters.')._.quotes
    wrote = nlp('"We are ready to talk," Zakharova wrote on Telegram.')._.quotes
    vowed = nlp('"We will win," the senator vowed.')._.quotes
    assert [q["frame"] for q in said] == ["speech"]
    assert [q["frame"] for q in wrote] == ["writing"]
    assert [q["frame"] for q in vowed] == ["speech"]  # quoted words were said, whatever the verb


def test_every_frame_is_documented_with_examples():
    data = json.loads(FRAMES_FILE.read_text(encoding="utf-8"))
    assert data["description"] and data["source"]
    for name, frame in data["frames"].items():
        assert frame["description"] and frame["examples"], name
    scopes = {k: v for k, v in data["scopes"].items() if k != "description"}
    assert set(scopes["attribution"]["frames"]) == set(data["frames"])
    assert data["default_scope"] == "speech"


@pytest.mark.parametrize("frame,example", [
    (name, ex) for name, f in json.loads(FRAMES_FILE.read_text(encoding="utf-8"))["frames"].items()
    for ex in f["examples"]])
def test_frame_examples_get_their_frame(nlp, frame, example):
    """Each documented example, extracted in attribution scope, yields a quote of its frame."""
    assert frame in [f for f, _ in frames_of(nlp, example)], frames_of(nlp, example)


# --------------------------------------------------------------------------------------------
# Scopes


def test_default_scope_is_speech_and_writing():
    scope = parse_scope(None, load_rules())
    assert scope.frames == {"speech", "writing"} and scope.convention == "news"
    assert parse_scope("attribution", load_rules()).convention == "attribution"


def test_scope_lists_and_unknown_names():
    rules = load_rules()
    s = parse_scope("speech, thought", rules)
    assert s.frames == {"speech", "writing", "thought"} and s.name == "speech,thought"
    assert s.convention == "attribution"  # not all of them news frames: PolNeAR's convention
    assert parse_scope(["writing"], rules).convention == "news"
    with pytest.raises(ScopeError) as e:
        parse_scope("speech,opinion", rules)
    msg = str(e.value)
    assert "'opinion'" in msg and "thought" in msg and "attribution" in msg
    with pytest.raises(ScopeError):
        parse_scope(" , ", rules)


def test_speech_scope_drops_thought_and_intention(nlp, nlp_speech):
    text = ("The mayor said the bridge will close in May. She believes the repairs will take a year. "
            "The council plans to vote on the budget.")
    assert sorted(f for f, _ in frames_of(nlp, text)) == ["intention", "speech", "thought"]
    assert [f for f, _ in frames_of(nlp_speech, text)] == ["speech"]


def q(qid: str, frame: str, start: int, end: int, nested_in=None) -> Quote:
    return Quote(id=qid, type="indirect", content=Content(start, end, "x" * (end - start)),
                 nested_in=nested_in, frame=frame)


def test_nested_in_moves_up_to_a_quote_in_scope():
    # q1 (speech) holds q2 (thought) holds q3 (speech); q4 (speech) is nested in q5 (thought) only.
    quotes_ = [q("q1", "speech", 0, 100), q("q2", "thought", 10, 90, "q1"), q("q3", "speech", 20, 80, "q2"),
               q("q4", "speech", 120, 130, "q5"), q("q5", "thought", 110, 140)]
    kept = in_scope(quotes_, Scope("speech", frozenset({"speech", "writing"})))
    assert [(x.id, x.nested_in) for x in kept] == [("q1", None), ("q3", "q1"), ("q4", None)]


def test_nested_speech_in_a_thought_keeps_its_chain(nlp, nlp_speech):
    text = "The minister believes that Lavrov told reporters that the talks would resume."
    every = nlp(text)._.quotes
    inner = [x for x in every if x["frame"] == "speech"]
    assert inner and inner[0]["nested_in"] is not None
    speech = nlp_speech(text)._.quotes
    assert [x["frame"] for x in speech] == ["speech"]
    assert speech[0]["nested_in"] is None  # its host, a thought, is out of scope
    assert [l["text"] for l in speech[0]["chain"]] == ["The minister"]  # the thinker still relayed it
    ids = {x["id"] for x in speech}
    assert all(x["nested_in"] in ids for x in speech if x["nested_in"])


def test_scope_in_provenance_and_component_config(nlp_speech):
    import spacy

    rec = next(quotes.extract_records([{"id": "a", "text": "He said it works."}], scope="attribution"))
    assert rec["meta"]["quotes_provenance"]["scope"] == {
        "name": "attribution", "frames": sorted(frame_rules(load_rules()).frames), "convention": "attribution"}
    nlp = spacy.load(quotes.api.default_model())
    nlp.add_pipe("quotes", config={"scope": "thought"})
    assert [x["frame"] for x in nlp("He said it works. She thinks it fails.")._.quotes] == ["thought"]
    with pytest.raises(ScopeError):
        spacy.load(quotes.api.default_model()).add_pipe("quotes", config={"scope": "opinions"})


def test_cli_scope_usage_error(capsys):
    from quotes.cli import main

    assert main(["extract", "--scope", "speech,gossip", "-"]) == 2
    err = capsys.readouterr().err
    assert "gossip" in err and "speech" in err and "intention" in err


def test_pattern_with_unknown_frame_fails_at_load(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "mine.json").write_text(json.dumps({"patterns": [{
        "id": "mine.opinion", "description": "d", "frame": "opinion", "examples": ["x"],
        "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "opine"}}]}]}), encoding="utf-8")
    with pytest.raises(RulesError, match=r"mine\.json, rule 'mine\.opinion': frame 'opinion'"):
        load_rules(tmp_path)


# --------------------------------------------------------------------------------------------
# The seed articles: every gold quote has a frame; the finders give it


def test_seed_gold_frames(seed_matches):
    frames = frame_rules(load_rules()).frames
    for rec in GOLD:
        for g in rec["quotes"]:
            assert g["frame"] in frames
            p = seed_matches.get((rec["id"], g["id"]))
            if p is not None:
                assert p["frame"] == g["frame"], (g["id"], g["content"]["text"])


def test_speech_scope_covers_every_speech_gold_quote(nlp_speech):
    """In speech scope every gold quote of frame speech or writing is covered (a prediction holds
    at least half of its characters; the news convention runs contents to the sentence's end),
    except the headlines of links to other stories, which the news convention leaves out."""
    link_prefixes = tuple(load_rules().cues["headlines"]["link_prefixes"])
    for rec in GOLD:
        pred = nlp_speech(rec["text"])._.quotes
        assert all(p["frame"] in ("speech", "writing") for p in pred)
        for g in rec["quotes"]:
            if g["frame"] not in ("speech", "writing"):
                continue
            line = rec["text"][rec["text"].rfind("\n", 0, g["content"]["start"]) + 1:]
            covered = any(2 * max(0, min(g["content"]["end"], p["content"]["end"]) - max(g["content"]["start"], p["content"]["start"]))
                          >= g["content"]["end"] - g["content"]["start"] for p in pred)
            assert covered != line.startswith(link_prefixes), (g["id"], g["content"]["text"])


def test_load_pipeline_is_cached_per_model_rules_and_scope():
    same = quotes.load_pipeline()
    assert quotes.load_pipeline(None, None) is same
    assert quotes.load_pipeline(model=None, rules=None, scope=None) is same
    assert quotes.load_pipeline(scope="attribution") is not same
