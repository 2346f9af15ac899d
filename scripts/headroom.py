"""How much could more rules still add? Optimistic bounds, chosen on one split and scored on another.

    python scripts/headroom.py TRAIN_BRAT DEV_BRAT [--scope attribution] [--min-count 6]
                               [--bar 0.55] [--learned] [--cache DIR] [--top 30]

A dependency rule of `rules/` pairs a cue word with the phrase it governs: a lemma, the relation
path from it to the content's head ("ccomp", "dobj", "prep:about>pobj", "xcomp>dobj"), and the
head's subtree as the content. The script enumerates every such *frame* in the texts (paths of
one or two arcs from a verb, noun, adjective or auxiliary) whose content no current prediction
overlaps, and asks the gold whether it reaches an attribution that the extractor misses: the word
lies in the gold cue and the subtree overlaps that attribution's content.

1. **Rules at the bar.** Keys (lemma, part of speech, path) are chosen on the first corpus as a
   rule writer would: at least ``--min-count`` uncovered frames, right in at least ``--bar`` of
   them. The report gives the overlap P/R/F1 on both corpora **if every right frame became a true
   positive and every other one a false positive**. The bound is optimistic: a content whose
   subtree only touches the gold counts as matched, and boundaries come for free.
2. **A learned selector** (``--learned``, needs scikit-learn): a logistic regression over the
   frames' context (the cue's tense, subject, complementizer, governor; the content head's part of
   speech; the path), trained on the first corpus, replaces the keys. It is the ceiling of any
   rule set over these frames that a linear model can find, under the same optimistic counting.
3. **A learned end chooser** (``--learned``): each predicted indirect or mixed content may end at
   another break of its sentence (punctuation, a conjunction, a subordinate clause, a
   preposition); a logistic regression over the break's word, dependency and attachment, trained
   on the first corpus to pick the gold's end, moves the ends of the second and `quotes.evaluate`
   scores the result. It asks whether the boundary conventions leave a pattern on the table.
4. **A learned filter** (``--learned``): a logistic regression over each prediction's rule, cue
   word, type, frame, speaker and content length, trained on the first corpus to tell the
   predictions that match the gold from the others, drops the second corpus's predictions below a
   threshold. It asks whether some rule or word still costs more than it brings.

The parse is cached under ``--cache`` as in scripts/fast_eval.py.
"""
from __future__ import annotations

import argparse
import copy
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from fast_eval import parsed_docs  # noqa: E402

from quotes.api import load_pipeline  # noqa: E402
from quotes.brat import read_records  # noqa: E402
from quotes.evaluate import evaluate, outermost  # noqa: E402
from quotes.matching import _normalise, content_pieces, match_quotes, overlap_score, shared_chars  # noqa: E402

# The arcs a cue governs its content by in the patterns of rules/ (and those the misses show):
# a clause, an object, an infinitive, a prepositional object, a passive subject, a predicate.
FIRST_ARCS = {"ccomp", "dobj", "xcomp", "prep", "agent", "nsubjpass", "advcl", "acomp", "attr",
              "nsubj", "acl", "relcl", "dative", "oprd", "npadvmod"}
SECOND_ARCS = {"ccomp", "dobj", "xcomp", "pobj", "pcomp", "acl", "relcl"}
HEADS = {"VERB", "NOUN", "ADJ", "AUX"}
# Where an indirect content may end instead: before punctuation, a conjunction, a subordinate or
# relative clause, an adverb or a preposition (the points the boundary conventions decide on).
BREAK_DEPS = {"mark", "cc", "advmod", "prep", "relcl", "acl", "advcl"}


@dataclass
class Corpus:
    """A brat corpus with its parses, the extractor's outermost predictions and their scores."""
    gold: list
    docs: list
    preds: list
    overlap: dict


@dataclass
class Frame:
    key: tuple  # (lemma, part of speech, path)
    hit: Optional[tuple]  # (document id, gold index) of the missed attribution it reaches
    context: list  # feature strings for the learned selector


