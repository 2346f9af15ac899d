"""Stances in context (issue 12, rules/patterns/stance.json): verbs that report a stance only in
some constructions — the perfect or the progressive of a verb of support, a gerund after a
preposition, a document issued with what it says, an expectation held by people. Every word of
the new cues.json lists has a case, and every pattern a case it must leave alone."""
import pytest

from quotes.rules import REQUIREMENTS, load_rules
from rulecases import found_in

RULES = load_rules()


# indirect.stance_record: the perfect of a verb of support (cues.json record_stance).
RECORD = {"support": "supported", "back": "backed"}


def test_record_stance_words_are_tested():
    assert RULES.verbs("record_stance") == set(RECORD)


@pytest.mark.parametrize("verb", sorted(RECORD))
def test_stance_record(extract, verb):
    text = f"Senator Okafor has long {RECORD[verb]} a cap on rent increases."
    assert ("a cap on rent increases", RECORD[verb], "Senator Okafor") in found_in(extract, text, "indirect.stance_record")


def test_stance_record_in_a_relative_clause(extract):
    text = "The money came from Dana Whitlock, a banker who had backed the mayor in 2019."
    assert ("the mayor in 2019", "backed", "a banker") in found_in(extract, text, "indirect.stance_record")


@pytest.mark.parametrize("text", [
    "Senator Okafor supported a cap on rent increases.",  # the simple past: policy as often as a stance
    "Senator Okafor has embraced a cap on rent increases.",  # embrace: not in record_stance
])
def test_stance_record_needs_the_perfect_of_support(extract, text):
    assert found_in(extract, text, "indirect.stance_record") == []


# indirect.stance_progressive: 'is supporting/backing NAME'.
@pytest.mark.parametrize("verb", ["supporting", "backing"])
def test_stance_progressive(extract, verb):
    text = f"Governor Lind is {verb} Moreau in the primary."
    assert ("Moreau in the primary", verb, "Governor Lind") in found_in(extract, text, "indirect.stance_progressive")


def test_stance_progressive_needs_a_name(extract):
    # Help, not a stance: the object is no proper name.
    assert found_in(extract, "The new program is supporting young mothers.", "indirect.stance_progressive") == []


# indirect.stance_gerund: support/endorse/oppose (cues.json gerund_stance) and every message-object verb.
GERUND = {"support": "supporting", "endorse": "endorsing", "oppose": "opposing"}


def test_gerund_stance_words_are_tested():
    assert RULES.verbs("gerund_stance") == set(GERUND)
    assert RULES.verbs("$gerund_stance_verbs") == RULES.verbs("message_object") | set(GERUND)


@pytest.mark.parametrize("verb", sorted(GERUND))
def test_stance_gerund(extract, verb):
    text = f"The council was united in {GERUND[verb]} the new toll."
    assert ("the new toll", GERUND[verb], "The council") in found_in(extract, text, "indirect.stance_gerund")


@pytest.mark.parametrize("prep", ["by", "after"])
def test_stance_gerund_message_verb(extract, prep):
    text = f"The union answered {prep} criticizing the company's offer."
    assert ("the company's offer", "criticizing", "The union") in found_in(extract, text, "indirect.stance_gerund")


def test_stance_gerund_on_a_noun_has_no_speaker(extract):
    # speaker gerund_subject: a preposition hung on a noun says nothing of who holds the stance.
    text = "Her message of opposing the new toll won votes."
    assert ("the new toll", "opposing", None) in found_in(extract, text, "indirect.stance_gerund")


@pytest.mark.parametrize("text", [
    "The school reopened after calling off classes for two days.",  # cue_without_particle: 'call off'
    "Voters praised the mayor for criticizing the company's offer.",  # a reason for someone else's praise
    "The council passed the budget without endorsing the new toll.",  # a stance not taken
])
def test_stance_gerund_prepositions_left_out(extract, text):
    assert found_in(extract, text, "indirect.stance_gerund") == []


# indirect.document_object: a verb that issues a document (cues.json document_issue) and a document
# (issued_documents) with a clause, a participle or a compound that says what it does.
ISSUE = {"sign": "signed", "pass": "passed", "introduce": "introduced", "veto": "vetoed",
         "sponsor": "sponsored", "write": "wrote", "draft": "drafted",
         "release": "released"}
DOCUMENTS = ["bill", "law", "measure", "legislation", "order", "ad", "memo", "letter", "statement",
             "report"]


