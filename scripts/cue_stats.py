"""How reliable is each reporting verb as a cue, by syntactic frame, in an annotated corpus?

    python scripts/cue_stats.py BRAT_DIR [--min-count 5] [--json]

For every verb token in the corpus texts, and each frame it appears in (a clausal complement
`ccomp`, a direct object `dobj`, an infinitive `xcomp`), counts how often the corpus marks that
token as (part of) an attribution cue. The ratio is the verb's precision as a cue in that frame:
the evidence used to decide which lemmas go into which verb group of rules/cues.json (run it on
PolNeAR *train*, never on the split you report figures on).

Two more kinds of frame, for the topic_<preposition> verb lists and the noun lists:
`prep:about` etc. (a verb with that preposition and its object; a hit needs the verb in a cue and
the object in the content: "referred to the plan") and, for nouns, `noun:that` / `noun:to` (a noun
with a that-clause or an infinitive: "his claim that ...", "her promise to ...").
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotes.api import load_model  # noqa: E402
from quotes.brat import read_brat_dir  # noqa: E402

FRAMES = ("ccomp", "dobj", "xcomp")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("brat_dir")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="one JSON object per lemma and frame")
    args = ap.parse_args()

    nlp = load_model(None)
    records = list(read_brat_dir(args.brat_dir))
    seen: Counter = Counter()
    hits: Counter = Counter()
    for rec, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=16)):
        cue_chars = set()
        for q in rec["quotes"]:
            if q.get("cue"):
                cue_chars.update(range(q["cue"]["start"], q["cue"]["end"]))
        content_chars = set()
        for q in rec["quotes"]:
            for piece in q["content"].get("fragments") or [q["content"]]:
                content_chars.update(range(piece["start"], piece["end"]))
        for tok in doc:
            for key, hit in _frames(tok, cue_chars, content_chars):
                seen[key] += 1
                hits[key] += hit
    rows = sorted(((k, n, hits[k]) for k, n in seen.items() if n >= args.min_count),
                  key=lambda r: (-r[2] / r[1], -r[1]))
    for (lemma, frame), n, h in rows:
        if args.json:
            print(json.dumps({"lemma": lemma, "frame": frame, "count": n, "cue": h, "precision": round(h / n, 3)}))
        else:
            print(f"{lemma:16} {frame:6} {h:5} / {n:<5} {h / n:.2f}")


def _frames(tok, cue_chars: set, content_chars: set):
    """(lemma, frame) keys of one token, each with whether the corpus marks it as a cue there."""
    is_cue = tok.idx in cue_chars
    if tok.pos_ == "VERB":
        deps = {c.dep_ for c in tok.children}
        for frame in FRAMES:
            if frame in deps:
                yield (tok.lemma_.lower(), frame), is_cue
        for prep in tok.children:
            if prep.dep_ != "prep":
                continue
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                yield (tok.lemma_.lower(), f"prep:{prep.lower_}"), is_cue and obj.idx in content_chars
    elif tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ in ("acl", "ccomp", "relcl"):
                marks = {g.lower_ for g in c.children if g.dep_ in ("mark", "aux")}
                frame = "noun:that" if "that" in marks else "noun:to" if "to" in marks else None
                if frame:
                    yield (tok.lemma_.lower(), frame), is_cue


if __name__ == "__main__":
    main()
