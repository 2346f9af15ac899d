"""The seed articles' gold (corpus/seeds.gold.jsonl) and the predicted quote matched to each gold
quote, shared by the speaker and chain tests."""
from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

with open(CORPUS / "seeds.gold.jsonl", encoding="utf-8") as _f:
    GOLD: list[dict] = [json.loads(line) for line in _f if line.strip()]

GOLD_QUOTES = [(r["id"], q["id"]) for r in GOLD for q in r["quotes"]]
IDS = [f"{d[:3]}-{q}" for d, q in GOLD_QUOTES]


def gold_quote(doc_id: str, qid: str) -> dict:
    rec = next(r for r in GOLD if r["id"] == doc_id)
    return next(q for q in rec["quotes"] if q["id"] == qid)


def _shared(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match_seeds(nlp) -> dict[tuple[str, str], dict]:
    """Gold (doc, quote id) -> the predicted quote matched to it: content overlap at least half
    of each, one to one, greedily by shared characters."""
    out: dict[tuple[str, str], dict] = {}
    for rec in GOLD:
        pred = nlp(rec["text"])._.quotes
        pairs = []
        for g in rec["quotes"]:
            for n, p in enumerate(pred):
                s = _shared(g["content"], p["content"])
                glen = g["content"]["end"] - g["content"]["start"]
                plen = p["content"]["end"] - p["content"]["start"]
                if s > 0 and s * 2 >= glen and s * 2 >= plen:
                    pairs.append((s, g["id"], n))
        used_g, used_p = set(), set()
        for s, gid, n in sorted(pairs, key=lambda x: -x[0]):
            if gid not in used_g and n not in used_p:
                used_g.add(gid)
                used_p.add(n)
                out[(rec["id"], gid)] = pred[n]
    return out
