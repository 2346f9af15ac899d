"""The conditions on a match's shape that a pattern may require besides its dependency nodes
(rules/patterns ``requires``; each one is described in quotes/rules.py REQUIREMENTS): where the
cue stands against its content ("CLAUSE, X said" set off by a comma), what the cue has or lacks
(an object, a particle, a passive subject), and the line it stands on (a headline).

The conditions that read the lexicon or the speaker (``topic_frame``, ``speaker``,
``speaker_is_agent``, ``pronoun_object_has_complement``) are checked where the matcher has them,
in quotes/indirect.py.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

# What sets a reporting clause off from the content before it ("CLAUSE, X said", "CLAUSE — X said").
_CLAUSE_BREAKS = {",", "—", "–", "-", "--"}

# How a line that is a sentence of running text ends: a stop, a question or exclamation mark or an
# ellipsis, maybe inside a closing quotation mark or bracket. A headline has none ("Mayor rips
# stadium plan"); a caption or a credit line has none either, but carries no present-tense stance verb
# with a subject and an object.
_SENTENCE_END = re.compile(r"""[.!?\u2026][\"'\u201d\u2019)\]]*\s*$""")
# A sentence that ends inside the line (after a word of four or more lower-case letters, so not
# "Sen." or "Gov.") and another that starts after it ("... on Monday. The mayor ..."): the line
# is running text, not a headline.
_INNER_SENTENCE_END = re.compile(r"""[a-z]{4}[.!?][\"'\u201d\u2019)\]]*\s+[\"'\u201c\u2018]?[A-Z]""")


def shape_holds(requires: set, cue: Token, names: dict[str, Token], text: str, headline_max_words: int) -> bool:
    """Whether a match with cue ``cue`` and nodes ``names`` in ``text`` meets every shape
    condition in ``requires``."""
    if "content_starts_before_cue" in requires and cue.i < names["content"].left_edge.i:
        return False
    if "content_after_cue" in requires and names["content"].i < cue.i:
        return False
    if "cue_opens_clause" in requires and cue.i != names["content"].left_edge.i:
        return False  # "In a new poll, ..." opens the clause; "leads in the poll" is narration
    if "cue_without_object" in requires and any(c.dep_ in ("dobj", "dative") for c in cue.children):
        return False
    if "cue_without_content" in requires and any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
        return False
    if "active_cue" in requires and any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        return False  # "was asked to leave": the subject is who was asked, not who asked
    if "cue_without_particle" in requires and any(c.dep_ == "prt" for c in cue.children):
        return False  # "after calling off classes": a phrasal verb, not the message verb
    if "cue_in_headline" in requires and not on_headline_line(text, cue.idx, headline_max_words):
        return False  # a headline's present tense reports a stance that narration's would not
    return _position_fits(requires, cue, names)


def _position_fits(requires: set, cue: Token, names: dict[str, Token]) -> bool:
    """The requirements on where a cue stands relative to its content: a reporting clause set off
    by commas after its content or inside it ("CLAUSE, X said", "A, X said, B") rather than a
    clause of its own joined by "and" or a clause it reports forward."""
    doc = cue.doc
    content = names.get("content")
    # The cue's clause: the cue with its subject (and whatever else hangs on it before the cue,
    # but for the content and the commas that set the clause off).
    clause_start = min([cue.i] + [c.left_edge.i for c in cue.lefts if c != content and not c.is_punct])
    if "cue_after_comma" in requires and (clause_start == 0 or doc[clause_start - 1].text not in _CLAUSE_BREAKS):
        return False
    if "cue_before_content_head" in requires and (content is None or cue.i > content.i):
        return False
    if "comma_after_cue_clause" in requires:
        end = cue.right_edge.i + 1
        if end >= len(doc) or doc[end].text != ",":
            return False
    if "finite_content" in requires and content is not None \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in content.children):
        return False
    return True


def on_headline_line(text: str, pos: int, max_words: int) -> bool:
    """Whether the character ``pos`` of ``text`` stands on a headline line (requirement
    cue_in_headline): a line of at most ``max_words`` words and one sentence that is the first
    line of the text holding anything (PolNeAR's headlines end with a stop) or that has no
    sentence end. A title-case headline parsed again on its own (quotes/titlecase.py) is the
    first line of its text."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].strip()
    if len(line.split()) > max_words or _INNER_SENTENCE_END.search(line):
        return False  # a paragraph of running text, even when it opens the article
    text_start = len(text) - len(text.lstrip())
    return start <= text_start or not _SENTENCE_END.search(line)
