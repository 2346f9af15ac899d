"""Attribution chains and nesting: who relayed a quote to the writer, and which quote holds
another.

A relay is named in the quote's own sentence (chains are sentence-local), by one of the
constructions of rules/chains.json:

- preposition: "..., Lavrov said, as per to Russian news agency TASS" / "according to Reuters" /
  "via Nets Daily" / "through an interpreter";
- cited_as: "The Washington Post cited a senior State Department as saying that ..." (the finder
  already made the cited source the speaker of "saying"; the citing outlet is the relay);
- participle: "..., the report said, citing US officials": the cited source becomes the speaker and
  the reporting subject the relay;
- addressee: "told TASS": a quote told to an outlet reaches the writer through it;
- interview: "said in an interview with CNN" (a relay), or "in a background call with reporters"
  (the audience: it fills a missing addressee).

Links are ordered nearest the speaker first, in the order the relations are listed in the rules.
Then nesting: a quote whose cue and content lie inside another quote's content is reported by the
outer speaker; its chain continues with the outer speaker (relation "said") and the outer chain.
Link names and kinds are resolved like speakers (speakers.describe).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional, Union

from spacy.tokens import Doc, Token

from . import speakers
from .context import DocContext
from .cues import np_span, text_span
from .intervals import Near, extent
from .lexicon import Lexicon, norm
from .model import ChainLink, Quote, Span, Speaker
from .rules import Rules

SOURCE_KINDS = {"person", "media", "organization", "group", "document"}


@dataclass(frozen=True)
class Relation:
    id: str
    relation: str
    construction: str
    phrases: tuple = ()  # word sequences, lower case
    verbs: frozenset = frozenset()
    nouns: frozenset = frozenset()
    restricted: frozenset = frozenset()  # phrase heads that need an intermediary or an outlet
    intermediaries: frozenset = frozenset()
    governing: frozenset = frozenset()  # prepositions that attach an interview noun to the cue
    particle: frozenset = frozenset()  # the "as" of "cited X as saying"


@dataclass(frozen=True)
class ChainRules:
    relations: tuple
    nested_relation: str
    max_depth: int = 8


def chain_rules(rules: Rules) -> ChainRules:
    """The relations of rules/chains.json, compiled once per Rules object."""
    return rules.derived("chains.rules", lambda: _compile(rules))


def _compile(rules: Rules) -> ChainRules:
    low = lambda xs: frozenset(x.lower() for x in xs or [])  # noqa: E731
    rels = []
    for r in rules.chains.get("relations", []):
        rels.append(Relation(id=r["id"], relation=r["relation"], construction=r["construction"],
                             phrases=tuple(tuple(w.lower() for w in p) for p in r.get("phrases", [])),
                             verbs=low(r.get("verbs")), nouns=low(r.get("nouns")), restricted=low(r.get("restricted")),
                             intermediaries=low(r.get("intermediaries")), governing=low(r.get("governing")),
                             particle=low(r.get("particle"))))
    nested = rules.chains.get("nested", {})
    return ChainRules(relations=tuple(rels), nested_relation=nested.get("relation", "said"),
                      max_depth=int(nested.get("max_depth", 8)))


@dataclass
class _Found:
    """A relay found for a quote, before its name and kind are known."""

    quote: Quote
    span: Span
    relation: Relation
    rank: int
    need: str = "source"  # "source": any source kind; "media"; "intermediary"; "audience"


def attach(doc: Union[Doc, DocContext], quotes: list[Quote], rules: Optional[Rules] = None) -> None:
    """Fill each quote's ``chain`` and ``nested_in`` in place (and move the speaker of a
    "..., X said, citing Y" quote to Y)."""
    ctx = DocContext.of(doc, rules)
    doc, rules = ctx.doc, ctx.rules
    cr = chain_rules(rules)
    by_cue: dict[int, list[Quote]] = {}
    for q in quotes:
        tok = ctx.cue_token(q)
        if tok is not None:
            by_cue.setdefault(tok.i, []).append(q)
    found: list[_Found] = []
    moved: list[tuple[Quote, Span]] = []
    cache: dict = {}  # what the finders compute once per document rather than once per quote
    for q in quotes:
        cue = ctx.cue_token(q)
        if cue is None:
            continue
        for rank, rel in enumerate(cr.relations):
            finder = _FINDERS.get(rel.construction)
            if finder is not None:
                finder(ctx, q, cue, rel, rank, by_cue, quotes, found, moved, cache)
    # "X cited Y as saying ...": "cited" is the relay, recorded as a link of Y's quote; a quote a
    # finder made of "cited" itself (content "Y as saying ...") only restates it.
    relays = [f for f in found if f.relation.construction == "cited_as"]
    if relays:
        quotes[:] = [q for q in quotes if not any(_is_relay_verb(ctx, q, f) for f in relays)]
    if found or moved:
        _name_links(ctx, quotes, found, moved)
        _drop_restated_relays(quotes, cr)
    _nest(quotes, cr)


def _cites_a_source(ctx: DocContext, span: Span) -> bool:
    """Whether the object of "citing Y" can be a source: a name or an entity of people, a
    pronoun, or a noun of speakers.json's source kinds ("US officials", "a report", "the
    newspaper"). The describer calls any plural or coordinated noun phrase a group, so "citing
    slow growth and high rents" (a reason, not a source) would pass on its kind alone."""
    toks = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or not len(toks):
        return False
    head, lex = toks.root, ctx.lex
    if head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    words = ctx.rules.derived("chains.citable_nouns", lambda: lex.person_nouns | lex.group_nouns | lex.org_nouns
                              | lex.document_nouns | lex.media_nouns | lex.anon_heads)
    return norm(head.lower_) in words or norm(head.lemma_) in words or lex.canon(norm(head.lower_)) in lex.role_heads


