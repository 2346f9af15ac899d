"""Frames and scopes: what kind of attribution each quote is, and which kinds a run keeps.

A news reader's quote is reported speech or writing; a researcher of attribution (PolNeAR) also
counts beliefs, evidence, intentions and stances. Every quote gets a ``frame`` (rules/frames.json
lists them), and a scope picks the frames a run emits:

- the pattern that found the quote may fix its frame (``"frame": "intention"`` in
  patterns/*.json); otherwise the cue word decides, through the cue groups of cues.json in the
  order frames.json gives ("write" is writing, "say" speech, "believe" thought, "show" evidence),
  and a quote with no cue group (a direct quote without a verb, "according to") is speech;
- then the source, where one word serves two frames: "the figures indicate" is evidence while
  "Zakharova indicated" is speech; "a report says" is writing; "Blinken reaffirmed Washington's
  commitment" is a speech act, "the party reaffirmed its commitment" a stance.

Scopes are applied after nesting and chains, so a speech quote nested in a thought keeps the
chain through the thinker, and ``nested_in`` is moved up to the nearest quote that stays.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Union

from spacy.tokens import Doc

from .context import DocContext
from .model import Quote
from .rules import FRAME_FROM_CUE, Rules

SPEECH = "speech"
ALL_SCOPE = "attribution"
DEFAULT_CONVENTION = "attribution"


class ScopeError(ValueError):
    """A scope names a frame or scope that the rules do not define."""


@dataclass(frozen=True)
class FrameRules:
    frames: tuple  # the inventory, in the rules' order
    scopes: dict  # name -> frozenset of frames
    scope_conventions: dict  # name -> its convention (conventions.json)
    default_scope: str
    lemma_frames: dict  # cue lemma -> its frames, in verb_groups order
    pattern_frames: dict  # pattern id -> fixed frame or FRAME_FROM_CUE
    evidence_nouns: frozenset
    document_kinds: frozenset
    document_nouns: frozenset
    naming_verbs: frozenset
    restating_verbs: frozenset
    restating_kinds: frozenset
    direct_frames: frozenset
    naming_complements: frozenset  # dependencies of the name in "called it a bandage solution"
    unrealized: dict  # the unrealized section: word sets by role


def frame_rules(rules: Rules) -> FrameRules:
    """frames.json compiled once per rules set."""
    return rules.derived("frames.rules", lambda: _compile(rules))


def _compile(rules: Rules) -> FrameRules:
    data = rules.frames
    frames = tuple(data.get("frames", {}))
    lemma_frames: dict[str, list] = {}
    for frame, lemmas in (data.get("lemmas") or {}).items():
        for lemma in lemmas if isinstance(lemmas, list) else []:
            lemma_frames.setdefault(lemma.lower(), []).append(frame)
    for group, frame in data.get("verb_groups", []):
        for lemma in rules.verbs(group):
            if frame not in lemma_frames.setdefault(lemma, []):
                lemma_frames[lemma].append(frame)
    named = {k: v for k, v in (data.get("scopes") or {}).items() if isinstance(v, dict)}
    scopes = {name: frozenset(v.get("frames", [])) for name, v in named.items()}
    scopes.setdefault(ALL_SCOPE, frozenset(frames))
    conventions = {name: v.get("convention", DEFAULT_CONVENTION) for name, v in named.items()}
    src = data.get("sources") or {}
    low = lambda key: frozenset(w.lower() for w in src.get(key, []))  # noqa: E731
    return FrameRules(
        frames=frames, scopes=scopes, scope_conventions=conventions, default_scope=data.get("default_scope", SPEECH),
        lemma_frames={k: tuple(v) for k, v in lemma_frames.items()},
        pattern_frames={p.id: p.spec.get("frame", FRAME_FROM_CUE) for p in rules.patterns},
        evidence_nouns=low("evidence_nouns"), document_kinds=low("document_kinds"),
        document_nouns=low("document_nouns"), naming_verbs=low("naming_verbs"),
        restating_verbs=low("restating_verbs"), restating_kinds=low("restating_kinds"),
        naming_complements=low("naming_complements"),
        unrealized={k: frozenset(w.lower() for w in v) for k, v in (data.get("unrealized") or {}).items()
                    if isinstance(v, list)},
        direct_frames=frozenset((data.get("direct_frames") or {}).get("frames", [SPEECH])))


# --------------------------------------------------------------------------------------------
# Scopes


@dataclass(frozen=True)
class Scope:
    """What a run keeps: ``name`` as the user gave it (normalised), its frames, and the
    convention of conventions.json it follows (content boundaries, link headlines)."""

    name: str
    frames: frozenset
    convention: str = DEFAULT_CONVENTION

    def to_dict(self) -> dict:
        return {"name": self.name, "frames": sorted(self.frames), "convention": self.convention}


def parse_scope(scope: Union[str, Iterable[str], None], rules: Rules) -> Scope:
    """A scope from a name ("speech", "attribution"), a comma-separated list of frames and scope
    names ("speech,thought"), or a list of them; None is the rules' default scope. An unknown
    name raises ScopeError listing the known ones."""
    fr = frame_rules(rules)
    if scope is None:
        scope = fr.default_scope
    parts = [p.strip() for p in (scope.split(",") if isinstance(scope, str) else scope)]
    parts = [p for p in parts if p]
    if not parts:
        raise ScopeError(_unknown_message("an empty scope", fr))
    chosen: set = set()
    for part in parts:
        if part in fr.scopes:
            chosen |= fr.scopes[part]
        elif part in fr.frames:
            chosen.add(part)
        else:
            raise ScopeError(_unknown_message(f"unknown frame or scope {part!r}", fr))
    # A list of frames follows the first named scope that holds them all: "speech" and "writing"
    # the news convention, "speech,thought" PolNeAR's.
    convention = next((fr.scope_conventions.get(n, DEFAULT_CONVENTION) for n, fs in fr.scopes.items()
                       if chosen <= fs), DEFAULT_CONVENTION)
    return Scope(name=",".join(parts), frames=frozenset(chosen), convention=convention)


def _unknown_message(what: str, fr: FrameRules) -> str:
    scopes = ", ".join(f"{k} ({'+'.join(sorted(v))})" for k, v in fr.scopes.items())
    return (f"{what}; a scope is a scope name or a comma-separated list of frames. "
            f"Scopes: {scopes}. Frames: {', '.join(fr.frames)}")


def in_scope(quotes: list[Quote], scope: Scope) -> list[Quote]:
    """The quotes whose frame the scope keeps. A kept quote nested in one that goes is moved up
    to the nearest enclosing quote that stays (or to none); its chain, which already runs
    through the dropped quote's speaker, is kept: that speaker still relayed it."""
    if all(q.frame in scope.frames for q in quotes):
        return quotes
    by_id = {q.id: q for q in quotes}
    kept = [q for q in quotes if q.frame in scope.frames]
    for q in kept:
        host = by_id.get(q.nested_in) if q.nested_in else None
        while host is not None and host.frame not in scope.frames:
            host = by_id.get(host.nested_in) if host.nested_in else None
        q.nested_in = host.id if host is not None else None
    return kept


