"""The data model: one place that says what a quote is and how it becomes JSON.

Every span is a pair of character offsets into the original text (end exclusive) plus the text
they cover, so that ``text[span.start:span.end] == span.text`` always holds. The JSON form is the
output format, version 2, documented in the README; ``to_dict`` / ``from_dict`` convert both ways
and a round trip is lossless. Version 2 added ``frame`` to every quote; a version-1 record (no
``frame``) still reads, with ``frame`` None.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

FORMAT_VERSION = 2

QUOTE_TYPES = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organization", "media", "document", "group", "unknown")


@dataclass
class Span:
    """A stretch of the original text: ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int, **extra: Any) -> "Span":
        """Build a span of this class from the document text and offsets."""
        return cls(start=start, end=end, text=text[start:end], **extra)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict) -> "Span":
        return cls(start=int(d["start"]), end=int(d["end"]), text=d["text"])

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Content(Span):
    """What was said. ``fragments`` is set only for a discontinuous content (a quote interrupted
    by its attribution, as brat's ``s e;s e`` spans hold it); ``start``/``end`` then cover all of
    them."""

    fragments: Optional[list[Span]] = None

    def to_dict(self) -> dict:
        d = super().to_dict()
        if self.fragments:
            d["fragments"] = [f.to_dict() for f in self.fragments]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Content":
        frags = d.get("fragments")
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            fragments=[Span.from_dict(f) for f in frags] if frags else None,
        )

    def pieces(self) -> list[Span]:
        """The fragments, or the span itself when it is continuous."""
        return list(self.fragments) if self.fragments else [Span(self.start, self.end, self.text)]


@dataclass
class Cue(Span):
    """The word or phrase that signals the attribution ("said", "according to")."""

    lemma: str = ""

    def to_dict(self) -> dict:
        d = super().to_dict()
        d["lemma"] = self.lemma
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Cue":
        return cls(start=int(d["start"]), end=int(d["end"]), text=d["text"], lemma=d.get("lemma", ""))


@dataclass
class Speaker(Span):
    """Who said it: the mention in the text, and who that mention is.

    ``name`` is the entity's fullest name in the document (null when it cannot be resolved or the
    source is anonymous); ``refers_to`` is the first mention of the same source when this mention
    refers back to it ("the official" -> "a senior State Department official")."""

    name: Optional[str] = None
    kind: str = "unknown"
    anonymous: bool = False
    refers_to: Optional[Span] = None

    def to_dict(self) -> dict:
        d = super().to_dict()
        d.update(name=self.name, kind=self.kind, anonymous=self.anonymous)
        if self.refers_to is not None:
            d["refers_to"] = self.refers_to.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Speaker":
        ref = d.get("refers_to")
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            name=d.get("name"),
            kind=d.get("kind") or "unknown",
            anonymous=bool(d.get("anonymous", False)),
            refers_to=Span.from_dict(ref) if ref else None,
        )


@dataclass
class ChainLink(Span):
    """One relay of a quote: who passed it on, and how ("as per", "cited", "according to")."""

    name: Optional[str] = None
    kind: str = "unknown"
    relation: str = ""

    def to_dict(self) -> dict:
        d = super().to_dict()
        d.update(name=self.name, kind=self.kind, relation=self.relation)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ChainLink":
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            name=d.get("name"),
            kind=d.get("kind") or "unknown",
            relation=d.get("relation") or "",
        )


@dataclass
class Quote:
    """One attribution: content, cue, speaker, addressee, relay chain and nesting, and its
    ``frame``: what kind of attribution it is ("speech", "writing", "thought", ...; the inventory
    is the ``frames`` section of rules/cues.json). None only in records of format version 1."""

    id: str
    type: str
    content: Content
    cue: Optional[Cue] = None
    speaker: Optional[Speaker] = None
    addressee: Optional[Span] = None
    chain: list[ChainLink] = field(default_factory=list)
    nested_in: Optional[str] = None
    rule: str = ""
    frame: Optional[str] = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "frame": self.frame,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "chain": [c.to_dict() for c in self.chain],
            "nested_in": self.nested_in,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Quote":
        if d.get("type") not in QUOTE_TYPES:
            raise ValueError(f"quote {d.get('id')!r}: type must be one of {QUOTE_TYPES}, got {d.get('type')!r}")
        return cls(
            id=str(d["id"]),
            type=d["type"],
            content=Content.from_dict(d["content"]),
            cue=Cue.from_dict(d["cue"]) if d.get("cue") else None,
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            addressee=Span.from_dict(d["addressee"]) if d.get("addressee") else None,
            chain=[ChainLink.from_dict(c) for c in d.get("chain") or []],
            nested_in=d.get("nested_in"),
            rule=d.get("rule") or "",
            frame=d.get("frame"),
        )


def iter_spans(quote: dict) -> list[tuple[str, dict]]:
    """Every span of a quote in its JSON form, with a path naming it ("content", "chain[0]", ...).
    Used to check that offsets match the text."""
    out: list[tuple[str, dict]] = [("content", quote["content"])]
    for i, frag in enumerate(quote["content"].get("fragments") or []):
        out.append((f"content.fragments[{i}]", frag))
    for key in ("cue", "speaker", "addressee"):
        if quote.get(key):
            out.append((key, quote[key]))
    if quote.get("speaker") and quote["speaker"].get("refers_to"):
        out.append(("speaker.refers_to", quote["speaker"]["refers_to"]))
    for i, link in enumerate(quote.get("chain") or []):
        out.append((f"chain[{i}]", link))
    return out


def check_offsets(record: dict) -> list[str]:
    """Problems with a record's spans: each span's text must equal ``record["text"][start:end]``."""
    text = record.get("text")
    problems = []
    if text is None:
        return ["record has no text"]
    for q in record.get("quotes", []):
        for path, span in iter_spans(q):
            got = text[span["start"]:span["end"]]
            if got != span["text"]:
                problems.append(f"{record.get('id')}/{q.get('id')}/{path}: offsets {span['start']}-{span['end']} cover {got!r}, span says {span['text']!r}")
    return problems
