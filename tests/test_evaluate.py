"""Scoring: matching criteria, fragments, speaker/cue/chain accuracies, reports."""
from __future__ import annotations

import copy
import json

import pytest

from quotes.evaluate import error_list, evaluate
from quotes.matching import exact_score, overlap_score
from quotes.reports import error_report, format_by_rule, format_errors, format_report
from quotes.speaker_checks import is_proper_name, speaker_correct, speaker_name_correct

TEXT = (
    "Hillary Clinton said \u201cwe will win this race,\u201d and she added that the polls were wrong. "
    "A senior official said the talks failed. \u201cIt is over,\u201d he said, \u201cfor good.\u201d "
    "Reuters reported, citing AP, that markets fell."
)


def span(s: str, nth: int = 0) -> dict:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return {"start": i, "end": i + len(s), "text": s}


def between(a: str, b: str) -> dict:
    s, e = span(a)["start"], span(b)["end"]
    return {"start": s, "end": e, "text": TEXT[s:e]}


def quote(qid: str, content: dict, qtype: str = "indirect", speaker: dict | None = None, cue: dict | None = None,
          chain: list | None = None) -> dict:
    return {"id": qid, "type": qtype, "content": content, "cue": cue, "speaker": speaker, "addressee": None,
            "chain": chain or [], "nested_in": None, "rule": "test"}


def spk(s: str, name: str | None = None, anonymous: bool = False, nth: int = 0) -> dict:
    return {**span(s, nth), "name": name, "kind": "unknown", "anonymous": anonymous}


def doc(quotes: list[dict], doc_id: str = "d1") -> dict:
    return {"id": doc_id, "text": TEXT, "meta": {}, "quotes": quotes}


def gold_doc() -> dict:
    f1, f2 = span("\u201cIt is over,\u201d"), span("\u201cfor good.\u201d")
    frag = {"start": f1["start"], "end": f2["end"], "text": TEXT[f1["start"]:f2["end"]], "fragments": [f1, f2]}
    return doc([
        quote("g1", span("\u201cwe will win this race,\u201d"), "direct", spk("Hillary Clinton", "Hillary Clinton"),
              {**span("said"), "lemma": "say"}),
        quote("g2", span("that the polls were wrong"), "indirect", spk("she"), {**span("added"), "lemma": "add"}),
        quote("g3", span("the talks failed"), "indirect", spk("A senior official", anonymous=True)),
        quote("g4", frag, "direct", spk("he", nth=1)),
        quote("g5", span("that markets fell"), "indirect", spk("Reuters"),
              chain=[{**span("AP"), "name": "Associated Press", "kind": "media", "relation": "citing"}]),
    ])


def test_identical_prediction_scores_perfectly() -> None:
    g = gold_doc()
    r = evaluate([g], [copy.deepcopy(g)])
    for crit in ("overlap", "exact"):
        assert r[crit]["precision"] == r[crit]["recall"] == r[crit]["f1"] == 1.0
        assert (r[crit]["tp"], r[crit]["fp"], r[crit]["fn"]) == (5, 0, 0)
    assert r["speaker"] == {"n": 5, "correct": 5, "accuracy": 1.0}
    # The gold pronouns "she" and "he" have no name: an unresolved copy is not credited for them.
    assert r["speaker_name"] == {"n": 5, "correct": 3, "accuracy": 0.6}
    assert r["cue"] == {"n": 2, "correct": 2, "accuracy": 1.0}
    assert r["chain"] == {"n": 1, "correct": 1, "accuracy": 1.0}
    assert r["recall_by_type"]["direct"] == {"gold": 2, "matched": 2, "recall": 1.0}
    assert r["recall_by_type"]["mixed"]["recall"] is None
    assert r["documents"]["paired"] == 1 and r["quotes"] == {"gold": 5, "pred": 5}


def test_empty_prediction() -> None:
    r = evaluate([gold_doc()], [doc([])])
    assert r["overlap"]["recall"] == 0.0 and r["overlap"]["precision"] == 0.0 and r["overlap"]["fn"] == 5
    assert r["speaker"]["accuracy"] is None


