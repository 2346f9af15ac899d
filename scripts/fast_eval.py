"""`quotes evaluate` for rule writers: the spaCy parse of a corpus is cached, so a changed rule is
scored in seconds rather than minutes.

    python scripts/fast_eval.py GOLD [--scope attribution] [--outermost] [--match gold30]
                                [--rules DIR] [--errors] [--by-rule] [--json] [--cache DIR] [-o PRED]

The first run parses GOLD's texts with every pipe before the ``quotes`` component and stores the
Docs (spaCy DocBin, user data included) under ``--cache`` (default ``.parse-cache/``), keyed by the
model, its version, its pipe names and the texts. Later runs load them and run only the ``quotes`` component, which
gives the same quotes as ``quotes evaluate`` (the component reads nothing the DocBin drops; its
title-case reparse uses the live pipeline). The report is ``quotes evaluate``'s. A development
tool: the cache is not part of the product.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.tokens import DocBin  # noqa: E402

from quotes.api import load_pipeline, provenance  # noqa: E402
from quotes.brat import read_records  # noqa: E402
from quotes.evaluate import error_list, evaluate, outermost  # noqa: E402
from quotes.reports import format_by_rule, format_errors, format_report  # noqa: E402


def parsed_docs(nlp, texts: list[str], cache: Path) -> list:
    """The Docs of ``texts`` parsed by every pipe before ``quotes``, from the cache when there."""
    key = hashlib.sha256()
    key.update(f"{nlp.meta.get('name')}:{nlp.meta.get('version')}:{nlp.pipe_names}".encode())
    for t in texts:
        key.update(hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest())
    path = cache / f"{key.hexdigest()[:24]}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    with nlp.select_pipes(disable=["quotes"]):
        docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))  # the same route as a cached run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--gold-format", default=None)
    ap.add_argument("--scope", default=None)
    ap.add_argument("--rules", default=None)
    ap.add_argument("--model", default=None)
    ap.add_argument("--match", default="overlap")
    ap.add_argument("--outermost", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--by-rule", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cache", default=".parse-cache")
    ap.add_argument("-o", "--output", help="also write the predicted records (JSONL) here")
    args = ap.parse_args()

    gold = list(read_records(args.gold, args.gold_format))
    nlp = load_pipeline(args.model, args.rules, args.scope)
    t = time.perf_counter()
    docs = parsed_docs(nlp, [g["text"] for g in gold], Path(args.cache))
    parse_s = time.perf_counter() - t
    component = nlp.get_pipe("quotes")
    prov = provenance(nlp)
    t = time.perf_counter()
    pred = []
    for g, doc in zip(gold, docs):
        doc = component(doc)
        rec = {"id": g["id"], "text": g["text"], "meta": {"quotes_provenance": prov}, "quotes": doc._.quotes or []}
        if doc._.quote_errors:
            rec["errors"] = list(doc._.quote_errors)
        pred.append(rec)
    quotes_s = time.perf_counter() - t
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            for rec in pred:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if args.outermost:
        pred = list(outermost(pred))
    result = evaluate(gold, pred, match=args.match)
    if args.json:
        out = {"quotes": result}
        if args.errors:
            out["errors"] = error_list(gold, pred, match=args.match)
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(format_report(result, None, names=("quotes", "")))
    print(f"\ntime ({len(gold)} documents): parse or cache {parse_s:.1f}s, quotes component {quotes_s:.1f}s")
    if args.by_rule:
        print(f"\nPrecision by rule and cue ({args.match}):\n")
        print(format_by_rule(result), end="")
    if args.errors:
        print("\nErrors:\n")
        print(format_errors(error_list(gold, pred, match=args.match)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
