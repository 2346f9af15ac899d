"""From a parsed Doc to its quotes: the order in which the jobs run, and how direct and indirect
findings are merged.

1. marks pairing and direct quotes (direct.py);
2. indirect and mixed quotes from the dependency patterns (indirect.py), also on title-case
   headlines parsed again in sentence case (titlecase.py);
3. merging: an indirect match that only restates a direct quote goes; an indirect content that
   holds a quoted fragment becomes a mixed quote; fragments nobody claims (titles, scare quotes)
   are dropped;
3b. the scope's convention (rules/conventions.json): no quotes from link headlines or photo
   captions, a quotation over several paragraphs split per paragraph (news), a follow-on
   quotation joined to the quote it continues (follow_on_quotes 'join'); an unattributed
   quotation that opens a paragraph takes the previous paragraph's source;
4. speakers resolved to names, kinds and anonymity (speakers.py, against the document's cast:
   cast.py, resolve.py);
5. nesting and attribution chains (chains.py);
6. the frame of every quote (frames.py); the component then keeps the frames of its scope;
6b. the scope's convention: a quote of a weak host rule (conventions.json "weak_hosts") that holds
   another attribution gives way to it.

Every step reads one DocContext (context.py), built once per Doc: the text, the sentences, the
paired marks, the tokens under offsets and the cast of people and organisations.
"""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import replace
from typing import Callable, Optional

from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import chains, frames, speakers, titlecase
from .context import DocContext
from .intervals import Near, extent
from .direct import find_direct
from .indirect import IndirectMatcher
from .marks import MARK_RE, QUOTE_MARKS
from .model import Content, Quote, Span, Speaker
from .rules import Rules, RulesError

FIRST_SECOND_PERSON = {"i", "we", "you"}
# An indirect content that lies this much inside a direct quote restates it.
SAME_SPEECH = 0.8


class Extractor:
    """All of the extraction for one rules set; build once, call per Doc. ``convention`` names
    the convention of conventions.json that the run follows (the scope's)."""

    def __init__(self, vocab: Vocab, rules: Rules, convention: str = "attribution",
                 parse: Optional[Callable[[str], Doc]] = None):
        self.rules = rules
        self.parse = parse  # the pipeline before this component, for title-case headlines
        self.indirect = IndirectMatcher(vocab, rules, convention)
        self.speech_verbs = rules.verbs("$cue_verbs")
        conv, headlines = self.indirect.convention, rules.cues.get("headlines", {})
        self.split_paragraphs = conv.get("paragraph_quotes") == "split"
        follow_on = conv.get("follow_on_quotes", "split")
        known = ("split",) + tuple(FOLLOW_ON_JOINS)
        if follow_on not in known:  # a misspelt option would silently mean 'split'
            raise RulesError(f"conventions.json: convention {convention!r} sets follow_on_quotes to "
                             f"{follow_on!r}; known options: {', '.join(known)}")
        self.follow_on_join = FOLLOW_ON_JOINS.get(follow_on)  # None: each follow-on a quote of its own
        self.link_prefixes = tuple(headlines.get("link_prefixes", [])) if conv.get("link_lines") == "drop" else ()
        credit = headlines.get("caption_credit") if conv.get("caption_lines") == "drop" else None
        self.caption_credit = re.compile(credit) if credit else None
        # conventions.json "post_lines": 'drop' takes no quote from a line of an embedded post.
        post = headlines.get("post_line") if conv.get("post_lines") == "drop" else None
        self.post_line = re.compile(post) if post else None
        # conventions.json "weak_hosts": a rule name (its quote gives way to any attribution
        # inside it) or {"rule": ..., "min_sentences": N} / {"rule": ..., "inner": [rules]}.
        self.weak_hosts = [h if isinstance(h, dict) else {"rule": h} for h in conv.get("weak_hosts") or ()]

    def _off_line(self, line: str) -> bool:
        """A line that the convention takes no quote from: the headline of a link to another
        story ("READ MORE: Donald Trump says ..."), which is the other story's reporting, or a
        photo caption ("... (Mara Quist/Northern Wire)"), which repeats the story."""
        return bool((self.link_prefixes and line.lstrip().startswith(self.link_prefixes))
                    or (self.caption_credit is not None and self.caption_credit.search(line)))

    def __call__(self, doc: Doc) -> list[Quote]:
        ctx = DocContext(doc, self.rules)  # what every step reads about the document, built once
        text = ctx.text
        direct = find_direct(ctx, convention=self.indirect.convention)
        indirect = self.indirect(ctx)
        quotes = merge(ctx, direct.quotes, direct.fragments, indirect, self.speech_verbs)
        if self.follow_on_join is not None:
            where, after_cue = self.follow_on_join
            quotes = join_follow_ons(text, quotes, direct.follow_ons, where, after_cue)
        if self.parse is not None:
            again = titlecase.reparsed_quotes(ctx, self.rules, self.parse, self.indirect)
            quotes += [q for q in again if not any(q.content.overlaps(p.content) for p in quotes)]
        if self.link_prefixes or self.caption_credit is not None:  # PolNeAR's convention keeps every line
            quotes = off_lines(text, quotes, self._off_line)
        if self.post_line is not None:
            quotes = off_lines(text, quotes, self.post_line.search)
        if self.split_paragraphs:
            quotes = [piece for q in quotes for piece in by_paragraph(text, q)]
        carry_speakers(text, quotes)
        quotes.sort(key=lambda q: (q.content.start, -q.content.end))
        for n, q in enumerate(quotes, 1):
            q.id = f"q{n}"
        speakers.resolve(ctx, quotes)
        chains.attach(ctx, quotes)
        frames.assign(ctx, quotes)
        if self.weak_hosts:
            quotes = give_way(ctx, quotes, self.weak_hosts)
        return quotes