def _drop_restated_relays(quotes: list[Quote], cr: ChainRules) -> None:
    """'..., the report said, citing US officials': once the officials speak the quote, a quote
    a finder made of "citing US officials" itself only restates the relay. ("McCain said, citing
    low economic growth" keeps its quote: the growth is a reason, not a source.)"""
    participles = [r for r in cr.relations if r.construction == "participle"]
    cited = [q.speaker for q in quotes if q.speaker is not None
             and any(l.relation == r.relation for l in q.chain for r in participles)]
    if not cited:
        return
    verbs = frozenset().union(*(r.verbs for r in participles))
    quotes[:] = [q for q in quotes if not (q.cue is not None and q.cue.lemma in verbs
                                           and any(q.content.overlaps(s) for s in cited))]


def _is_relay_verb(ctx: DocContext, q: Quote, f: _Found) -> bool:
    cue = ctx.cue_token(q)
    inner = ctx.cue_token(f.quote)
    return q is not f.quote and cue is not None and inner is not None and inner.head.head.i == cue.i \
        and q.content.contains(f.quote.cue)


def _link_span(head: Token) -> Span:
    """The relay's noun phrase; a named outlet in apposition or at the end of it is the relay
    itself ("Russian news agency TASS" -> "TASS")."""
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            head = c
            break
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    if ent is not None and ent.end == head.i + 1 and ent.label_ in ("ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART"):
        return text_span(ent)
    return text_span(np_span(head))


def _object(tok: Token, depth: int = 0) -> Optional[Token]:
    """The noun a preposition governs, through "as per to X" chains of prepositions."""
    for c in tok.children:
        if c.dep_ in ("pobj", "dobj"):
            return c
    if depth < 2:
        for c in tok.children:
            if c.dep_ in ("prep", "pcomp"):
                found = _object(c, depth + 1)
                if found is not None:
                    return found
    return None


def _owner_index(tok: Token, by_cue: dict[int, list[Quote]]) -> Optional[int]:
    """The index of the nearest reporting word governing ``tok`` (a cue of ``by_cue``)."""
    t = tok
    for _ in range(12):
        if t.i in by_cue:
            return t.i
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _direct_ranges(quotes: list[Quote]) -> tuple[list[int], list[int]]:
    """The characters that direct quotes' contents cover, as sorted disjoint ranges (starts,
    ends), so that a position is looked up in log time."""
    pieces = sorted((p.start, p.end) for q in quotes if q.type == "direct" for p in q.content.pieces() if p.end > p.start)
    starts: list[int] = []
    ends: list[int] = []
    for s, e in pieces:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _in_direct(ranges: tuple[list[int], list[int]], pos: int) -> bool:
    starts, ends = ranges
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < ends[k]


