"""Cues reached through a chain of heads (issue 12, rules/patterns/chains_of_heads.json): a noun of
something said or told (cues.json nouns.about_messages) with 'about', under a verb that is not a
cue of its own ('provided new details about X'), with a possessor ('her remarks about X') or with
neither ('in a statement about X'); a noun of a belief held (cues.json nouns.beliefs_that) with its
that-clause under any head ('There was a sense that A', 'floated the idea that A'). Every word of the new list has a case, and each pattern a case
it must leave alone."""
import pytest

from quotes.rules import load_rules
from rulecases import found_in

RULES = load_rules()

# One invented sentence per noun, the noun the object of a verb that reports nothing by itself.
NOUNS = {
    "account": "The ranger circulated an account about the missing hikers.",
    "accusation": "The tenant circulated an accusation about the landlord's fees.",
    "admission": "The coach circulated an admission about the failed drills.",
    "allegation": "The blogger circulated an allegation about the mayor's driver.",
    "anecdote": "The guide circulated an anecdote about the lighthouse keeper.",
    "announcement": "The school circulated an announcement about the new bus routes.",
    "answer": "The clerk circulated an answer about the parking permits.",
    "argument": "The professor circulated an argument about the reading list.",
    "assertion": "The lobbyist circulated an assertion about the water rates.",
    "claim": "The vendor circulated a claim about the rival's prices.",
    "comment": "The pastor circulated a comment about the flood relief.",
    "complaint": "The neighbors circulated a complaint about the night traffic.",
    "detail": "The treasurer circulated new details about the pension shortfall.",
    "explanation": "The airline circulated an explanation about the delays.",
    "joke": "The comedian circulated a joke about the county budget.",
    "lecture": "The dean circulated a lecture about campus safety.",
    "message": "The bishop circulated a message about the harvest festival.",
    "note": "The coach sounded a cautious note about the team's chances.",
    "prediction": "The forecaster circulated a prediction about the winter storms.",
    "rant": "The host circulated a rant about the toll bridge.",
    "remark": "The senator circulated a remark about the ferry contract.",
    "report": "The auditor circulated a report about the missing funds.",
    "rumor": "The staff circulated a rumor about the plant closing.",
    "rumour": "The players circulated a rumour about the new manager.",
    "speech": "The governor delivered a speech about rural clinics.",
    "statement": "The club circulated a statement about the stadium lease.",
    "story": "The veteran shared a story about the old harbor.",
    "tale": "The farmer circulated a tale about the dry summer.",
    "talk": "The engineer delivered a talk about bridge repairs.",
    "testimonial": "The singer recorded a testimonial about the clinic.",
    "testimony": "The nurse delivered testimony about the night shift.",
    "tirade": "The owner delivered a tirade about the referees.",
    "update": "The advisers delivered a sober update about the senator's chances.",
    "warning": "The inspector circulated a warning about the old wiring.",
    "word": "The manager uttered a kind word about the new hires.",
}


def test_about_message_words_are_tested():
    assert RULES.verbs("$about_message_nouns") == set(NOUNS)


@pytest.mark.parametrize("noun", sorted(NOUNS))
def test_message_about_object(extract, noun):
    text = NOUNS[noun]
    speaker, rest = text.split(" ", 2)[:2], text.split(" ", 2)[2]
    content = rest.split(" about ", 1)[1].rstrip(".")
    cue = rest.split(" about ", 1)[0] + " about"
    assert (content, cue, " ".join(speaker)) in found_in(extract, text, "indirect.message_about_object")


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("The editor questioned the senator's statements about the loan.", "the loan", "statements about", "the senator's"),
    ("His anecdote about the lighthouse keeper amused the crowd.", "the lighthouse keeper", "anecdote about", "His"),
])
def test_message_about_possessor(extract, text, content, cue, speaker):
    # The owner of the message said it, not the subject of the verb above it ('the editor').
    assert (content, cue, speaker) in found_in(extract, text, "indirect.message_about_possessor")
    assert found_in(extract, text, "indirect.message_about_object") == []


