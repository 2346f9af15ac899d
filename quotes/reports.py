"""The results of ``quotes.evaluate`` as text: the score table (beside a baseline's), precision by
rule and cue word, and the error listing."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from .evaluate import error_list


def _pct(x: Optional[float]) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


_ACCURACY_LABELS = (
    ("speaker", "speaker accuracy"),
    ("speaker_name", "speaker-name accuracy"),
    ("speaker_name_pronoun", "speaker-name accuracy, pronoun mentions"),
    ("cue", "cue accuracy"),
    ("chain", "chain accuracy"),
    ("type", "type accuracy"),
    ("frame", "frame accuracy"),
)


def _rows(r: dict) -> list[tuple[str, str]]:
    d, q = r["documents"], r["quotes"]
    rows = [
        ("documents scored (paired / gold)", f"{d['paired']} / {d['gold']}"),
        ("gold quotes", str(q["gold"])),
        ("predicted quotes", str(q["pred"])),
    ]
    # gold30 only when asked for: it is GGT's criterion, and overlap and exact say the rest.
    crits = ("overlap", "exact") + (("gold30",) if r.get("match") == "gold30" else ())
    for crit in crits:
        m = r[crit]
        rows += [
            (f"{crit}: precision", _pct(m["precision"])),
            (f"{crit}: recall", _pct(m["recall"])),
            (f"{crit}: F1", _pct(m["f1"])),
            (f"{crit}: tp / fp / fn", f"{m['tp']} / {m['fp']} / {m['fn']}"),
            (f"{crit}: other pieces of split quotes", str(m["absorbed"])),
        ]
    for t, v in r["recall_by_type"].items():
        rows.append((f"recall {t} (n={v['gold']})", _pct(v["recall"])))
    for f, v in (r.get("recall_by_frame") or {}).items():
        rows.append((f"recall frame {f} (n={v['gold']})", _pct(v["recall"])))
    for k, label in _ACCURACY_LABELS:
        v = r.get(k) or {"n": 0, "correct": 0, "accuracy": None}
        rows.append((f"{label} (of matched)", f"{_pct(v['accuracy'])} ({v['correct']}/{v['n']})"))
    return rows


def _notes(r: dict, name: str) -> list[str]:
    notes = []
    d = r["documents"]
    if d["gold_only"]:
        notes.append(f"{name}: {d['gold_only']} gold documents had no prediction (their quotes count as missed)")
    if d["pred_only"]:
        notes.append(f"{name}: {d['pred_only']} predicted documents are not in the gold (not scored)")
    for kind, n in sorted(d.get("pred_with_errors", {}).items()):
        if kind == "unbalanced_quotes":
            notes.append(f"{name}: {n} documents counted as empty (unbalanced quote marks)")
        else:
            notes.append(f"{name}: {n} documents reported errors ({kind})")
    return notes


def format_report(result: dict, baseline: Optional[dict] = None, names: tuple[str, str] = ("quotes", "textacy")) -> str:
    """A plain-text table of ``evaluate`` results; with ``baseline``, two columns side by side
    (both scored against the same gold with the same ``match``). Percentages are out of 100;
    recall by type and frame and the accuracies are on the pairs matched under ``result["match"]``,
    which a note names when it is not overlap."""
    rows = _rows(result)
    base_rows = _rows(baseline) if baseline is not None else None
    w0 = max(len(k) for k, _ in rows)
    w1 = max([len(v) for _, v in rows] + [len(names[0])])
    lines = []
    if base_rows is None:
        lines.append(f"{'':<{w0}}  {names[0]:>{w1}}")
        lines += [f"{k:<{w0}}  {v:>{w1}}" for k, v in rows]
    else:
        w2 = max([len(v) for _, v in base_rows] + [len(names[1])])
        lines.append(f"{'':<{w0}}  {names[0]:>{w1}}  {names[1]:>{w2}}")
        lines += [f"{k:<{w0}}  {v:>{w1}}  {b:>{w2}}" for (k, v), (_, b) in zip(rows, base_rows)]
    notes = []
    if result.get("match", "overlap") != "overlap":
        notes.append(f"recall by type and frame and the accuracies are on pairs matched under {result['match']}")
    notes += _notes(result, names[0]) + (_notes(baseline, names[1]) if baseline is not None else [])
    if notes:
        lines.append("")
        lines += notes
    return "\n".join(lines)


def format_by_rule(result: dict, min_count: int = 5) -> str:
    """Predictions and their precision (under the evaluation's match criterion) per rule, then
    per rule and cue word (those with at least ``min_count`` predictions)."""
    rows = result.get("by_rule", {})
    rules = [(k, v) for k, v in rows.items() if " " not in k]
    cues = [(k, v) for k, v in rows.items() if " " in k and v["pred"] >= min_count]
    width = max([len(k) for k, _ in rules + cues] + [10])
    lines = [f"{'rule':<{width}}  {'predicted':>9}  {'matched':>7}  {'precision':>9}"]
    for block in (rules, cues):
        lines += [f"{k:<{width}}  {v['pred']:>9}  {v['matched']:>7}  {_pct(v['precision']):>9}" for k, v in block]
        lines.append("")
    return "\n".join(lines)


def _short(s: Optional[str], n: int = 160) -> str:
    s = re.sub(r"\s+", " ", s or "")
    return s if len(s) <= n else s[: n - 1] + "…"


def _error_line(e: dict) -> str:
    if e["kind"] == "wrong_speaker":
        name = f" = {e['pred_name']}" if e.get("pred_name") else ""
        return (f"[{e['doc']} {e['gold_id']}] gold {e['gold_speaker']!r}, pred {e['pred_speaker']!r}{name}: "
                f"{_short(e['content'])}")
    if e["kind"] == "wrong_name":
        return (f"[{e['doc']} {e['gold_id']}] gold {e['gold_name']!r} ({e['gold_speaker']!r}), "
                f"pred {e['pred_name']!r} ({e['pred_speaker']!r}): {_short(e['content'])}")
    tags = [e["doc"], e.get("gold_id") or e.get("pred_id")]
    tags += [e["type"]] if e.get("type") else []
    tags += [f"frame={e['frame']}"] if e.get("frame") else []
    tags += [f"rule={e['rule']}"] if e.get("rule") else []
    return f"[{' '.join(tags)}] {e.get('speaker')!r}: {_short(e['content'])}"


def format_errors(errors: list[dict]) -> str:
    """The error listing as text, grouped by kind (wrong speaker names only when there are any:
    only a gold with ``speaker_name`` has them)."""
    lines = []
    titles = {"miss": "Missed gold quotes", "false_positive": "False positives", "wrong_speaker": "Wrong speakers",
              "wrong_name": "Wrong speaker names"}
    for kind, title in titles.items():
        items = [e for e in errors if e["kind"] == kind]
        if kind == "wrong_name" and not items:
            continue
        lines.append(f"== {title} ({len(items)})")
        lines += [_error_line(e) for e in items]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def error_report(gold: Iterable[dict], pred: Iterable[dict], match: str = "overlap") -> str:
    """``format_errors(error_list(gold, pred, match))``."""
    return format_errors(error_list(gold, pred, match))
