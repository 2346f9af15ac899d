"""spaCy's DependencyMatcher, run only where a pattern can be anchored.

spaCy's DependencyMatcher tries every node of every pattern at every token (the rules' 23
patterns make 67 token patterns), walks each matching token up to its sentence root, and forms
the product of the candidates sentence by sentence. Most nodes are loose ("a dobj", "a VERB");
what makes a match rare is the reporting word. So each pattern is anchored on a node that names
words (the first with a ``LEMMA``/``LOWER``/``ORTH``/``TEXT``/``NORM`` equality or ``IN`` list:
the cue lemmas, "according", the report nouns), derived from the pattern itself. One bulk
scan of the Doc finds the tokens that can anchor any pattern; from each, the pattern is matched
along the tree: up through the heads to the pattern's root, then down through the children.

The results are those of ``DependencyMatcher`` in the same order: patterns in the order added,
then by the matched tokens in node order (spaCy's product over ascending candidate lists, sentence
by sentence; a sentence's tokens are contiguous, so node order is also sentence order). A pattern
this module cannot express (an operator other than ``>``, a predicate other than equality,
``IN`` and ``NOT_IN`` on the attributes below) is handed to a real DependencyMatcher, so the
matcher accepts whatever spaCy accepts.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

# Token attributes a node may test, as the Matcher reads them: the integer forms (string hashes,
# or symbol ids for the labels spaCy has symbols for, as StringStore.add gives them).
INT_ATTRS = {"LEMMA": "lemma", "LOWER": "lower", "ORTH": "orth", "TEXT": "orth", "NORM": "norm",
             "POS": "pos", "TAG": "tag", "DEP": "dep", "ENT_TYPE": "ent_type"}
# The attributes that name words, which an anchor is found by (the array column of each).
LEXICAL = {"LEMMA": LEMMA, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM}
Test = Callable[[Token], bool]


def _node_test(attrs: dict, vocab: Vocab) -> Optional[Test]:
    """A predicate equal to the Matcher's for these RIGHT_ATTRS, or None if it is not expressible."""
    checks: list[tuple[str, str, Any]] = []

    def ids(words: list) -> frozenset:
        return frozenset(vocab.strings.add(w) for w in words)

    for key, value in attrs.items():
        name = INT_ATTRS.get(key)
        if name is None:
            return None
        if isinstance(value, str):
            checks.append((name, "eq", vocab.strings.add(value)))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN"} and all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()):
            if "IN" in value:
                checks.append((name, "in", ids(value["IN"])))
            if "NOT_IN" in value:
                checks.append((name, "not_in", ids(value["NOT_IN"])))
        else:
            return None

    def test(token: Token) -> bool:
        for name, op, v in checks:
            x = getattr(token, name)
            if op == "eq":
                if x != v:
                    return False
            elif op == "in":
                if x not in v:
                    return False
            elif x in v:
                return False
        return True

    return test


def _anchor_words(attrs: dict) -> Optional[tuple[int, frozenset]]:
    """(array attribute, the words) when this node's RIGHT_ATTRS name the words it can be."""
    for key, column in LEXICAL.items():
        value = attrs.get(key)
        if isinstance(value, str):
            return column, frozenset([value])
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return column, frozenset(value["IN"])
    return None