# The follow_on_quotes options that join ("split" joins nothing): where the follow-on may stand
# ("same": in the previous quote's paragraph, "next": opening the next one), and whether the quote
# before it must break off for its own attribution (_breaks_for_its_cue).
FOLLOW_ON_JOINS = {"join": (("same", "next"), False), "paragraph": (("same",), False),
                   "after_cue": (("same", "next"), True), "after_cue_next_paragraph": (("next",), True)}
# Where a quotation breaks off for its attribution: '“A,” X said.', '“Is it over?” X asked.'
BREAK_FOR_CUE = (",", "?", "!")


def _breaks_for_its_cue(text: str, prev: Span, between: str) -> bool:
    """The previous quotation breaks off with a comma (or '?', '!') for its attribution, which
    stands ``between`` it and the follow-on: '“A,” Ruiz said. “B.”'. The comma says that the
    speaker's sentence goes on around the attribution, and PolNeAR annotates the two quotations
    as one content. A quotation that ended with a full stop ('“A.” [new paragraph] “B.”') is a
    complete utterance that the gold more often gives an attribution of its own."""
    words = text[prev.start:prev.end].rstrip()
    while words and (words[-1] in QUOTE_MARKS or words[-1] in "'\u2019"):  # the closing mark(s)
        words = words[:-1].rstrip()
    return words.endswith(BREAK_FOR_CUE) and any(ch.isalpha() for ch in between)


def join_follow_ons(text: str, quotes: list[Quote], follow_ons: list[tuple[Quote, Quote]],
                    where: tuple[str, ...] = ("same", "next"), after_cue: bool = False) -> list[Quote]:
    """A quotation that goes on after the previous quote of the same speaker with no cue of its
    own ('“A,” Ruiz said. “B.”') becomes a further fragment of that quote: PolNeAR annotates the
    speaker's words around one attribution as one discontinuous content. Only a direct quote takes
    a follow-on, and only when no other quote lies between them; ``where``: a follow-on in the
    previous quote's paragraph ("same") and/or opening the next one ("next"); ``after_cue``: only
    after a quotation that broke off for its own cue (_breaks_for_its_cue)."""
    kept = {id(q) for q in quotes}
    holder: dict[int, Quote] = {}  # a joined follow-on -> the quote that now holds it
    gone: set[int] = set()
    for prev, q in follow_ons:
        prev = holder.get(id(prev), prev)
        if id(prev) not in kept or id(q) not in kept or prev.type != "direct":
            continue
        between = text[prev.content.end:q.content.start]
        if ("next" if "\n" in between else "same") not in where:
            continue
        if after_cue and not _breaks_for_its_cue(text, prev.content.pieces()[-1], between):
            continue
        if any(o is not prev and o is not q and id(o) not in gone
               and prev.content.end <= o.content.start < q.content.start for o in quotes):
            continue
        pieces = prev.content.pieces() + q.content.pieces()
        prev.content = Content(start=pieces[0].start, end=q.content.end,
                               text=text[pieces[0].start:q.content.end], fragments=pieces)
        holder[id(q)] = prev
        gone.add(id(q))
    return [q for q in quotes if id(q) not in gone]


