"""Title-case headlines, parsed again in sentence case.

The small English model reads a headline in title case ("Conservative Icon Morton Blackwell
Endorses Ted Cruz") as one run of proper nouns, with no verb to attribute anything to. Lowering
the first letter of each word that is not a name ("Conservative icon Morton Blackwell endorses
Ted Cruz") gives the parser a sentence back. The change keeps every character's place (a letter
for a letter), so the offsets of what the finders take from the reparsed line are offsets into
the original text, whose own characters the quote then carries.

A word stays capitalised when the article uses it as a name elsewhere: capitalised in a line
that is not in title case, and not as the first word of a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

from spacy.tokens import Doc

from .context import DocContext
from .model import ChainLink, Content, Cue, Quote, Span, Speaker
from .rules import Rules

WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(frozen=True)
class TitleRules:
    small_words: frozenset  # words a title leaves in lower case ("of", "to", "the")
    min_words: int
    max_words: int
    min_capitalised: float  # share of the other words that start with a capital


def title_rules(rules: Rules) -> Optional[TitleRules]:
    """cues.json's headlines 'title_case' section, compiled once; None when it has none."""
    def build() -> Optional[TitleRules]:
        spec = rules.cues.get("headlines", {}).get("title_case")
        if not spec:
            return None
        return TitleRules(small_words=frozenset(w.lower() for w in spec.get("small_words", [])),
                          min_words=int(spec.get("min_words", 4)), max_words=int(spec.get("max_words", 25)),
                          min_capitalised=float(spec.get("min_capitalised", 0.8)))
    return rules.derived("titlecase.rules", build)


def title_lines(text: str, tr: TitleRules) -> list[tuple[int, int]]:
    """(start, end) of every line written in title case."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        words = WORD_RE.findall(m.group())
        if not tr.min_words <= len(words) <= tr.max_words:
            continue
        others = [w for w in words[1:] if w.lower() not in tr.small_words]
        if len(others) >= tr.min_words - 1 and \
                sum(w[0].isupper() for w in others) >= tr.min_capitalised * len(others) and \
                not all(w.isupper() for w in others):  # an all-capitals line is another matter
            out.append((m.start(), m.end()))
    return out


def name_words(ctx: DocContext, lines: list[tuple[int, int]]) -> frozenset:
    """Words the article writes capitalised where case tells: outside title-case lines, not first
    in their sentence."""
    out = set()
    for i in ctx.capitalised:
        tok = ctx.doc[i]
        if tok.is_sent_start or any(s <= tok.idx < e for s, e in lines):
            continue
        out.add(tok.text)
    return frozenset(out)


def sentence_case(line: str, names: frozenset) -> str:
    """The line with every capitalised word but the first and the article's names lowered at its
    first letter: the same length, every character in its place."""
    chars = list(line)
    for n, m in enumerate(WORD_RE.finditer(line)):
        word = m.group()
        if n == 0 or word in names or word.isupper() or not word[0].isupper():
            continue
        chars[m.start()] = word[0].lower()
    return "".join(chars)


def reparsed_quotes(doc: Union[Doc, DocContext], rules: Rules, parse: Callable[[str], Doc],
                    find: Callable[[Doc], list[Quote]]) -> list[Quote]:
    """The quotes ``find`` gives on each title-case line of ``doc`` parsed again in sentence case
    by ``parse``, with their offsets moved to the line's place in ``doc`` and their texts taken
    from the original."""
    tr = title_rules(rules)
    if tr is None:
        return []
    ctx = DocContext.of(doc, rules)
    doc, text = ctx.doc, ctx.text
    lines = title_lines(text, tr)
    if not lines:
        return []
    names = name_words(ctx, lines)
    out = []
    for start, end in lines:
        line_doc = parse(sentence_case(text[start:end], names))
        out.extend(_moved(q, text, start) for q in find(line_doc))
    return out


def _moved(q: Quote, text: str, offset: int) -> Quote:
    """The quote with every span moved by ``offset`` into ``text``."""
    def move(span: Optional[Span], cls=Span, **extra):
        if span is None:
            return None
        return cls(start=span.start + offset, end=span.end + offset,
                   text=text[span.start + offset:span.end + offset], **extra)

    content = move(q.content, Content, fragments=[move(f) for f in q.content.fragments] if q.content.fragments else None)
    cue = move(q.cue, Cue, lemma=q.cue.lemma) if q.cue else None
    speaker = move(q.speaker, Speaker) if q.speaker else None
    chain = [move(link, ChainLink, name=link.name, kind=link.kind, relation=link.relation) for link in q.chain]
    return Quote(id=q.id, type=q.type, content=content, cue=cue, speaker=speaker, addressee=move(q.addressee),
                 chain=chain, nested_in=q.nested_in, rule=q.rule, frame=q.frame)