def load_corpus(path: str, scope: str, cache: Path) -> Corpus:
    """Parse (cached) and run the extractor on a brat corpus."""
    gold = list(read_records(path, "brat"))
    nlp = load_pipeline(None, None, scope)
    component = nlp.get_pipe("quotes")
    docs, preds = [], []
    for g, doc in zip(gold, parsed_docs(nlp, [g["text"] for g in gold], cache)):
        doc = component(doc)
        docs.append(doc)
        preds.append(next(outermost([{"id": g["id"], "text": g["text"], "quotes": doc._.quotes or []}])))
    return Corpus(gold, docs, preds, evaluate(gold, preds)["overlap"])


def frames(doc) -> Iterator[tuple]:
    """(cue token, path, content head) for every path of one or two arcs from a possible cue.

    A preposition is a step, not a content: "talked about the plan" is the path
    ``prep:about>pobj`` to "plan"."""
    for tok in doc:
        if tok.pos_ not in HEADS:
            continue
        for child in tok.children:
            if child.dep_ not in FIRST_ARCS:
                continue
            step = child.dep_ in ("prep", "agent")
            first = f"{child.dep_}:{child.lower_}" if step else child.dep_
            if not step:
                yield tok, first, child
            for grand in child.children:
                if grand.dep_ in SECOND_ARCS:
                    yield tok, f"{first}>{grand.dep_}", grand


def frame_context(tok, path: str, head) -> list[str]:
    """What a rule could condition on beyond the key: the cue's form, subject, negation and
    governor, the content head's word class and complementizer, and the key's parts crossed."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    subj_kind = "none" if subj is None else subj.lower_ if subj.pos_ == "PRON" else subj.pos_
    marks = "|".join(sorted({c.lower_ for c in head.children if c.dep_ in ("mark", "aux")}))
    lemma = tok.lemma_.lower()
    return [f"l={lemma}", f"p={path}", f"lp={lemma}|{path}", f"pos={tok.pos_}", f"tag={tok.tag_}",
            f"dep={tok.dep_}", f"hpos={head.pos_}", f"htag={head.tag_}", f"hl={head.lemma_.lower()}",
            f"lhpos={lemma}|{head.pos_}", f"mark={marks}", f"lmark={lemma}|{marks}",
            f"subj={subj_kind}", f"subjent={'' if subj is None else subj.ent_type_}",
            f"lsubj={lemma}|{subj_kind}", f"lpsubj={lemma}|{path}|{subj_kind}",
            f"neg={any(c.dep_ == 'neg' for c in tok.children)}",
            f"up={'ROOT' if tok.dep_ == 'ROOT' else tok.head.lemma_.lower()}", f"updep={tok.head.dep_}",
            f"len={min(len(list(head.subtree)) // 3, 8)}", f"first={tok.i == tok.sent.start}"]


def uncovered_frames(doc, gold_quotes: list, pred_quotes: list, doc_id: str = "") -> Iterator[Frame]:
    """The frames of ``doc`` whose content no prediction overlaps. A gold attribution that a
    prediction already matches is reached by none of them."""
    matched, _ = match_quotes(gold_quotes, pred_quotes, overlap_score)
    missed = [(i, (q["cue"]["start"], q["cue"]["end"]), content_pieces(q["content"]))
              for i, q in enumerate(gold_quotes) if i not in matched and q.get("cue")]
    covered = [content_pieces(p["content"]) for p in pred_quotes]
    for tok, path, head in frames(doc):
        sub = list(head.subtree)
        span = [(sub[0].idx, sub[-1].idx + len(sub[-1]))]
        if any(shared_chars(c, span) for c in covered):
            continue
        hit = next((i for i, (cs, ce), pieces in missed
                    if cs < tok.idx + len(tok) and tok.idx < ce and shared_chars(pieces, span)), None)
        yield Frame((tok.lemma_.lower(), tok.pos_, path), None if hit is None else (doc_id, hit),
                    frame_context(tok, path, head))


def corpus_frames(corpus: Corpus) -> list[Frame]:
    return [f for g, doc, p in zip(corpus.gold, corpus.docs, corpus.preds)
            for f in uncovered_frames(doc, g["quotes"], p["quotes"], g["id"])]


def choose(rows: list[Frame], min_count: int, bar: float) -> dict[tuple, tuple[int, int]]:
    """Keys with at least ``min_count`` uncovered frames right in at least ``bar`` of them."""
    n: dict = defaultdict(int)
    right: dict = defaultdict(int)
    for f in rows:
        n[f.key] += 1
        right[f.key] += f.hit is not None
    return {k: (n[k], right[k]) for k in n if n[k] >= min_count and right[k] >= bar * n[k]}


def bound(overlap: dict, chosen: list[Frame]) -> dict:
    """The overlap scores if the ``chosen`` frames were all predicted: each missed gold
    attribution they reach becomes a true positive once, each frame reaching none a false
    positive; a frame reaching an attribution already reached adds nothing."""
    reached = {f.hit for f in chosen if f.hit is not None}
    wrong = sum(f.hit is None for f in chosen)
    tp, fp, fn = overlap["tp"] + len(reached), overlap["fp"] + wrong, overlap["fn"] - len(reached)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"new_right": len(reached), "new_wrong": wrong, "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r, "f1": 2 * p * r / max(p + r, 1e-9)}


def _classifier(c: float):
    try:
        from sklearn.feature_extraction import FeatureHasher
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise SystemExit("--learned needs scikit-learn: pip install scikit-learn") from exc
    return FeatureHasher(2 ** 20, input_type="string"), LogisticRegression(C=c, max_iter=3000)


def learned_frames(train: list[Frame], test: list[Frame], c: float = 0.1) -> list[float]:
    """Probabilities that each ``test`` frame reaches a missed attribution, from a logistic
    regression on the ``train`` frames' context."""
    hasher, model = _classifier(c)
    model.fit(hasher.transform([f.context for f in train]), [f.hit is not None for f in train])
    return list(model.predict_proba(hasher.transform([f.context for f in test]))[:, 1])


