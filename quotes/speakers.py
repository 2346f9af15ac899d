"""Speakers: who a speaker mention is (name), what kind of source it is, and whether it is
anonymous. Resolution stays inside the document: a mention never gets a name that the document
does not contain."""
from __future__ import annotations

from spacy.tokens import Doc

from .model import Quote
from .rules import Rules

PRONOUNS = {"he", "she", "him", "her"}


def resolve(doc: Doc, quotes: list[Quote], rules: Rules) -> None:
    """Fill ``speaker.name`` and ``speaker.kind`` in place."""
    people: list[tuple[int, str]] = [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    last_name = None
    for q in sorted(quotes, key=lambda q: q.speaker.start if q.speaker else q.content.start):
        sp = q.speaker
        if sp is None:
            continue
        words = sp.text.split()
        if sp.text.lower() in PRONOUNS:
            sp.name, sp.kind = last_name, "person"
        else:
            full = [n for s, n in people if s <= sp.start and words and n.split()[-1] == words[-1]]
            if full:
                sp.name = max(full, key=len)
                sp.kind = "person"
        if sp.name:
            last_name = sp.name
