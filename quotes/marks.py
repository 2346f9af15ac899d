"""Pairing quotation marks in raw text.

News uses straight marks ("), curly marks (“ ”), guillemets (« ») and low-high marks („ “). Only
double marks delimit quotes here: single marks (’ ‘ ') are mostly apostrophes ("It’s", "Putin’s",
"ministers’"), and a single-quoted stretch inside a double-quoted quote is part of it.

A straight mark's direction is read from its neighbours: after a space or an opening bracket and
before a word it opens; after a word or punctuation and before a space it closes. A curly mark is
trusted for its direction unless the pairing state contradicts it and its neighbours agree with
the state (writers and converters swap them).

The news convention for a quote that runs over several paragraphs: each paragraph of the quote
opens with a mark, only the last one closes. Such a run is one quote. A mark that cannot be paired
is skipped; pairing never raises.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CLOSERS = {"”", "»"}
STRAIGHT = '"'
# Two apostrophes ('') and two backticks (``) stand for double marks in older wire and NYT text.
MARK_RE = re.compile("''|``|[\"“”«»„‟]")
STRAIGHT_LIKE = {STRAIGHT, "''"}
# Quotation marks as token texts (a content keeps them at its edges, unlike other punctuation).
QUOTE_MARKS = set('"“”«»„‟') | {"''", "``"}
_OPEN_BEFORE = set(" \t\n\r([{—–-/\u00a0")


@dataclass(frozen=True)
class QuoteSpan:
    """A paired quotation: ``start`` is the opening mark, ``end`` is just after the closing mark."""

    start: int
    end: int
    paragraphs: int = 1  # how many paragraphs the quote runs over


def _direction(text: str, i: int, j: int) -> str:
    """'open', 'close' or '?' for the mark at ``text[i:j]`` from its neighbours."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[j] if j < len(text) else "\n"
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ",.;:!?)]}—–-'’" or after == "\n")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def pair_quotes(text: str) -> list[QuoteSpan]:
    """All double-quoted stretches of ``text``, in order, outermost only."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # position of the pending opening mark
    open_char = ""
    open_sure = False  # was the pending opening mark's direction clear from its neighbours?
    paragraphs = 1
    last_para_end = -1  # position of the newline that ended the pending quote's paragraph, if any

    for m in MARK_RE.finditer(text):
        i, j, ch = m.start(), m.end(), m.group()
        ctx = _direction(text, i, j)
        if ch in STRAIGHT_LIKE:
            kind = ctx if ctx != "?" else ("close" if open_at is not None else "open")
        elif ch in CLOSERS and not (ch == "“" and open_char == "„"):
            kind = "close"
            if open_at is None and ctx == "open":
                kind = "open"  # a reversed mark at the start of a quote
        elif open_char == "„" and ch == "“":
            kind = "close"
        else:  # an opening glyph
            kind = "open"
            if open_at is not None and ctx == "close":
                kind = "close"  # “...“ used as both marks

        if open_at is not None:
            # Has the pending quote crossed a paragraph break since it opened (or since its last
            # reopening)? Then only an opening mark at the start of the next paragraph continues it.
            newline = text.find("\n", max(open_at, last_para_end) + 1, i)
            if newline != -1:
                para_start = _paragraph_start(text, i)
                if kind == "open" and text[para_start:i].strip() == "" and _only_blank_between(text, newline, para_start):
                    paragraphs += 1
                    last_para_end = para_start - 1
                    continue  # the quote goes on in this paragraph
                # The pending quote never closed: drop it, and read this mark afresh.
                open_at, open_char, paragraphs, last_para_end = None, "", 1, -1
                if kind == "close":
                    continue

        if kind == "open" and open_at is not None and ch in STRAIGHT_LIKE and open_sure:
            # A straight mark while a quote is pending closes it, unless the pending mark was
            # itself doubtful (spaces on both sides: 'an odd " here') and this one clearly opens.
            kind = "close"
        if kind == "open":
            # Otherwise an opening mark inside an open quote of the same paragraph means the
            # pending one was stray (news does not nest double marks): start again here.
            open_at, open_char, paragraphs, last_para_end = i, ch, 1, -1
            open_sure = ch not in STRAIGHT_LIKE or ctx == "open"
        elif open_at is not None:
            # A closing mark, or a straight mark while a quote is pending, closes it.
            spans.append(QuoteSpan(open_at, j, paragraphs))
            open_at, open_char, paragraphs, last_para_end = None, "", 1, -1
    return spans


def _paragraph_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _only_blank_between(text: str, a: int, b: int) -> bool:
    """True when text[a:b] is only line breaks and spaces: the quote's paragraph ended at ``a`` and
    the next paragraph starts at ``b``, with nothing but blank lines between."""
    return text[a:b].strip() == ""
