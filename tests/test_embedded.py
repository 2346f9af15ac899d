"""Issue 12, embedded stance verbs and evidential adverbs (rules/patterns/embedded.json,
docs/rules-table.md 'Embedded stance verbs and evidential adverbs'): every embedding adjective and
every embedded stance verb on real parses, the cases each pattern must leave alone."""
import pytest

from quotes.rules import load_rules
from rulecases import found_framed

CUES = load_rules().cues


@pytest.mark.parametrize("word", CUES["adjectives"]["embedding_adjectives"])
def test_embedding_adjective(extract, word):
    # The stance verb's object is the content, the subject of 'be' the speaker, the cue the
    # adjective with the verb.
    word = f"{word} enough" if word == "bold" else word  # 'bold enough to', not 'bold to'
    assert ("the new budget", f"{word} to condemn", "The governor", "stance") in \
        found_framed(extract(f"The governor was {word} to condemn the new budget."), "predicate.embedded_object")


@pytest.mark.parametrize("verb", CUES["verbs"]["embedded_stance"])
def test_embedded_stance_verb(extract, verb):
    assert ("the new budget", f"quick to {verb}", "The governor", "stance") in \
        found_framed(extract(f"The governor was quick to {verb} the new budget."), "predicate.embedded_object")


@pytest.mark.parametrize("text", [
    "The governor was able to sign the new budget.",  # ability, not a stance: not listed
    "The governor was careful to frame the new budget as a compromise.",  # care: not listed
    "The governor was quick to leave the room.",  # 'leave' reports no stance
    "The governor tended to support the new budget.",  # a verb head: 4 of 26 on train, left out
])
def test_embedded_object_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.embedded_object")


@pytest.mark.parametrize("text,content", [
    ("The agency is reportedly drafting new rules for drones.",
     "The agency is reportedly drafting new rules for drones"),
    ("The mayor reportedly met the donors on Friday.", "The mayor reportedly met the donors"),
    # Under 'with', the clause with its subject.
    ("The race tightened, with the mayor reportedly weighing a run.", "the mayor reportedly weighing a run"),
])
def test_evidential_reportedly(extract, text, content):
    assert (content, "reportedly", None, "thought") in found_framed(extract(text), "indirect.evidential_reportedly")


@pytest.mark.parametrize("text", [
    "The treasurer, who reportedly met the donors, resigned.",  # a relative clause describes a person
    "The plan apparently failed to win the votes.",  # 'apparently': the writer's inference (1 of 9)
    "The deal was reportedly.",  # no complement
])
def test_evidential_reportedly_leaves_alone(extract, text):
    assert not found_framed(extract(text), "indirect.evidential_reportedly")


@pytest.mark.parametrize("text,content,speaker", [
    ("The mayor was quick to say that the plan would work.", "that the plan would work", "The mayor"),
    ("The director was willing to admit that the costs had doubled.", "that the costs had doubled", "The director"),
])
def test_clause_under_adjective_speaker(extract, text, content, speaker):
    # cues.subject_of looks through a predicate adjective to its linking verb when the cue has a
    # clause: the subject of 'be' says it.
    quotes = [q for q in extract(text) if q["content"]["text"] == content]
    assert quotes and quotes[0]["speaker"] and quotes[0]["speaker"]["text"] == speaker


def test_object_under_unlisted_adjective_has_no_speaker(extract):
    # Without a clause the look-through does not apply: 'able to sign X' is no stance, and
    # indirect.message_object (which needs a speaker) stays silent.
    assert not [q for q in extract("The governor was able to sign the new budget.")
                if q["rule"] == "indirect.message_object"]