def test_half_rule() -> None:
    g = quote("g", span("the talks failed"))  # 16 characters
    half = quote("p", {"start": g["content"]["start"], "end": g["content"]["start"] + 8, "text": "the talk"})
    under = quote("p", {"start": g["content"]["start"], "end": g["content"]["start"] + 7, "text": "the tal"})
    assert overlap_score(g, half) == 8
    assert overlap_score(g, under) == 0
    # A prediction swallowing the whole sentence covers the gold but is over twice its size.
    assert overlap_score(g, quote("p", between("A senior", "failed."))) == 0
    assert overlap_score(g, quote("p", between("official", "failed."))) > 0


def test_exact_strips_marks_spaces_and_trailing_punctuation() -> None:
    g = quote("g", span("\u201cwe will win this race,\u201d"), "direct")
    p = quote("p", span("we will win this race"))
    assert exact_score(g, p, TEXT) > 0
    shorter = quote("p", span("we will win this"))
    assert exact_score(g, shorter, TEXT) == 0
    r = evaluate([doc([g])], [doc([shorter])])
    assert r["overlap"]["tp"] == 1 and r["exact"]["tp"] == 0 and r["exact"]["fp"] == 1


def test_fragments_match_and_absorb() -> None:
    g = gold_doc()["quotes"][3]
    p1 = quote("p1", span("\u201cIt is over,\u201d"), "direct")
    p2 = quote("p2", span("\u201cfor good.\u201d"), "direct")
    r = evaluate([doc([g])], [doc([p1, p2])])
    # One hit; the second piece of the same quote is neither a hit nor a false positive.
    assert (r["overlap"]["tp"], r["overlap"]["fp"], r["overlap"]["fn"], r["overlap"]["absorbed"]) == (1, 0, 0, 1)
    assert r["overlap"]["precision"] == 1.0
    assert r["exact"]["tp"] == 1 and r["exact"]["fp"] == 0
    # A duplicate of the piece already matched is a false positive, not another fragment.
    r3 = evaluate([doc([g])], [doc([p1, copy.deepcopy(p1) | {"id": "dup"}, p2])])
    assert (r3["overlap"]["tp"], r3["overlap"]["fp"], r3["overlap"]["absorbed"]) == (1, 1, 1)
    # Without fragments a second prediction over the same gold is a false positive.
    g2 = quote("g", span("\u201cIt is over,\u201d"))
    r2 = evaluate([doc([g2])], [doc([p1, copy.deepcopy(p1) | {"id": "p3"}])])
    assert (r2["overlap"]["tp"], r2["overlap"]["fp"]) == (1, 1)


def test_greedy_one_to_one_prefers_largest_overlap() -> None:
    g1 = quote("g1", span("the talks failed"))
    g2 = quote("g2", between("A senior", "failed"))
    p = quote("p", span("the talks failed"))
    r = evaluate([doc([g2, g1])], [doc([p])])
    assert r["overlap"]["tp"] == 1
    errs = error_list([doc([g2, g1])], [doc([p])])
    assert [e["gold_id"] for e in errs if e["kind"] == "miss"] == ["g2"]


def test_unpaired_documents() -> None:
    g = gold_doc()
    other = doc([quote("x", span("the talks failed"))], doc_id="elsewhere")
    r = evaluate([g, doc([], doc_id="d2")], [other, doc([], doc_id="d2")])
    assert r["documents"] == {"gold": 2, "pred": 2, "paired": 1, "gold_only": 1, "pred_only": 1, "pred_with_errors": {}}
    assert r["overlap"]["fn"] == 5 and r["quotes"]["pred"] == 0  # pred-only docs are not scored
    with pytest.raises(ValueError):
        evaluate([g, g], [])


