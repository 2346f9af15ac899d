"""Issue 12, sweep of candidates measured and left out at the earlier 55% margin and kept at the
issue's own bar (indirect.backing_object in rules/patterns/stance.json, indirect.plan_to in
rules/patterns/nouns.json; docs/rules-table.md 'Sweep at the issue's 50% bar'):
each pattern on real parses, and the cases each must leave alone."""
import pytest
from rulecases import found


@pytest.mark.parametrize("text,content,cue,speaker,rule", [
    # 'back' with an object and an agent subject: a stance on a candidate, a bill or a position.
    ("The nurses' union backs the new contract.", "the new contract", "backs", "The nurses' union",
     "indirect.backing_object"),
    ("Senator Okafor backed Ramos in the primary.", "Ramos in the primary", "backed", "Senator Okafor",
     "indirect.backing_object"),
    ("A group backing the governor spent two million dollars.", "the governor", "backing", "A group",
     "indirect.backing_object"),
    # 'plan' with its infinitive, with or without a possessor, wherever the noun stands.
    ("Reporters asked about her plan to raise the gas tax.", "to raise the gas tax", "plan", "her",
     "indirect.plan_to"),
    ("The mayor's plans to widen the highway drew a crowd.", "to widen the highway", "plans", "The mayor's",
     "indirect.plan_to"),
])
def test_backing_and_plan_rules_on_real_parses(extract, text, content, cue, speaker, rule):
    assert (content, cue, speaker) in found(extract(text), rule)


@pytest.mark.parametrize("text,rule", [
    # A thing that backs something states no one's stance (speaker_is_agent).
    ("The new figures back the claim.", "indirect.backing_object"),
    # 'back down', 'back up', 'back away' are other verbs (cue_without_particle).
    ("The senator backed up his aide.", "indirect.backing_object"),
    # A pronoun object with nothing more says nothing ('backed him').
    ("Rivera backed him.", "indirect.backing_object"),
    # 'support' stays out at this bar (41 of 86 on train).
    ("The union supports the new contract.", "indirect.backing_object"),
    # The absolute 'with' phrase sets the scene; it reports no stance.
    ("Talks stalled for a year, with the capital firmly backing the rebels.", "indirect.backing_object"),
    # A plan with no infinitive has no content here.
    ("Her plan for the harbor costs too much.", "indirect.plan_to"),
])
def test_backing_and_plan_rules_stay_out(extract, text, rule):
    assert not found(extract(text), rule)


def test_backing_and_plan_rules_frames(extract):
    quotes = extract("Reporters asked about her plan to raise the gas tax.")
    assert [q["frame"] for q in quotes if q["rule"] == "indirect.plan_to"] == ["intention"]
    quotes = extract("The nurses' union backs the new contract.")
    assert [q["frame"] for q in quotes if q["rule"] == "indirect.backing_object"] == ["stance"]
