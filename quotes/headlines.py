"""Headline verbs that the parser reads as plural nouns.

A headline drops articles and auxiliaries ("Mayor rips stadium plan", "Super PAC blasts senator
over vote"), and the small English model often reads its third-person verb as a plural noun: in
"Ortiz rips budget over tolls" "rips" becomes the subject and "budget" the verb, so no pattern
finds a cue. On a headline line (quotes/indirect.py _on_headline_line), a word in -s that the
parser did not tag as a verb, whose stem is a verb of cues.json headlines 'misread_verb_groups',
right after the name that opens the line and before the first word of a noun phrase, is read as
the headline's verb: the name is the speaker, the rest of the line the content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from .context import DocContext
from .indirect import AGENT_ENTS, _on_headline_line
from .marks import QUOTE_MARKS
from .model import Content, Cue, Quote, Speaker
from .rules import Rules

RULE = "headline.misread_verb"
# The tags of a word that can open the object noun phrase after a headline verb ("rips the plan",
# "blasts Ortiz", "champions (some) ..."); the model tags the misread object as a verb (VBP) too.
OBJECT_START_TAGS = frozenset({"DT", "PRP$", "NNP", "NNPS", "NN", "NNS", "JJ", "CD", "VBP", "``", "-LRB-"})


@dataclass(frozen=True)
class MisreadRules:
    verbs: frozenset  # stems that a headline uses as its verb
    max_words: int


def misread_rules(rules: Rules) -> Optional[MisreadRules]:
    """cues.json headlines 'misread_verb_groups', compiled once; None when it names none."""
    def build() -> Optional[MisreadRules]:
        h = rules.cues.get("headlines", {})
        groups = h.get("misread_verb_groups") or []
        if not groups:
            return None
        verbs = frozenset().union(*(rules.verbs(g) for g in groups))
        return MisreadRules(verbs=verbs, max_words=int(h.get("line_max_words", 25)))
    return rules.derived("headlines.misread", build)


def _stem(word: str, verbs: frozenset) -> Optional[str]:
    """The verb that ``word`` is the third person of ("rips" -> "rip", "bashes" -> "bash",
    "pities" -> "pity"), if it is one of ``verbs``."""
    w = word.lower()
    if not w.endswith("s") or len(w) < 4:
        return None
    candidates = [w[:-1]]
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("ies"):
        candidates.append(w[:-3] + "y")
    return next((c for c in candidates if c in verbs), None)


def _speaker_run(tokens: list[Token]) -> bool:
    """The words before the verb are one name that can hold a view: proper nouns only, not a
    place ('Paris attacks test ...') or a date."""
    if not tokens or not all(t.tag_ in ("NNP", "NNPS") for t in tokens):
        return False
    labels = {t.ent_type_ for t in tokens if t.ent_type_}
    return not labels or bool(labels & AGENT_ENTS)


def misread_verbs(ctx: DocContext, rules: Rules) -> list[Quote]:
    """The quotes of the headline lines of ``ctx`` whose verb the parser read as a noun."""
    mr = misread_rules(rules)
    if mr is None:
        return []
    text, out = ctx.text, []
    text_start = len(text) - len(text.lstrip())
    for m in re.finditer(r"[^\n]+", text):
        if not _on_headline_line(text, m.start(), mr.max_words, text_start):
            continue
        toks = [t for t in ctx.tokens(m.start(), m.end()) if not t.is_space]
        q = _line_quote(text, toks, mr)
        if q is not None:
            out.append(q)
    return out


def _line_quote(text: str, toks: list[Token], mr: MisreadRules) -> Optional[Quote]:
    """The quote of one headline line, or None: the first word in -s after the opening name."""
    for i, tok in enumerate(toks[1:-1], 1):
        stem = _stem(tok.text, mr.verbs) if not tok.text.isupper() else None  # 'LABELS': a caps line's noun
        verb = tok.tag_ == "VBZ" or tok.pos_ == "VERB"
        if stem is None or (verb and tok.lemma_.lower() == stem and tok.dep_ != "aux"):
            if verb:
                return None  # the parser found the headline's verb: the patterns read it
            continue
        nxt = toks[i + 1]
        if not _speaker_run(toks[:i]) or nxt.tag_ not in OBJECT_START_TAGS:
            return None
        start, end = nxt.idx, toks[-1].idx + len(toks[-1].text)
        while end > start and text[end - 1] in ".;:, ":
            end -= 1  # the headline's closing stop or semicolon
        if end - start < 3:
            return None
        q = Quote(id="", type="indirect", content=Content.of(text, start, end), rule=RULE)
        q.cue = Cue(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, lemma=stem)
        q.speaker = Speaker(start=toks[0].idx, end=toks[i - 1].idx + len(toks[i - 1].text),
                            text=text[toks[0].idx:toks[i - 1].idx + len(toks[i - 1].text)])
        if any(ch in QUOTE_MARKS for ch in q.content.text):
            q.type = "mixed"
        return q
    return None
