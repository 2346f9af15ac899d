"""The anchored matcher gives spaCy's DependencyMatcher's matches, in its order."""
from pathlib import Path

import pytest
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from quotes.anchored import AnchoredMatcher
from quotes.rules import load_rules

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"


def both(vocab, patterns):
    spacy_matcher, anchored = DependencyMatcher(vocab), AnchoredMatcher(vocab)
    for key, pattern in patterns:
        spacy_matcher.add(key, [pattern])
        anchored.add(key, [pattern])
    return spacy_matcher, anchored


@pytest.fixture(scope="module")
def parsed(nlp):
    """Real parses: the seed articles and every example of the packaged patterns."""
    rules = load_rules()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [ex if isinstance(ex, str) else ex["text"] for p in rules.patterns for ex in p.examples]
    with nlp.select_pipes(disable=["quotes"]):
        return list(nlp.pipe(texts))


def test_same_matches_as_spacy_on_the_packaged_patterns(nlp, parsed):
    spacy_matcher, anchored = both(nlp.vocab, [(p.id, p.pattern) for p in load_rules().patterns])
    assert anchored._fallback is None  # every packaged pattern is anchored: none left to spaCy's matcher
    total = 0
    for doc in parsed:
        expected = spacy_matcher(doc)
        assert anchored(doc) == expected, doc.text[:80]
        total += len(expected)
    assert total > 100  # the comparison compared something


def test_anchor_is_derived_from_the_pattern(nlp):
    # "according" anchors the pattern although it is not its first node.
    rule = next(p for p in load_rules().patterns if p.id == "indirect.according_to")
    anchored = AnchoredMatcher(nlp.vocab)
    anchored.add(rule.id, [rule.pattern])
    compiled = next(iter(anchored._compiled.values()))
    assert compiled.words[1] == frozenset({"according"}) and compiled.anchor == 1


def test_patterns_it_cannot_express_go_to_spacy_in_their_place(nlp, parsed):
    patterns = [
        ("said_that", [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                       {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]),
        # an operator other than ">" and a regular expression: spaCy's own matcher runs them
        ("subject_before", [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
                            {"LEFT_ID": "verb", "REL_OP": ">--", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubj"}}]),
        ("regex", [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"REGEX": "^(told|said)$"}}},
                   {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubj"}}]),
        # an entity label, as the Matcher reads it (0 outside an entity)
        ("said_to_person", [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": ["say", "tell"]}}},
                            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "subj",
                             "RIGHT_ATTRS": {"DEP": "nsubj", "ENT_TYPE": {"NOT_IN": ["ORG", "GPE"]}}}]),
        ("said_by_person", [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                      {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"ENT_TYPE": "PERSON"}}]),
        # no word named: every token may anchor it
        ("any_dobj", [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB", "TAG": {"NOT_IN": ["VBG"]}}},
                      {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "obj", "RIGHT_ATTRS": {"DEP": "dobj"}}]),
    ]
    spacy_matcher, anchored = both(nlp.vocab, patterns)
    assert len(anchored._compiled) == 4  # said_that, said_to_person, said_by_person, any_dobj; two fall back
    seen = set()
    for doc in parsed:
        expected = spacy_matcher(doc)
        assert anchored(doc) == expected
        seen.update(nlp.vocab.strings[k] for k, _ in expected)
    assert seen == {"said_that", "subject_before", "regex", "any_dobj", "said_to_person", "said_by_person"}


def test_a_hand_built_tree_with_two_candidates_for_one_node(nlp):
    # "told" has two objects that both fit the object node: two matches, in token order, and
    # a node may take the same token as another node, as in spaCy's product of candidates.
    words = ["She", "told", "him", "them", "that", "it", "works", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 1, 6, 6, 1, 1], lemmas=["she", "tell", "he", "they", "that", "it", "work", "."],
              deps=["nsubj", "ROOT", "dative", "dative", "mark", "nsubj", "ccomp", "punct"],
              pos=["PRON", "VERB", "PRON", "PRON", "SCONJ", "PRON", "VERB", "PUNCT"])
    pattern = [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": ["tell"]}}},
               {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "a", "RIGHT_ATTRS": {"DEP": "dative"}},
               {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {"POS": "PRON"}},
               {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]
    spacy_matcher, anchored = both(nlp.vocab, [("tell", pattern)])
    expected = spacy_matcher(doc)
    assert len(expected) == 6  # 2 datives x 3 pronoun children
    assert anchored(doc) == expected
