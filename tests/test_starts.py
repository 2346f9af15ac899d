"""Where a content starts (issue 12, exact boundaries; docs/rules-table.md 'Content starts'): the
preposition of a topic after an addressee ('addressee_topic_preposition', conventions.json) and an
addressee after 'called on' that the parser read as a particle's object (indirect.summons_on)."""
from __future__ import annotations

import pytest
from rulecases import extractor_with, found

from quotes.rules import RulesError, load_rules


def _extractor(parse, convention: str = "attribution", **keys):
    return extractor_with(parse.vocab, convention, **keys)


@pytest.mark.parametrize("text,content", [
    ("Reyes reminded voters of his record on taxes.", "of his record on taxes"),
    ("The coach reminded the players about the curfew.", "about the curfew"),
])
def test_a_reminder_keeps_the_preposition_of_its_topic(extract, nlp_speech, parse, text, content):
    # PolNeAR: 'reminded voters | of his record': the addressee stays out, the preposition is in.
    assert [c for c, _, _ in found(extract(text), "indirect.remind_of")] == [content]
    topic = content.split(" ", 1)[1]
    # The news convention (today's behaviour there) and the key set to 'out': the topic alone.
    assert [q["content"]["text"] for q in nlp_speech(text)._.quotes if q["rule"] == "indirect.remind_of"] == [topic]
    got = [q.content.text for q in _extractor(parse, addressee_topic_preposition="out")(parse(text))
           if q.rule == "indirect.remind_of"]
    assert got == [topic]


def test_topic_preposition_must_name_a_node_of_the_pattern(tmp_path):
    import json
    path = tmp_path / "patterns" / "mine.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"patterns": [{
        "id": "my.rule", "description": "d", "examples": [{"text": "x"}],
        "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "remind"}},
                    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "dobj"}}],
        "content": {"nodes": ["content"], "topic_preposition": "prep"}}]}))
    with pytest.raises(RulesError, match="topic_preposition names node 'prep'"):
        load_rules(tmp_path)


def _called_on(parse, on_dep: str):
    """'Ortiz called on donors to give more.' with 'on' parsed as ``on_dep`` ('prt' or 'prep'):
    the small model reads it either way in real text."""
    from spacy.tokens import Doc
    words = ["Ortiz", "called", "on", "donors", "to", "give", "more", "."]
    return Doc(parse.vocab, words=words, heads=[1, 1, 1, 2, 5, 1, 5, 1],
               deps=["nsubj", "ROOT", on_dep, "pobj", "aux", "xcomp", "dobj", "punct"],
               pos=["PROPN", "VERB", "ADP", "NOUN", "PART", "VERB", "ADJ", "PUNCT"],
               tags=["NNP", "VBD", "RP" if on_dep == "prt" else "IN", "NNS", "TO", "VB", "JJR", "."],
               lemmas=["Ortiz", "call", "on", "donor", "to", "give", "more", "."],
               sent_starts=[True] + [False] * 7)


@pytest.mark.parametrize("on_dep", ["prt", "prep"])
def test_called_on_keeps_the_addressee_whether_on_is_a_particle_or_a_preposition(parse, on_dep):
    # With 'on' a particle, indirect.summons_clause used to take the infinitive alone ('to give
    # more'); PolNeAR annotates the addressee with it, as for 'urged donors to give more'.
    quotes = _extractor(parse)(_called_on(parse, on_dep))
    assert [(q.content.text, q.cue.text, q.rule) for q in quotes] == [
        ("donors to give more", "called on", "indirect.summons_on")]
