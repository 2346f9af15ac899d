"""Indirect and mixed quotes from dependency patterns kept as data (rules/patterns/*.json), and
colon attributions in headlines ("Ryabkov to Al Mayadeen: Direct clash ... possible").

Each pattern names its tokens: ``cue`` (the reporting word), ``content`` (the head of what was
reported) and optionally a speaker node. The content is the union of the named nodes' subtrees
minus the subtrees of the ``exclude`` nodes (the reporting clause of "CLAUSE, X said", or the
"according to X" phrase); when the cut leaves two pieces ("The talks, officials said, will
resume"), the content has two fragments.

What a pattern may say besides its DependencyMatcher nodes (checked when the rules load):

- ``content``: ``nodes``, ``exclude``, ``with_children`` (children of the cue after the content
  that complete it: ``deps``, ``preps``, ``conj_clauses``, ``rest_of_clause``) and ``with_cue``
  (the content is the clause from its first to its last node, cue included: "X seemed to VP"),
  ``whole_sentence_if_last`` (a source phrase ending its sentence after a comma attributes the
  whole sentence: "A, while B, according to X"), ``whole_sentence`` (the content is the cue's
  sentence, the excluded nodes cut out: "according to X" that the parser hung on a noun),
  ``after_prenominal_cue`` (a participle cue before its noun: the content starts after it, "the
  recently announced layoffs" -> "layoffs");
- ``speaker``: a node name; ``"agent"`` (the "by" phrase of a passive cue), ``"possessor"`` (a
  noun cue's possessor: "his claim that"), ``"predicate_subject"`` (the subject of the verb an
  adjective or noun cue completes: "X has been critical of"); ``null`` for none; by default the
  cue's subject;
- ``cue``: the nodes the cue spans ("according to") and its lemma;
- ``requires``: conditions from rules.REQUIREMENTS (those on the match's shape are checked in
  quotes/requirements.py); ``priority``: which match wins for one cue;
- ``frame``: the pattern's frame (quotes/frames.py), else the cue word's.

How far a content reaches around its clause is the scope's convention (rules/conventions.json,
applied by quotes/boundaries.py):
PolNeAR's cuts trailing appositions and relative clauses, the news convention runs a content that
follows its cue to the end of the cue's clause.
"""
from __future__ import annotations

import re
from typing import Optional, Union

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .anchored import AnchoredMatcher
from .boundaries import (CONJUNCT_TAIL_KINDS, TRIM_KEYS, complements, conjunct_tails, continuations, cue_between,
                         extensions, later_reports, list_apposition, noun_complement, object_as_subject,
                         source_phrases, trailing_apposition, trim_complements)
from .context import DocContext
from .intervals import Near
from .cues import addressee_of, cue_of, np_span, subject_of, text_span
from .lexicon import lexicon, norm
from .marks import QUOTE_MARKS, QuoteSpan
from .model import Content, Cue, Quote, Span, Speaker
from .requirements import shape_holds
from .rules import Pattern, Rules, RulesError

# Punctuation trimmed from a content's edges.
EDGE_JUNK = set(",;:—–-") | {"--"}


