"""Token-by-token proof that quotes/lookups.py annotates as spaCy's attribute_ruler and lemmatizer do.

    python bench/lookups_check.py [PATH ...] [--model M]

PATH: .txt files, folders or .jsonl (default: PolNeAR train and dev texts and GGT dev). Each text
is parsed as `quotes extract` parses it up to the parser; then one copy goes through spaCy's
attribute_ruler and lemmatizer, another through the lookups. Every token's tag, POS, morphology,
lemma and dependency label must be equal. Prints the counts, the time each took,
and the first differences; exits 1 on any.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path("/work/shared/data")
DEFAULT = [str(DATA / "polnear" / "train" / "text"), str(DATA / "polnear" / "dev" / "text"),
           str(DATA / "ggt" / "dev.jsonl")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=DEFAULT)
    ap.add_argument("--model")
    args = ap.parse_args()

    import spacy
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from quotes import component  # noqa: F401  quotes_paragraphs
    from quotes.api import RunSplittingTokenizer, default_model
    from quotes.io import read_inputs
    from quotes.lookups import LookupAttributeRuler, LookupLemmatizer

    nlp = spacy.load(args.model or default_model())
    nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
    nlp.add_pipe("quotes_paragraphs", before="parser")
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    lookup, lookup_lemmatizer = LookupAttributeRuler(ruler), LookupLemmatizer(lemmatizer)
    after = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler"):]
    texts = [r["text"] for r in read_inputs(args.paths) if isinstance(r.get("text"), str)]
    cols = [TAG, POS, MORPH, LEMMA, DEP]
    names = ["tag", "pos", "morph", "lemma", "dep"]
    n_docs = n_tokens = 0
    t_ruler = t_lookup = 0.0
    diffs: list[str] = []
    with nlp.select_pipes(disable=after):
        for doc in nlp.pipe(texts, batch_size=16):
            a, b = doc.copy(), doc.copy()
            t = time.process_time()
            lemmatizer(ruler(a))
            t_ruler += time.process_time() - t
            t = time.process_time()
            lookup_lemmatizer(lookup(b))
            t_lookup += time.process_time() - t
            x, y = a.to_array(cols), b.to_array(cols)
            n_docs += 1
            n_tokens += len(doc)
            if (x != y).any():
                for i in sorted(set((x != y).nonzero()[0].tolist()))[:5]:
                    ta, tb = a[i], b[i]
                    diffs.append(f"doc {n_docs} token {i} {ta.text!r}: " + ", ".join(
                        f"{n} {getattr(ta, n + '_')!r} vs {getattr(tb, n + '_')!r}" for n in names
                        if getattr(ta, n + "_") != getattr(tb, n + "_")))
    for d in diffs[:30]:
        print(d)
    print(f"{n_docs} documents, {n_tokens} tokens: {'IDENTICAL' if not diffs else f'{len(diffs)} DIFFERENT tokens'} "
          f"(tag, pos, morph, lemma, dep); CPU: spaCy's attribute_ruler + lemmatizer {t_ruler:.2f} s, lookups {t_lookup:.2f} s")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
