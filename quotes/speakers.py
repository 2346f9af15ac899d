"""Speakers: who a speaker mention is (``name``), what kind of source it is (``kind``), whether it
is an unnamed source (``anonymous``), and which earlier mention of the same unnamed source it
refers back to (``refers_to``).

Resolution stays inside the document: a mention never gets a name the document does not contain.
The job is in three parts:

- quotes/cast.py: the document's people and organisations (names, roles, genders, mentions), read
  once per document;
- quotes/resolve.py: who one mention is, against the cast and what was resolved before it;
- this module: the order in which the quotes' speakers are resolved (``resolve``), and the
  mentions that are not speakers (``describe``: chain links, a speaker moved by a relay).

Non-speaker subjects ("he moved ...", "the mayor brought up ...") are resolved in text order with
the speakers, so that the thread of who the story is about carries to the next "he said".

All word lists are in rules/speakers.json (and the media lexicon in rules/chains.json); they are
compiled once per Rules object by ``lexicon.lexicon``.
"""
from __future__ import annotations

from typing import Optional, Union

from spacy.tokens import Doc

from .cast import is_main_subject
from .context import DocContext
from .lexicon import Lexicon, lexicon, norm  # noqa: F401 - the lexicon's old home
from .model import Quote, Span, Speaker
from .resolve import Resolution, Resolver
from .rules import Rules


def resolve(doc: Union[Doc, DocContext], quotes: list[Quote], rules: Optional[Rules] = None) -> None:
    """Fill ``name``, ``kind``, ``anonymous`` and ``refers_to`` of every quote's speaker, in
    place, reading the mentions in text order (first-person mentions inside quotes last, since
    they take their quote's speaker, who may be named after the quote)."""
    ctx = DocContext.of(doc, rules)
    src = Resolver(ctx, ctx.cast(quotes), quotes)
    speakers = [q for q in quotes if q.speaker is not None]
    first_person = {w for w, c in src.lex.pronouns.items() if c in ("first_person", "first_person_plural")}
    later = [q for q in speakers if norm(q.speaker.text) in first_person]
    now = [q for q in speakers if norm(q.speaker.text) not in first_person]
    done: dict[tuple[int, int], Resolution] = {}
    # Subjects that are not speakers still carry the thread of who the story is about: "he" in
    # "On Oct. 1, he moved into an apartment", "the mayor" in "the mayor brought up the plan again".
    # They are resolved in text order with the speakers, so that a later "he said" finds the
    # person through them rather than through a name mentioned in passing.
    taken = {q.speaker.start for q in speakers}
    items = [(q.speaker.start, q) for q in now] + [(sp.start, sp) for sp in src.discourse_subjects() if sp.start not in taken]
    for _, item in sorted(items, key=lambda it: it[0]):
        if isinstance(item, Quote):
            apply(item, src, done)
        else:
            res = src.resolve(item)
            if res.name and not res.anonymous:
                item.name, item.kind = res.name, res.kind
                tok = ctx.token(item.start, item.end)
                src.remember(item, res, main=tok is not None and is_main_subject(tok))
    for q in sorted(later, key=lambda q: q.speaker.start):
        apply(q, src, done)


def apply(q: Quote, src: Resolver, done: Optional[dict] = None) -> None:
    """Resolve one quote's speaker with ``src`` and write the result on it."""
    sp = q.speaker
    key = (sp.start, sp.end)
    res = done.get(key) if done is not None else None
    if res is None:
        res = src.resolve(sp, q)
        if done is not None:
            done[key] = res
    if res.end is not None and res.end > sp.end:
        sp.end = res.end
        sp.text = src.text[sp.start:sp.end]
    sp.name, sp.kind, sp.anonymous, sp.refers_to = res.name, res.kind, res.anonymous, res.refers_to
    if sp.refers_to is not None and sp.refers_to.start == sp.start:
        sp.refers_to = None
    src.remember(sp, res)


def describe(doc: Union[Doc, DocContext], quotes: list[Quote], rules: Optional[Rules], mentions: list[Span]) -> list[Speaker]:
    """Resolve mentions that are not (yet) speakers, e.g. chain links or a speaker moved by a
    relay, against the document and the already resolved speakers of ``quotes``."""
    ctx = DocContext.of(doc, rules)
    src = Resolver(ctx, ctx.cast(quotes), quotes)
    for q in quotes:
        if q.speaker is not None:
            src.remember(q.speaker)
    out = []
    for m in mentions:
        sp = Speaker(start=m.start, end=m.end, text=m.text)
        res = src.resolve(sp)
        sp.name, sp.kind, sp.anonymous, sp.refers_to = res.name, res.kind, res.anonymous, res.refers_to
        if sp.refers_to is not None and sp.refers_to.start == sp.start:
            sp.refers_to = None
        out.append(sp)
    return out