# --------------------------------------------------------------------------------------------
# Frames


def assign(doc: Union[Doc, DocContext], quotes: list[Quote], rules: Optional[Rules] = None) -> None:
    """Set ``frame`` on every quote, in place (speakers must be resolved: their kind counts)."""
    ctx = DocContext.of(doc, rules)
    fr = frame_rules(ctx.rules)
    for q in quotes:
        q.frame = frame_of(ctx, q, fr)


def frame_of(ctx: DocContext, q: Quote, fr: FrameRules) -> str:
    """The frame of one quote: the pattern's, else the cue word's, then adjusted by the source."""
    fixed = fr.pattern_frames.get(q.rule, FRAME_FROM_CUE)
    lemma = q.cue.lemma.lower() if q.cue is not None else ""
    if fixed != FRAME_FROM_CUE:
        frames: tuple = (fixed,)
    else:
        frames = fr.lemma_frames.get(lemma) or (SPEECH,)
    if q.type == "direct":
        frames = tuple(f for f in frames if f in fr.direct_frames) or (SPEECH,)
    frame = frames[0]
    head = _speaker_head(ctx, q)
    kind = q.speaker.kind if q.speaker is not None else None
    if head in fr.evidence_nouns and "evidence" in frames:
        frame = "evidence"  # "the figures indicate that", "a poll shows"
    elif frame == SPEECH and (kind in fr.document_kinds or head in fr.document_nouns or head in fr.evidence_nouns):
        frame = "writing"  # "a report says", "according to the most recent numbers"
    elif frame == "stance" and ((lemma in fr.naming_verbs and _names(ctx, q, fr.naming_complements)) or
                                (lemma in fr.restating_verbs and kind in fr.restating_kinds)):
        frame = SPEECH  # "They called it a bandage solution", "Blinken reaffirmed Washington's commitment"
    if frame in fr.unrealized.get("frames", ()) and _unrealized(ctx, q, fr.unrealized):
        return "unrealized"
    return frame


def _names(ctx: DocContext, q: Quote, complements: frozenset) -> bool:
    """The naming verb has its name: "called it a bandage solution", "described him as a liar"
    (not "called Schniederjans on Thursday night")."""
    cue = ctx.cue_token(q)
    return cue is not None and any(c.dep_ in complements or (c.dep_ == "prep" and c.lower_ == "as")
                                   for c in cue.children)


def _unrealized(ctx: DocContext, q: Quote, words: dict) -> bool:
    """A report of speech that did not happen: "did not say whether", "will argue", "If a judge
    says", "declined to say why", "attempts to confirm"."""
    cue = ctx.cue_token(q)
    if cue is None:
        return False
    for c in cue.children:
        low = c.lower_
        if (c.dep_ == "neg" and low in words.get("negations", ())) \
                or (c.dep_ == "aux" and low in words.get("auxiliaries", ())) \
                or (c.dep_ == "mark" and low in words.get("conditions", ())):
            return True
    head = cue.head
    return cue.dep_ in ("xcomp", "acl") and head.i != cue.i and head.lemma_.lower() in words.get("refusals", ())


def _speaker_head(ctx: DocContext, q: Quote) -> Optional[str]:
    """Lower-case lemma of the speaker phrase's head word."""
    if q.speaker is None:
        return None
    span = ctx.span(q.speaker.start, q.speaker.end)
    if span is None or not len(span):
        return None
    return span.root.lemma_.lower()
