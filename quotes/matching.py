"""Pairing gold and predicted quotes: the spans a content is made of, the three criteria that say
whether a prediction matches a gold quote (overlap, exact, gold30; see ``quotes.evaluate``), and the
one-to-one matching of a document's quotes under one of them."""
from __future__ import annotations

from typing import Optional

_STRIP_START = " \t\r\n\u00a0\"'“”‘’«»„‟‹›"
_STRIP_END = _STRIP_START + ",.;:"


def content_pieces(content: dict) -> list[tuple[int, int]]:
    """The (start, end) pieces of a content: its fragments when it is split, else the whole span."""
    frags = content.get("fragments")
    if frags:
        return [(f["start"], f["end"]) for f in frags]
    return [(content["start"], content["end"])]


def shared_chars(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters covered by both piece lists (pieces within a list do not overlap)."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def pieces_length(pieces: list[tuple[int, int]]) -> int:
    """Characters in a list of pieces."""
    return sum(e - s for s, e in pieces)


def spans_overlap(a: Optional[dict], b: Optional[dict]) -> bool:
    """Both spans are given and share at least one character."""
    return bool(a and b and a["start"] < b["end"] and b["start"] < a["end"])


def overlap_score(gold: dict, pred: dict) -> int:
    """Shared characters when ``pred`` matches ``gold`` under the half rule, else 0.

    The whole gold content is tried, then each of its fragments on its own."""
    gp, pp = content_pieces(gold["content"]), content_pieces(pred["content"])
    plen = pieces_length(pp)
    best = 0
    for target in [gp] + ([[p] for p in gp] if len(gp) > 1 else []):
        shared = shared_chars(target, pp)
        if shared > 0 and shared >= 0.5 * pieces_length(target) and shared >= 0.5 * plen:
            best = max(best, shared_chars(gp, pp))
    return best


def gold30_score(gold: dict, pred: dict) -> int:
    """Shared characters when ``pred`` covers at least 30% of the gold content's characters,
    else 0 (the Gender Gap Tracker's criterion; unlike overlap it sets no bound on how much more
    than the gold the prediction holds).

    As in ``overlap_score``, the whole gold content is tried, then each of its fragments on its
    own, so that one piece of a quote interrupted by its attribution matches it."""
    gp, pp = content_pieces(gold["content"]), content_pieces(pred["content"])
    shared = shared_chars(gp, pp)
    if shared == 0:
        return 0
    for target in [gp] + ([[p] for p in gp] if len(gp) > 1 else []):
        if 10 * shared_chars(target, pp) >= 3 * pieces_length(target):  # integers: no rounding at the border
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
        spans = {(content["start"], content["end"])} | set(content_pieces(content))
        return {_normalise(text, s, e) for s, e in spans}

    if candidates(gold["content"]) & candidates(pred["content"]):
        return max(1, shared_chars(content_pieces(gold["content"]), content_pieces(pred["content"])))
    return 0


def match_quotes(gold: list[dict], pred: list[dict], score) -> tuple[dict[int, int], set[int]]:
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
        pp = content_pieces(pred[pi]["content"])
        covered[gi] = {k for k, f in enumerate(frags) if 2 * shared_chars([(f["start"], f["end"])], pp) >= f["end"] - f["start"]}
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
