"""What one rule found, as plain tuples, shared by the tests of the issue-12 pattern files: a test
writes the content, cue and speaker it expects and compares. And ``extractor_with``: an extractor
with some keys of a convention set otherwise, for the tests of conventions.json."""
from __future__ import annotations

from typing import Callable, Iterable


def _speaker(q: dict) -> "str | None":
    return q["speaker"]["text"] if q["speaker"] else None


def found(quotes: Iterable[dict], rule: str) -> list[tuple]:
    """(content, cue, speaker) of the records' quotes made by ``rule``."""
    return [(q["content"]["text"], q["cue"]["text"], _speaker(q)) for q in quotes if q["rule"] == rule]


def found_framed(quotes: Iterable[dict], rule: str) -> list[tuple]:
    """(content, cue, speaker, frame) of the records' quotes made by ``rule``."""
    return [(q["content"]["text"], q["cue"]["text"], _speaker(q), q["frame"]) for q in quotes if q["rule"] == rule]


def found_in(extract: Callable[[str], list[dict]], text: str, rule: str) -> list[tuple]:
    """``found`` on the quotes extracted from ``text``."""
    return found(extract(text), rule)


def found_quotes(quotes: Iterable, rule: str) -> list[tuple]:
    """(content, cue, speaker) of Quote objects (a matcher's own output) made by ``rule``."""
    return [(q.content.text, q.cue.text, q.speaker.text if q.speaker else None) for q in quotes if q.rule == rule]


def extractor_with(vocab, convention: str = "attribution", **keys):
    """An Extractor of ``convention`` (every frame kept) with the convention ``keys`` of
    rules/conventions.json set as given, the rest as shipped."""
    import copy
    import dataclasses

    from quotes.pipeline import Extractor
    from quotes.rules import load_rules
    rules = load_rules()
    if keys:
        conventions = copy.deepcopy(rules.conventions)
        conventions["conventions"][convention].update(keys)
        rules = dataclasses.replace(rules, conventions=conventions)
    return Extractor(vocab, rules, convention)
