"""Rules as data: every pattern's examples work, and bad rule files fail with a clear message."""
import json

import pytest

from quotes.rules import RulesError, load_rules

RULES = load_rules()
EXAMPLES = [(p.id, n, ex) for p in RULES.patterns for n, ex in enumerate(p.examples)]


@pytest.mark.parametrize("rule_id,n,example", EXAMPLES, ids=[f"{r}#{n}" for r, n, _ in EXAMPLES])
def test_pattern_example(extract, rule_id, n, example):
    found = [q for q in extract(example["text"]) if q["rule"] == rule_id]
    got = [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"] if q["speaker"] else None) for q in found]
    assert (example["content"], example["cue"], example["speaker"]) in got
    if "fragments" in example:
        q = next(q for q in found if q["content"]["text"] == example["content"])
        assert [f["text"] for f in q["content"]["fragments"]] == example["fragments"]


def test_every_pattern_has_an_example():
    assert all(p.examples for p in RULES.patterns)
    assert len({p.id for p in RULES.patterns}) == len(RULES.patterns)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_invalid_json_names_the_file(tmp_path):
    write(tmp_path, "patterns/mine.json", "{ not json")
    with pytest.raises(RulesError, match=r"mine\.json: not valid JSON \(line 1"):
        load_rules(tmp_path)


def test_typo_in_pattern_names_file_and_rule(tmp_path):
    write(tmp_path, "patterns/mine.json", {"patterns": [{
        "id": "my.rule", "description": "d", "examples": [{"text": "x"}],
        "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMA": "say"}}]}]})
    with pytest.raises(RulesError, match=r"mine\.json, rule 'my\.rule': invalid DependencyMatcher pattern"):
        load_rules(tmp_path)


def test_missing_examples_and_unknown_group(tmp_path):
    write(tmp_path, "patterns/a.json", {"patterns": [{"id": "r", "description": "d", "examples": [],
                                                      "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {}}]}]})
    with pytest.raises(RulesError, match="every rule needs a working example"):
        load_rules(tmp_path)
    write(tmp_path, "patterns/a.json", {"patterns": [{"id": "r", "description": "d", "examples": [{"text": "x"}],
                                                      "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": "$nope"}}}]}]})
    with pytest.raises(RulesError, match="unknown verb group '\\$nope'"):
        load_rules(tmp_path)


def test_missing_folder():
    with pytest.raises(RulesError, match="does not exist"):
        load_rules("/no/such/rules")


def test_user_rules_extend_and_replace_without_touching_the_packaged_ones(tmp_path):
    write(tmp_path, "cues.json", {"verbs": {"speech": ["harrumph"]}})
    ccomp = next(p for p in RULES.patterns if p.id == "indirect.ccomp")
    write(tmp_path, "patterns/override.json", {"patterns": [{
        "id": "indirect.ccomp", "description": "only 'say'", "examples": [{"text": "x"}],
        "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]}]})
    mine = load_rules(tmp_path)
    assert "harrumph" in mine.verbs("speech") and "say" in mine.verbs("speech")
    assert next(p for p in mine.patterns if p.id == "indirect.ccomp").description == "only 'say'"
    assert mine.checksum != RULES.checksum
    # The packaged rules are untouched, and reloading them gives the same object state.
    fresh = load_rules()
    assert "harrumph" not in fresh.verbs("speech")
    assert next(p for p in fresh.patterns if p.id == "indirect.ccomp") == ccomp


def test_replace_lexicon(tmp_path):
    # A replacing cues.json must define every group the patterns use; here all of them are "say".
    groups = {g: ["speech"] for g in RULES.cues["groups"]}
    write(tmp_path, "cues.json", {"replace": True, "verbs": {"speech": ["say"]}, "groups": groups})
    assert load_rules(tmp_path).verbs("$cue_verbs") == frozenset({"say"})


@pytest.mark.parametrize("requirement", ["topic_frame", "headline_topic_frame"])
def test_a_preposition_requirement_needs_a_prep_node(tmp_path, requirement):
    # Both read the preposition of node 'prep' to pick the verb's own list ("swipes at").
    write(tmp_path, "patterns/a.json", {"patterns": [{
        "id": "r", "description": "d", "examples": [{"text": "x"}], "requires": [requirement],
        "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "VERB"}},
                    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "dobj"}}]}]})
    with pytest.raises(RulesError, match=f"'{requirement}' needs a pattern node named 'prep'"):
        load_rules(tmp_path)