def test_document_words_are_tested():
    assert RULES.verbs("document_issue") == set(ISSUE)
    assert RULES.verbs("$issued_document_nouns") == set(DOCUMENTS)


@pytest.mark.parametrize("verb", sorted(ISSUE))
def test_document_object_verbs(extract, verb):
    text = f"Governor Pell {ISSUE[verb]} a bill that lowers the voting age."
    assert ("a bill that lowers the voting age", ISSUE[verb], "Governor Pell") in found_in(
        extract, text, "indirect.document_object")


@pytest.mark.parametrize("noun", DOCUMENTS)
def test_document_object_nouns(extract, noun):
    article = "an" if noun[0] in "aeiou" else "a"
    text = f"The Ruiz campaign released {article} {noun} that faults the mayor's housing record."
    assert (f"{article} {noun} that faults the mayor's housing record", "released", "The Ruiz campaign") in found_in(
        extract, text, "indirect.document_object")


def test_document_object_participle(extract):
    # A participle on a document noun of indirect.acl ("a memo attacking X") is that rule's; on
    # other documents it is what the document says.
    text = "The Ruiz campaign released an ad attacking the mayor's housing record."
    assert ("an ad attacking the mayor's housing record", "released", "The Ruiz campaign") in found_in(
        extract, text, "indirect.document_object")


def test_document_object_compound(extract):
    text = "As governor, Weller signed a gun-control bill."
    assert ("a gun-control bill", "signed", "Weller") in found_in(extract, text, "indirect.document_object")


@pytest.mark.parametrize("text", [
    "Governor Pell signed the bill on Tuesday.",  # an act: nothing says what the bill does
    "The neighbours filed a lawsuit that names the city.",  # file, lawsuit: not in the lists
])
def test_document_object_needs_what_the_document_says(extract, text):
    assert found_in(extract, text, "indirect.document_object") == []


# indirect.expectation: 'expect' with a clause, held by a person, a group or an organisation.
@pytest.mark.parametrize("text,content,speaker", [
    ("The mayor expects the council to approve the budget.", "the council to approve the budget", "The mayor"),
    ("Economists expect prices to rise again next year.", "prices to rise again next year", "Economists"),
    ("She expects that the vote will be close.", "that the vote will be close", "She"),
])
def test_expectation(extract, text, content, speaker):
    assert any(c == content and s == speaker for c, _, s in found_in(extract, text, "indirect.expectation"))


def test_expectation_needs_an_agent(extract):
    # Requirement speaker_is_agent: "the world" holds no view (the seed quote's figure of speech).
    assert "speaker_is_agent" in REQUIREMENTS and "cue_without_particle" in REQUIREMENTS
    text = "The world expects the nations to behave responsibly."
    assert found_in(extract, text, "indirect.expectation") == []


# indirect.in_view: a perspective phrase with a possessor.
@pytest.mark.parametrize("noun", ["view", "opinion", "estimation", "judgment", "judgement", "assessment"])
def test_in_view(extract, noun):
    text = f"In the coach's {noun}, the team played its best game of the season."
    assert ("the team played its best game of the season", noun, "the coach's") in found_in(extract, text, "indirect.in_view")


@pytest.mark.parametrize("text", [
    "The coach stayed true to his views on defense.",  # not 'in', plural
    "Nobody in their right mind would play him there.",  # an idiom, no perspective
])
def test_in_view_leaves_other_phrases(extract, text):
    assert found_in(extract, text, "indirect.in_view") == []


# indirect.open_question: questions/doubts/concerns about an embedded question.
@pytest.mark.parametrize("noun", ["questions", "doubts", "concerns"])
def test_open_question(extract, noun):
    text = f"The audit raised {noun} about whether the stadium deal was legal."
    assert ("whether the stadium deal was legal", noun, None) in found_in(extract, text, "indirect.open_question")


@pytest.mark.parametrize("noun", ["talk", "talks"])
def test_open_question_talk(extract, noun):
    text = f"There was {noun} of whether the senator would run again."
    assert ("whether the senator would run again", noun, None) in found_in(extract, text, "indirect.open_question")


def test_open_question_needs_a_clause(extract):
    # A topic, not a question put: no quote from this rule.
    assert found_in(extract, "The audit raised questions about the stadium deal.", "indirect.open_question") == []
    # The singular: the writer's framing ("the question of whether") as often as not.
    assert found_in(extract, "The question of whether the deal was legal remains.", "indirect.open_question") == []
