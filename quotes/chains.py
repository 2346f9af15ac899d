"""Attribution chains and nesting: who relayed a quote, and which quote holds another."""
from __future__ import annotations

from spacy.tokens import Doc

from .model import ChainLink, Quote
from .rules import Rules


def attach(doc: Doc, quotes: list[Quote], rules: Rules) -> None:
    """Set ``nested_in`` (the smallest other quote whose content holds this quote's cue and
    content) and extend the inner quote's chain with the outer speaker and chain."""
    for q in sorted(quotes, key=lambda q: -(q.content.end - q.content.start)):
        hosts = [p for p in quotes if p is not q and p.content.contains(q.content)
                 and (p.content.end - p.content.start) > (q.content.end - q.content.start)
                 and (q.cue is None or p.content.contains(q.cue))]
        if not hosts:
            continue
        host = min(hosts, key=lambda p: p.content.end - p.content.start)
        q.nested_in = host.id
        if host.speaker is not None:
            q.chain = q.chain + [ChainLink(start=host.speaker.start, end=host.speaker.end, text=host.speaker.text,
                                           name=host.speaker.name, kind=host.speaker.kind,
                                           relation=host.cue.lemma if host.cue else "said")] + list(host.chain)