def _phrase_index(ctx: DocContext, cue: Token, rel: Relation, by_cue, quotes, cache: dict) -> dict[int, list]:
    """The relation's phrases in the cue's sentence that no direct quote holds, by the index of
    the cue that owns them (``_owner_index``): ``{cue index: [(first token, phrase, last
    token), ...]}`` in sentence order. Built once per sentence and relation, so that a sentence
    of many quotes is scanned once, not once per quote."""
    sent = ctx.sents[ctx.sent_of[cue.i]]
    key = ("phrases", sent.start, rel.id)
    index = cache.get(key)
    if index is not None:
        return index
    if "direct" not in cache:
        cache["direct"] = _direct_ranges(quotes)
    index = {}
    # The sentence's words read in bulk: Token objects only for the phrases found.
    doc = ctx.doc
    lower = ctx.lowers[sent.start:sent.end]
    firsts = {p[0] for p in rel.phrases}
    for k, w in enumerate(lower):
        if w not in firsts:
            continue
        for phrase in rel.phrases:
            if tuple(lower[k:k + len(phrase)]) != phrase:
                continue
            if k > 0 and len(phrase) == 1 and any(tuple(lower[max(0, k - len(p) + 1):k + 1]) == p
                                                 for p in rel.phrases if len(p) > 1):
                continue  # "per" inside "as per", matched by the longer phrase
            t = doc[sent.start + k]
            if _in_direct(cache["direct"], t.idx):
                continue
            owner = _owner_index(t, by_cue)
            if owner is not None:
                index.setdefault(owner, []).append((t, phrase, doc[sent.start + k + len(phrase) - 1]))
    cache[key] = index
    return index


def _prepositions(ctx: DocContext, q: Quote, cue: Token, rel: Relation, rank: int, by_cue, quotes, found, moved,
                  cache) -> None:
    """'as per X', 'according to X', 'via X', 'through X' governed by the quote's cue."""
    if q.speaker is None:
        return
    doc = ctx.doc
    # Only the phrases this quote's cue owns: the others belong to another quote's cue.
    for t, phrase, last in _phrase_index(ctx, cue, rel, by_cue, quotes, cache).get(cue.i, ()):
        if q.cue.start == t.idx:
            continue
        if q.content.start <= t.idx < q.content.end and not _trailing(doc, t, q):
            continue
        obj = _object(last)
        if obj is None:
            continue
        span = _link_span(obj)
        if span.overlaps(q.speaker) or q.content.contains(span) and not _trailing(doc, t, q):
            continue
        need = "intermediary" if phrase[0] in rel.restricted else "source"
        found.append(_Found(q, span, rel, rank, need))


def _trailing(doc: Doc, t: Token, q: Quote) -> bool:
    """A phrase set off by a comma at the end of the content: "the bill was fair, via Nets Daily"."""
    return t.i > 0 and doc[t.i - 1].text == "," and t.right_edge.idx + len(t.right_edge) >= q.content.end


def _cited_as(ctx: DocContext, q: Quote, cue: Token, rel: Relation, rank: int, by_cue, quotes, found, moved,
              cache) -> None:
    """'X cited/quoted Y as saying ...' (cue 'saying'): X relays; passive 'Y was quoted by X'."""
    if cue.dep_ != "pcomp" or cue.head.lower_ not in rel.particle or cue.head.head.lemma_.lower() not in rel.verbs:
        return
    verb = cue.head.head
    relay = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if relay is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        relay = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if relay is None:
        return
    span = _link_span(relay)
    if q.speaker is not None and span.overlaps(q.speaker):
        return
    found.append(_Found(q, span, rel, rank))


def _participle(ctx: DocContext, q: Quote, cue: Token, rel: Relation, rank: int, by_cue, quotes, found, moved,
                cache) -> None:
    """'..., the report said, citing US officials': the cited source speaks, the reporter relays."""
    if q.speaker is None:
        return
    for c in cue.children:
        if c.lemma_.lower() in rel.verbs and c.tag_ == "VBG" and c.dep_ in ("advcl", "xcomp", "conj", "dep", "npadvmod"):
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is None or q.content.start <= c.idx < q.content.end:
                continue
            source = text_span(np_span(obj))
            if source.overlaps(q.speaker):
                continue
            found.append(_Found(q, Span(q.speaker.start, q.speaker.end, q.speaker.text), rel, rank))
            moved.append((q, source))
            return


def _addressee(ctx: DocContext, q: Quote, cue: Token, rel: Relation, rank: int, by_cue, quotes, found, moved,
               cache) -> None:
    """'told TASS': an outlet as addressee relays the quote (checked to be media when named)."""
    if q.addressee is not None and cue.pos_ in ("VERB", "AUX"):
        found.append(_Found(q, Span(q.addressee.start, q.addressee.end, q.addressee.text), rel, rank, "media"))


