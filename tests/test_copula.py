"""Issue 12, copular and adjectival stances (rules/patterns/predicates.json, docs/rules-table.md
'Copular and adjectival stances'): each new pattern and word on real parses, the cases each must
leave alone, and the speaker a group phrase resolves to."""
import pytest

from quotes.rules import load_rules
from rulecases import found_framed

CUES = load_rules().cues


@pytest.mark.parametrize("text,content,cue,speaker", [
    # After the noun it describes: the noun's phrase holds adjective and content, so no speaker.
    ("The plan was drafted for farmers tired of the long droughts.", "the long droughts", "tired of", None),
    ("Residents angry at the new parking rules packed the hall.", "the new parking rules", "angry at", None),
    ("The union leaders, worried about the layoffs, called a meeting.", "the layoffs", "worried about", None),
    # An adverbial: the subject of its clause holds the feeling.
    ("Wary of the cost, the council delayed the vote on the bridge.", "the cost", "Wary of", "the council"),
    ("Skeptical of the numbers, the auditors asked for more records.", "the numbers", "Skeptical of", "the auditors"),
    # Coordinated with a predicate adjective: the subject of the first one.
    ("The nurses were calm and skeptical of the timetable.", "the timetable", "skeptical of", "The nurses"),
    ("The board members were divided and unhappy with the plan.", "the plan", "unhappy with", "The board members"),
])
def test_feeling_modifier(extract, text, content, cue, speaker):
    assert (content, cue, speaker, "thought") in found_framed(extract(text), "predicate.feeling_modifier")


@pytest.mark.parametrize("text", [
    "It was a worried look about nothing.",  # before its noun, no prepositional object of its own
    "The farmers are worried about the new rules.",  # a predicate adjective: feeling_adjective's
    "The report was full of errors.",  # not a feeling
])
def test_feeling_modifier_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.feeling_modifier")


@pytest.mark.parametrize("word", CUES["adjectives"]["desire_adjectives"])
def test_desire_adjective(extract, word):
    assert ("to sign the new budget", word, "The governor", "intention") in \
        found_framed(extract(f"The governor is {word} to sign the new budget."), "predicate.desire_adjective")


@pytest.mark.parametrize("text", [
    "The fans were eager for the season to start.",  # no infinitive of the subject's own
    "Some donors were reluctant to back the senator.",  # reluctance: right in 1 of 4 on train, not listed
    "They were willing to wait.",  # 6 of 12 on train, not listed
])
def test_desire_adjective_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.desire_adjective")


@pytest.mark.parametrize("text,content", [
    ("The new tax plan seemed like a long shot.", "The new tax plan seemed like a long shot"),
    ("The debate seemed like a turning point for the campaign.",
     "The debate seemed like a turning point for the campaign"),
])
def test_seem_like(extract, text, content):
    assert (content, "seemed", None, "thought") in found_framed(extract(text), "predicate.seem_like")


@pytest.mark.parametrize("text", [
    "The new tax plan looks like a long shot.",  # look like: 6 of 14 new matches on train, left out
    "The new tax plan seemed to be a long shot.",  # indirect.evidential's
    "It was a plan that seemed like a long shot.",  # a relative pronoun is no subject to report
])
def test_seem_like_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.seem_like")


@pytest.mark.parametrize("word", ["appreciative", "enamored"])
def test_new_feeling_words_with_of(extract, word):
    # 'were enamored of' is parsed as a passive after 'were'; after 'seemed' it is an adjective.
    assert ("the new rules", f"{word} of", "The farmers", "thought") in \
        found_framed(extract(f"The farmers seemed {word} of the new rules."), "predicate.feeling_adjective")


def test_party_group_speaker_is_named_by_its_phrase(extract):
    # "Republican senators": the cast names the group by the whole phrase; as a speaker it is the
    # same group, and a later "they" takes the same name.
    quotes = extract("Republican senators are eager to confirm the judges, and they say they will not wait.")
    names = {q["rule"]: q["speaker"]["name"] for q in quotes if q["speaker"]}
    assert names["predicate.desire_adjective"] == "Republican senators"
    assert names["indirect.ccomp"] == "Republican senators"


def test_group_speaker_without_a_party_name_stays_unnamed(extract):
    quotes = extract("Some senators said the budget would pass.")
    assert [q["speaker"]["name"] for q in quotes if q["rule"] == "indirect.ccomp"] == [None]


@pytest.mark.parametrize("word", CUES["nouns"]["copula_subjects"])
def test_noun_is_clause_every_word(extract, word):
    # The frame is the noun's (frames.json): speech for 'answer', thought for 'fear', intention for 'plan'.
    assert ("that the budget is balanced", word, "Her") in \
        [f[:3] for f in found_framed(extract(f"Her {word} was that the budget is balanced."), "predicate.noun_is_clause")]


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("The mayor's response was that the city had no money.", "that the city had no money", "response",
     "The mayor's"),
    ("My sense is they will settle before the vote.", "they will settle before the vote", "sense", "My"),
    ("The refrain among the workers is that the plant will close.", "that the plant will close", "refrain", None),
    ("His claim is that the count was wrong.", "that the count was wrong", "claim", "His"),  # nouns.claims
])
def test_noun_is_clause(extract, text, content, cue, speaker):
    assert (content, cue, speaker) in [f[:3] for f in found_framed(extract(text), "predicate.noun_is_clause")]


@pytest.mark.parametrize("text", [
    "The problem is that the bridge is old.",  # not a noun of saying or thinking: the writer's
    "That the bridge is old is her answer.",  # the clause before the noun
])
def test_noun_is_clause_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.noun_is_clause")


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("His plan is to win the early states.", "to win the early states", "plan", "His"),
    ("Her advice was to wait for the ruling.", "to wait for the ruling", "advice", "Her"),
    ("The union's goal is to raise the wage.", "to raise the wage", "goal", "The union's"),
])
def test_noun_is_to(extract, text, content, cue, speaker):
    assert (content, cue, speaker, "intention") in found_framed(extract(text), "predicate.noun_is_to")


@pytest.mark.parametrize("text", [
    "The goal is to cut costs.",  # no possessor: mostly the writer's summary (1 of 9 new on train)
    "His problem is to find the money.",  # not a noun of planning or advice
])
def test_noun_is_to_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.noun_is_to")


@pytest.mark.parametrize("text,content", [
    ("It appears that the council will vote on Monday.", "that the council will vote on Monday"),
    ("It appeared the council would vote on Monday.", "the council would vote on Monday"),
])
def test_it_appears(extract, text, content):
    assert (content, text.split()[1], None, "thought") in found_framed(extract(text), "predicate.it_appears")


@pytest.mark.parametrize("text", [
    "The mayor appears to be tired.",  # indirect.evidential's
    "It appears on the ballot in May.",  # no clause
    "The council appeared in court that the hearing was set.",  # not the empty 'it'
])
def test_it_appears_leaves_alone(extract, text):
    assert not found_framed(extract(text), "predicate.it_appears")
