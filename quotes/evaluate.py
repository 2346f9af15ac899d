"""Scoring extracted quotes against a gold standard.

Documents are paired by id. Gold quotes and predicted quotes are matched one to one per document,
greedily by the number of shared characters, under three criteria:

- overlap: the shared characters cover at least half of each span (of the gold piece and of the
  prediction);
- exact: the boundaries are equal once surrounding quotation marks, spaces and trailing
  ``, . ; :`` are stripped from both;
- gold30: the prediction covers at least 30% of the gold content's characters, however long the
  prediction is. This is the Gender Gap Tracker's own rule, so that our figures on its data can be
  set beside its published ones.

A gold content in fragments (a quote interrupted by its attribution) is measured on its
fragments: a prediction matches it when it matches any fragment, and a second prediction covering
another fragment of an already matched gold quote (one no other prediction covers yet) is neither a
hit nor a false positive; the report counts these as "other pieces of split quotes".

Recall by type and by frame, speaker, speaker-name, cue, chain, type and frame accuracy, precision
by rule and the error list are then computed on the pairs matched under one criterion: overlap,
or gold30 on request (GGT publishes its speaker accuracy on its 30% pairs). Gold quotes without a
type or a frame (the GGT gold has neither) are left out of what needs one. Nothing here prints;
``format_report`` and ``error_report`` (``quotes.reports``) turn the results into text.

Where the parts live: the criteria and the matching in ``quotes.matching``, the speaker, name and
chain verdicts in ``quotes.speaker_checks``, the checks that records can be scored in
``quotes.record_checks``; this module adds them up (``evaluate``), lists the errors
(``error_list``) and runs a whole evaluation (``run_evaluation``).
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Any, Iterable, Iterator, Optional

from .matching import exact_score, gold30_score, match_quotes, overlap_score, spans_overlap
from .model import QUOTE_TYPES
from .record_checks import check_records
from .speaker_checks import (chain_correct, gold_speaker_name, is_pronoun, pair_name_right, predicted_speaker_name,
                             speaker_correct)

# Criteria that decide which pairs the accuracies, recall by type and error list are computed on.
MATCH_CRITERIA = ("overlap", "gold30")


# --------------------------------------------------------------------------------------------
# Alignment and scores


def _by_id(records: Iterable[dict], what: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in records:
        rid = str(r["id"])
        if rid in out:
            raise ValueError(f"{what}: document id {rid!r} appears twice")
        out[rid] = r
    return out


def _error_kind(err: Any) -> str:
    if isinstance(err, dict):
        return str(err.get("kind") or err.get("type") or "error")
    s = str(err)
    if "unbalanced" in s or "quotation marks found" in s:
        return "unbalanced_quotes"
    return "error"


def align(gold: Iterable[dict], pred: Iterable[dict]) -> dict:
    """Per-document alignment used by ``evaluate`` and ``error_list``."""
    g_docs, p_docs = _by_id(gold, "gold"), _by_id(pred, "pred")
    docs = []
    for doc_id, g in g_docs.items():
        p = p_docs.get(doc_id)
        gq = list(g.get("quotes") or [])
        pq = list(p.get("quotes") or []) if p else []
        text = g.get("text") or (p or {}).get("text") or ""
        ov, ov_abs = match_quotes(gq, pq, overlap_score)
        ex, ex_abs = match_quotes(gq, pq, lambda a, b: exact_score(a, b, text))
        g30, g30_abs = match_quotes(gq, pq, gold30_score)
        docs.append({"id": doc_id, "text": text, "gold": gq, "pred": pq, "paired": p is not None,
                     "overlap": ov, "overlap_absorbed": ov_abs, "exact": ex, "exact_absorbed": ex_abs,
                     "gold30": g30, "gold30_absorbed": g30_abs,
                     "pred_errors": list((p or {}).get("errors") or [])})
    return {"docs": docs, "pred_only": sorted(set(p_docs) - set(g_docs)),
            "pred_docs": len(p_docs), "gold_docs": len(g_docs)}


def _prf(tp: int, n_pred: int, n_gold: int, absorbed: int) -> dict:
    fp = n_pred - tp - absorbed
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": n_gold - tp, "absorbed": absorbed, "precision": p, "recall": r, "f1": f}


def _acc(correct: int, n: int) -> dict:
    return {"n": n, "correct": correct, "accuracy": correct / n if n else None}


# Counters of the accuracies on matched pairs, in report order.
ACCURACIES = ("speaker", "speaker_name", "speaker_name_pronoun", "cue", "chain", "type", "frame")


def _check_match(match: str) -> None:
    if match not in MATCH_CRITERIA:
        raise ValueError(f"unknown match criterion {match!r} (known: {', '.join(MATCH_CRITERIA)})")


def _score_pair(g: dict, p: dict, acc: dict[str, list[int]]) -> None:
    """Add one matched pair's verdicts to the accuracy counters (``[n, correct]`` by name). Each
    accuracy counts only the gold quotes that have what it checks: a speaker mention, a name, a
    cue, a chain, a type, a frame."""
    def count(key: str, right: bool) -> None:
        acc[key][0] += 1
        acc[key][1] += bool(right)

    if g.get("speaker"):
        count("speaker", speaker_correct(g["speaker"], p.get("speaker")))
    name_right = pair_name_right(g, p)
    if name_right is not None:
        count("speaker_name", name_right)
        # Pronouns are where resolution is needed at all: the row says how well it works.
        if g.get("speaker") and is_pronoun(g["speaker"]["text"]):
            count("speaker_name_pronoun", name_right)
    if g.get("cue"):
        count("cue", spans_overlap(g["cue"], p.get("cue")))
    if g.get("chain"):
        count("chain", chain_correct(g["chain"], p.get("chain") or []))
    if g.get("type") in QUOTE_TYPES:
        count("type", g["type"] == p.get("type"))
    if g.get("frame"):
        count("frame", g["frame"] == p.get("frame"))


def _count_rules(d: dict, match: str, by_rule: dict[tuple, list[int]]) -> None:
    """Predictions and matched predictions of one document per rule and per rule and cue lemma."""
    matched = set(d[match].values()) | set(d[match + "_absorbed"])
    for pi, p in enumerate(d["pred"]):
        for key in ((p.get("rule") or "-", ""), (p.get("rule") or "-", (p.get("cue") or {}).get("lemma") or "-")):
            counts = by_rule.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += pi in matched


def _recall(counts: dict[str, list[int]]) -> dict:
    return {k: {"gold": n, "matched": m, "recall": m / n if n else None} for k, (n, m) in counts.items()}


def _frame_order(frames: Iterable[str]) -> list[str]:
    """Frames in the order of the packaged rules/frames.json; any others follow, sorted."""
    from .frames import frame_rules
    from .rules import load_rules

    known = frame_rules(load_rules()).frames
    frames = set(frames)
    return [f for f in known if f in frames] + sorted(frames - set(known))


def evaluate(gold: Iterable[dict], pred: Iterable[dict], match: str = "overlap") -> dict:
    """Scores of ``pred`` against ``gold`` (records in our JSON format), as a JSON-able dict:
    ``documents`` (paired / unpaired counts), ``quotes`` (counts), ``overlap``, ``exact`` and
    ``gold30`` (tp, fp, fn, precision, recall, f1), ``match`` (the criterion the rest is computed
    on: "overlap" or "gold30"), ``recall_by_type`` (over gold quotes with a type),
    ``recall_by_frame`` (over gold quotes with a frame), accuracies on the matched pairs:
    ``speaker``, ``speaker_name``, ``speaker_name_pronoun`` (gold mention a pronoun), ``cue``,
    ``chain``, ``type``, ``frame``, and ``by_rule``: predictions and precision per rule
    ("indirect.ccomp") and per rule and cue lemma ("indirect.ccomp say").

    Predictions in documents that are not in the gold are not scored (only counted)."""
    _check_match(match)
    al = align(gold, pred)
    n_gold = n_pred = paired = 0
    tp = {c: 0 for c in ("overlap", "exact", "gold30")}
    absorbed = dict(tp)
    by_type: dict[str, list[int]] = {t: [0, 0] for t in QUOTE_TYPES}
    by_frame: dict[str, list[int]] = {}
    acc = {k: [0, 0] for k in ACCURACIES}
    err_docs: Counter = Counter()
    by_rule: dict[tuple, list[int]] = {}
    for d in al["docs"]:
        paired += d["paired"]
        n_gold += len(d["gold"])
        n_pred += len(d["pred"])
        for crit in tp:
            tp[crit] += len(d[crit])
            absorbed[crit] += len(d[crit + "_absorbed"])
        for kind in {_error_kind(e) for e in d["pred_errors"]}:
            err_docs[kind] += 1
        _count_rules(d, match, by_rule)
        pairs = d[match]
        for gi, g in enumerate(d["gold"]):
            hit = gi in pairs
            if g.get("type") in QUOTE_TYPES:  # GGT gold has no type: not guessed as "indirect"
                by_type[g["type"]][0] += 1
                by_type[g["type"]][1] += hit
            if g.get("frame"):
                counts = by_frame.setdefault(g["frame"], [0, 0])
                counts[0] += 1
                counts[1] += hit
            if hit:
                _score_pair(g, d["pred"][pairs[gi]], acc)
    result: dict[str, Any] = {
        "documents": {"gold": al["gold_docs"], "pred": al["pred_docs"], "paired": paired,
                      "gold_only": al["gold_docs"] - paired, "pred_only": len(al["pred_only"]),
                      "pred_with_errors": dict(err_docs)},
        "quotes": {"gold": n_gold, "pred": n_pred},
        "match": match,
    }
    for crit in tp:
        result[crit] = _prf(tp[crit], n_pred, n_gold, absorbed[crit])
    result["recall_by_type"] = _recall(by_type)
    result["recall_by_frame"] = _recall({f: by_frame[f] for f in _frame_order(by_frame)})
    # Precision of each rule, and of each cue word within a rule: what a rule author needs
    # to decide whether a pattern or a lexicon entry earns its place.
    result["by_rule"] = {f"{r} {c}".strip(): {"pred": n, "matched": m, "precision": m / n}
                         for (r, c), (n, m) in sorted(by_rule.items(), key=lambda kv: (-kv[1][0], kv[0]))}
    for k, (n, c) in acc.items():
        result[k] = _acc(c, n)
    return result


# --------------------------------------------------------------------------------------------
# Errors


def _pair_errors(doc_id: str, g: dict, p: dict) -> list[dict]:
    """The speaker errors of one matched pair: a wrong mention, and (for gold with an annotated
    ``speaker_name``) a wrong name."""
    out = []
    ps = p.get("speaker") or {}
    if g.get("speaker") and not speaker_correct(g["speaker"], p.get("speaker")):
        out.append({"kind": "wrong_speaker", "doc": doc_id, "gold_id": g["id"], "pred_id": p["id"],
                    "frame": g.get("frame"), "content": g["content"]["text"], "gold_speaker": g["speaker"]["text"],
                    "pred_speaker": ps.get("text"), "pred_name": ps.get("name")})
    name = gold_speaker_name(g)
    if name and not pair_name_right(g, p):
        out.append({"kind": "wrong_name", "doc": doc_id, "gold_id": g["id"], "pred_id": p["id"],
                    "content": g["content"]["text"], "gold_name": name,
                    "gold_speaker": (g.get("speaker") or {}).get("text"), "pred_speaker": ps.get("text"),
                    "pred_name": predicted_speaker_name(p.get("speaker"))})
    return out


def error_list(gold: Iterable[dict], pred: Iterable[dict], match: str = "overlap") -> list[dict]:
    """Misses, false positives, wrong speakers and (for gold with ``speaker_name``) wrong speaker
    names under ``match``, each a dict with ``kind``, ``doc``, the gold and/or pred quote id, the
    frame (the gold's; the prediction's for a false positive) and the texts involved."""
    _check_match(match)
    out: list[dict] = []
    for d in align(gold, pred)["docs"]:
        pairs = d[match]
        for gi, g in enumerate(d["gold"]):
            if gi in pairs:
                out += _pair_errors(d["id"], g, d["pred"][pairs[gi]])
            else:
                out.append({"kind": "miss", "doc": d["id"], "gold_id": g["id"], "type": g.get("type"),
                            "frame": g.get("frame"), "content": g["content"]["text"],
                            "speaker": (g.get("speaker") or {}).get("text")})
        matched_p = set(pairs.values()) | set(d[match + "_absorbed"])
        for pi, p in enumerate(d["pred"]):
            if pi not in matched_p:
                out.append({"kind": "false_positive", "doc": d["id"], "pred_id": p["id"], "type": p.get("type"),
                            "frame": p.get("frame"), "content": p["content"]["text"],
                            "speaker": (p.get("speaker") or {}).get("text"), "rule": p.get("rule")})
    return out


# --------------------------------------------------------------------------------------------
# A whole evaluation run (what ``quotes evaluate`` does)


def _inputs(gold: list[dict]) -> Iterator[dict]:
    # Only the text goes to a system: gold quotes must not leak into the input record's meta.
    for g in gold:
        yield {"id": g["id"], "text": g["text"], "meta": dict(g.get("meta") or {})}


def outermost(records: Iterable[dict]) -> Iterator[dict]:
    """The records with only their outermost quotes (no ``nested_in``). A univocal gold such as
    PolNeAR annotates no attribution inside another, so nested predictions can never match it."""
    for rec in records:
        yield {**rec, "quotes": [q for q in rec.get("quotes") or [] if not q.get("nested_in")]}


def run_evaluation(gold: list[dict], pred: Optional[list[dict]] = None, baseline: Optional[str] = None,
                   model: Optional[str] = None, rules: Optional[str] = None, batch_size: int = 16,
                   n_process: int = 1, outermost_only: bool = False, scope: Optional[str] = None,
                   match: str = "overlap") -> dict:
    """Score ``pred`` (or, when None, the extractor run on the gold texts) and optionally a
    baseline run on the same texts with the same spaCy model, under ``match`` ("overlap" or
    "gold30"); ``scope`` is the extractor's (quotes.frames.parse_scope). Returns ``{"result", "pred", "baseline_result",
    "baseline_pred", "timings"}`` (timings in seconds)."""
    _check_match(match)  # before minutes of extraction, not after
    check_records(gold, "gold", need_text=True)
    if pred is not None:
        check_records(pred, "pred", texts={str(g["id"]): g["text"] for g in gold})
    timings: dict[str, float] = {}
    if pred is None:
        from .api import extract_records, load_pipeline

        t = time.perf_counter()
        load_pipeline(model, rules, scope)
        timings["load_pipeline"] = time.perf_counter() - t
        t = time.perf_counter()
        pred = list(extract_records(_inputs(gold), model=model, rules=rules, batch_size=batch_size,
                                    n_process=n_process, scope=scope))
        timings["extract"] = time.perf_counter() - t
    if outermost_only:
        pred = list(outermost(pred))
    out: dict[str, Any] = {"result": evaluate(gold, pred, match=match), "pred": pred, "baseline_result": None,
                           "baseline_pred": None, "timings": timings}
    if baseline:
        if baseline != "textacy":
            raise ValueError(f"unknown baseline {baseline!r} (known: textacy)")
        from .baselines import textacy_records

        from .api import load_model

        t = time.perf_counter()
        nlp = load_model(model)
        timings["load_baseline_model"] = time.perf_counter() - t
        t = time.perf_counter()
        base = list(textacy_records(_inputs(gold), nlp, batch_size=batch_size))
        timings["baseline"] = time.perf_counter() - t
        out["baseline_pred"] = base
        out["baseline_result"] = evaluate(gold, base, match=match)
    return out