def _interview(ctx: DocContext, q: Quote, cue: Token, rel: Relation, rank: int, by_cue, quotes, found, moved,
               cache) -> None:
    """'said in an interview with CNN' (relay) / 'said in a background call with reporters'
    (audience)."""
    for p in cue.children:
        if p.dep_ != "prep" or p.lower_ not in rel.governing:
            continue
        noun = next((c for c in p.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in rel.nouns:
            continue
        for p2 in noun.children:
            if p2.dep_ == "prep" and (p2.lower_,) in rel.phrases:
                obj = next((c for c in p2.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    span = _link_span(obj)
                    if q.content.overlaps(span):
                        continue
                    found.append(_Found(q, span, rel, rank, "media_or_audience"))


_FINDERS = {
    "preposition": _prepositions,
    "cited_as": _cited_as,
    "participle": _participle,
    "addressee": _addressee,
    "interview": _interview,
}


def _name_links(ctx: DocContext, quotes: list[Quote], found: list[_Found], moved: list[tuple[Quote, Span]]) -> None:
    """Resolve the relays' and moved speakers' names and kinds; keep the relays that are
    sources of the kind their construction needs."""
    doc, lex = ctx.doc, ctx.lex
    before = {id(q): q.speaker for q, _ in moved}
    for q, span in moved:
        q.speaker = Speaker(start=span.start, end=span.end, text=span.text)
    mentions = [f.span for f in found] + [q.speaker for q, _ in moved]
    described = speakers.describe(ctx, quotes, None, mentions)
    kept_back: set[int] = set()
    for (q, _), sp in zip(moved, described[len(found):]):
        if sp.kind in SOURCE_KINDS and _cites_a_source(ctx, sp):
            q.speaker = sp
        else:  # "McCain said, citing low economic growth": a reason, not a source
            q.speaker = before[id(q)]
            kept_back.add(id(q))
    links: dict[int, list[tuple[int, ChainLink]]] = {}
    for f, sp in zip(found, described[:len(found)]):
        if f.relation.construction == "participle" and id(f.quote) in kept_back:
            continue
        if f.need == "media" and sp.kind != "media":
            continue
        if f.need == "intermediary" and sp.kind != "media" and not _is_intermediary(doc, f, lex):
            continue
        if f.need == "source" and sp.kind not in SOURCE_KINDS:
            continue
        if f.need == "media_or_audience" and sp.kind != "media":
            if f.quote.addressee is None and sp.kind in ("person", "group"):
                f.quote.addressee = f.span
            continue
        link = ChainLink(start=f.span.start, end=f.span.end, text=f.span.text, name=sp.name, kind=sp.kind,
                         relation=f.relation.relation)
        mine = links.setdefault(id(f.quote), [])
        if not any(l.start == link.start for _, l in mine):
            mine.append((f.rank, link))
    for q in quotes:
        if id(q) in links:
            q.chain = [l for _, l in sorted(links[id(q)], key=lambda x: (x[0], x[1].start))] + list(q.chain)


def _is_intermediary(doc: Doc, f: _Found, lex: Lexicon) -> bool:
    span = doc.char_span(f.span.start, f.span.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.lemma_.lower() in f.relation.intermediaries


def _nest(quotes: list[Quote], cr: ChainRules) -> None:
    """``nested_in`` is the smallest other quote whose content holds this quote's cue and
    content; the inner chain continues with the outer speaker and the outer chain. Outer quotes
    are done first, so their chains are complete when copied. A quote nested more than
    ``cr.max_depth`` deep is left out: no news text nests reports so deep ("he said she said
    ..." repeated), and each level would repeat the text and chain of all the levels inside it."""
    depth: dict[int, int] = {}
    deep: set[int] = set()
    near = Near(quotes, lambda q: (q.content.start, q.content.end))
    for q in sorted(quotes, key=lambda q: -(q.content.end - q.content.start)):
        size = q.content.end - q.content.start
        hosts = [p for p in near(*extent(q)) if p is not q and id(p) not in deep and p.content.contains(q.content)
                 and (p.content.end - p.content.start) > size
                 and (q.cue is None or p.content.contains(q.cue))]
        if not hosts:
            depth[id(q)] = 0
            continue
        host = min(hosts, key=lambda p: p.content.end - p.content.start)
        depth[id(q)] = depth.get(id(host), 0) + 1
        if depth[id(q)] > cr.max_depth:
            deep.add(id(q))
            continue
        q.nested_in = host.id
        outer = []
        if host.speaker is not None:
            h = host.speaker
            outer.append(ChainLink(start=h.start, end=h.end, text=h.text, name=h.name, kind=h.kind,
                                   relation=cr.nested_relation))
        q.chain = list(q.chain) + outer + [ChainLink(**{**l.__dict__}) for l in host.chain]
    if deep:
        quotes[:] = [q for q in quotes if id(q) not in deep]
