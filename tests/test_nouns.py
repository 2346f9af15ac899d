"""Noun cues in context (issue 12, rules/patterns/nouns.json): nouns of intention, doubt, support
and demand that report an attribution only in some constructions — the verb that governs them and
its subject, a possessor or none, an infinitive or a prepositional object. Every word of the new
cues.json lists has a case, and every pattern a case it must leave alone."""
import pytest

from quotes.rules import load_rules
from rulecases import found_in

RULES = load_rules()


# indirect.announced_plan: a plan made public or held (cues.json verbs.plan_announcing).
PLAN_VERBS = {"announce": "announced", "unveil": "unveiled", "outline": "outlined", "detail": "detailed",
              "release": "released", "propose": "proposed", "have": "has", "lay": "laid out",
              "float": "floated", "tout": "touted", "defend": "defended", "reveal": "revealed",
              "discuss": "discussed", "present": "presented", "make": "made"}


def test_plan_announcing_words_are_tested():
    assert RULES.verbs("plan_announcing") == set(PLAN_VERBS)
    assert RULES.verbs("$announced_plan_nouns") == {"plan", "plans", "proposal", "proposals"}


@pytest.mark.parametrize("verb", sorted(PLAN_VERBS))
def test_announced_plan_verbs(extract, verb):
    text = f"The county board {PLAN_VERBS[verb]} new plans to close two libraries."
    assert ("to close two libraries", "plans", "The county board") in found_in(extract, text, "indirect.announced_plan")


@pytest.mark.parametrize("noun", ["a plan", "a proposal", "proposals"])
def test_announced_plan_nouns(extract, noun):
    text = f"The school district unveiled {noun} to extend the school day."
    cue = noun.split()[-1]
    assert ("to extend the school day", cue, "The school district") in found_in(extract, text, "indirect.announced_plan")


@pytest.mark.parametrize("text", [
    "The county board abandoned plans to close two libraries.",  # not a verb that states the plan
    "The county board unveiled efforts to save two libraries.",  # effort: 1 of 5 on train
])
def test_announced_plan_leaves_other_verbs_and_nouns(extract, text):
    assert found_in(extract, text, "indirect.announced_plan") == []


# indirect.voiced_doubt: concerns or doubts about something, stated by the subject.
DOUBT_VERBS = {"raise": "raised", "express": "expressed", "voice": "voiced",
               "share": "shared", "air": "aired", "pose": "posed"}


def test_doubt_voicing_words_are_tested():
    assert RULES.verbs("doubt_voicing") == set(DOUBT_VERBS)
    assert RULES.verbs("$voiced_doubt_nouns") == {"concern", "concerns", "doubt", "doubts"}


@pytest.mark.parametrize("verb", sorted(DOUBT_VERBS))
def test_voiced_doubt_verbs(extract, verb):
    text = f"Several parents {DOUBT_VERBS[verb]} concerns about the new bus schedule."
    assert ("the new bus schedule", "concerns about", "Several parents") in found_in(extract, text, "indirect.voiced_doubt")


@pytest.mark.parametrize("noun", ["concern", "doubts", "doubt"])
def test_voiced_doubt_nouns(extract, noun):
    text = f"The auditor expressed {noun} about the pension estimates."
    assert ("the pension estimates", f"{noun} about", "The auditor") in found_in(extract, text, "indirect.voiced_doubt")


@pytest.mark.parametrize("text", [
    "The mayor faced concerns about the new bus schedule.",  # someone else's concern: 'face' is not listed
    "Several parents raised questions about the new bus schedule.",  # questions about a topic: 4 of 12
])
def test_voiced_doubt_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.voiced_doubt") == []


def test_voiced_doubt_leaves_have_to_the_light_verb(extract):
    # 'has concerns about X' is indirect.light_verb's (cue 'has concerns about').
    text = "The council has concerns about the budget."
    assert found_in(extract, text, "indirect.voiced_doubt") == []
    assert ("the budget", "has concerns about", "The council") in found_in(extract, text, "indirect.light_verb")


# indirect.voiced_support: the noun support, stated by the subject (cues.json verbs.support_voicing).
SUPPORT_VERBS = {"express": "expressed", "voice": "voiced", "signal": "signaled", "affirm": "affirmed",
                 "reaffirm": "reaffirmed", "reiterate": "reiterated", "pledge": "pledged", "offer": "offered",
                 "show": "showed", "declare": "declared", "announce": "announced",
                 "indicate": "indicated"}


def test_support_voicing_words_are_tested():
    assert RULES.verbs("support_voicing") == set(SUPPORT_VERBS)
    assert RULES.verbs("$voiced_support_nouns") == {"support", "enthusiasm"}


@pytest.mark.parametrize("verb", sorted(SUPPORT_VERBS))
def test_voiced_support_verbs(extract, verb):
    text = f"The teachers' union {SUPPORT_VERBS[verb]} strong support for the longer school day."
    assert ("the longer school day", "support for", "The teachers' union") in found_in(extract, text, "indirect.voiced_support")


def test_voiced_support_enthusiasm(extract):
    text = "Local farmers showed enthusiasm for the new water plan."
    assert ("the new water plan", "enthusiasm for", "Local farmers") in found_in(extract, text, "indirect.voiced_support")


@pytest.mark.parametrize("text", [
    "Support for the longer school day grew over the summer.",  # no one states it: 10 of 20 on train
    "The union lost support for the longer school day.",  # 'lose' is not a verb that states it
])
def test_voiced_support_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.voiced_support") == []


# A promise or pledge to do something without a possessor is read by indirect.noun_to_free
# (rules/patterns/paths.json; the nouns helper's indirect.bare_intention was the same rule for
# fewer nouns and was folded into it); with a possessor indirect.noun_to names the holder.
@pytest.mark.parametrize("noun", ["promise", "pledge"])
def test_intention_noun_without_possessor(extract, noun):
    text = f"The governor kept a campaign {noun} to cut the gas tax."
    assert ("to cut the gas tax", noun, None) in found_in(extract, text, "indirect.noun_to_free")


def test_intention_noun_with_possessor_names_the_holder(extract):
    text = "The governor kept her promise to cut the gas tax."
    assert found_in(extract, text, "indirect.noun_to_free") == []
    assert ("to cut the gas tax", "promise", "her") in found_in(extract, text, "indirect.noun_to")


# indirect.call_for_noun: calls for something, without a possessor.
@pytest.mark.parametrize("noun", ["calls", "call"])
def test_call_for_noun(extract, noun):
    text = f"The council ignored {'a ' if noun == 'call' else ''}{noun} for an independent audit."
    assert ("an independent audit", f"{noun} for", None) in found_in(extract, text, "indirect.call_for_noun")


def test_call_for_noun_words_are_tested():
    assert RULES.verbs("$call_nouns") == {"call", "calls"}


def test_call_for_noun_leaves_a_phone_call(extract):
    assert found_in(extract, "She made a call to the office for an hour.", "indirect.call_for_noun") == []