def give_way(ctx: DocContext, quotes: list[Quote], weak: list[dict]) -> list[Quote]:
    """The quotes less those of a weak host rule that hold another attribution (conventions.json
    "weak_hosts"). "The council seemed to admit that the budget was short": the evidential's
    impression ("seemed") is the writer's, and PolNeAR annotates the attribution inside it ("admit
    that ..."), whose content a univocal gold cannot also give to the outer quote. A host entry
    may ask for a content of ``min_sentences`` sentences or more (a colon label over a paragraph
    of an interview, not a one-line headline) or for an inner quote of one of the ``inner`` rules
    ("believes, he said, that A": the parenthetical report is the attribution). A quote nested in
    one that goes is moved up to the nearest enclosing quote that stays (or to none), as
    frames.in_scope does."""
    inner: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.nested_in:
            inner.setdefault(q.nested_in, []).append(q)
    gone = {q.id for q in quotes if q.id in inner and any(_gives_way(ctx, q, inner[q.id], h) for h in weak)}
    if not gone:
        return quotes
    by_id = {q.id: q for q in quotes}
    kept = [q for q in quotes if q.id not in gone]
    for q in kept:
        host = by_id.get(q.nested_in) if q.nested_in else None
        while host is not None and host.id in gone:
            host = by_id.get(host.nested_in) if host.nested_in else None
        q.nested_in = host.id if host is not None else None
    return kept


def _gives_way(ctx: DocContext, host: Quote, inner: list[Quote], weak: dict) -> bool:
    if host.rule != weak["rule"]:
        return False
    if "inner" in weak and not any(q.rule in weak["inner"] for q in inner):
        return False
    if "min_sentences" in weak:
        pieces = host.content.fragments or [host.content]
        sents = {ctx.sent_of[t.i] for p in pieces for t in ctx.tokens(p.start, p.end) if not t.is_punct and not t.is_space}
        if len(sents) < weak["min_sentences"]:
            return False
    return True


def off_lines(text: str, quotes: list[Quote], off: Callable[[str], bool]) -> list[Quote]:
    """The quotes that do not start on a line that ``off`` rules out."""
    if not quotes:
        return quotes
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if off(m.group())]
    if not lines:
        return quotes
    return [q for q in quotes if not any(s <= q.content.start < e for s, e in lines)]


def carry_speakers(text: str, quotes: list[Quote]) -> None:
    """A direct quote with neither cue nor speaker that opens a paragraph continues the source of
    the paragraph before: news names the speaker once and lets the next paragraph's quotation run
    on ("Okafor concedes that this time, people were hurt.\n\n“We still do not
    know ...”"). It takes the speaker of the last quote of that paragraph, if any (in place)."""
    for q in quotes:
        if q.type != "direct" or q.cue is not None or q.speaker is not None:
            continue
        line_start = text.rfind("\n", 0, q.content.start) + 1
        if text[line_start:q.content.start].strip():
            continue  # not the first thing in its paragraph
        before = text[:line_start].rstrip()
        para_start = before.rfind("\n") + 1
        previous = [p for p in quotes if p is not q and p.speaker is not None
                    and para_start <= p.content.start < len(before) + 1]
        if previous:
            source = max(previous, key=lambda p: p.content.end).speaker
            q.speaker = Speaker(start=source.start, end=source.end, text=source.text)
            q.rule = "direct.previous_paragraph"


