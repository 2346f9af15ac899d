"""One document's context: what every step of the extraction reads about a Doc, computed once.

``Doc.text`` joins every token on each access, ``doc.sents`` walks the parse, and a character
span is looked up by a search over the tokens; the steps (direct, indirect, speakers, chains,
frames) used to redo each for themselves. A ``DocContext`` holds them for one Doc:

- ``text``: the document text (built once);
- ``sents`` and ``sent_of``: the sentences, and each token's sentence number; ``ents``: the
  named entities;
- ``marks``: the paired quotation marks (marks.pair_quotes);
- ``captions`` and ``headlines``: the lines that are photo captions or link lines, and the lines
  in title case, where the story's people are not to be looked for;
- ``words``, ``lowers``, ``capitalised``, ``propn``, ``subjects``: token attributes read in bulk
  (``Doc.to_array``), so that a scan of the whole document makes Token objects only for the few
  tokens that can matter (a Token is a new Python object at every ``doc[i]`` and every step of
  ``for tok in doc``, the component's main cost before);
- ``token``, ``tokens``, ``token_at``, ``cue_token``: the tokens under character offsets;
- ``cast(quotes)``: the people and organisations of the document (quotes/cast.py).

Build one per Doc, ``DocContext(doc, rules)``; every public step also takes a bare Doc and makes
its own context (``DocContext.of``), for tests and callers that run one step alone.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Optional, Union

from spacy.attrs import DEP, LOWER, ORTH, POS, SPACY
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .cast import Cast, Labels, unlabelled_speakers
from .lexicon import Lexicon, lexicon, norm, outlet_key
from .marks import QuoteSpan, pair_quotes
from .model import Quote
from .rules import Rules

# A photo caption ends with its credit in brackets: "(Lauren Pelley / CBC News)".
CREDIT = re.compile(r"\(\s*([^()]{1,80})\)\s*$")


class DocContext:
    """The views of one Doc that the extraction steps share (see the module docstring)."""

    def __init__(self, doc: Doc, rules: Rules):
        self.doc = doc
        self.rules = rules
        # Doc.text joins every token on every access: built once here, from the bulk arrays.
        self.text = "".join(w + " " if sp else w for w, sp in zip(self.words, doc.to_array(SPACY).tolist()))
        self._spans: dict[tuple[int, int], Optional[DocSpan]] = {}
        self._at: dict[int, Optional[Token]] = {}
        self._casts: dict[tuple, Cast] = {}

    @classmethod
    def of(cls, doc: Union[Doc, "DocContext"], rules: Optional[Rules]) -> "DocContext":
        """``doc`` itself when it is a context already, else a new context of it."""
        if isinstance(doc, DocContext):
            return doc
        if rules is None:
            raise ValueError("a bare Doc needs its rules to make a DocContext")
        return cls(doc, rules)

    @cached_property
    def lex(self) -> Lexicon:
        return lexicon(self.rules)

    # ---- token attributes in bulk ----------------------------------------------------------------

    @cached_property
    def words(self) -> list[str]:
        """Every token's text (``tok.text``)."""
        strings = self.doc.vocab.strings
        return [strings[o] for o in self.doc.to_array(ORTH).tolist()]

    @cached_property
    def lowers(self) -> list[str]:
        """Every token's lower-case form (``tok.lower_``)."""
        strings = self.doc.vocab.strings
        return [strings[o] for o in self.doc.to_array(LOWER).tolist()]

    @cached_property
    def capitalised(self) -> list[int]:
        """The indices of the tokens whose text begins with a capital (``tok.text[:1].isupper()``):
        the only ones a name can start at."""
        return [i for i, w in enumerate(self.words) if w[:1].isupper()]

    @cached_property
    def propn(self) -> list[int]:
        """The indices of the proper nouns (``tok.pos_ == "PROPN"``)."""
        return [i for i, p in enumerate(self.doc.to_array(POS).tolist()) if p == PROPN]

    @cached_property
    def subjects(self) -> list[int]:
        """The indices of the subjects (``tok.dep_`` nsubj or nsubjpass)."""
        strings = self.doc.vocab.strings
        deps = {strings["nsubj"], strings["nsubjpass"]}
        return [i for i, d in enumerate(self.doc.to_array(DEP).tolist()) if d in deps]

    @cached_property
    def marks(self) -> list[QuoteSpan]:
        """The paired quotation marks of the text."""
        return pair_quotes(self.text)

    @cached_property
    def ents(self) -> tuple[DocSpan, ...]:
        """The named entities (``doc.ents`` makes new spans on every access)."""
        return self.doc.ents

    @cached_property
    def sents(self) -> list[DocSpan]:
        return list(self.doc.sents)

    @cached_property
    def sent_of(self) -> list[int]:
        """The sentence number of every token."""
        out = [0] * len(self.doc)
        for n, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                out[i] = n
        return out

    # ---- the document's layout ----------------------------------------------------------------

    @cached_property
    def captions(self) -> list[tuple[int, int]]:
        """Photo captions: paragraphs that end with a parenthesised credit ("(Lauren Pelley / CBC
        News)", "( THE CANADIAN PRESS FILE PHOTO )", "(CBC)"), and link lines ("READ MORE: ...").
        They describe a picture or another story, not this one, so the people in them are no
        antecedents for the story's pronouns."""
        lex = self.lex
        out = []
        pos = 0
        for para in self.text.split("\n"):
            m = CREDIT.search(para)
            opener = re.match(r"\s*([A-Z][A-Z ]+):", para)
            if opener and norm(opener.group(1).strip()) in lex.link_openers:
                out.append((pos, pos + len(para)))
            elif m:
                inner = m.group(1).strip()
                words = {norm(w) for w in re.findall(r"[\w']+", inner)}
                if "/" in inner or words & lex.credit_words or (inner.isupper() and len(inner) > 3) \
                        or outlet_key(inner) in lex.outlets:
                    out.append((pos, pos + len(para)))
            pos += len(para) + 1
        return out

    @cached_property
    def headlines(self) -> list[tuple[int, int]]:
        """Lines in title case ("Obama Administration To Expand Program"): the tagger makes
        organisations of any run of capitalised words there, so they name no organisation."""
        out, pos = [], 0
        for para in self.text.split("\n"):
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", para) if len(w) > 3]
            if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
                out.append((pos, pos + len(para)))
            pos += len(para) + 1
        return out

    def in_headline(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.headlines)

    def in_caption(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.captions)

    # ---- tokens under character offsets ---------------------------------------------------------

    def span(self, start: int, end: int) -> Optional[DocSpan]:
        """The tokens that the characters [start, end) touch (``char_span``, expanded)."""
        key = (start, end)
        if key not in self._spans:
            self._spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return self._spans[key]

    def token(self, start: int, end: int) -> Optional[Token]:
        """The head token of a character span."""
        span = self.span(start, end)
        if span is None or not len(span):
            return None
        return span.root

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.span(start, end)
        return list(span) if span is not None else []

    def token_at(self, char: int) -> Optional[Token]:
        """The token covering character ``char`` (or the next one)."""
        if char not in self._at:
            span = self.doc.char_span(char, char + 1, alignment_mode="expand")
            self._at[char] = span[0] if span is not None and len(span) else None
        return self._at[char]

    def cue_token(self, q: Quote) -> Optional[Token]:
        """The token of a quote's cue (its first word), or None when it has no cue."""
        return self.token_at(q.cue.start) if q.cue is not None else None

    # ---- the people ----------------------------------------------------------------------------

    @cached_property
    def labels(self) -> Labels:
        """The entity labels, corrected with the document's evidence (quotes/cast.py)."""
        return Labels(self)

    def cast(self, quotes: list[Quote]) -> Cast:
        """The document's people and organisations. The cast reads the quotes only for the
        speakers the tagger left unlabelled, so it is read again only when those differ (the
        chains' step can move a speaker)."""
        speakers = unlabelled_speakers(self, self.labels, quotes)
        key = tuple((e.start, e.end) for e in speakers)
        if key not in self._casts:
            self._casts[key] = Cast(self, self.labels, speakers)
        return self._casts[key]