def test_recall_by_type() -> None:
    g = gold_doc()
    p = doc([q for q in copy.deepcopy(g["quotes"]) if q["type"] == "direct"])
    r = evaluate([g], [p])
    assert r["recall_by_type"]["direct"]["recall"] == 1.0
    assert r["recall_by_type"]["indirect"] == {"gold": 3, "matched": 0, "recall": 0.0}


def test_speaker_correct() -> None:
    gold = spk("Hillary Clinton")
    assert speaker_correct(gold, spk("Clinton"))  # overlapping mention
    assert not speaker_correct(gold, spk("she"))
    assert speaker_correct(spk("Hillary Clinton", "Hillary Clinton"), spk("she", "hillary clinton"))  # same name
    # Gold mention is a proper name, contained in the resolved pred name.
    assert speaker_correct(spk("Reuters"), spk("he", "Reuters News Agency"))
    assert not speaker_correct(spk("A senior official"), spk("he", "A senior official of State"))  # not a name
    assert not speaker_correct(gold, None)
    assert is_proper_name("Rep. Jason Chaffetz") and is_proper_name("Secretary of State")
    assert not is_proper_name("she") and not is_proper_name("a source")


def test_speaker_name_correct() -> None:
    # Gold with a name: only the name counts, not the mention.
    named = spk("Hillary Clinton", "Hillary Clinton")
    assert speaker_name_correct(named, spk("she", "Hillary Clinton"))
    assert not speaker_name_correct(named, spk("Hillary Clinton", None))
    # Bare pronoun, no gold name: the pred must resolve it (a name) at the same place.
    she = spk("she")
    assert speaker_name_correct(she, spk("she", "Hillary Clinton"))
    assert not speaker_name_correct(she, spk("she", None))
    # Anonymous gold: pred anonymous and overlapping.
    anon = spk("A senior official", anonymous=True)
    assert speaker_name_correct(anon, spk("official", anonymous=True))
    assert not speaker_name_correct(anon, spk("official"))
    # Other mentions: overlap, or the last capitalised word in the pred name or mention.
    reuters = spk("Reuters")
    assert speaker_name_correct(reuters, spk("Reuters"))
    assert speaker_name_correct(reuters, spk("he", "Thomson Reuters"))
    assert not speaker_name_correct(reuters, spk("he", "Associated Press"))


