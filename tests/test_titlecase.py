"""Title-case headlines parsed again in sentence case (quotes/titlecase.py)."""
from __future__ import annotations

from quotes.rules import load_rules
from quotes.titlecase import sentence_case, title_lines, title_rules

TEXT = ("Conservative Icon Morton Blackwell Endorses Ted Cruz\n"
        "Morton Blackwell, a conservative activist, said on Monday that he backs Ted Cruz.")


def test_title_lines():
    tr = title_rules(load_rules())
    assert title_lines(TEXT, tr) == [(0, TEXT.index("\n"))]
    assert title_lines("The mayor said the bridge will close in May.\n", tr) == []
    assert title_lines("BREAKING NEWS FROM THE CAPITAL TODAY\n", tr) == []  # capitals, not title case
    assert title_lines("Trump Wins\n", tr) == []  # too short to tell


def test_sentence_case_keeps_names_and_offsets():
    line = "Conservative Icon Morton Blackwell Endorses Ted Cruz"
    out = sentence_case(line, frozenset({"Morton", "Blackwell", "Ted", "Cruz"}))
    assert out == "Conservative icon Morton Blackwell endorses Ted Cruz"
    assert len(out) == len(line)


def test_headline_attribution_found_after_reparse(nlp):
    found = [(q["speaker"]["text"], q["cue"]["text"], q["content"]["text"]) for q in nlp(TEXT)._.quotes
             if q["content"]["start"] < TEXT.index("\n")]
    # Offsets are the original's: the quote carries the headline's own capitals.
    assert found == [("Conservative Icon Morton Blackwell", "Endorses", "Ted Cruz")]


def test_component_without_a_pipeline_skips_reparsing(nlp):
    from quotes.pipeline import Extractor

    bare = Extractor(nlp.vocab, load_rules())
    doc = nlp(TEXT)
    assert all(q.content.start > TEXT.index("\n") for q in bare(doc))
