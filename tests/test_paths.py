"""Issue 12, recall by dependency path (rules/patterns/paths.json, docs/rules-table.md 'Recall by
dependency path'): each pattern and word on real parses, and the cases each must leave alone."""
import pytest
from rulecases import found


@pytest.mark.parametrize("text,content,cue,speaker,rule", [
    # An intention noun with its infinitive and no possessor.
    ("The plan includes a promise to cut taxes.", "to cut taxes", "promise", None, "indirect.noun_to_free"),
    ("The board rejected a proposal to close the library.", "to close the library", "proposal", None,
     "indirect.noun_to_free"),
    ("There was an offer to pay for the repairs.", "to pay for the repairs", "offer", None,
     "indirect.noun_to_free"),
    # remind Y of Z: Z is what was brought up, with its preposition in PolNeAR's convention
    # (conventions.json addressee_topic_preposition; tests/test_starts.py).
    ("Reyes reminded voters of his record on taxes.", "of his record on taxes", "reminded", "Reyes",
     "indirect.remind_of"),
    # X claims to VP.
    ("The firm claims to have hired 300 workers.", "to have hired 300 workers", "claims", "The firm",
     "indirect.claim_to"),
    ("The group professes to speak for farmers.", "to speak for farmers", "professes", "The group",
     "indirect.claim_to"),
    ("He pretended to know the answer.", "to know the answer", "pretended", "He", "indirect.claim_to"),
    # A noun with an adjective of readiness and its infinitive.
    ("They will hire leaders willing to work hard.", "to work hard", "willing", None, "predicate.intention_amod"),
    ("Voters unwilling to wait went home.", "to wait", "unwilling", None, "predicate.intention_amod"),
    ("Firms eager to expand moved north.", "to expand", "eager", None, "predicate.intention_amod"),
    ("Groups reluctant to join stayed out.", "to join", "reluctant", None, "predicate.intention_amod"),
    ("Residents anxious to leave the town met the mayor.", "to leave the town", "anxious", None, "predicate.intention_amod"),
])
def test_path_rules_on_real_parses(extract, text, content, cue, speaker, rule):
    assert (content, cue, speaker) in found(extract(text), rule)


@pytest.mark.parametrize("text,rule", [
    # With a possessor indirect.noun_to reads the noun (its speaker is the possessor).
    ("Trump repeated his promise to build a wall.", "indirect.noun_to_free"),
    # 'decision' is no intention noun (an act as often as a statement: measured, left out).
    ("The council defended the decision to close the pool.", "indirect.noun_to_free"),
    # No 'of' phrase: nothing brought up.
    ("Reyes reminded voters that the vote is on Tuesday.", "indirect.remind_of"),
    # 'claim' with an object is no infinitive.
    ("The team claimed the title in May.", "indirect.claim_to"),
    # A predicate adjective is predicate.intention_adjective's construction ('willing' is not in it).
    ("Mayor Diaz is willing to raise the fare.", "predicate.intention_amod"),
])
def test_path_rules_stay_out(extract, text, rule):
    assert not found(extract(text), rule)


def test_noun_to_keeps_the_possessor_as_speaker(extract):
    got = [q for q in extract("Trump repeated his promise to build a wall.") if q["cue"]["text"] == "promise"]
    assert [q["rule"] for q in got] == ["indirect.noun_to"]