def end_breaks(doc, quote: dict) -> Optional[tuple]:
    """(content span, {end offset: token after the break or None}) for a one-piece content: its
    own end and every break from its first token to the end of its sentence."""
    content = quote["content"]
    span = doc.char_span(content["start"], content["end"], alignment_mode="expand")
    if span is None or content.get("fragments"):
        return None
    sent = span[0].sent
    ends: dict = {content["end"]: None}
    for t in doc[span[0].i + 1: sent.end]:
        if t.is_punct or t.pos_ in ("CCONJ", "SCONJ") or t.dep_ in BREAK_DEPS:
            prev = doc[t.i - 1]
            ends.setdefault(prev.idx + len(prev), t)
    ends.setdefault(sent[-1].idx + len(sent[-1]), None)
    return span, ends


def end_context(doc, quote: dict, span, end: int, tok) -> list[str]:
    """The break a content would end at, relative to its present end: the word or class after it,
    its dependency, whether it hangs inside the content or on its head, how far it moves."""
    now = quote["content"]["end"]
    rel = "now" if end == now else "shorter" if end < now else "longer"
    rule = quote.get("rule") or ""
    if tok is None:
        base = ["tok=END"]
    else:
        word = tok.lower_ if tok.is_punct or tok.pos_ in ("CCONJ", "SCONJ", "ADP") else tok.pos_
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        base = [f"t={word}", f"dep={tok.dep_}", f"hdep={tok.head.dep_}", f"hpos={tok.head.pos_}",
                f"anc={'in' if span.start <= tok.head.i < span.end else 'out'}",
                f"inhead={tok in set(span.root.subtree)}",
                f"nxt={nxt.dep_ if nxt is not None else 'EOD'}", f"nxtpos={nxt.pos_ if nxt is not None else 'EOD'}"]
    words = len(doc.text[min(end, now):max(end, now)].split())
    return ([f"rel={rel}", f"dist={min(words // 3, 6)}|{rel}", f"rule={rule}|{rel}"]
            + [f"{b}|{rel}" for b in base] + [f"{b}|{rule.rsplit('.', 1)[-1]}" for b in base[:2]])


