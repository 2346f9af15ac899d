"""Light verbs and stance phrases in context (issue 12, rules/patterns/light.json): 'make' with
'clear' or with a noun of a speech act ('made it clear that A', 'made no secret of X'), the
adverbial phrases 'in favor of X' and 'in hopes of VBG' (speaker: the subject of their clause),
and 'X drew criticism'. Every word of the new cues.json lists has a case, and every pattern a
case it must leave alone."""
import re

import pytest

from quotes.rules import SPEAKER_SPECIAL, load_rules
from rulecases import found_in

RULES = load_rules()


# indirect.made_clear and indirect.made_clear_clause: where the parser hangs the clause.
@pytest.mark.parametrize("text, rule, cue, speaker", [
    ("The governor made it clear that she would veto the bill.", "indirect.made_clear", "made it clear", "The governor"),
    ("The union has made it clear that its members will strike.", "indirect.made_clear", "made it clear", "The union"),
    ("The mayor made clear on Tuesday that the budget would not pass.", "indirect.made_clear_clause", "made clear", "The mayor"),
])
def test_made_clear(extract, text, rule, cue, speaker):
    content = "that " + text.split(" that ", 1)[1].rstrip(".")
    assert (content, cue, speaker) in found_in(extract, text, rule)


@pytest.mark.parametrize("text", [
    "As was made clear last week when the board met, the plan is dead.",  # passive: no one made it clear
    "The ruling made the rules clear to every tenant.",  # no clause: an object made plain
])
def test_made_clear_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.made_clear") == []
    assert found_in(extract, text, "indirect.made_clear_clause") == []


# indirect.made_statement: make + a noun of cues.json nouns.made_statements + its preposition.
MADE = {
    "secret": ("The senator has made no secret of her dislike for the stadium.", "her dislike for the stadium", "made no secret of"),
    "apology": ("The coach makes no apologies for his strict rules.", "his strict rules", "makes no apologies for"),
    "allegation": ("The tenants made serious allegations against the landlord.", "the landlord", "made serious allegations against"),
    "accusation": ("The tenants made accusations against the landlord.", "the landlord", "made accusations against"),
    "charge": ("The challenger made a charge against the sheriff.", "the sheriff", "made a charge against"),
    "attack": ("The candidate made a sharp attack on the tax plan.", "the tax plan", "made a sharp attack on"),
    "endorsement": ("The paper made a formal endorsement of the challenger.", "the challenger", "made a formal endorsement of"),
    "prediction": ("The analyst made a bold prediction about the harvest.", "the harvest", "made a bold prediction about"),
    "appeal": ("The bishop made an urgent appeal for calm.", "calm", "made an urgent appeal for"),
    "joke": ("The host made jokes about the weather.", "the weather", "made jokes about"),
}


def test_made_statement_words_are_tested():
    assert RULES.verbs("$made_statement_nouns") == set(MADE)


@pytest.mark.parametrize("noun", sorted(MADE))
def test_made_statement_nouns(extract, noun):
    text, content, cue = MADE[noun]
    speaker = re.split(r" (?:has )?ma[dk]es? ", text)[0]
    assert (content, cue, speaker) in found_in(extract, text, "indirect.made_statement")


@pytest.mark.parametrize("text", [
    "The goalkeeper had an attack of nerves before the final.",  # 'have', not 'make': no speech act
    "The tenants made a complaint about the heating.",  # complaint is not listed (light_verb's nouns are its own)
    "Serious allegations were made against the landlord.",  # passive: who made them is not said
])
def test_made_statement_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.made_statement") == []


# indirect.in_favor_of: 'in' + a noun of cues.json nouns.stance_phrases + of/to.
PHRASES = {
    "favor": "in favor of", "favour": "in favour of", "support": "in support of",
    "opposition": "in opposition to", "defense": "in defense of", "defence": "in defence of",
}


def test_stance_phrase_words_are_tested():
    assert RULES.verbs("$stance_phrase_nouns") == set(PHRASES)
    assert "phrase_subject" in SPEAKER_SPECIAL


@pytest.mark.parametrize("noun", sorted(PHRASES))
def test_in_favor_of_nouns(extract, noun):
    text = f"The city council voted {PHRASES[noun]} the new bike lane."
    assert ("the new bike lane", PHRASES[noun], "The city council") in found_in(extract, text, "indirect.in_favor_of")


def test_in_favor_of_speaker_through_coordination(extract):
    # the phrase hangs on the second verb; its subject is the first verb's (subject_of)
    text = "Hundreds of nurses left their wards and marched in support of the strike."
    assert ("the strike", "in support of", "Hundreds of nurses") in found_in(extract, text, "indirect.in_favor_of")


@pytest.mark.parametrize("text", [
    "The odds in favor of a recount have grown.",  # on a noun: whose stance is not said (no speaker)
    "The mayor wrote a letter in response to the protest.",  # response: no stance (8 of 31 on train)
])
def test_in_favor_of_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.in_favor_of") == []


# indirect.in_hopes_of: the gerund is the intention of the clause's subject.
@pytest.mark.parametrize("phrase", ["in hopes of", "in the hope of"])
def test_in_hopes_of(extract, phrase):
    text = f"The mayor toured the flooded towns {phrase} winning more state aid."
    assert ("winning more state aid", phrase, "The mayor") in found_in(extract, text, "indirect.in_hopes_of")


def test_in_hopes_of_leaves_a_noun_phrase(extract):
    text = "Their hopes of a quick deal faded."  # not an adverbial of a clause
    assert found_in(extract, text, "indirect.in_hopes_of") == []


# indirect.drew_criticism: what drew a reaction (cues.json nouns.drawn_reactions) is the content.
# ("drew scorn from" alone: the model tags "scorn" a verb there, so the test gives it an adjective.)
REACTIONS = {
    "criticism": "sharp criticism", "praise": "praise", "fire": "fire", "ire": "the ire",
    "rebuke": "rebukes", "condemnation": "condemnation", "scorn": "public scorn", "boo": "boos",
    "concern": "concern", "scrutiny": "scrutiny", "complaint": "complaints", "applause": "applause",
}


def test_drawn_reaction_words_are_tested():
    assert RULES.verbs("$drawn_reaction_nouns") == set(REACTIONS)


@pytest.mark.parametrize("noun", sorted(REACTIONS))
def test_drew_criticism_nouns(extract, noun):
    text = f"The new parking fee drew {REACTIONS[noun]} from shop owners."
    assert ("The new parking fee", f"drew {REACTIONS[noun]}", None) in found_in(extract, text, "indirect.drew_criticism")


@pytest.mark.parametrize("text", [
    "She drew sharp criticism after the debate.",  # a pronoun: what she said is not in the phrase
    "The new parking fee faced sharp criticism from shop owners.",  # 'face': 5 of 18 on train
    "The artist drew a map of the harbor.",  # not a reaction noun
])
def test_drew_criticism_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.drew_criticism") == []
