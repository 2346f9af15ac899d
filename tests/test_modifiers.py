"""Issue 12, contents that are noun phrases whose cue modifies them (rules/patterns/modifiers.json,
docs/rules-table.md 'Noun phrases whose cue modifies them'): real parses for each pattern and for
the cases it must leave alone, a hand-built Doc for the content of a participle before its noun."""
import pytest

from quotes.indirect import IndirectMatcher
from quotes.rules import load_rules

from test_indirect import parsed
from rulecases import found, found_quotes

RULES = load_rules()
CUES = RULES.cues


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("The zoning plan, opposed by most tenants, goes to a vote on Friday.", "The zoning plan", "opposed", "most tenants"),
    ("The council dropped a fee criticized by shop owners.", "a fee", "criticized", "shop owners"),
    ("The board shelved a budget rejected by the teachers' union.", "a budget", "rejected", "the teachers' union"),
    ("Voters will decide on a levy endorsed by the mayor.", "a levy", "endorsed", "the mayor"),
])
def test_stance_participle(extract, text, content, cue, speaker):
    # The noun phrase without the participle is the content, the 'by' phrase the source.
    assert (content, cue, speaker) in found(extract(text), "indirect.stance_participle")


def test_stance_participle_verbs_are_person_stance_verbs():
    assert CUES["groups"]["$stance_participle_verbs"] == ["person_stance"]


@pytest.mark.parametrize("text", [
    "Residents opposed to the plan packed the hall.",  # no 'by' phrase: the residents hold the stance
    "The council dropped a fee collected by the county.",  # 'collect' reports no stance
])
def test_stance_participle_leaves_alone(extract, text):
    assert not found(extract(text), "indirect.stance_participle")


@pytest.mark.parametrize("text,content,speaker", [
    ("Shares fell after the merger announced on Monday.", "the merger", None),
    ("The cuts announced by the airline will close two routes.", "The cuts", "the airline"),
])
def test_announced_participle(extract, text, content, speaker):
    assert (content, "announced", speaker) in found(extract(text), "indirect.announced_participle")


def test_announced_participle_words():
    assert CUES["verbs"]["announced_participle"] == ["announce"]


def test_announced_participle_leaves_other_participles_alone(extract):
    # 'released' names the publication of a document, not a report of what it says (1 of 60 on train).
    assert not found(extract("Shares fell after the poll released on Monday."), "indirect.announced_participle")


def test_content_starts_after_a_participle_before_its_noun(nlp):
    # "Workers feared the recently announced layoffs." with "announced" an amod of "layoffs": the
    # determiner and the participle stay out of the content (content key after_prenominal_cue).
    words = ["Workers", "feared", "the", "recently", "announced", "layoffs", "."]
    heads = [1, 1, 5, 4, 5, 1, 1]
    deps = ["nsubj", "ROOT", "det", "advmod", "amod", "dobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "ADV", "VERB", "NOUN", "PUNCT"]
    lemmas = ["worker", "fear", "the", "recently", "announce", "layoff", "."]
    tags = ["NNS", "VBD", "DT", "RB", "VBN", "NNS", "."]
    doc = parsed(nlp, words, heads, deps, pos, lemmas, tags)
    got = found_quotes(IndirectMatcher(nlp.vocab, RULES)(doc), "indirect.announced_participle")
    assert got == [("layoffs", "announced", None)]