def end_choices(corpus: Corpus) -> list[tuple]:
    """Per predicted indirect or mixed content: (record index, quote index, contexts, ends, gold
    labels), the label saying the end is a gold end of a content it overlaps (the present end
    when it overlaps none)."""
    out = []
    for ri, (g, doc, pred) in enumerate(zip(corpus.gold, corpus.docs, corpus.preds)):
        text = g["text"]
        gold_ends = [(content_pieces(q["content"]), _normalise(text, q["content"]["start"], q["content"]["end"])[1])
                     for q in g["quotes"]]
        for qi, q in enumerate(pred["quotes"]):
            found = None if q.get("type") == "direct" else end_breaks(doc, q)
            if found is None:
                continue
            span, ends = found
            pieces = content_pieces(q["content"])
            targets = {e for gp, e in gold_ends if shared_chars(gp, pieces)}
            contexts = [end_context(doc, q, span, end, tok) for end, tok in ends.items()]
            labels = [(_normalise(text, q["content"]["start"], end)[1] in targets) if targets
                      else end == q["content"]["end"] for end in ends]
            out.append((ri, qi, contexts, list(ends), labels))
    return out


def learned_ends(train: Corpus, test: Corpus, margins: tuple = (0.0, 0.1, 0.2), c: float = 0.1) -> list[tuple]:
    """Move each test content's end to the break a model trained on ``train`` prefers, by more
    than a margin over the present end; per margin, (margin, ends moved, the new scores)."""
    hasher, model = _classifier(c)
    rows = end_choices(train)
    model.fit(hasher.transform([x for r in rows for x in r[2]]), [y for r in rows for y in r[4]])
    scored = [(ri, qi, ends, model.predict_proba(hasher.transform(contexts))[:, 1])
              for ri, qi, contexts, ends, _labels in end_choices(test)]
    out = []
    for margin in margins:
        preds = copy.deepcopy(test.preds)
        moved = 0
        for ri, qi, ends, prob in scored:
            content = preds[ri]["quotes"][qi]["content"]
            now = ends.index(content["end"])
            best = max(range(len(ends)), key=lambda i: prob[i])
            if best != now and prob[best] > prob[now] + margin:
                content["end"] = ends[best]
                moved += 1
        out.append((margin, moved, evaluate(test.gold, preds)))
    return out