class IndirectMatcher:
    """Runs the dependency patterns of a rules set over a Doc. Build once per vocab and rules."""

    def __init__(self, vocab: Vocab, rules: Rules, convention: str = "attribution"):
        self.rules = rules
        conventions = rules.conventions.get("conventions", {})
        if convention not in conventions:
            raise ValueError(f"unknown convention {convention!r}; conventions.json defines "
                             f"{', '.join(conventions) or 'none'}")
        self.convention = conventions[convention]
        # spaCy's DependencyMatcher's results, found from the tokens that can anchor a pattern.
        self.matcher = AnchoredMatcher(vocab)
        self.patterns: dict[str, Pattern] = {}
        for p in rules.patterns:
            self.matcher.add(p.id, [p.pattern])
            self.patterns[p.id] = p
        self.report_verbs = rules.verbs("$content_verbs")
        # Verbs whose object alone is the target of a stance, a person included ("endorsed her").
        self.person_stance_verbs = rules.verbs("person_stance")
        # Nouns that name an act of expression or an attitude ("a statement", "concern"): as the
        # object of a cue, with the convention's "object_noun": "complement", they join the cue
        # and what they report is the content.
        self.object_nouns = frozenset(norm(w) for w in rules.conventions.get("object_nouns", [])) \
            | rules.verbs("$claim_nouns") | rules.verbs("$intention_nouns") | rules.verbs("$speech_event_nouns") \
            | rules.verbs("$stance_nouns")
        self.object_noun_verbs = frozenset(rules.conventions.get("object_noun_verbs", []))
        # With the convention's "cue_occasions": "out", when and where a message was delivered
        # ("praised X in a speech on Monday") is no part of it.
        self.occasions = rules.verbs("$speech_event_nouns") if self.convention.get("cue_occasions") == "out" else None
        # Contents that run too long in PolNeAR's terms (issue 12): what the convention leaves out
        # of a content besides its clause's own modifiers (see trim_complements, source_phrases).
        self.trims = frozenset(k for k in TRIM_KEYS if self.convention.get(k) == "out")
        # With "cue_media": "out", the medium a message went out on ("on Twitter") is no part of it.
        self.media = frozenset(norm(w) for w in rules.conventions.get("message_media", []))
        lex = lexicon(rules)
        self.person_pronouns = frozenset(w for w, kind in lex.pronouns.items() if kind in PERSON_PRONOUNS)
        # With the convention's "cue_continuations", a phrase or clause that the parser hung on
        # the cue right after the content belongs to the content (rules/conventions.json).
        self.continuations = frozenset(self.convention.get("cue_continuations", []))
        # With the convention's "cue_extensions", more of what the parser hung on the cue after
        # the content goes on it: kinds that boundaries.continuation_kind cannot tell apart.
        self.extensions = frozenset(self.convention.get("cue_extensions", []))
        # With the convention's "conjunct_tails", a verb or an embedded question coordinated with
        # the content but hung outside it goes on it.
        self.conjunct_tails = frozenset(self.convention.get("conjunct_tails", []))
        if self.conjunct_tails - CONJUNCT_TAIL_KINDS:
            raise RulesError(f"conventions.json: unknown conjunct_tails kind(s) "
                             f"{', '.join(sorted(self.conjunct_tails - CONJUNCT_TAIL_KINDS))} "
                             f"(known: {', '.join(sorted(CONJUNCT_TAIL_KINDS))})")
        self.headline = rules.cues.get("headlines", {})
        self.agent_nouns = lex.person_nouns | lex.group_nouns | lex.org_nouns
        self.source_nouns = lex.person_nouns | lex.group_nouns | lex.org_nouns | lex.document_nouns \
            | frozenset(norm(w) for w in self.headline.get("source_nouns", []))
        self._compile_headlines()

    def _compile_headlines(self) -> None:
        """The headline expressions, built once per rules set rather than per document."""
        h = self.headline
        words = int(h.get("max_name_words", 3)) - 1
        name = r"[A-Z][\w’'\-.]*(?: [A-Z][\w’'\-.]*){0,%d}" % words
        phrase = r"[A-Z][\w’'\-.]*(?: (?!to )[\w’'\-.]+){0,%d}" % words
        opening = r"^(?:(?:%s)\s*)?" % "|".join(re.escape(x) for x in h.get("skip_prefixes", []))
        self.first = re.compile(opening + r"(?P<speaker>%s)(?: to (?P<addressee>%s))?: (?P<content>\S.{10,})$" % (name, name))
        self.first_phrase = re.compile(opening + r"(?P<speaker>%s): (?P<content>\S.{10,})$" % phrase)
        self.last = re.compile(opening + r"(?P<content>\S.{10,}?): (?P<speaker>%s)$" % name)
        self.prefixes = frozenset(x.rstrip(":").lower() for x in h.get("skip_prefixes", []))
        self.not_speakers = frozenset(x.lower() for x in h.get("not_speakers", []))
        self.max_line = int(h.get("max_line_length", 400))
        self.headline_max_words = int(h.get("line_max_words", 25))

    def __call__(self, doc: Union[Doc, DocContext], spans: Optional[list[QuoteSpan]] = None) -> list[Quote]:
        """The indirect and mixed quotes of ``doc`` (a Doc or its context); ``spans`` are its
        paired quotation marks, the context's when not given."""
        ctx = DocContext.of(doc, self.rules)
        doc, text = ctx.doc, ctx.text
        spans = ctx.marks if spans is None else spans
        near = Near(spans, lambda s: (s.start, s.end))  # the quotation marks around a stretch
        found: dict[int, tuple] = {}  # cue token -> (priority, -content length order, quote)
        for match_id, token_ids in self.matcher(doc):
            p = self.patterns[doc.vocab.strings[match_id]]
            names = {node["RIGHT_ID"]: doc[i] for node, i in zip(p.pattern, token_ids)}
            q = self._build(doc, text, p, names, near)
            if q is None:
                continue
            key = names["cue"].i
            # Best match per cue: the pattern's priority, then the nodes nearest the cue (a
            # misparse can offer a far-away second object), then the longer content.
            nearness = -sum(abs(t.i - key) for t in names.values())
            rank = (p.spec.get("priority", 1), nearness, len(q.content.text))
            if key not in found or rank > found[key][0]:
                found[key] = (rank, q)
        # Two cues over one content ("said in a statement that ...": the verb and the noun): the
        # better ranked pattern keeps it.
        best: dict[tuple, tuple] = {}
        for rank, q in found.values():
            key = (q.content.start, q.content.end)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, q)
        quotes = [_close_open_quotation(q, near, text) for _, q in best.values()]
        quotes.extend(self._headlines(doc, text))
        return quotes

    def _agent(self, tok: Optional[Token]) -> bool:
        """Whether a speaker token can hold a view: a name or an entity of people, a pronoun of
        people, or a noun of speakers.json's person, group and organisation kinds ("experts",
        "officials", "the campaign"); "the world" or "the market" cannot."""
        if tok is None:
            return False
        if tok.pos_ == "PROPN" or tok.ent_type_ in AGENT_ENTS:
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ in self.person_pronouns
        return norm(tok.lower_) in self.agent_nouns or norm(tok.lemma_) in self.agent_nouns

    def _build(self, doc: Doc, text: str, p: Pattern, names: dict[str, Token],
               marks: Near) -> Optional[Quote]:
        spec = p.spec
        cue_tok = names["cue"]
        requires = set(spec.get("requires", []))
        content_spec = spec.get("content", {"nodes": ["content"]})
        include = [names[n] for n in content_spec.get("nodes", ["content"])]
        if content_spec.get("whole_sentence_if_last"):
            include = [_sentence_head_if_last(cue_tok, include[0])]
        elif content_spec.get("whole_sentence"):
            include = [cue_tok.sent.root]  # "according to X" hung on a noun: its whole sentence
        extra = complements(cue_tok, include, content_spec.get("with_children"), self.report_verbs,
                             self.occasions)
        if self.trims:
            extra = trim_complements(cue_tok, include, extra, self.trims, self.person_pronouns, self.media)
        if "pronoun_object_has_complement" in requires and not extra and names["content"].pos_ == "PRON" \
                and cue_tok.lemma_.lower() not in self.person_stance_verbs:
            return None  # "called him" says nothing; "called him a liar" does; "endorsed him" does too
        include += extra
        if self.convention.get("object_noun") == "complement" and "content" in names \
                and names["content"].dep_ == "dobj" and cue_tok.lemma_.lower() in self.object_noun_verbs:
            inner = noun_complement(names["content"], self.object_nouns)
            if inner:
                include = inner  # "expressed concern that A" -> "that A"
        include = self._topic_preposition(include, names, content_spec.get("topic_preposition"))
        exclude = [names[n] for n in content_spec.get("exclude", [])]

        speaker_node = spec.get("speaker")
        with_cue = content_spec.get("with_cue", False)
        if "speaker" in spec and speaker_node is None:
            speaker_tok = None
        elif speaker_node == "agent":  # passive: "was reported by Politico"
            speaker_tok = next((g for c in cue_tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        elif speaker_node == "possessor":  # "his claim that ..."
            speaker_tok = next((c for c in cue_tok.children if c.dep_ == "poss"), None)
        elif speaker_node == "predicate_subject":  # "X has been critical of", "X, a critic of"
            speaker_tok = _predicate_subject(cue_tok)
        elif speaker_node == "gerund_subject":  # "the union answered by criticizing the offer"
            speaker_tok = _gerund_subject(cue_tok)
        elif speaker_node == "phrase_subject":  # "the council voted in favor of the lane"
            speaker_tok = _phrase_subject(cue_tok)
        else:
            speaker_tok = names.get(speaker_node) if speaker_node else subject_of(cue_tok)
        if "speaker" in requires and speaker_tok is None:
            return None
        if not shape_holds(requires, cue_tok, names, text, self.headline_max_words):
            return None
        if "topic_frame" in requires and cue_tok.lemma_.lower() not in self.rules.verbs("topic_" + names["prep"].lower_):
            return None  # each verb takes its own preposition: "refer to", "ask about", not "refer about"
        if "speaker_is_agent" in requires and not self._agent(speaker_tok):
            return None  # "the world expects the nations to behave": a figure of speech, no holder
        if "headline_topic_frame" in requires and \
                cue_tok.lemma_.lower() not in self.rules.verbs("headline_topic_" + names["prep"].lower_):
            return None  # "swipes at", "goes after"; not "goes on", "comes after"
        if speaker_tok is not None:
            exclude.append(speaker_tok)

        tokens = _content_tokens(include, exclude)
        if content_spec.get("after_prenominal_cue"):
            tokens = _after_prenominal_cue(tokens, cue_tok, names["content"])
        if with_cue and tokens:
            # The clause from its subject to its complement, cue and auxiliaries included; the
            # adverbials around it ("In the past few days, ...", "..., as he dictated") stay out.
            tokens = set(range(min(tokens), max(tokens) + 1))
            first = doc[min(tokens)]
            if first.lower_ == "it" and first.dep_ in ("nsubj", "nsubjpass", "expl") and first.head == cue_tok:
                # "It seems likely that A": an empty subject says nothing; the content starts
                # after the cue ("likely that A").
                tokens = {i for i in tokens if i > cue_tok.i}
        if self.continuations and tokens:
            tokens |= continuations(doc, cue_tok, tokens, self.continuations)
        if self.extensions and tokens:
            tokens |= extensions(doc, cue_tok, tokens, self.extensions, self.report_verbs)
        if self.convention.get("object_as_subject") == "content" and tokens and not with_cue:
            tokens |= object_as_subject(doc, cue_tok, tokens, include[0])
        if self.conjunct_tails and tokens and not with_cue:
            tokens |= conjunct_tails(doc, cue_tok, tokens, include[0], self.conjunct_tails)
        heads = include
        if self.convention.get("rest_of_sentence") and tokens and cue_tok.i < min(tokens) and not with_cue:
            # News convention: what follows the reporting verb is the quote, to the sentence's end,
            # but for a second report hung on the cue itself ("said A, noting that B").
            tokens |= set(range(max(tokens) + 1, _rest_end(cue_tok, marks)))
            heads = include + [cue_tok]
        tokens -= later_reports(doc, tokens, heads, self.report_verbs,
                                cue_tok if self.convention.get("content_conjuncts") == "keep" else None)
        if "source_phrases" in self.trims:
            tokens -= source_phrases(doc, tokens, marks)
        if self.convention.get("trailing_modifiers", "cut") == "cut":
            cut = trailing_apposition(doc, tokens, self.convention.get("name_appositions", "cut") == "keep")
            if cut and self.convention.get("list_appositions") == "keep" and list_apposition(doc, cut):
                cut = set()
            tokens -= cut
        if with_cue and self.convention.get("cue_inside_content") == "around":
            # PolNeAR: the subject and the complement, the cue between them left out.
            tokens -= cue_between(cue_tok, names.get("subject"), names.get("complement"), tokens)
        # The cue and the speaker never belong to the content (but see with_cue).
        if not with_cue:
            tokens -= {cue_tok.i}
        speaker_np = np_span(speaker_tok) if speaker_tok is not None else None
        if speaker_np is not None:
            tokens -= set(range(speaker_np.start, speaker_np.end))
        pieces = _pieces(doc, tokens)
        if not pieces:
            return None
        content = _content_from(text, pieces)

        cue_spec = spec.get("cue")
        if cue_spec:
            cue_toks = sorted((names[n] for n in cue_spec["nodes"]), key=lambda t: t.i)
            start, end = cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text)
            cue = Cue(start=start, end=end, text=text[start:end], lemma=cue_spec.get("lemma", cue_tok.lemma_.lower()))
        else:
            cue = cue_of(cue_tok)
        if content.overlaps(cue) and not content.fragments and not with_cue:
            return None
        q = Quote(id="", type=spec.get("type", "indirect"), content=content, cue=cue, rule=p.id)
        if speaker_np is not None:
            s = text_span(speaker_np)
            q.speaker = Speaker(start=s.start, end=s.end, text=s.text)
        addr = addressee_of(cue_tok, self.rules)
        addr_span = text_span(np_span(addr)) if addr is not None else None
        if addr_span is not None and not content.overlaps(addr_span):
            q.addressee = addr_span
        return q

    def _topic_preposition(self, include: list[Token], names: dict[str, Token], node: Optional[str]) -> list[Token]:
        """With the convention's "addressee_topic_preposition": "in", the preposition of the topic
        of a verb that also takes an addressee (the pattern's ``topic_preposition`` node: "reminded
        voters | of his record", "reminded the staff | about the deadline") opens the content, as
        PolNeAR annotates it: the addressee stays out, but "of"/"about" is part of what was brought
        up. Unlike "spoke about X", where the preposition goes with the verb, the verb's own
        complement here is the addressee."""
        if not node or node not in names or self.convention.get("addressee_topic_preposition") != "in":
            return include
        prep = names[node]
        return [prep if t.head.i == prep.i and t.i != prep.i else t for t in include]

    def _headlines(self, doc: Doc, text: str) -> list[Quote]:
        """'Putin: West ...', 'Ryabkov to Al Mayadeen: Direct clash ...' and 'West ...: Putin'
        on a line of their own: headlines attribute with a colon instead of a verb. The speaker is
        a name ("Ryabkov") or, failing that, a short phrase headed by a source noun ("Clinton
        camp", "Poll", "Insiders")."""
        if not self.headline:
            return []
        out: list[Quote] = []
        named: list[frozenset] = []  # the article's capitalised names, collected once if needed

        def is_name(doc: Doc, start: int, end: int) -> bool:
            return self._is_name(doc, start, end, named)

        for m in re.finditer(r"[^\n]+", text):
            line, base = m.group(), m.start()
            if len(line) > self.max_line:
                continue
            hit = None
            for regex, test in ((self.first, is_name), (self.last, is_name),
                                (self.first_phrase, self._is_source_phrase)):
                h = regex.match(line.rstrip())
                if h and not self._is_label(h.group("speaker")) \
                        and test(doc, base + h.start("speaker"), base + h.end("speaker")):
                    hit = h
                    break
            if hit is None:
                continue
            sp = hit.group("speaker")
            rule = "headline.colon_before_speaker" if hit.re is self.last else "headline.colon_after_speaker"
            cs, ce = base + hit.start("content"), base + hit.end("content")
            q = Quote(id="", type="indirect", content=Content.of(text, cs, ce), rule=rule)
            q.speaker = Speaker(start=base + hit.start("speaker"), end=base + hit.end("speaker"), text=sp)
            if "addressee" in hit.groupdict() and hit.group("addressee"):
                q.addressee = Span.of(text, base + hit.start("addressee"), base + hit.end("addressee"))
            if any(ch in QUOTE_MARKS for ch in q.content.text):
                q.type = "mixed"
            out.append(q)
        return out

    def _is_label(self, speaker: str) -> bool:
        """A prefix, a section label ('ENERGY:', 'ECB WATCH:') or a contact line ('Email:') is no
        source. An upper-case word of five or more letters is a label; acronyms ('NATO') are not."""
        low = speaker.lower()
        return low in self.prefixes or low in self.not_speakers \
            or (speaker.isupper() and any(len(w) >= 5 and w.isalpha() for w in re.split(r"[\s'’]+", speaker)))

    @staticmethod
    def _is_name(doc: Doc, start: int, end: int, named: Optional[list] = None) -> bool:
        """Every word of the span is a name: tagged so, or, for a headline parsed out of context
        ("Trump: My plans aren't set in stone" tags "Trump" as a common noun), a capitalised word
        that the article names elsewhere. ``named`` caches those words (one scan per document)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        if all(_named(t) for t in span):
            return True
        if named is None:
            named = []
        if not named:
            named.append(frozenset(t.text for t in doc if _named(t) and t.text[:1].isupper()))
        return all(_named(t) or (t.text[:1].isupper() and t.text in named[0]) for t in span)

    def _is_source_phrase(self, doc: Doc, start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.pos_ in ("NOUN", "PROPN") \
            and (norm(span.root.lemma_) in self.source_nouns
                 or norm(span.root.text) in self.source_nouns)


def _named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _predicate_subject(cue: Token) -> Optional[Token]:
    """Whose stance an adjective or noun cue states: the subject of the verb it completes ("the
    senator has been critical of", "Sanders is a supporter of"; subject_of looks through "started
    to feel confident"), or the noun it stands in apposition to ("Warren, a critic of ...")."""
    if cue.dep_ == "appos":
        return cue.head
    if cue.dep_ in ("acomp", "attr", "oprd") and cue.head.i != cue.i:
        return subject_of(cue.head)
    return _modifier_subject(cue)


def _modifier_subject(cue: Token) -> Optional[Token]:
    """Whose feeling an adjective outside a linking verb states: an adverbial adjective's is the
    subject of its clause ("Wary of the cost, the council delayed ..."), a coordinated one's that
    of the first adjective ("are hopeful about A and skeptical of B"). After a noun ("voters tired
    of the gridlock") none: the noun's phrase holds the adjective and the content."""
    if cue.dep_ == "advcl" and cue.head.i != cue.i:
        return subject_of(cue)
    first = cue
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first is not cue and first.dep_ in ("acomp", "oprd", "advcl"):
        return _predicate_subject(first)
    return None


def _gerund_subject(cue: Token) -> Optional[Token]:
    """Whose stance a gerund after a preposition states: the subject of the clause the
    preposition hangs on ("the union answered by criticizing", "the council was united in
    opposing": through a predicate adjective to its verb). None when the preposition hangs on a
    noun ("his message of opposing X"), whose holder the phrase does not say."""
    prep = cue.head
    if cue.dep_ != "pcomp" or prep.i == cue.i:
        return None
    return _clause_subject_of(prep)


def _phrase_subject(cue: Token) -> Optional[Token]:
    """Whose stance or intention an adverbial phrase states ("voted in favor of X", "toured the
    towns in hopes of winning aid"): the cue noun is the object of a preposition, and the holder
    is the subject of the clause the preposition hangs on (through a predicate adjective to its
    verb). None when the phrase hangs on a noun ("a rally in support of X"), whose holder the
    phrase does not say."""
    prep = cue.head
    if cue.dep_ != "pobj" or prep.i == cue.i or prep.dep_ != "prep":
        return None
    return _clause_subject_of(prep)


def _clause_subject_of(prep: Token) -> Optional[Token]:
    """The subject of the clause a prepositional phrase hangs on, through a predicate adjective
    to its verb ("was united | in opposing"); None when the phrase hangs on a noun."""
    head = prep.head
    if head.dep_ in ("acomp", "oprd") and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(head)


def _close_open_quotation(q: Quote, marks: Near, text: str) -> Quote:
    """A content that holds one end of a quotation runs to its other end. In 'The mayor said the
    city would “fix the roads first. Then we will build the park.”' the parser ends the sentence
    (and so the clause) inside the quotation, but the source's words go on to the closing mark;
    likewise a content that starts inside a quotation starts at its opening mark.
    Only quotations within one paragraph are followed."""
    pieces = q.content.pieces()
    first, last = pieces[0], pieces[-1]
    start, end = first.start, last.end
    for s in marks(first.start, last.end):
        if s.paragraphs != 1:
            continue
        if last.start < s.start < last.end < s.end:
            end = s.end
        if s.start < first.start < s.end < first.end:
            start = s.start
    if (start, end) == (first.start, last.end):
        return q
    if len(pieces) > 1:
        pieces[0] = Span.of(text, start, first.end)
        pieces[-1] = Span.of(text, pieces[-1].start, end)
        q.content = Content(start=start, end=end, text=text[start:end], fragments=pieces)
    else:
        q.content = Content.of(text, start, end)
    return q


def _rest_end(cue: Token, marks: Near) -> int:
    """Where the news convention's content ends (token index, exclusive): with the cue's own
    clause, which for a main-clause cue is its sentence ("While some critics say A, Jagelewski
    says B" ends the critics' A before the main clause's report), and, for a cue inside a
    quotation ("“I told the minister that ...,” he said"), at the quotation's closing mark:
    a quoted speaker's report never runs out into the narration."""
    end = min(cue.sent.end, cue.right_edge.i + 1)
    for s in marks(cue.idx, cue.idx):
        if s.start < cue.idx < s.end:
            while end > cue.i + 1 and cue.doc[end - 1].idx >= s.end:
                end -= 1
    return end


def _sentence_head_if_last(cue: Token, head: Token) -> Token:
    """"A, while B, according to X." / "A and B, according to X.": a source phrase that ends its
    sentence after a comma attributes the whole sentence, whichever verb the parser hung it on."""
    sent = cue.sent
    ends_sentence = all(t.is_punct or t.is_space for t in sent if t.i > cue.right_edge.i)
    if not ends_sentence or cue.left_edge.i == 0 or cue.doc[cue.left_edge.i - 1].text != ",":
        return head
    while head.dep_ in ("conj", "advcl", "relcl", "ccomp") and head.head.i != head.i and head.head.i >= sent.start:
        head = head.head
    return head


# Entity labels of those who can hold a view (requirement speaker_is_agent).
AGENT_ENTS = {"PERSON", "ORG", "NORP"}

# speakers.json's pronoun classes that stand for people ("him", "them"; not "it", "that", "what").
PERSON_PRONOUNS = {"male", "female", "plural", "first_person", "second_person", "first_person_plural"}


def _after_prenominal_cue(tokens: set[int], cue: Token, head: Token) -> set[int]:
    """A participle cue before its noun ("the previously announced merger"): the determiner and
    whatever else stands before the participle describe the phrase, not what was announced;
    PolNeAR's content starts after the participle ("merger")."""
    if cue.i > head.i:
        return tokens
    return {i for i in tokens if i > cue.right_edge.i}


def _content_tokens(include: list[Token], exclude: list[Token]) -> set[int]:
    """Token indices of the union of ``include`` subtrees minus the ``exclude`` subtrees (an
    excluded node that dominates an included one is not cut: its subtree holds the content)."""
    tokens: set[int] = set()
    for tok in include:
        tokens.update(range(tok.left_edge.i, tok.right_edge.i + 1))
    for tok in exclude:
        if any(tok.is_ancestor(inc) or tok == inc for inc in include):
            continue
        tokens -= set(range(tok.left_edge.i, tok.right_edge.i + 1))
    return tokens


def _pieces(doc: Doc, tokens: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of tokens, trimmed of edge punctuation (but not quote marks, which belong
    to a mixed quote's quoted part) and of runs that hold no word."""
    runs: list[list[int]] = []
    for i in sorted(tokens):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        toks = [doc[i] for i in run]
        while toks and (toks[0].is_space or (toks[0].is_punct and toks[0].text not in QUOTE_MARKS) or toks[0].text in EDGE_JUNK):
            toks.pop(0)
        # A coordinator left at the end ("..., and") announces a conjunct the rules cut off. A
        # closing bracket whose opening one the content holds ("Sen. Ted Cruz (R-Texas)") and a
        # percent sign ("with just 22%") are words of the content, not edge punctuation.
        while toks and not _closes_bracket(toks) and (
                toks[-1].is_space or (toks[-1].is_punct and toks[-1].text not in QUOTE_MARKS and toks[-1].text != "%")
                or toks[-1].text in EDGE_JUNK or toks[-1].dep_ == "cc"):
            toks.pop()
        toks = _balance_marks(toks)
        if any(t.is_alpha for t in toks):
            out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return out


BRACKETS = {")": "(", "]": "["}
DASHES = {"—", "–", "-", "--"}


def _closes_bracket(toks: list[Token]) -> bool:
    """The last token closes a bracket opened earlier in ``toks``, or a pair of dashes ("... —
    including murder and robbery —")."""
    last = toks[-1].text
    if last in DASHES:
        return sum(t.text == last for t in toks[:-1]) % 2 == 1
    opening = BRACKETS.get(last)
    if opening is None:
        return False
    depth = 0
    for t in toks[:-1]:
        depth += (t.text == opening) - (t.text == last)
    return depth > 0


def _balance_marks(toks: list[Token]) -> list[Token]:
    """Drop a lone quote mark at an edge when the content holds an odd number of marks: it belongs
    to a direct quote next door, not to this content."""
    marks = [t for t in toks if t.text in QUOTE_MARKS]
    if len(marks) % 2 == 1:
        if toks and toks[-1].text in QUOTE_MARKS:
            toks = toks[:-1]
        elif toks and toks[0].text in QUOTE_MARKS:
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in QUOTE_MARKS:
            toks = toks[:-1]
    return toks


def _content_from(text: str, pieces: list[tuple[int, int]]) -> Content:
    start, end = pieces[0][0], pieces[-1][1]
    frags = [Span.of(text, s, e) for s, e in pieces] if len(pieces) > 1 else None
    return Content(start=start, end=end, text=text[start:end], fragments=frags)