@pytest.mark.parametrize("text, content, cue", [
    ("In a short statement about the merger, the bank named a new chief.", "the merger", "statement about"),
    ("There were rumors about a second store in the valley.", "a second store in the valley", "rumors about"),
])
def test_message_about_free(extract, text, content, cue):
    assert (content, cue, None) in found_in(extract, text, "indirect.message_about_free")


@pytest.mark.parametrize("text", [
    "The veteran shared the story of the old harbor.",  # 'of': what the story is, not a topic
    "The council circulated a chapter about the old harbor.",  # 'chapter' is a part of a text, not listed
    "The museum sold a book about the old harbor.",  # a document, not something said
])
def test_message_about_leaves_others(extract, text):
    for rule in ("indirect.message_about_object", "indirect.message_about_possessor", "indirect.message_about_free"):
        assert found_in(extract, text, rule) == []


def test_message_about_object_is_active_only(extract):
    # 'The board was given a report about X': the board received the report, it did not make it;
    # the passive verb gives no speaker, and the free reading (no speaker) takes the phrase.
    text = "The board was given a report about the missing funds."
    assert found_in(extract, text, "indirect.message_about_object") == []
    assert ("the missing funds", "report about", None) in found_in(extract, text, "indirect.message_about_free")


# indirect.belief_noun_that: one invented sentence per noun of nouns.beliefs_that, under a head
# that is not a cue (there-is, a verb's object, a subject); never after a preposition.
BELIEFS = {
    "agreement": "The farmers reached an agreement that the canal should stay open.",
    "assumption": "The planners made the assumption that the river would stay low.",
    "consensus": "There was a consensus that the museum should move.",
    "conviction": "The coach held a firm conviction that the team would recover.",
    "expectation": "The traders held an expectation that prices would fall.",
    "feeling": "The players had a feeling that the match was rigged.",
    "idea": "The mayor floated the idea that the fair could move to spring.",
    "impression": "The visitors formed the impression that the town was thriving.",
    "notion": "The principal dismissed the notion that the school would close.",
    "perception": "The survey fed a perception that the roads were unsafe.",
    "premise": "The council accepted the premise that the mill will reopen.",
    "presumption": "There was a presumption that the tenants had moved out.",
    "realization": "The growing realization that the dam was failing alarmed the valley.",
    "recognition": "There is a recognition that the clinic needs more nurses.",
    "sense": "There was a sense that the vote was slipping away.",
    "speculation": "The trade fueled speculation that the club would sell its stadium.",
    "suspicion": "The audit raised the suspicion that funds had been moved.",
    "theory": "The detective pursued a theory that the fire was set on purpose.",
    "understanding": "The tenants had an understanding that the rent would stay flat.",
}


def test_belief_that_words_are_tested():
    assert RULES.verbs("$belief_that_nouns") == set(BELIEFS)


@pytest.mark.parametrize("noun", sorted(BELIEFS))
def test_belief_noun_that(extract, noun):
    text = BELIEFS[noun]
    content = "that " + text.split(" that ", 1)[1].rstrip(".")
    if noun == "realization":
        content = "that the dam was failing"
    # No possessor: the phrase names no holder (the subject of 'dismissed' rejects the notion).
    assert (content, noun, None) in found_in(extract, text, "indirect.belief_noun_that")


def test_belief_noun_that_possessor(extract):
    text = "His sense that the vote was slipping away proved right."
    assert ("that the vote was slipping away", "sense", "His") in found_in(extract, text, "indirect.belief_noun_that")


@pytest.mark.parametrize("text", [
    "The idea of a new stadium divided the town.",  # no clause: what the idea is about, not a belief spelled out
    "The council heard a theory about the fire.",  # 'about', not a that-clause
    "The fear that the dam would fail spread quickly.",  # 'fear' was measured with noun_that and left out
    "The planners worked on the assumption that the river would stay low.",  # after a preposition: frames an act
    "The envoy tried to rid them of any notion that the aid might stop.",  # after a preposition: denies the belief
])
def test_belief_noun_that_leaves_others(extract, text):
    assert found_in(extract, text, "indirect.belief_noun_that") == []
