"""Issue 12, attributions whose cue comes after their content or sits inside it
(rules/patterns/positions.json, docs/rules-table.md): real parses for each pattern, hand-built
Docs for the position requirements (the parses that need them are misparses, brittle to rely on)."""
import pytest

from quotes.indirect import IndirectMatcher
from quotes.rules import load_rules

from test_indirect import parsed
from rulecases import found_quotes

RULES = load_rules()
POSITION_RULES = ("indirect.conj_report", "indirect.parenthetical_ccomp", "indirect.relative_report",
                  "indirect.relative_object", "indirect.passive_pronoun_by")


@pytest.mark.parametrize("text,content,cue,speaker,rule", [
    ("The board cut the bus routes, which parents say left pupils without a ride.",
     "which parents say left pupils without a ride", "say", "parents", "indirect.relative_report"),
    ("He repeated the claim, which his aides have denied.", "which", "denied", "his aides",
     "indirect.relative_object"),
    ("She was denounced by the party's leaders.", "She", "denounced", "the party's leaders",
     "indirect.passive_pronoun_by"),
])
def test_position_rules_on_real_parses(extract, text, content, cue, speaker, rule):
    got = [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"] if q["speaker"] else None)
           for q in extract(text) if q["rule"] == rule]
    assert (content, cue, speaker) in got


@pytest.mark.parametrize("text,rule", [
    ("He was praised after the game.", "indirect.passive_pronoun_by"),  # no 'by' phrase: no source
    ("The mayor closed the bridge and the police said it was unsafe.", "indirect.conj_report"),  # a report of its own
])
def test_position_rules_stay_out(extract, text, rule):
    assert not [q for q in extract(text) if q["rule"] == rule]


def test_relative_report_keeps_the_relative_pronoun_as_a_fragment(extract):
    q = next(q for q in extract("The city closed the pools, which residents say left children with nowhere to swim.")
             if q["rule"] == "indirect.relative_report")
    assert [f["text"] for f in q["content"]["fragments"]] == ["which", "left children with nowhere to swim"]


def conj_doc(nlp, with_and):
    # "Sales rose, (and) the firm reported." with "reported" hung on "rose" as a conjunct.
    words = ["Sales", "rose", ",", "and", "the", "firm", "reported", "."]
    heads = [1, 1, 1, 1, 5, 6, 1, 1]
    deps = ["nsubj", "ROOT", "punct", "cc", "det", "nsubj", "conj", "punct"]
    pos = ["NOUN", "VERB", "PUNCT", "CCONJ", "DET", "NOUN", "VERB", "PUNCT"]
    lemmas = ["sale", "rise", ",", "and", "the", "firm", "report", "."]
    tags = ["NNS", "VBD", ",", "CC", "DT", "NN", "VBD", "."]
    if not with_and:
        keep = [i for i in range(len(words)) if i != 3]
        new = {old: n for n, old in enumerate(keep)}
        words, deps, pos, lemmas, tags = ([xs[i] for i in keep] for xs in (words, deps, pos, lemmas, tags))
        heads = [new[heads[i]] for i in keep]
    return parsed(nlp, words, heads, deps, pos, lemmas, tags)


def test_cue_after_comma(nlp):
    # requirement cue_after_comma: "CLAUSE, X reported" is a parenthetical report of CLAUSE;
    # "CLAUSE, and X reported" is a clause of its own.
    matcher = IndirectMatcher(nlp.vocab, RULES)
    assert found_quotes(matcher(conj_doc(nlp, with_and=False)), "indirect.conj_report") == [("Sales rose", "reported", "the firm")]
    assert not found_quotes(matcher(conj_doc(nlp, with_and=True)), "indirect.conj_report")


