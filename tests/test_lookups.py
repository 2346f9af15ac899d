"""spaCy's attribute_ruler and lemmatizer as lookups (quotes/lookups.py): the same annotations,
token by token, on real parses and on a ruler of our own with every kind of pattern."""
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

import quotes
from quotes.lookups import LookupAttributeRuler, LookupLemmatizer

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]
# Words the model's ruler treats specially: contractions over two tokens, negation, "'s", pronoun
# objects, existential "there", "got"/"gets".
TRICKY = ["I ain't gonna say it, y'all, and we gotta go.", "Let's see: she's got what he gets.",
          "They told me and you that it isn't so.", "There's a report, and there are doubts.",
          "C'mon, nothin' was said.\n\nHe didn't  say whether they'd agreed."]


@pytest.fixture(scope="module")
def model():
    from quotes.api import default_model

    return spacy.load(default_model())


def parsed(nlp, texts):
    with nlp.select_pipes(disable=nlp.pipe_names[nlp.pipe_names.index("attribute_ruler"):]):
        return list(nlp.pipe(texts))


def test_same_annotations_as_spacy(model):
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    lookup, lookup_lemmatizer = LookupAttributeRuler(ruler), LookupLemmatizer(lemmatizer)
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    n = 0
    for doc in parsed(model, texts):
        a, b = doc.copy(), doc.copy()
        lemmatizer(ruler(a))
        lookup_lemmatizer(lookup(b))
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a]
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all()
        n += len(doc)
    assert n > 1000
    assert len(lookup.rest) > 0  # the model's multi-token patterns went to the Matcher
    assert len(lookup.rules) > 150


def test_load_pipeline_uses_the_lookups_under_spacy_names():
    nlp = quotes.load_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), LookupLemmatizer)
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
    doc = nlp("He didn't say it.")
    assert [t.lemma_ for t in doc] == ["he", "do", "not", "say", "it", "."]


def test_a_ruler_of_our_own_in_rule_order(model):
    # Later rules override earlier ones, whether the lookup or the Matcher finds them; a REGEX
    # on the tag and a two-token pattern go to the Matcher.
    ruler = AttributeRuler(model.vocab)
    ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "said"}, {"TAG": "NNP"}]], {"LEMMA": "SAID_BEFORE"}, index=-1)
    ruler.add([[{"TAG": {"REGEX": "^NN"}}]], {"MORPH": "Kind=Noun"})
    ruler.add([[{"LOWER": {"IN": ["smith", "jones"]}, "DEP": {"NOT_IN": ["nsubj"]}}]], {"LEMMA": "SURNAME"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": {"REGEX": "^jo"}}]], {"POS": "X"})
    words = ["Smith", "said", "Jones", "left", " ", "Jones"]
    doc = Doc(model.vocab, words=words, spaces=[True, True, True, False, False, False],
              tags=["NNP", "VBD", "NNP", "VBD", "_SP", "NNP"], deps=["nsubj", "ROOT", "dobj", "conj", "dep", "npadvmod"],
              heads=[1, 1, 1, 1, 3, 3])
    a, b = doc.copy(), doc.copy()
    ruler(a)
    lookup = LookupAttributeRuler(ruler)
    lookup(b)
    assert len(lookup.rest) == 2
    got = [(t.pos_, str(t.morph), t.lemma_) for t in b]
    assert got == [(t.pos_, str(t.morph), t.lemma_) for t in a]
    assert got[2] == ("X", "Kind=Noun", "SURNAME") and got[0][2] == ""