def by_paragraph(text: str, q: Quote) -> list[Quote]:
    """A direct quote over several paragraphs as one quote per paragraph ("“We have nothing.\n\n
    “Our individuals ...”": each paragraph opens with a mark, only the last closes), each with
    the whole quote's cue, speaker and addressee. Any other quote is returned as it is."""
    if q.type != "direct" or q.content.fragments or "\n" not in q.content.text:
        return [q]
    pieces, start = [], q.content.start
    for m in re.finditer(r"\n\s*", q.content.text):
        nxt = q.content.start + m.end()
        if nxt < q.content.end and MARK_RE.match(text, nxt):
            end = q.content.start + m.start()
            pieces.append((start, end))
            start = nxt
    if not pieces:
        return [q]
    pieces.append((start, q.content.end))
    return [replace(deepcopy(q), content=Content.of(text, s, e)) for s, e in pieces]


def _inside(a: Span, b: Span) -> float:
    """Share of ``a``'s characters that lie inside ``b``."""
    if a.end <= a.start:
        return 0.0
    return max(0, min(a.end, b.end) - max(a.start, b.start)) / (a.end - a.start)


def _crosses(a: Span, b: Span) -> bool:
    """The spans overlap and neither holds the other."""
    return a.overlaps(b) and not a.contains(b) and not b.contains(a)


def _first_or_second_person(speaker: Optional[Span]) -> bool:
    return speaker is not None and speaker.text.lower() in FIRST_SECOND_PERSON


def _past_tense(ctx: DocContext, cue: Span) -> bool:
    span = ctx.span(cue.start, cue.end)
    return span is not None and span[0].tag_ == "VBD"


def merge(ctx: DocContext, direct: list[Quote], fragments: list[Span], indirect: list[Quote],
          speech_verbs: frozenset) -> list[Quote]:
    """Reconcile the two finders' results (see the module docstring)."""
    # Each indirect quote is compared with the quotes from marks around it only.
    order = {id(d): n for n, d in enumerate(direct)}
    near = Near(direct, extent)
    removed: set[int] = set()
    recued: list[Quote] = []  # quotes given a cue below: their extent in ``near`` is out of date
    kept: list[Quote] = []
    for q in indirect:
        around = {id(d): d for d in near(*extent(q))}
        around.update((id(d), d) for d in recued)
        ds = [d for d in sorted(around.values(), key=lambda d: order[id(d)]) if id(d) not in removed]
        in_quote = q.cue is not None and any(d.type == "direct" and d.content.contains(q.cue) for d in ds)
        if in_quote and (q.cue.lemma not in speech_verbs or
                         (_first_or_second_person(q.speaker) and not _past_tense(ctx, q.cue))):
            # "I think ...", "I'd say ...", "you need to tell me ..." inside a quote are the
            # quote's own wording. A report of a speech event is a nested quote: someone else's
            # ("He [Blinken] stressed that ...") or the speaker's own past one ("I told the
            # foreign minister that ...").
            continue
        if any(_crosses(q.content, d.content) for d in ds if d.type == "direct"):
            # A clause that runs out of a quote into the narration around it is a misparse.
            continue
        same = next((d for d in ds if _inside(q.content, d.content) >= SAME_SPEECH and not d.content.contains(q.cue or q.content)), None)
        if same is not None:
            # The indirect match restates a direct quote ("“...,” Blinken said" parsed as said+ccomp).
            if same.cue is None and q.cue is not None and not same.rule.endswith("follow_on"):
                same.cue, same.speaker, same.addressee = q.cue, q.speaker, q.addressee
                recued.append(same)
            continue
        # A mixed quote found from the marks' side with the same cue: the dependency content is
        # the better bounded one.
        twin = next((d for d in ds if d.type == "mixed" and d.cue and q.cue and d.cue.start == q.cue.start), None)
        if twin is not None:
            removed.add(id(twin))
            q.type = "mixed"
        absorbed = [d for d in ds if id(d) not in removed and q.content.contains(d.content)
                    and (d.cue is None or d.cue == q.cue) and d.type == "direct"]
        for d in absorbed:
            removed.add(id(d))
        if absorbed or any(q.content.contains(f) for f in fragments):
            q.type = "mixed"
        kept.append(q)
    named = [d for d in direct if id(d) not in removed and d.type == "direct" and d.rule == "direct.cue_before"]
    for d in named:
        if not MARK_RE.match(ctx.text, d.content.start):
            d.type = "mixed"  # a named object with its quoted name: 'called it “predatory”'
    return [d for d in direct if id(d) not in removed] + kept