def ccomp_doc(nlp, words, heads, deps):
    pos = {"Rents": "NOUN", ",": "PUNCT", "she": "PRON", "claimed": "VERB", "would": "AUX", "fall": "VERB", ".": "PUNCT"}
    tags = {"Rents": "NNS", ",": ",", "she": "PRP", "claimed": "VBD", "would": "MD", "fall": "VB", ".": "."}
    lemmas = {"Rents": "rent", "claimed": "claim", "would": "would", "fall": "fall"}
    return parsed(nlp, words, heads, deps, [pos[w] for w in words], [lemmas.get(w, w) for w in words],
                  [tags[w] for w in words])


def test_cue_before_content_head_and_comma_after_cue_clause(nlp):
    # "Rents, she claimed, would fall" with "claimed" hung on "fall" as a ccomp: the cue comes
    # before the content's verb and a comma closes its clause.
    matcher = IndirectMatcher(nlp.vocab, RULES)
    words = ["Rents", ",", "she", "claimed", ",", "would", "fall", "."]
    doc = ccomp_doc(nlp, words, [6, 3, 3, 6, 6, 6, 6, 6],
                    ["nsubj", "punct", "nsubj", "ccomp", "punct", "aux", "ROOT", "punct"])
    q = next(q for q in matcher(doc) if q.rule == "indirect.parenthetical_ccomp")
    assert [f.text for f in q.content.fragments] == ["Rents", "would fall"]
    assert (q.cue.text, q.speaker.text) == ("claimed", "she")
    # comma_after_cue_clause: without the closing comma the clause is not set off.
    words = ["Rents", ",", "she", "claimed", "would", "fall", "."]
    doc = ccomp_doc(nlp, words, [5, 3, 3, 5, 5, 5, 5], ["nsubj", "punct", "nsubj", "ccomp", "aux", "ROOT", "punct"])
    assert not found_quotes(matcher(doc), "indirect.parenthetical_ccomp")
    # cue_before_content_head: a cue after the content's verb is no parenthetical inside it.
    words = ["Rents", "would", "fall", ",", "she", "claimed", ",", "."]
    doc = ccomp_doc(nlp, words, [2, 2, 2, 2, 5, 2, 2, 2], ["nsubj", "aux", "ROOT", "punct", "nsubj", "ccomp", "punct", "punct"])
    assert not found_quotes(matcher(doc), "indirect.parenthetical_ccomp")


def relative_doc(nlp, to_infinitive):
    # "the plan, which they said (to) work(ed)" with the reported verb an xcomp of the cue.
    words = ["the", "plan", ",", "which", "they", "said", "worked", "."]
    heads = [1, 1, 1, 5, 5, 1, 5, 1]
    deps = ["det", "ROOT", "punct", "nsubj", "nsubj", "relcl", "xcomp", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "PRON", "VERB", "VERB", "PUNCT"]
    lemmas = ["the", "plan", ",", "which", "they", "say", "work", "."]
    tags = ["DT", "NN", ",", "WDT", "PRP", "VBD", "VBD", "."]
    if to_infinitive:
        words = words[:6] + ["to", "work", "."]
        heads = heads[:6] + [7, 5, 1]
        deps = deps[:6] + ["aux", "xcomp", "punct"]
        pos = pos[:6] + ["PART", "VERB", "PUNCT"]
        lemmas = lemmas[:6] + ["to", "work", "."]
        tags = tags[:6] + ["TO", "VB", "."]
    return parsed(nlp, words, heads, deps, pos, lemmas, tags)


def test_finite_content(nlp):
    # requirement finite_content: "which they said worked" reports; "which they said to work" does not.
    matcher = IndirectMatcher(nlp.vocab, RULES)
    assert found_quotes(matcher(relative_doc(nlp, to_infinitive=False)), "indirect.relative_report") == [
        ("which they said worked", "said", "they")]
    assert not found_quotes(matcher(relative_doc(nlp, to_infinitive=True)), "indirect.relative_report")


def test_position_rules_read_a_cue_only_where_no_other_rule_does():
    # priority -1: the existing patterns keep every cue they read (ranked first in IndirectMatcher).
    assert all(p.spec.get("priority") == -1 for p in RULES.patterns if p.id in POSITION_RULES)
    assert {p.id for p in RULES.patterns} >= set(POSITION_RULES)