def prediction_context(doc, quote: dict) -> list[str]:
    """What a precision cut could condition on: the rule, the cue word, the quote's type, frame
    and speaker, and the content's length and head."""
    cue = (quote.get("cue") or {}).get("lemma") or ""
    rule = quote.get("rule") or ""
    speaker = quote.get("speaker") or {}
    span = doc.char_span(quote["content"]["start"], quote["content"]["end"], alignment_mode="expand")
    size = min(len(span) // 4, 10) if span is not None else -1
    root = span.root if span is not None and len(span) else None
    return [f"r={rule}", f"l={cue.lower()}", f"rl={rule}|{cue.lower()}", f"t={quote.get('type')}",
            f"f={quote.get('frame')}", f"sp={speaker.get('kind', 'x') if speaker else 'none'}",
            f"anon={bool(speaker.get('anonymous')) if speaker else ''}", f"n={size}", f"rn={rule}|{size}",
            f"root={root.pos_ if root is not None else ''}", f"rootdep={root.dep_ if root is not None else ''}",
            f"frag={bool(quote['content'].get('fragments'))}"]


def learned_filter(train: Corpus, test: Corpus, thresholds: tuple = (0.3, 0.35, 0.4, 0.45), c: float = 0.1) -> list[tuple]:
    """Drop the test predictions that a model trained on ``train`` (matched or not) scores below
    a threshold; per threshold, (threshold, predictions dropped, the new scores)."""
    def rows(corpus: Corpus):
        for ri, (g, doc, pred) in enumerate(zip(corpus.gold, corpus.docs, corpus.preds)):
            matched, absorbed = match_quotes(g["quotes"], pred["quotes"], overlap_score)
            right = set(matched.values()) | absorbed
            for qi, q in enumerate(pred["quotes"]):
                yield (ri, qi), prediction_context(doc, q), qi in right

    hasher, model = _classifier(c)
    train_rows = list(rows(train))
    model.fit(hasher.transform([r[1] for r in train_rows]), [r[2] for r in train_rows])
    test_rows = list(rows(test))
    prob = model.predict_proba(hasher.transform([r[1] for r in test_rows]))[:, 1]
    out = []
    for threshold in thresholds:
        drop = {r[0] for r, p in zip(test_rows, prob) if p < threshold}
        preds = [{**rec, "quotes": [q for qi, q in enumerate(rec["quotes"]) if (ri, qi) not in drop]}
                 for ri, rec in enumerate(test.preds)]
        out.append((threshold, len(drop), evaluate(test.gold, preds)))
    return out


def _line(name: str, ov: dict, b: dict) -> str:
    return (f"{name}: now P {ov['precision']:.3f} R {ov['recall']:.3f} F1 {ov['f1']:.3f} (tp {ov['tp']}, fp {ov['fp']}, fn {ov['fn']})"
            f" | bound: +{b['new_right']} right, +{b['new_wrong']} wrong -> P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("choose_on", help="brat corpus the keys and models are chosen on (a train split)")
    ap.add_argument("score_on", help="brat corpus they are scored on (a dev split)")
    ap.add_argument("--scope", default="attribution")
    ap.add_argument("--min-count", type=int, default=6)
    ap.add_argument("--bar", type=float, default=0.55)
    ap.add_argument("--learned", action="store_true", help="also the learned selector and end chooser (scikit-learn)")
    ap.add_argument("--cache", default=".parse-cache")
    ap.add_argument("--top", type=int, default=30, help="list this many chosen keys")
    args = ap.parse_args()

    a, b = (load_corpus(p, args.scope, Path(args.cache)) for p in (args.choose_on, args.score_on))
    rows_a, rows_b = corpus_frames(a), corpus_frames(b)
    keys = choose(rows_a, args.min_count, args.bar)
    print(f"1. {len(keys)} keys with >= {args.min_count} uncovered frames, right in >= {args.bar:.0%} on {args.choose_on}")
    for name, corpus, rows in ((args.choose_on, a, rows_a), (args.score_on, b, rows_b)):
        print("  " + _line(name, corpus.overlap, bound(corpus.overlap, [f for f in rows if f.key in keys])))
        reachable = len({f.hit for f in rows if f.hit is not None})
        print(f"    missed attributions that some uncovered frame reaches: {reachable} of {corpus.overlap['fn']}")
    if args.top:
        scored = choose(rows_b, 1, 0.0)
        print(f"\n  {'lemma':14} {'pos':5} {'path':24} chosen-on n/right   scored-on n/right")
        for k, (n, r) in sorted(keys.items(), key=lambda kv: -kv[1][1])[:args.top]:
            n2, r2 = scored.get(k, (0, 0))
            print(f"  {k[0]:14} {k[1]:5} {k[2]:24} {n:5} / {r:<5}       {n2:5} / {r2}")
    if not args.learned:
        return
    print(f"\n2. learned selector over the uncovered frames, trained on {args.choose_on}, on {args.score_on}:")
    prob = learned_frames(rows_a, rows_b)
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        chosen = [f for f, p in zip(rows_b, prob) if p >= threshold]
        print(f"  p >= {threshold}: " + _line(args.score_on, b.overlap, bound(b.overlap, chosen)).split(" | ")[1])
    print(f"\n3. learned end chooser, trained on {args.choose_on}, on {args.score_on}:")
    now = evaluate(b.gold, b.preds)
    print(f"  now: overlap F1 {now['overlap']['f1']:.3f} (tp {now['overlap']['tp']}), exact F1 {now['exact']['f1']:.3f} (tp {now['exact']['tp']})")
    for margin, moved, r in learned_ends(a, b):
        print(f"  margin {margin}: {moved} ends moved -> overlap P {r['overlap']['precision']:.3f} F1 {r['overlap']['f1']:.3f}"
              f" (tp {r['overlap']['tp']}), exact F1 {r['exact']['f1']:.3f} (tp {r['exact']['tp']})")
    print(f"\n4. learned filter, trained on {args.choose_on}, on {args.score_on}:")
    for threshold, dropped, r in learned_filter(a, b):
        print(f"  p < {threshold}: {dropped} predictions dropped -> overlap P {r['overlap']['precision']:.3f}"
              f" R {r['overlap']['recall']:.3f} F1 {r['overlap']['f1']:.3f}, exact F1 {r['exact']['f1']:.3f}")


if __name__ == "__main__":
    main()