def test_cue_and_chain_accuracy() -> None:
    g = gold_doc()
    p = copy.deepcopy(g)
    p["quotes"][0]["cue"] = {**span("added"), "lemma": "add"}  # wrong cue
    p["quotes"][4]["chain"] = []  # chain missed
    r = evaluate([g], [p])
    assert r["cue"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert r["chain"] == {"n": 1, "correct": 0, "accuracy": 0.0}
    p["quotes"][4]["chain"] = [{**span("Reuters"), "name": "Reuters", "kind": "media", "relation": "reported"}]
    assert evaluate([g], [p])["chain"]["correct"] == 0  # wrong link
    p["quotes"][4]["chain"] = [{**span("AP"), "name": None, "kind": "media", "relation": "citing"}]
    assert evaluate([g], [p])["chain"]["correct"] == 1  # overlapping link


def test_format_report_side_by_side() -> None:
    g = gold_doc()
    r = evaluate([g], [copy.deepcopy(g)])
    failed = doc([]) | {"errors": [{"kind": "unbalanced_quotes", "message": "textacy: 3 quotation marks found"}]}
    b = evaluate([g], [failed])
    text = format_report(r, b, names=("ours", "theirs"))
    header = text.splitlines()[0]
    assert "ours" in header and "theirs" in header
    f1 = next(l for l in text.splitlines() if l.startswith("overlap: F1"))
    assert f1.split()[-2:] == ["100.0", "0.0"]
    assert "theirs: 1 documents counted as empty (unbalanced quote marks)" in text
    single = format_report(r)
    assert "textacy" not in single and "quotes" in single.splitlines()[0]


def test_error_report() -> None:
    g = gold_doc()
    p = copy.deepcopy(g)
    del p["quotes"][1]  # a miss
    p["quotes"][0]["speaker"] = spk("she")  # a wrong speaker
    p["quotes"].append(quote("extra", span("Reuters reported")))  # a false positive
    errs = error_list([g], [p])
    kinds = sorted(e["kind"] for e in errs)
    assert kinds == ["false_positive", "miss", "wrong_speaker"]
    text = error_report([g], [p])
    assert "Missed gold quotes (1)" in text and "that the polls were wrong" in text
    assert "[d1 g1] gold 'Hillary Clinton', pred 'she'" in text
    assert "False positives (1)" in text and "Reuters reported" in text


# ------------------------------------------------------------------------------ command line


def _jsonl(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_cli_evaluate_with_pred(tmp_path, capsys) -> None:
    from quotes.cli import main

    g = gold_doc()
    p = copy.deepcopy(g)
    del p["quotes"][1]
    gold, pred = _jsonl(tmp_path / "g.jsonl", [g]), _jsonl(tmp_path / "p.jsonl", [p])
    assert main(["evaluate", gold, pred]) == 0
    out = capsys.readouterr().out
    assert next(l for l in out.splitlines() if l.startswith("overlap: recall")).split()[-1] == "80.0"
    assert main(["evaluate", gold, pred, "--json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pred"]["overlap"]["recall"] == 0.8
    assert [e["kind"] for e in data["errors"]] == ["miss"]
    assert main(["evaluate", gold, pred, "--errors"]) == 0
    assert "Missed gold quotes (1)" in capsys.readouterr().out
    # The same gold as a brat folder.
    assert main(["convert", gold, "--to", "brat", "-o", str(tmp_path / "gb")]) == 0
    assert main(["evaluate", str(tmp_path / "gb"), pred, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pred"]["overlap"]["recall"] == 0.8


def test_cli_unreadable_paths(tmp_path, capsys) -> None:
    from quotes.cli import main

    assert main(["evaluate", str(tmp_path / "missing.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.jsonl" in err and "Traceback" not in err
    gold = _jsonl(tmp_path / "g.jsonl", [gold_doc()])
    assert main(["evaluate", gold, str(tmp_path / "nope")]) == 1
    assert main(["convert", str(tmp_path / "nope"), "--to", "jsonl", "-o", str(tmp_path / "x.jsonl")]) == 1
    with pytest.raises(SystemExit) as e:
        main(["evaluate", gold, "--baseline", "nltk"])
    assert e.value.code == 2


def test_cli_convert_round_trip(tmp_path) -> None:
    from quotes.cli import main

    g = gold_doc()
    src = _jsonl(tmp_path / "g.jsonl", [g])
    assert main(["convert", src, "--from", "jsonl", "--to", "brat", "-o", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b" / "d1.ann").exists()
    assert main(["convert", str(tmp_path / "b"), "--to", "jsonl", "-o", str(tmp_path / "back.jsonl")]) == 0
    back = [json.loads(l) for l in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    # gold_doc is a version-1 record (no frames): read back, its quotes have frame None.
    assert back == [{**g, "quotes": [{**q, "frame": None} for q in g["quotes"]]}]


def test_outermost_drops_nested_predictions():
    from quotes.evaluate import outermost

    recs = [{"id": "d", "quotes": [{"id": "q1", "nested_in": None}, {"id": "q2", "nested_in": "q1"}]}]
    assert [q["id"] for q in next(outermost(recs))["quotes"]] == ["q1"]


def test_relative_pronoun_gold_speaker_matches_its_antecedent():
    from quotes.speaker_checks import speaker_correct, speaker_name_correct

    # "the official, who spoke ...": gold marks "who", we mark "the official".
    gold = {"start": 14, "end": 17, "text": "who", "name": None, "anonymous": False}
    pred = {"start": 0, "end": 12, "text": "the official", "name": None, "anonymous": False}
    assert speaker_correct(gold, pred) and speaker_name_correct(gold, pred)
    far = {"start": 0, "end": 5, "text": "Smith", "name": "John Smith", "anonymous": False}
    assert not speaker_correct(gold, far)


def test_precision_by_rule_and_cue() -> None:
    g = gold_doc()
    hit = {**quote("p1", span("the talks failed")), "rule": "indirect.ccomp", "cue": {**span("said", 1), "lemma": "say"}}
    miss = {**quote("p2", span("Hillary Clinton")), "rule": "indirect.message_object",
            "cue": {**span("added"), "lemma": "add"}}
    r = evaluate([g], [doc([hit, miss])])
    assert r["by_rule"]["indirect.ccomp"] == {"pred": 1, "matched": 1, "precision": 1.0}
    assert r["by_rule"]["indirect.ccomp say"] == {"pred": 1, "matched": 1, "precision": 1.0}
    assert r["by_rule"]["indirect.message_object add"] == {"pred": 1, "matched": 0, "precision": 0.0}
    text = format_by_rule(r, min_count=1)
    assert "indirect.message_object add" in text and "0.0" in text


# ------------------------------------------------------------------------------ gold30 matching


def test_gold30_score_border_and_long_predictions() -> None:
    from quotes.matching import gold30_score

    g = quote("g", span("the talks failed"))  # 16 characters: 30% is 4.8, so 5 are needed
    s = g["content"]["start"]
    five = quote("p", {"start": s, "end": s + 5, "text": TEXT[s:s + 5]})
    four = quote("p", {"start": s, "end": s + 4, "text": TEXT[s:s + 4]})
    assert gold30_score(g, five) == 5 and gold30_score(g, four) == 0
    # A prediction far longer than the gold matches under gold30, not under overlap.
    long_ = quote("p", between("Hillary", "failed."))
    assert gold30_score(g, long_) == 16 and overlap_score(g, long_) == 0
    # One fragment of a split gold quote is enough when the prediction covers 30% of it.
    frag = gold_doc()["quotes"][3]
    assert gold30_score(frag, quote("p", span("\u201cfor good.\u201d"))) > 0


def test_match_gold30_moves_the_accuracies_to_its_pairs() -> None:
    g = doc([quote("g1", span("the talks failed"), "indirect", spk("A senior official", anonymous=True),
                   {**span("said", 1), "lemma": "say"})])
    p = doc([quote("p1", between("A senior", "failed."), "mixed", spk("A senior official", anonymous=True),
                   {**span("said", 1), "lemma": "say"})])
    over = evaluate([g], [p])
    assert over["match"] == "overlap" and over["overlap"]["tp"] == 0 and over["speaker"]["n"] == 0
    assert over["gold30"] == {"tp": 1, "fp": 0, "fn": 0, "absorbed": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    r = evaluate([g], [p], match="gold30")
    assert r["match"] == "gold30" and r["overlap"] == over["overlap"]
    assert r["speaker"] == {"n": 1, "correct": 1, "accuracy": 1.0} and r["cue"]["correct"] == 1
    assert r["type"] == {"n": 1, "correct": 0, "accuracy": 0.0}
    assert r["recall_by_type"]["indirect"]["matched"] == 1 and over["recall_by_type"]["indirect"]["matched"] == 0
    assert r["by_rule"]["test"]["matched"] == 1 and over["by_rule"]["test"]["matched"] == 0
    assert [e["kind"] for e in error_list([g], [p], match="gold30")] == []
    assert sorted(e["kind"] for e in error_list([g], [p])) == ["false_positive", "miss"]
    # The table shows the gold30 rows, and says which pairs the accuracies are on, only when asked.
    assert "gold30: F1" in format_report(r) and "matched under gold30" in format_report(r)
    assert "gold30" not in format_report(over)
    with pytest.raises(ValueError, match="unknown match criterion 'half'.*overlap, gold30"):
        evaluate([g], [p], match="half")


# ------------------------------------------------------------------------------ speaker names


@pytest.mark.parametrize("a,b,same", [
    ("Justin Trudeau", "justin  TRUDEAU", True),       # case and spaces
    ("Trudeau's", "Trudeau", True),                    # possessive
    ("Rogers\u2019s", "Rogers", True),                 # curly possessive
    ("Jean-Yves Duclos", "Jean Yves Duclos", True),    # punctuation
    ("Trudeau", "Justin Trudeau", True),               # surname of the longer name
    ("Justin Trudeau", "Trudeau", True),               # either order
    ("Dr. Theresa Tam", "Theresa Tam", True),
    ("Justin", "Justin Trudeau", False),               # not the last word
    ("Justin Bieber", "Justin Trudeau", False),
    ("Trudeau Justin", "Justin Trudeau", False),       # same length, different words: not the same
    ("Mr. Lee", "Ann Lee", False),                     # "mr" is not a word of the longer name
    ("", "Trudeau", False),
    (None, None, False),
])
def test_same_speaker_name(a, b, same: bool) -> None:
    from quotes.speaker_checks import same_speaker_name

    assert same_speaker_name(a, b) is same


def test_predicted_speaker_name() -> None:
    from quotes.speaker_checks import predicted_speaker_name, speaker_name_matches

    assert predicted_speaker_name(spk("she", "Hillary Clinton")) == "Hillary Clinton"
    assert predicted_speaker_name(spk("Hillary Clinton")) == "Hillary Clinton"  # unresolved proper name
    assert predicted_speaker_name(spk("she")) is None
    # An unnamed source is named by its description, in GGT's gold as in our output.
    assert predicted_speaker_name(spk("A senior official")) == "A senior official"
    assert speaker_name_matches("a senior official", spk("A senior official"))
    assert predicted_speaker_name(None) is None
    assert speaker_name_matches("Clinton", spk("Hillary Clinton"))
    assert not speaker_name_matches("Clinton", spk("she"))
    assert not speaker_name_matches("Clinton", None)


def test_speaker_name_gold_without_mention_and_pronoun_row() -> None:
    g = gold_doc()
    g["quotes"][1]["speaker_name"] = "Hillary Clinton"  # gold mention "she"
    g["quotes"][2]["speaker"] = None
    g["quotes"][2]["speaker_name"] = "Jane Doe"         # no mention, still a name to score
    p = copy.deepcopy(g)
    for q in p["quotes"]:
        q.pop("speaker_name", None)
    p["quotes"][1]["speaker"] = spk("she", "Clinton")
    p["quotes"][2]["speaker"] = spk("A senior official", "Jane Doe")
    r = evaluate([g], [p])
    # g1 by name, g2 by name (surname), g3 by name, g4 "he" unresolved: wrong, g5 by mention.
    assert r["speaker_name"] == {"n": 5, "correct": 4, "accuracy": 0.8}
    # Pronoun mentions: g2 "she" (right against its speaker_name), g4 "he" (wrong).
    assert r["speaker_name_pronoun"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert r["speaker"]["n"] == 4  # the mention-level check needs a gold mention
    p["quotes"][2]["speaker"] = spk("A senior official", "John Doe")
    errs = [e for e in error_list([g], [p]) if e["kind"] == "wrong_name"]
    assert [(e["gold_id"], e["gold_name"], e["pred_name"]) for e in errs] == [("g3", "Jane Doe", "John Doe")]
    assert "== Wrong speaker names (1)" in format_errors(error_list([g], [p]))
    assert "Wrong speaker names" not in error_report([gold_doc()], [gold_doc()])
    text = format_report(evaluate([g], [p]))
    row = next(l for l in text.splitlines() if l.startswith("speaker-name accuracy, pronoun mentions"))
    assert row.split()[-2:] == ["50.0", "(1/2)"]


# ------------------------------------------------------------------------------ frames


def framed_gold() -> dict:
    g = gold_doc()
    for q, frame in zip(g["quotes"], ["speech", "speech", "thought", "speech", None]):
        q["frame"] = frame
    return g


def test_frame_accuracy_and_recall_by_frame() -> None:
    g = framed_gold()
    p = copy.deepcopy(g)
    p["quotes"][0]["frame"] = "writing"
    p["quotes"][4]["frame"] = "evidence"  # gold has no frame here: not scored
    del p["quotes"][2]
    r = evaluate([g], [p])
    assert r["frame"] == {"n": 3, "correct": 2, "accuracy": 2 / 3}
    assert list(r["recall_by_frame"]) == ["speech", "thought"]
    assert r["recall_by_frame"]["speech"] == {"gold": 3, "matched": 3, "recall": 1.0}
    assert r["recall_by_frame"]["thought"] == {"gold": 1, "matched": 0, "recall": 0.0}
    text = format_report(r)
    assert "recall frame thought (n=1)" in text
    assert next(l for l in text.splitlines() if l.startswith("frame accuracy")).split()[-2:] == ["66.7", "(2/3)"]
    # Version-1 predictions (no frame) against framed gold: every frame wrong, nothing breaks.
    old = copy.deepcopy(g)
    for q in old["quotes"]:
        del q["frame"]
    assert evaluate([g], [old])["frame"] == {"n": 4, "correct": 0, "accuracy": 0.0}
    # Version-1 gold: no frame rows, frame accuracy over nothing.
    r1 = evaluate([old], [g])
    assert r1["frame"]["n"] == 0 and r1["recall_by_frame"] == {} and "recall frame" not in format_report(r1)


def test_errors_carry_frames() -> None:
    g = framed_gold()
    p = copy.deepcopy(g)
    del p["quotes"][2]
    p["quotes"].append({**quote("extra", span("Reuters reported")), "frame": "writing"})
    errs = error_list([g], [p])
    assert next(e for e in errs if e["kind"] == "miss")["frame"] == "thought"
    assert next(e for e in errs if e["kind"] == "false_positive")["frame"] == "writing"
    text = format_errors(errs)
    assert "[d1 g3 indirect frame=thought]" in text and "[d1 extra indirect frame=writing rule=test]" in text


def test_cli_version1_records_as_gold_and_pred(tmp_path, capsys) -> None:
    from quotes.cli import main

    old, new = gold_doc(), framed_gold()
    v1, v2 = _jsonl(tmp_path / "v1.jsonl", [old]), _jsonl(tmp_path / "v2.jsonl", [new])
    assert main(["evaluate", v1, v2, "--json"]) == 0
    r = json.loads(capsys.readouterr().out)["pred"]
    assert r["overlap"]["f1"] == 1.0 and r["frame"]["n"] == 0
    assert main(["evaluate", v2, v1, "--json", "--match", "gold30"]) == 0
    r = json.loads(capsys.readouterr().out)["pred"]
    assert r["gold30"]["f1"] == 1.0 and r["frame"] == {"n": 4, "correct": 0, "accuracy": 0.0}
    assert r["recall_by_frame"]["speech"]["recall"] == 1.0


# ------------------------------------------------------------------------------ run_evaluation


def test_run_evaluation_passes_scope(monkeypatch) -> None:
    import quotes.api
    from quotes.evaluate import run_evaluation

    calls = []

    def fake_extract(records, **kwargs):
        calls.append(kwargs)
        return [{**r, "quotes": []} for r in records]

    monkeypatch.setattr(quotes.api, "extract_records", fake_extract)
    monkeypatch.setattr(quotes.api, "load_pipeline", lambda *a, **k: None)
    run_evaluation([gold_doc()])
    assert calls[-1]["scope"] is None  # the extractor's default scope
    out = run_evaluation([gold_doc()], scope="speech", match="gold30")
    assert calls[-1]["scope"] == "speech"
    assert out["result"]["match"] == "gold30" and out["result"]["gold30"]["fn"] == 5
    with pytest.raises(ValueError, match="unknown match"):
        run_evaluation([gold_doc()], match="nope")
    assert len(calls) == 2  # refused before extracting
