"""spaCy's attribute_ruler and lemmatizer as lookups: the same annotations, below the cost of a
bare parse.

The English pipelines' attribute_ruler maps the tagger's fine tags to coarse POS and morphology
and fixes words the tagger leaves ambiguous ("n't" is PART with Polarity=Neg, "'s" after a noun
is AUX "be"): 179 Matcher patterns, tried at every token, then one Span and one attribute call
per match. Nearly all are one-token patterns whose conditions read only the token's tag, lower
form, dependency label and whether it is a space; for one combination of those four values the
result is always the same. So the result is computed once per combination (by the patterns'
own conditions, in the ruler's order: a later pattern overrides an earlier one) and looked up
for every token; the values go in with one ``Doc.from_array``.

What the lookup cannot express (patterns of several tokens, ``REGEX`` on anything but the lower
form, other predicates) runs through a Matcher of its own, and its matches are applied in their
place in the ruler's order.

The lemmatizer (rule or lookup mode) computes a lemma from the word, its POS and its morphology
alone (spaCy caches it under that key), one Python call per token; here the lemma of a key is
asked of the lemmatizer itself once, then found for every token with that key from the arrays.

``install`` puts both in place of spaCy's own (same names), only when they are spaCy's
AttributeRuler and Lemmatizer; bench/lookups_check.py compares them token by token on whole
corpora.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

import re
from bisect import bisect_left

import numpy
from spacy.attrs import DEP, IDS, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Table
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

# The token attributes a one-token condition may read here, as columns of Doc.to_array.
KEY_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
KEY_COLUMNS = list(KEY_ATTRS.values())


def _condition(spec: dict, strings: Any) -> Optional[list]:
    """A one-token Matcher spec as checks on the key columns, or None if it reads anything else
    or uses another predicate (the Matcher compares string hashes, as here)."""
    checks = []
    for key, value in spec.items():
        if key not in KEY_ATTRS:
            return None
        col = KEY_COLUMNS.index(KEY_ATTRS[key])
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            checks.append((col, "eq", int(value)))
        elif isinstance(value, str):
            checks.append((col, "eq", strings.add(value)))
        elif key == "LOWER" and isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
            # the Matcher searches the attribute's string: the lower form, looked up by its hash
            checks.append((col, "regex", (re.compile(value["REGEX"]), strings)))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN"} and all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()):
            for op in ("IN", "NOT_IN"):
                if op in value:
                    checks.append((col, op.lower(), frozenset(strings.add(x) for x in value[op])))
        else:
            return None
    return checks


def _holds(checks: list, key: tuple) -> bool:
    for col, op, v in checks:
        x = key[col]
        if op == "eq":
            if x != v:
                return False
        elif op == "in":
            if x not in v:
                return False
        elif op == "not_in":
            if x in v:
                return False
        elif x is None or not v[0].search(v[1][x]):  # regex
            return False
    return True


class LookupAttributeRuler:
    """Gives a Doc what the wrapped AttributeRuler gives it; anything else is the ruler's."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        strings = ruler.vocab.strings
        self.rules: list[tuple[int, list, dict]] = []  # (rule index, alternatives' checks, attrs)
        self.rest = Matcher(ruler.vocab)  # the patterns the lookup cannot express
        self.starts: Optional[list] = []  # their first tokens' conditions (None: not all known)
        self.columns: list[int] = []
        for n, entry in enumerate(ruler.patterns):
            alternatives = [_condition(p[0], strings) if len(p) == 1 else None for p in entry["patterns"]]
            if entry["index"] in (0, -1) and all(a is not None for a in alternatives):
                self.rules.append((n, alternatives, ruler.attrs[n]))
            else:
                self.rest.add(str(n), entry["patterns"])
                # A match of these starts at a token that meets the first condition: when every
                # first condition is expressible, the Matcher runs only on documents that have one.
                for p in entry["patterns"]:
                    first = _condition(p[0], strings) if p else None
                    if first is None:
                        self.starts = None
                    elif self.starts is not None:
                        self.starts.append(first)
            for attr in ruler.attrs[n]:
                if attr not in self.columns:
                    self.columns.append(attr)
        unknown = [a for a in self.columns if not isinstance(a, int) or a not in IDS.values()]
        if unknown:  # an extension ("_") or something else from_array cannot write
            raise ValueError(f"attribute ruler sets {unknown}, which the lookup does not write")
        self.index = {attr: c for c, attr in enumerate(self.columns)}
        self.by_context: dict[tuple, list] = {}  # (tag, dep, is_space) -> rules that may hold
        # (tag, dep, is_space) -> lower form -> (rules that hold, what they set, may start a rest match)
        self.memo: dict[tuple, dict] = {}
        self.outcomes: dict[tuple, tuple] = {}

    def _candidates(self, tag: int, dep: int, space: int) -> list:
        """The rules whose conditions other than the lower form hold in this context, each with
        the lower-form checks of its alternatives (None: it holds whatever the word)."""
        context = (tag, dep, space)
        found = self.by_context.get(context)
        if found is None:
            found = []
            probe = [tag, None, dep, space]  # KEY_COLUMNS order; the lower form left open
            low = KEY_COLUMNS.index(LOWER)
            for n, alternatives, attrs in self.rules:
                lowers = []
                for checks in alternatives:
                    rest = [c for c in checks if c[0] != low]
                    if _holds(rest, probe):
                        lowers.append([c for c in checks if c[0] == low])
                if lowers:
                    found.append((n, attrs, None if any(not x for x in lowers) else lowers))
            found = self.by_context[context] = found
        return found

    def _lookup(self, key: tuple) -> tuple:
        """The (rule index, attrs) of the one-token rules that hold for a token with this key, and
        the (column, value) pairs they leave, a later rule's value replacing an earlier one's."""
        tag, lower, dep, space = key
        words = self.memo.setdefault((tag, dep, space), {})
        found = words.get(lower)
        if found is None:
            rules = [(n, attrs) for n, attrs, lowers in self._candidates(tag, dep, space)
                     if lowers is None or any(_holds(c, key) for c in lowers)]
            final: dict[int, int] = {}
            for _, attrs in rules:
                for attr, value in attrs.items():
                    final[self.index[attr]] = value
            may_start = self.starts is None or any(_holds(c, key) for c in self.starts)
            # Most words share their outcome with others of their tag: one object for each.
            signature = (tuple(n for n, _ in rules), may_start)
            found = self.outcomes.get(signature)
            if found is None:
                found = self.outcomes[signature] = (rules, list(final.items()), may_start)
            words[lower] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(KEY_COLUMNS).tolist()
        values = doc.to_array(self.columns)
        if len(self.columns) == 1:
            values = values.reshape(len(doc), 1)
        rows = values.tolist()
        lookup, memo = self._lookup, self.memo
        found_all = []
        for key in keys:
            found = memo.get((key[0], key[2], key[3]), {}).get(key[1])
            found_all.append(found if found is not None else lookup(tuple(key)))
        extra: dict[int, list] = {}
        if len(self.rest) and any(f[2] for f in found_all):
            for match_id, start, end in self.rest(doc, allow_missing=True):
                n = int(self.ruler.vocab.strings[match_id])
                i = range(start, end)[self.ruler.indices[n]]  # IndexError as the ruler's E1001 would be
                extra.setdefault(i, []).append((n, start, self.ruler.attrs[n]))
        for i, found in enumerate(found_all):
            row = rows[i]
            if i in extra:  # interleaved by rule index (then start), as the ruler applies them
                for _, _, attrs in sorted([(n, -1, a) for n, a in found[0]] + extra[i], key=lambda x: (x[0], x[1])):
                    for attr, value in attrs.items():
                        row[self.index[attr]] = value
            else:
                for c, value in found[1]:
                    row[c] = value
        doc.from_array(self.columns, numpy.array(rows, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def __getattr__(self, name: str) -> Any:  # config, patterns, to_disk ...: the ruler's
        if name == "ruler":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.ruler, name)


class LookupLemmatizer:
    """Gives a Doc the lemmas the wrapped Lemmatizer gives it; anything else is the lemmatizer's."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple, int] = {}  # (orth, pos, morph) -> lemma hash
        self.rules: Optional[_SetIndexed] = _SetIndexed(lemmatizer) if lemmatizer.mode == "rule" else None

    def lemma(self, token: Any) -> str:
        """The lemma spaCy's lemmatizer gives this token: its own rule code, run on tables whose
        word lists are sets (it only asks whether a form is in them), or its lookup."""
        if self.rules is not None:
            return Lemmatizer.rule_lemmatize(self.rules, token)[0]  # type: ignore[arg-type]
        return self.lemmatizer.lemmatize(token)[0]

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if not lem._validated or not len(doc):  # the first call checks the tables: spaCy's own
            return lem(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        memo, strings = self.memo, doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lem.overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = strings.add(self.lemma(doc[i]))
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def __getattr__(self, name: str) -> Any:
        if name == "lemmatizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.lemmatizer, name)


class _SortedWords:
    """A word list answering ``in`` by binary search: as exact as a set, at a pointer a word."""

    def __init__(self, words: Iterable[str]):
        self.words = sorted(words)

    def __contains__(self, word: Any) -> bool:
        i = bisect_left(self.words, word)
        return i < len(self.words) and self.words[i] == word

    def __len__(self) -> int:
        return len(self.words)


class _Unkept(dict):
    """A cache that keeps nothing."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


class _SetIndexed:
    """What Lemmatizer.rule_lemmatize reads of its lemmatizer (``cache``, ``lookups``,
    ``is_base_form``), with the "lemma_index" word lists as sets: spaCy loads them as lists of
    up to 57,000 words and tests ``form in index`` on every new word."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.cache = _Unkept()  # LookupLemmatizer keeps the lemmas: a second copy would cost memory
        self.is_base_form = lemmatizer.is_base_form
        self.tables = {name: lemmatizer.lookups.get_table(name) for name in lemmatizer.lookups.tables}
        if "lemma_index" in self.tables:
            # (a Table given its data sizes its Bloom filter by it; an empty one takes 18 MB)
            self.tables["lemma_index"] = Table(name="lemma_index", data={
                key: _SortedWords(words) for key, words in self.tables["lemma_index"].items()})
        self.lookups = self

    def get_table(self, name: str, default: Any = None) -> Any:
        return self.tables.get(name, default)


def install(nlp: Language) -> list[str]:
    """Put the lookups in the place of the pipeline's attribute ruler and lemmatizer (same names),
    where they are spaCy's own classes (a subclass may do more); the names of those replaced."""
    replaced = []
    # Language keeps its components in _components; replace_pipe would build a new one from
    # a registered factory and its config, which cannot hold the loaded patterns and tables.
    for pos, (name, proc) in enumerate(nlp._components):
        if type(proc) is AttributeRuler:
            nlp._components[pos] = (name, LookupAttributeRuler(proc))
        elif isinstance(proc, Lemmatizer) and type(proc).__name__ in ("Lemmatizer", "EnglishLemmatizer") \
                and proc.mode in ("rule", "lookup"):  # modes whose lemma is a function of the key
            nlp._components[pos] = (name, LookupLemmatizer(proc))
        else:
            continue
        replaced.append(name)
    return replaced