class _Compiled:
    """One pattern: each node's test, its parent node, and the anchor node."""

    def __init__(self, key: int, pattern: list, vocab: Vocab):
        self.key = key
        self.ok = False
        ids = [node.get("RIGHT_ID") for node in pattern]
        self.tests: list[Test] = []
        self.parent: list[int] = []
        for j, node in enumerate(pattern):
            test = _node_test(node.get("RIGHT_ATTRS", {}), vocab)
            if test is None:
                return
            if j == 0:
                if "REL_OP" in node or "LEFT_ID" in node:
                    return
                self.parent.append(-1)
            else:
                if node.get("REL_OP") != ">" or node.get("LEFT_ID") not in ids[:j]:
                    return
                self.parent.append(ids.index(node["LEFT_ID"]))
            self.tests.append(test)
        self.anchor, self.words = 0, None
        for j, node in enumerate(pattern):
            words = _anchor_words(node.get("RIGHT_ATTRS", {}))
            if words is not None:
                self.anchor, self.words = j, words
                break
        # The anchor's ancestors in the pattern, anchor first, up to the root node.
        self.path = [self.anchor]
        while self.parent[self.path[-1]] >= 0:
            self.path.append(self.parent[self.path[-1]])
        self.ok = True

    def matches(self, anchor: Token) -> list[tuple[int, ...]]:
        """Every match that puts the anchor node on ``anchor``, in node order."""
        fixed: dict[int, Token] = {}
        token = anchor
        for n, j in enumerate(self.path):
            if n:
                if token.head.i == token.i:  # the sentence root has no head to go up to
                    return []
                token = token.head
            if not self.tests[j](token):
                return []
            fixed[j] = token
        out: list[tuple[int, ...]] = []
        chosen: list[Token] = [fixed[0]]  # the tokens of the nodes matched so far, in node order
        n_nodes = len(self.tests)

        def extend(j: int) -> None:
            if j == n_nodes:
                out.append(tuple(t.i for t in chosen))
                return
            head = chosen[self.parent[j]]
            if j in fixed:
                # On the path: a child of its parent node's token by construction (the path was
                # climbed through heads), unless that parent is elsewhere (not on the path).
                t = fixed[j]
                if t.head.i == head.i and t.i != head.i:
                    chosen.append(t)
                    extend(j + 1)
                    chosen.pop()
                return
            test = self.tests[j]
            for child in head.children:
                if test(child):
                    chosen.append(child)
                    extend(j + 1)
                    chosen.pop()

        extend(1)
        return out


class AnchoredMatcher:
    """The DependencyMatcher interface (``add(key, [pattern])``, ``matcher(doc)`` giving
    ``[(key_id, [token indices in node order]), ...]``), with the same matches in the same order."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._order: list[int] = []
        self._compiled: dict[int, _Compiled] = {}
        self._fallback: Optional[DependencyMatcher] = None
        self._anchors: Optional[dict] = None  # built on first use (_anchor_index)

    def add(self, key: str, patterns: list) -> None:
        if len(patterns) != 1:  # several patterns under one key: spaCy's own order, spaCy's matcher
            self._add_fallback(key, patterns)
            return
        key_id = self.vocab.strings.add(key)
        compiled = _Compiled(key_id, patterns[0], self.vocab)
        if not compiled.ok:
            self._add_fallback(key, patterns)
            return
        self._order.append(key_id)
        self._compiled[key_id] = compiled
        self._anchors = None

    def _add_fallback(self, key: str, patterns: list) -> None:
        if self._fallback is None:
            self._fallback = DependencyMatcher(self.vocab)
        self._fallback.add(key, patterns)
        self._order.append(self.vocab.strings.add(key))

    def _anchor_index(self) -> dict[int, tuple[frozenset, dict[int, list[int]]]]:
        """Per array attribute: the hashes of every anchor word, and which patterns each anchors."""
        if self._anchors is None:
            index: dict[int, dict[int, list[int]]] = {}
            for key_id, c in self._compiled.items():
                if c.words is not None:
                    column, words = c.words
                    for w in words:
                        index.setdefault(column, {}).setdefault(self.vocab.strings.add(w), []).append(key_id)
            self._anchors = {column: (frozenset(by_hash), by_hash) for column, by_hash in index.items()}
        return self._anchors

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        if not isinstance(doc, Doc):
            raise ValueError("AnchoredMatcher matches over a Doc")
        by_key: dict[int, list] = {}
        if self._compiled and len(doc):
            # Where each pattern can be anchored: one look-up per attribute, over its column read
            # in bulk (a set look-up per token: numpy.isin sorts, slower on a document's size).
            anchors = self._anchor_index()
            columns = list(anchors)
            where: dict[int, set[int]] = {key_id: set() for key_id in self._compiled}
            if columns:
                arr = doc.to_array(columns).reshape(len(doc), len(columns))
                for n, column in enumerate(columns):
                    hashes, by_hash = anchors[column]
                    for i, value in enumerate(arr[:, n].tolist()):
                        if value in hashes:
                            for key_id in by_hash[value]:
                                where[key_id].add(i)
            for key_id, c in self._compiled.items():
                # A pattern whose nodes name no word may be anchored anywhere.
                tokens = sorted(where[key_id]) if c.words is not None else range(len(doc))
                found: list[tuple[int, ...]] = []
                for i in tokens:
                    found.extend(c.matches(doc[i]))
                found.sort()
                by_key[key_id] = [(key_id, list(m)) for m in found]
        if self._fallback is not None:
            for key_id, nodes in self._fallback(doc):
                by_key.setdefault(key_id, []).append((key_id, nodes))
        return [m for key_id in self._order for m in by_key.get(key_id, [])]
