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
``format_report`` and ``error_report`` turn the results into text.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any, Iterable, Iterator, Optional

from .model import QUOTE_TYPES

# Criteria that decide which pairs the accuracies, recall by type and error list are computed on.
MATCH_CRITERIA = ("overlap", "gold30")
_STRIP_START = " \t\r\n\u00a0\"'“”‘’«»„‟‹›"
_STRIP_END = _STRIP_START + ",.;:"
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}
# Lower-case words allowed inside a proper name ("Secretary of State", "Charles de Gaulle").
_NAME_PARTICLES = {"of", "the", "de", "la", "le", "du", "van", "von", "der", "den", "al", "el", "bin", "and", "for", "&"}


# --------------------------------------------------------------------------------------------
# Spans


def _pieces(content: dict) -> list[tuple[int, int]]:
    frags = content.get("fragments")
    if frags:
        return [(f["start"], f["end"]) for f in frags]
    return [(content["start"], content["end"])]


def _shared(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters covered by both piece lists (pieces within a list do not overlap)."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(pieces: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in pieces)


def _overlaps(a: Optional[dict], b: Optional[dict]) -> bool:
    return bool(a and b and a["start"] < b["end"] and b["start"] < a["end"])


def overlap_score(gold: dict, pred: dict) -> int:
    """Shared characters when ``pred`` matches ``gold`` under the half rule, else 0.

    The whole gold content is tried, then each of its fragments on its own."""
    gp, pp = _pieces(gold["content"]), _pieces(pred["content"])
    plen = _length(pp)
    best = 0
    for target in [gp] + ([[p] for p in gp] if len(gp) > 1 else []):
        shared = _shared(target, pp)
        if shared > 0 and shared >= 0.5 * _length(target) and shared >= 0.5 * plen:
            best = max(best, _shared(gp, pp))
    return best


def gold30_score(gold: dict, pred: dict) -> int:
    """Shared characters when ``pred`` covers at least 30% of the gold content's characters,
    else 0 (the Gender Gap Tracker's criterion; unlike overlap it sets no bound on how much more
    than the gold the prediction holds).

    As in ``overlap_score``, the whole gold content is tried, then each of its fragments on its
    own, so that one piece of a quote interrupted by its attribution matches it."""
    gp, pp = _pieces(gold["content"]), _pieces(pred["content"])
    shared = _shared(gp, pp)
    if shared == 0:
        return 0
    for target in [gp] + ([[p] for p in gp] if len(gp) > 1 else []):
        if 10 * _shared(target, pp) >= 3 * _length(target):  # integers: no rounding at the border
            return shared
    return 0


def _normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets with surrounding marks, spaces and trailing punctuation stripped."""
    s = text[start:end]
    left = len(s) - len(s.lstrip(_STRIP_START))
    right = len(s.rstrip(_STRIP_END))
    if right <= left:
        return (start, end)
    return (start + left, start + right)


def exact_score(gold: dict, pred: dict, text: str) -> int:
    """Shared characters when some normalised boundary pair of gold (whole or a fragment) equals
    one of pred's, else 0."""
    def candidates(content: dict) -> set[tuple[int, int]]:
        spans = {(content["start"], content["end"])} | set(_pieces(content))
        return {_normalise(text, s, e) for s, e in spans}

    if candidates(gold["content"]) & candidates(pred["content"]):
        return max(1, _shared(_pieces(gold["content"]), _pieces(pred["content"])))
    return 0


def _match(gold: list[dict], pred: list[dict], score) -> tuple[dict[int, int], set[int]]:
    """Greedy one-to-one matching by score. Returns gold index -> pred index and the set of
    unmatched predictions absorbed by a fragmented gold quote that is already matched."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s > 0:
                pairs.append((s, -gi, -pi))
    pairs.sort(reverse=True)
    g2p: dict[int, int] = {}
    used: set[int] = set()
    for _s, ngi, npi in pairs:
        gi, pi = -ngi, -npi
        if gi not in g2p and pi not in used:
            g2p[gi] = pi
            used.add(pi)
    # A fragment counts as covered once a prediction holds at least half of it; an unmatched
    # prediction is absorbed only by a fragment nobody covers yet (a duplicate stays a false
    # positive).
    covered: dict[int, set[int]] = {}
    for gi, pi in g2p.items():
        frags = gold[gi]["content"].get("fragments") or []
        pp = _pieces(pred[pi]["content"])
        covered[gi] = {k for k, f in enumerate(frags) if 2 * _shared([(f["start"], f["end"])], pp) >= f["end"] - f["start"]}
    absorbed = set()
    for pi in range(len(pred)):
        if pi in used:
            continue
        for gi in g2p:
            frags = gold[gi]["content"].get("fragments") or []
            hit = next((k for k, f in enumerate(frags) if k not in covered[gi] and score({"content": f}, pred[pi])), None)
            if hit is not None:
                covered[gi].add(hit)
                absorbed.add(pi)
                break
    return g2p, absorbed


# --------------------------------------------------------------------------------------------
# Speakers


def _casefold(s: Optional[str]) -> str:
    return re.sub(r"\s+", " ", (s or "")).strip().casefold()


def _contains_words(haystack: Optional[str], needle: str) -> bool:
    if not haystack or not needle:
        return False
    return re.search(r"(?<!\w)" + re.escape(_casefold(needle)) + r"(?!\w)", _casefold(haystack)) is not None


def is_pronoun(text: str) -> bool:
    return _casefold(text) in PRONOUNS


def is_proper_name(text: str) -> bool:
    """A mention made of capitalised words (name particles allowed), not a pronoun."""
    words = re.findall(r"[\w][\w'’.-]*", text)
    if not words or is_pronoun(text):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in _NAME_PARTICLES or w[0].isdigit() for w in words)


def _last_capitalised(text: str) -> Optional[str]:
    words = [w for w in re.findall(r"[\w][\w'’-]*", text) if w[0].isupper()]
    if not words:
        return None
    return re.sub(r"['’]s$", "", words[-1])


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _same_mention(gold: dict, pred: dict) -> bool:
    """The mentions overlap, or the gold mention is a relative pronoun and the pred mention is the
    noun phrase it refers to, right before it ("the official" for "who" in "the official, who
    spoke on condition of anonymity"): the same source."""
    if _overlaps(gold, pred):
        return True
    return (gold["text"].strip().lower() in RELATIVE_PRONOUNS
            and 0 <= gold["start"] - pred["end"] <= 3)


def speaker_correct(gold: Optional[dict], pred: Optional[dict]) -> bool:
    """Mention-level speaker check: the pred mention overlaps the gold one, or the gold has a
    name and the pred name equals it, or the gold mention is a proper name contained in the pred
    name (gold "Clinton", pred "she" resolved to "Hillary Clinton")."""
    if not gold or not pred:
        return False
    if _same_mention(gold, pred):
        return True
    if gold.get("name") and _casefold(gold["name"]) == _casefold(pred.get("name")):
        return True
    return bool(pred.get("name")) and is_proper_name(gold["text"]) and _contains_words(pred["name"], gold["text"])


def speaker_name_correct(gold: Optional[dict], pred: Optional[dict]) -> bool:
    """Entity-level speaker check: does the pred resolve to the gold entity?

    - anonymous gold: pred is anonymous too and its mention overlaps the gold mention;
    - gold has a name: the pred name equals it (case-insensitive);
    - gold mention is a bare pronoun with no name: right only if the pred has a name and its
      mention overlaps the gold one. Without gold coreference the entity behind a pronoun cannot
      be checked, so this only credits a resolution made at the right place;
    - otherwise: the pred mention is the gold mention (overlapping it, or the antecedent of a
      gold relative pronoun), or the pred name or mention holds the
      gold mention's last capitalised word ("Chaffetz" for "Rep. Jason Chaffetz (R-Utah)").
    """
    if not gold or not pred:
        return False
    if gold.get("anonymous"):
        return bool(pred.get("anonymous")) and _same_mention(gold, pred)
    if gold.get("name"):
        return _casefold(gold["name"]) == _casefold(pred.get("name"))
    if is_pronoun(gold["text"]):
        return bool(pred.get("name")) and _same_mention(gold, pred)
    if _same_mention(gold, pred):
        return True
    last = _last_capitalised(gold["text"])
    return bool(last) and (_contains_words(pred.get("name"), last) or _contains_words(pred.get("text"), last))


DETERMINERS = {"a", "an", "the"}


def _name_words(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name.casefold())  # possessive: "Trudeau's" is Trudeau
    words = re.sub(r"[^\w\s]|_", " ", name).split()
    # An unnamed source is named by a description: "a justice official" = "The justice official".
    return words[1:] if len(words) > 1 and words[0] in DETERMINERS else words


def same_speaker_name(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two names name the same speaker. Both are casefolded, possessive 's (or ’s) is
    stripped, every punctuation mark becomes a space and runs of spaces one space; then they are
    the same when

    - their words are equal ("Rogers’s" = "rogers", "Jean-Yves Duclos" = "Jean Yves Duclos"), or
    - the shorter one has fewer words, all of them words of the longer one, and among them the
      longer one's last word ("Trudeau" and "Justin Trudeau", "Theresa Tam" and "Dr. Theresa
      Tam"; not "Justin" and "Justin Trudeau").

    An empty or missing name is never the same as anything. News names a person in full once and
    by surname after, and annotators write the full name: this credits the surname and refuses a
    first name, which two people of one article share more often than a surname."""
    wa, wb = _name_words(a or ""), _name_words(b or "")
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    return len(short) < len(long_) and set(short) <= set(long_) and long_[-1] in short


def predicted_speaker_name(pred: Optional[dict]) -> Optional[str]:
    """The name a predicted speaker stands for: its resolved ``name``; when that is null, the
    first mention of the same unnamed source that it refers back to (``refers_to``: "the
    official" -> "a justice official"), else the mention itself ("Lonechild", or a description
    such as "South Korean officials", which is all an unnamed source is named by, in the gold as
    in our output); a pronoun left unresolved names nobody (None)."""
    if not pred:
        return None
    if pred.get("name"):
        return pred["name"]
    if (pred.get("refers_to") or {}).get("text"):
        return pred["refers_to"]["text"]
    text = pred.get("text") or ""
    return None if is_pronoun(text) else text


def gold_speaker_name(gold_quote: dict) -> Optional[str]:
    """The annotated name of a gold quote's speaker (the Gender Gap Tracker's ``speaker_name``),
    or None when the gold has none (PolNeAR, our JSONL gold)."""
    name = gold_quote.get("speaker_name")
    return name if isinstance(name, str) and name.strip() else None


def speaker_name_matches(gold_name: str, pred: Optional[dict]) -> bool:
    """Entity-level check against an annotated name: ``same_speaker_name(gold_name,
    predicted_speaker_name(pred))``. A prediction without a speaker is wrong."""
    return same_speaker_name(gold_name, predicted_speaker_name(pred))


def _name_right(g: dict, p: dict) -> Optional[bool]:
    """Speaker-name verdict for a matched pair: against ``speaker_name`` when the gold has one,
    else ``speaker_name_correct`` on the gold mention; None when the gold says nothing of who."""
    name = gold_speaker_name(g)
    if name and g.get("speaker") and p.get("speaker") and _overlaps(g["speaker"], p["speaker"]) \
            and same_speaker_name(name, g["speaker"]["text"]):
        return True  # the gold names the source by this very mention ("the commission"): found
    if name:
        return speaker_name_matches(name, p.get("speaker"))
    if g.get("speaker"):
        return speaker_name_correct(g["speaker"], p.get("speaker"))
    return None


def chain_correct(gold: list[dict], pred: list[dict]) -> bool:
    """Same number of links, and link by link the spans overlap or the names are equal."""
    if len(gold) != len(pred):
        return False
    for g, p in zip(gold, pred):
        same_name = g.get("name") and _casefold(g.get("name")) == _casefold(p.get("name"))
        if not (_overlaps(g, p) or same_name or _casefold(g["text"]) == _casefold(p["text"])):
            return False
    return True


# --------------------------------------------------------------------------------------------
# Checking what is scored


def _where(name: str, n: int, rec: dict) -> str:
    rid = rec.get("id") if isinstance(rec, dict) else None
    return f"{name}, record {n}" + (f" (id {rid!r})" if rid is not None else "")


def _check_span(span: Any, where: str, text: Optional[str], required: bool = False) -> None:
    """A span is null (unless ``required``) or an object with integer offsets inside the text
    (when it is known) and, when the text is known, the text it covers."""
    if span is None and not required:
        return
    if not isinstance(span, dict):
        raise ValueError(f"{where}: expected a span object with start, end and text, got {_kind(span)}")
    start, end = span.get("start"), span.get("end")
    for key, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{where}: {key!r} must be an integer character offset, got {_kind(value)} {value!r:.40}")
    if not isinstance(span.get("text"), str):
        raise ValueError(f"{where}: 'text' must be a string, got {_kind(span.get('text'))}")
    if start < 0 or end < start or (text is not None and end > len(text)):
        size = f" of {len(text)} characters" if text is not None else ""
        raise ValueError(f"{where}: offsets {start}-{end} do not lie on the text{size} (0 <= start <= end <= length)")
    if text is not None and text[start:end] != span["text"]:
        raise ValueError(f"{where}: offsets {start}-{end} cover {text[start:end]!r:.80}, the span says {span['text']!r:.80}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
            type(None): "null"}.get(type(value), type(value).__name__)


def check_records(records: list[dict], name: str, texts: Optional[dict[str, str]] = None,
                  need_text: bool = False) -> None:
    """Raise ``ValueError`` naming ``name`` (a file), the record and the quote when records cannot
    be scored: no id, no text (``need_text``: gold needs its text), ``quotes`` not a list, a quote
    without an id or a content, offsets that are not integers or do not lie on the text, a span
    whose text is not the text at its offsets. ``texts``: document id -> text, for records that
    carry none (predictions written with ``--no-text``); their offsets are checked against it."""
    for n, rec in enumerate(records, 1):
        where = _where(name, n, rec)
        if not isinstance(rec, dict):
            raise ValueError(f"{where}: expected a JSON object, got {_kind(rec)}")
        if rec.get("id") is None:
            raise ValueError(f"{where}: no 'id' (records are paired by id)")
        text = rec.get("text")
        if text is not None and not isinstance(text, str):
            raise ValueError(f"{where}: 'text' must be a string, got {_kind(text)}")
        if text is None:
            if need_text:
                raise ValueError(f"{where}: no 'text' (a gold record needs its text)")
            text = (texts or {}).get(str(rec["id"]))
        quotes = rec.get("quotes")
        if quotes is None:
            continue
        if not isinstance(quotes, list):
            raise ValueError(f"{where}: 'quotes' must be a list, got {_kind(quotes)}")
        for k, q in enumerate(quotes, 1):
            qw = f"{where}, quote {k}"
            if not isinstance(q, dict):
                raise ValueError(f"{qw}: expected a quote object, got {_kind(q)}")
            if q.get("id") is not None:
                qw = f"{where}, quote {q['id']!r}"
            if not isinstance(q.get("id"), str):
                raise ValueError(f"{qw}: 'id' must be a string, got {_kind(q.get('id'))}")
            if "content" not in q:
                raise ValueError(f"{qw}: no 'content'")
            _check_span(q["content"], f"{qw} content", text, required=True)
            frags = q["content"].get("fragments")
            if frags is not None:
                if not isinstance(frags, list) or not frags:
                    raise ValueError(f"{qw} content: 'fragments' must be a non-empty list of spans")
                for i, f in enumerate(frags, 1):
                    _check_span(f, f"{qw} content fragment {i}", text, required=True)
            for role in ("speaker", "cue", "addressee"):
                _check_span(q.get(role), f"{qw} {role}", text)
            chain = q.get("chain")
            if chain is not None and not isinstance(chain, list):
                raise ValueError(f"{qw}: 'chain' must be a list, got {_kind(chain)}")
            for i, link in enumerate(chain or [], 1):
                _check_span(link, f"{qw} chain link {i}", text, required=True)
            for key in ("type", "frame", "nested_in", "rule", "speaker_name"):
                if q.get(key) is not None and not isinstance(q[key], str):
                    raise ValueError(f"{qw}: {key!r} must be a string or null, got {_kind(q[key])}")
            speaker = q.get("speaker") or {}
            if speaker.get("name") is not None and not isinstance(speaker["name"], str):
                raise ValueError(f"{qw} speaker: 'name' must be a string or null, got {_kind(speaker['name'])}")


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
        ov, ov_abs = _match(gq, pq, overlap_score)
        ex, ex_abs = _match(gq, pq, lambda a, b: exact_score(a, b, text))
        g30, g30_abs = _match(gq, pq, gold30_score)
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
    name_right = _name_right(g, p)
    if name_right is not None:
        count("speaker_name", name_right)
        # Pronouns are where resolution is needed at all: the row says how well it works.
        if g.get("speaker") and is_pronoun(g["speaker"]["text"]):
            count("speaker_name_pronoun", name_right)
    if g.get("cue"):
        count("cue", _overlaps(g["cue"], p.get("cue")))
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
# Reports


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
        v = r.get(k) or _acc(0, 0)
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
    if name and not _name_right(g, p):
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
