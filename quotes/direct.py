"""Direct quotes: paired quotation marks linked to their cue and speaker.

For each quoted stretch we look at the words around it, within its sentence:

- cue after:    "...," Zakharova told reporters.       (direct.cue_after)
- inverted:     "...," said the official, who ...       (direct.inverted)
- cue before:   Burton said, "..." / Burton said: "..." (direct.cue_before)
- follow-on:    "...," Blinken told reporters. "We're determined ..."  takes the previous quote's
  speaker (direct.follow_on);
- a quote interrupted by its own attribution ("A," he said, "B.") is one quote in two fragments.

When the quote's own sentence names no speaker, the attribution is looked for around it:

- cue across a paragraph break: a paragraph ending "Rivera continued:" or "He told the crowd:"
  introduces the quote that opens the next one (direct.cue_before_paragraph);
- a colon without a reporting verb: "The mayor then turned to the protesters: "..."" -- the
  subject of the clause the colon closes speaks (direct.colon_subject); a bare name before the
  colon is a label ("Analysts disagree - Dana Smith: "..."", direct.colon_label);
- a dash and a name after the quote: ""..." -- Ana Ruiz" (direct.dash_after);
- a quote opening the sentence after an attribution without a quote of its own: 'Lee said in a
  statement. "No ballots were lost ..."', 'Smith said the plan failed. "It was a disaster."' takes
  that report's speaker (direct.after_report).

Verbs that only frame quotations ("he continued", "the letter read", "Jones shot back"; the
lexicon's quote_frame group) link a quote they stand next to, but never report a clause: a quote
they follow is not made a mixed quote, and they do not frame a quote when they have a complement
of their own ("the talks continued for days").

A quote that is embedded in a clause ("in order to "disabuse the Russians ..."", "release
"wrongfully detained" citizen") is a fragment, not a direct quote: when a cue that heads a clause
follows it (the convention's mixed_cue_deps: not 'a book "..." written by', 'after sharing a
"..." post'), the whole clause is a mixed quote (direct.mixed_cue_after); otherwise it is returned
as a fragment for the indirect rules to absorb, and dropped if none does (a title or scare quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Union

from spacy.tokens import Doc, Token

from .context import DocContext
from .cues import addressee_of, cue_of, is_cue_verb, np_span, subject_of, text_span
from .marks import QUOTE_MARKS, QuoteSpan
from .model import Content, Quote, Span, Speaker
from .rules import Rules

SENTENCE_END = {".", "!", "?"}
# How far after a closing mark the cue may stand: a speaker phrase such as "Russian Foreign
# Ministry Spokesperson Maria Zakharova" is the longest thing between them.
MAX_CUE_DISTANCE = 9
# Beyond that distance a cue still counts when everything before it is its subject's phrase:
# ""...," Tom Hale, a Republican strategist in Ohio and a former adviser to the governor, said."
MAX_SPEAKER_PHRASE = 24
# A quote with no speech around it must look like speech, not a title: a few words and a verb.
MIN_UNCUED_TOKENS = 5
DASHES = ("-", "\u2013", "\u2014", "\u2015", "--")
# A name after a dash: at most this many words ("- Mary J. Ortiz Lopez").
MAX_DASH_NAME = 6
SPEAKER_POS = ("PROPN", "NOUN", "PRON")
QUOTE_CHARS = "".join(m for m in QUOTE_MARKS if len(m) == 1) + "'"


@dataclass
class DirectResult:
    quotes: list[Quote] = field(default_factory=list)
    fragments: list[Span] = field(default_factory=list)  # embedded quoted phrases, for mixed quotes
    cue_tokens: dict = field(default_factory=dict)  # quote id -> index of its cue token
    # (previous quote, follow-on quote): a quotation that continues the previous quote of the same
    # speaker with no cue of its own (direct.follow_on), for the convention's "follow_on_quotes".
    follow_ons: list = field(default_factory=list)


def find_direct(doc: Union[Doc, DocContext], rules: Optional[Rules] = None,
                spans: Optional[list[QuoteSpan]] = None, convention: Optional[dict] = None) -> DirectResult:
    """The direct quotes of a document (or its context), and the quoted fragments they leave;
    ``spans`` are its paired quotation marks, the context's when not given; ``convention`` is the
    scope's (rules/conventions.json)."""
    ctx = DocContext.of(doc, rules)
    doc, rules, text = ctx.doc, ctx.rules, ctx.text
    naming = frozenset(rules.conventions.get("naming_verbs", [])) \
        if (convention or {}).get("named_object") == "content" else frozenset()
    subjects = (convention or {}).get("quoted_clause_subject") == "content"
    # The dependency labels a cue may have to make the clause around an embedded quotation a
    # mixed quote (the convention's "mixed_cue_deps"; None: any).
    mixed_deps = (convention or {}).get("mixed_cue_deps")
    mixed_deps = frozenset(mixed_deps) if mixed_deps is not None else None
    spans = ctx.marks if spans is None else spans
    verbs = rules.verbs("$quote_verbs")
    # Verbs that report a clause ("said that ..."), as against those that only frame a quotation
    # ("he continued", "the statement read"), which the lexicon lists as quote_frame.
    report_verbs = verbs - rules.verbs("quote_frame")
    out = DirectResult()
    prev: Optional[Quote] = None
    prev_span: Optional[QuoteSpan] = None
    prev_cue: Optional[int] = None
    for n, qs in enumerate(spans):
        inside = [t for t in _tokens_between(doc, qs.start, qs.end)]
        words = _words(inside, qs.start, qs.end)
        if not words:
            continue  # no words between the marks: markup (pic=""), a date, an id, a @handle
        if _is_title(inside, words):
            # "“The Girl Who Sold the Sea” revives the ghost story": a film, book or show, not speech.
            out.fragments.append(Span.of(text, qs.start, qs.end))
            prev_span = qs
            continue
        lo = prev_span.end if prev_span else 0
        hi = spans[n + 1].start if n + 1 < len(spans) else len(text)
        pre = _pre_context(doc, qs.start, lo)
        post = _post_context(doc, qs.end, hi)
        clean_start = _starts_clean(pre, verbs, report_verbs)

        cue_tok, speaker, rule = _cue_after(post, verbs, report_verbs, qs.start)
        if clean_start:
            cue_tok, speaker, rule = _in_sentence(pre, post, (cue_tok, speaker, rule), verbs, report_verbs)

        content = Content.of(text, qs.start, qs.end)
        if not clean_start:
            if cue_tok is not None and rule != "direct.cue_before" and cue_tok.lemma_.lower() in report_verbs \
                    and (mixed_deps is None or cue_tok.dep_ in mixed_deps):
                # "... in order to "disabuse ..."," a US official said: the clause is a mixed quote.
                # A verb that only frames quotations ("continued", "read") reports no clause.
                start = pre[0].idx if pre else qs.start
                q = _make(rules, text, f"d{n}", "mixed", Content.of(text, start, qs.end), cue_tok, speaker,
                          "direct.mixed_cue_after")
                out.quotes.append(q)
                out.cue_tokens[q.id] = cue_tok.i
                prev, prev_span, prev_cue = q, qs, cue_tok.i
            else:
                out.fragments.append(Span.of(text, qs.start, qs.end))
                prev_span = qs
            continue

        if cue_tok is not None and prev is not None and prev_cue == cue_tok.i and rule == "direct.cue_before" \
                and prev.type == "direct":
            # "A," he said, "B." : the second part continues the first quote.
            pieces = prev.content.pieces() + [Span.of(text, qs.start, qs.end)]
            prev.content = Content(start=pieces[0].start, end=qs.end, text=text[pieces[0].start:qs.end],
                                   fragments=pieces)
            prev_span = qs
            continue

        if cue_tok is None and speaker is None:
            cue_tok, speaker, rule = _attribution_around(doc, text, qs, pre, lo, hi, verbs, prev)
        if cue_tok is None and speaker is None:
            # The nearest attribution wins: a report between the previous quote and this one,
            # else the previous quote's.
            report = _report_before(doc, text, qs, prev.content.end if prev else 0, report_verbs) \
                if _looks_like_speech(inside) else None
            if report is None and prev is not None and prev.speaker is not None and prev_span is not None \
                    and len(words) >= 2 and _is_follow_on(text, prev_span, qs) and not _in_narration(text, qs.end):
                # One quoted word after a quote ("Related:", a title) is a label, not more speech.
                q = _make(rules, text, f"d{n}", "direct", content, None, None, "direct.follow_on")
                q.speaker = Speaker(**{**prev.speaker.__dict__})
                q.addressee = Span(**{**prev.addressee.__dict__}) if prev.addressee else None
                out.quotes.append(q)
                out.follow_ons.append((prev, q))
                prev, prev_span, prev_cue = q, qs, None
                continue
            if report is not None:
                cue_tok, speaker = report
                rule = "direct.after_report"
            elif not _looks_like_speech(inside):
                out.fragments.append(Span.of(text, qs.start, qs.end))
                prev_span = qs
                continue
            else:
                rule = "direct.no_cue"
        if rule == "direct.cue_before" and (naming or subjects):
            # The quote's type becomes mixed after merging (pipeline.merge), once no dependency
            # match has taken it in.
            content = _with_named_object(doc, text, content, cue_tok, pre, naming, subjects, qs)
        q = _make(rules, text, f"d{n}", "direct", content, cue_tok, speaker, rule)
        out.quotes.append(q)
        if cue_tok is not None:
            out.cue_tokens[q.id] = cue_tok.i
        # A cue standing outside the quote's sentence (the previous paragraph's "X said:") never
        # interrupts it: only a cue of the quote's own sentence joins "A," he said, "B.".
        own_cue = cue_tok is not None and rule in ("direct.cue_after", "direct.inverted", "direct.cue_before")
        prev, prev_span, prev_cue = q, qs, (cue_tok.i if own_cue else None)
    return out


def _with_named_object(doc: Doc, text: str, content: Content, cue: Token, pre: list[Token],
                       naming: frozenset, subjects: bool = False, qs: Optional[QuoteSpan] = None) -> Content:
    """'called it “predatory”', 'dubbed him “a total stiff”': what a naming verb names and the
    quoted name it gives are one content (PolNeAR annotates 'it “predatory'). Only when the words
    between the cue and the opening mark are exactly the cue's object. With ``subjects``, likewise
    the subject of a clause that the quotation goes on: 'said Kasich “has a track record ...”'."""
    between = [t for t in pre if t.i > cue.i and not t.is_space]
    if not between:
        return content
    edges = (between[0].i, between[-1].i)
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
    if cue.lemma_.lower() in naming and obj is not None and (obj.left_edge.i, obj.right_edge.i) == edges:
        return Content.of(text, between[0].idx, content.end)
    if subjects and qs is not None:
        subj = next((t for t in between if t.dep_ in ("nsubj", "nsubjpass") and (t.left_edge.i, t.right_edge.i) == edges
                     and qs.start <= t.head.idx < qs.end), None)
        if subj is not None:
            return Content.of(text, between[0].idx, content.end)
    return content


def _in_sentence(pre: list[Token], post: list[Token], after: tuple, verbs: frozenset,
                 report_verbs: frozenset) -> tuple[Optional[Token], object, str]:
    """The attribution of a quote that opens its clause, within its sentence: the cue after it
    (found by the caller, ``after``), a name labelling it ("Dana Smith: "...""), the cue before it,
    or a cue after a long speaker phrase."""
    cue_tok, speaker, rule = after
    words = [t for t in pre if not t.is_space]
    label = _colon_label(pre) if speaker is None else None
    if label is not None:
        # "Analysts disagree - Dana Smith: "..."": the name before the colon labels the quote.
        return None, label, "direct.colon_label"
    before = _cue_before(pre, verbs)
    if (cue_tok is None and speaker is None) or (
            cue_tok is not None and before[0] is not None and cue_tok.dep_ in ("conj", "advcl")
            and cue_tok.head.i == before[0].i):
        # "She shouted "..." and said that ...", "The firm said: "...," adding that ...": a later cue
        # that hangs on the one before the quote does not frame it; the first one does.
        cue_tok, speaker, rule = before
    if cue_tok is None and speaker is None:
        cue_tok, speaker, rule = _long_speaker_cue(post, verbs, report_verbs)
    if cue_tok is not None and speaker is None and rule == "direct.cue_before" and words and words[-1].text == ":":
        # "The senator stood up and thundered: "..."" with the subject lost in the parse.
        speaker = _colon_subject(words[:-1])
    return cue_tok, speaker, rule


def _make(rules: Rules, text: str, qid: str, qtype: str, content: Content, cue_tok: Optional[Token],
          speaker, rule: str) -> Quote:
    """A quote; ``speaker`` is the head token of the speaker's phrase, or a ready text span."""
    q = Quote(id=qid, type=qtype, content=content, rule=rule)
    if cue_tok is not None:
        q.cue = cue_of(cue_tok)
        addr = addressee_of(cue_tok, rules)
        if addr is not None:
            q.addressee = text_span(np_span(addr))
    if isinstance(speaker, Token):
        phrase = np_span(speaker)
        if cue_tok is not None and phrase.start <= cue_tok.i < phrase.end and cue_tok.i < speaker.i:
            # "Said Ortiz:" parsed as one phrase: the speaker starts after the cue.
            phrase = phrase.doc[cue_tok.i + 1:phrase.end]
        speaker = text_span(phrase)
    if speaker is not None:
        q.speaker = Speaker(start=speaker.start, end=speaker.end, text=speaker.text)
    return q


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _pre_context(doc: Doc, start: int, lo: int) -> list[Token]:
    """Tokens of the quote's sentence before its opening mark: back to a sentence end, a line
    break or the previous quote."""
    span = doc.char_span(lo, start, alignment_mode="contract") if start > lo else None
    toks = list(span) if span is not None else []
    out: list[Token] = []
    for tok in reversed(toks):
        if tok.text in SENTENCE_END or "\n" in tok.text or tok.is_space and "\n" in tok.text_with_ws:
            break
        if tok.text in QUOTE_MARKS:
            break
        out.append(tok)
    out.reverse()
    while out and out[0].is_space:
        out.pop(0)
    return out


def _post_context(doc: Doc, end: int, hi: int) -> list[Token]:
    """Tokens after the closing mark up to the sentence end, a line break or the next quote."""
    span = doc.char_span(end, hi, alignment_mode="contract") if hi > end else None
    out: list[Token] = []
    for tok in (span or []):
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in SENTENCE_END:
            break
        out.append(tok)
    return out


def _is_quote_cue(tok: Token, verbs: frozenset) -> bool:
    """A reporting verb of the lexicon, or a verb with its particle when the lexicon lists the pair
    ("Jones shot back", "he went on", "her aide cut in")."""
    if is_cue_verb(tok, verbs):
        return True
    lemma = tok.lemma_.lower()
    pairs = {f"{lemma} {c.lower_}" for c in tok.children if c.dep_ in ("prt", "advmod") and c.i > tok.i}
    # The part-of-speech checks of is_cue_verb, on the verb itself.
    return bool(pairs & verbs) and is_cue_verb(tok, frozenset([lemma]))


def _starts_clean(pre: list[Token], verbs: frozenset, report_verbs: frozenset) -> bool:
    """Does the quote open a sentence, or follow its cue ("said:", "said,")? Otherwise it is
    embedded in a clause and is a fragment."""
    words = [t for t in pre if not t.is_space]
    if not words:
        return True
    last = words[-1]
    if last.text in (":", "—", "–", "-"):
        return True
    if last.text == ",":
        # "Burton said, "..."" / "said Burton, "..."": a cue in the clause before the comma.
        return any(_is_quote_cue(t, verbs) for t in words[-5:-1])
    # "He said "..."" / "she told reporters "..."": the cue or its short object ends the clause.
    # A verb that only frames quotations needs its comma or colon ("the fighting continued "for
    # days"" is a phrase, not a quote).
    return _is_quote_cue(last, report_verbs) or (
        len(words) > 1 and _is_quote_cue(words[-2], report_verbs) and last.pos_ in ("NOUN", "PRON", "PROPN"))


def _cue_after(post: list[Token], verbs: frozenset, report_verbs: frozenset,
               quote_start: int) -> tuple[Optional[Token], Optional[Token], str]:
    words = [t for t in post if not t.is_space]
    # Skip a comma the writer put outside the marks: "...", he said.
    if words and words[0].text == ",":
        words = words[1:]
    for k, tok in enumerate(words[:MAX_CUE_DISTANCE]):
        if tok.text in (",", ";", ":") and k > 0:
            # A comma before any cue ends the search: ("...", which, ...) — except the comma of an
            # apposition inside the speaker phrase, which comes after a noun and before the verb.
            if not any(_is_quote_cue(t, verbs) for t in words[k + 1:k + 8]):
                break
        if not _is_quote_cue(tok, verbs):
            continue
        if _own_complement(tok, report_verbs, words):
            break  # "... and said that the campaign would go on": the clause is that verb's own
        subj = subject_of(tok)
        if not _frame_fits(tok, subj, k, words, report_verbs):
            break
        region = {t.i for t in words}
        if subj is not None and subj.i in region:
            return tok, subj, ("direct.inverted" if subj.i > tok.i else "direct.cue_after")
        if subj is not None and subj.idx < quote_start and tok.dep_ == "conj":
            # "Kim said "no" three times, and mentioned ...": a verb coordinated with a clause
            # that began before the quote continues that clause and does not frame the quote.
            return None, None, ""
        # The parser missed the subject: take the nearest noun phrase on the right side.
        if k == 0:
            for t in words[1:6]:
                if t.pos_ in SPEAKER_POS:
                    return tok, _np_head(t), "direct.inverted"
        else:
            for t in reversed(words[:k]):
                if t.pos_ in SPEAKER_POS:
                    return tok, _np_head(t), "direct.cue_after"
        return tok, None, "direct.cue_after"
    return None, None, ""


def _own_complement(verb: Token, report_verbs: frozenset, words: list[Token]) -> bool:
    """Does a verb that only frames quotations have a complement of its own before the next quote
    (``words``), so that it does not frame this one? "the panel would continue to investigate",
    "he went on to deny it", "Kim continued her attacks". A reporting verb is left alone: its
    complements there are mostly misparses (a show title such as "Meet the Press" after "told"
    taken for an infinitive)."""
    if verb.lemma_.lower() in report_verbs:
        return False
    region = {t.i for t in words}
    return any(c.i in region and c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.rights)


def _frame_fits(verb: Token, subj: Optional[Token], k: int, words: list[Token], report_verbs: frozenset) -> bool:
    """A frame-only verb stands right after the quote, with nothing before it but its subject:
    ""...," he continued" / ""...," continued Ortiz" -- not ""..." - at which point the crowd
    chanted"."""
    if verb.lemma_.lower() in report_verbs or k == 0:
        return True
    if subj is None:
        return False
    phrase = {t.i for t in subj.subtree}
    return all(t.i in phrase or t.is_punct for t in words[:k])


def _long_speaker_cue(post: list[Token], verbs: frozenset,
                      report_verbs: frozenset) -> tuple[Optional[Token], Optional[Token], str]:
    """A cue further away than MAX_CUE_DISTANCE, when all the words before it are its subject's
    phrase (name, apposition, affiliation): ""...," Rep. Ann Cole (D-Ore.), a member of the
    budget committee, said". Tried only when nothing nearer frames the quote."""
    words = [t for t in post if not t.is_space]
    if words and words[0].text == ",":
        words = words[1:]
    for k, tok in enumerate(words[:MAX_SPEAKER_PHRASE]):
        if tok.text in (";", ":"):
            break
        if k < MAX_CUE_DISTANCE or not _is_quote_cue(tok, verbs) or _own_complement(tok, report_verbs, words):
            continue
        subj = subject_of(tok)
        if subj is None or subj.pos_ not in SPEAKER_POS:
            break
        phrase = {t.i for t in subj.subtree}
        if all(t.i in phrase or t.is_punct for t in words[:k]) and words[0].i in phrase:
            return tok, subj, "direct.cue_after"
        break
    return None, None, ""


def _cue_before(pre: list[Token], verbs: frozenset) -> tuple[Optional[Token], Optional[Token], str]:
    words = [t for t in pre if not t.is_space]
    for k in range(len(words) - 1, -1, -1):
        tok = words[k]
        if _is_quote_cue(tok, verbs):
            subj = _relayed_by(tok, subject_of(tok), verbs) or _governing_subject(tok, words) \
                or _adjacent_speaker(words, k)
            return tok, subj, "direct.cue_before"
    return None, None, ""


def _governing_subject(verb: Token, words: list[Token]) -> Optional[Token]:
    """The understood subject of an adverbial participle or gerund is the main clause's: "He
    explained the delay by saying: "..."" (saying <- by <- explained), "..., adding: "..."".
    The governing verb must lie in the same stretch of text as the cue."""
    inside = {t.i for t in words}
    tok = verb
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        tok = tok.head
    if tok.dep_ not in ("advcl", "prep") or tok.head.i not in inside or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    for child in tok.head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i in inside:
            return child
    return None


def _relayed_by(cue: Token, subj: Optional[Token], verbs: frozenset) -> Optional[Token]:
    """"The senator emailed donors saying: "..."", "Kim posted a note reading: "..."": the
    participle hangs on the object of a verb of speech or writing, and the subject of that verb
    is the one who speaks."""
    if subj is None or cue.dep_ not in ("acl", "relcl") or cue.head.i != subj.i:
        return subj
    if subj.dep_ in ("dobj", "dative") and _is_quote_cue(subj.head, verbs):
        return subject_of(subj.head) or subj
    return subj


def _adjacent_speaker(words: list[Token], k: int) -> Optional[Token]:
    """When the parse gives the cue no subject, a name right next to it: inverted "Said Ortiz:" /
    "Continued Hale:", or the name before a comma, "her chief of staff, Tom Reyes, said:" (a date
    there is no speaker: "Kim on Friday called")."""
    if k == 0 and len(words) > 1 and words[1].pos_ == "PROPN":
        # The verb opens the clause and the name follows: the last word of that name.
        j = k + 1
        while j + 1 < len(words) and words[j + 1].pos_ == "PROPN":
            j += 1
        return words[j]
    if k >= 2 and words[k - 1].text == "," and words[k - 2].pos_ == "PROPN" \
            and words[k - 2].ent_type_ not in ("DATE", "TIME"):
        return _np_head(words[k - 2])
    return None


def _colon_label(pre: list[Token]) -> Optional[Span]:
    """A bare name before the colon that opens the quote, at the start of its line or after a
    spaced dash: "Dana M. Smith: "..."", "Analysts disagree - Dana Smith: "..."", "Rep. Ann Cole
    (D-Ore.): "..."". Without a verb, the name can only label the speech that follows."""
    words = [t for t in pre if not t.is_space]
    if len(words) < 2 or words[-1].text != ":":
        return None
    words = words[:-1]
    for k in range(len(words) - 1, -1, -1):
        t = words[k]
        if t.text in DASHES and k > 0 and words[k - 1].whitespace_ and t.whitespace_:
            words = words[k + 1:]
            break
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    # The name stops at a bracket or comma: "Cole (D-Ore.)", "Smith, in 1998".
    for k, t in enumerate(words):
        if t.text in ("(", ","):
            words = words[:k]
            break
    names = [t for t in words if not t.is_punct]
    if not names or len(names) > MAX_DASH_NAME + 2:
        return None
    if not all(t.text[:1].isupper() or t.pos_ == "CCONJ" for t in names) or names[0].pos_ in ("ADP", "SCONJ", "ADV") \
            or names[-1].pos_ not in ("PROPN", "NOUN") or (len(names) < 2 and names[0].pos_ != "PROPN"):
        return None
    return text_span(words[0].doc[words[0].i:words[-1].i + 1])


def _colon_subject(clause: list[Token]) -> Optional[Token]:
    """The subject of the clause a colon closes, when the clause has no reporting verb: "The mayor
    then turned to the protesters: "..."", "As Professor Lin put it: "..."". The clause is the main
    one nearest the colon ("After the votes were counted, the winner thanked her staff:" is the
    winner's), after any spaced dash ("Turnout fell - more from the survey:" has none). An
    impersonal "it" speaks for nobody ("And it gets worse:")."""
    words = [t for t in clause if not t.is_space]
    for k in range(len(words) - 1, 0, -1):
        if words[k].text in DASHES and words[k - 1].whitespace_:
            words = words[k + 1:]
            break
    words = [t for t in words if not t.is_punct]
    inside = {t.i for t in words}
    main: list[Token] = []
    for t in words:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if t.head.i == t.i or t.head.i not in inside or (t.dep_ == "conj" and t.head in main):
            main.append(t)
    if not main:
        return None
    subj = subject_of(main[-1])
    if subj is None or subj.i not in inside or subj.pos_ not in SPEAKER_POS or subj.dep_ == "expl":
        return None
    if "Neut" in subj.morph.get("Gender"):
        return None
    return subj


def _attribution_around(doc: Doc, text: str, qs: QuoteSpan, pre: list[Token], lo: int, hi: int, verbs: frozenset,
                        prev: Optional[Quote]) -> tuple[Optional[Token], object, str]:
    """For a quote whose own sentence has no cue: a name after a dash, a colon clause before it
    (in its sentence or ending the previous paragraph)."""
    dash = _dash_name(doc, text, qs, hi, opens_paragraph=not pre and _opens_paragraph(text, qs.start))
    if dash is not None:
        return None, dash, "direct.dash_after"
    words = [t for t in pre if not t.is_space]
    if words and words[-1].text == ":":
        subj = _colon_subject(words[:-1])
        if subj is not None:
            return None, subj, "direct.colon_subject"
        return None, None, ""
    if words:
        return None, None, ""
    # The quote opens its paragraph: does the previous paragraph end with "X said:"?
    j = len(text[lo:qs.start].rstrip()) + lo
    gap = text[j:qs.start]
    if j <= lo or text[j - 1] != ":" or "\n" not in gap or gap.count("\n") > 2:
        return None, None, ""
    if prev is not None and prev.content.end > j:
        return None, None, ""
    clause = _pre_context(doc, j, lo)  # ends with the colon
    label = _colon_label(clause)
    if label is not None:
        return None, label, "direct.colon_label"
    words = [t for t in clause if not t.is_space][:-1]
    cue_tok, subj, _ = _cue_before(words, verbs)
    if cue_tok is not None and subj is not None:
        return cue_tok, subj, "direct.cue_before_paragraph"
    subj = _colon_subject(words)
    if subj is not None:
        return None, subj, "direct.colon_subject"
    return None, None, ""


def _opens_paragraph(text: str, start: int) -> bool:
    return text[text.rfind("\n", 0, start) + 1:start].strip() == ""


_DASH_RE = re.compile(r"[ \t\u00a0]*(\r?\n[ \t\u00a0\r\n]*)?(--|[-\u2013\u2014\u2015])[ \t\u00a0]*")


def _dash_name(doc: Doc, text: str, qs: QuoteSpan, hi: int, opens_paragraph: bool) -> Optional[Span]:
    """A name after a dash that follows the quote, on the same line or opening the next paragraph
    (""..." -- Ana Ruiz", "- Senator Kim, in a tweet after the vote."): the byline of a quotation.
    The name runs to the end of the line or to a comma, and is made of capitalised words."""
    m = _DASH_RE.match(text, qs.end, hi)
    if m is None or (m.group(1) and (not opens_paragraph or m.group(1).count("\n") > 2)):
        return None
    start = m.end()
    line_end = text.find("\n", start, hi)
    stop = line_end if line_end != -1 else hi
    comma = text.find(",", start, stop)
    end = comma if comma != -1 else stop
    while end > start and text[end - 1] in " .\t\u00a0\r":
        end -= 1
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > MAX_DASH_NAME:
        return None
    if not all(t.text[:1].isupper() for t in words) or not any(t.pos_ == "PROPN" for t in words):
        return None
    return text_span(span)


def _report_before(doc: Doc, text: str, qs: QuoteSpan, lo: int, verbs: frozenset) -> Optional[tuple[Optional[Token], Token]]:
    """The quote opens a sentence right after an attribution that carries no quote of its own,
    in the same paragraph or ending the previous one: 'Lee said in a statement. "No ballots were
    lost ..."', 'Smith said the plan failed. "It was a disaster."'. The reporting verb must be
    the main verb of that sentence (not one inside a subordinate clause), with a subject; a
    quoted phrase inside that sentence is part of the report ('Smith called it "a disaster."').
    ``lo`` is the end of the previous quote. Returns the cue (only when it has no reported clause
    of its own) and the speaker."""
    if text[qs.start:qs.end].rstrip(QUOTE_CHARS).endswith(","):
        return None  # ""...," ..." : the quote's own attribution follows, we did not find it
    j = len(text[lo:qs.start].rstrip()) + lo
    gap = text[j:qs.start]
    if j <= lo or gap.count("\n") > 2:
        return None
    k = j - 1
    while k > lo and text[k] in QUOTE_MARKS:
        k -= 1
    if text[k] not in SENTENCE_END:
        return None
    last = doc.char_span(k, k + 1, alignment_mode="expand")
    if last is None:
        return None
    sent = last[0].sent
    if sent.start_char < lo:
        return None
    for tok in sent:
        if tok.i >= last[0].i:
            break
        main = tok.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.dep_ == "ROOT")
        if not main or not _is_quote_cue(tok, verbs):
            continue
        subj = subject_of(tok)
        if subj is None or subj.pos_ not in SPEAKER_POS or subj.dep_ == "expl" or subj.i < sent.start:
            return None
        has_content = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        return (None if has_content else tok), subj
    return None


def _np_head(tok: Token) -> Token:
    """Climb compounds to the head noun ("Maria" -> "Zakharova")."""
    while tok.dep_ in ("compound", "flat", "amod", "det", "nummod") and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _is_follow_on(text: str, prev: QuoteSpan, cur: QuoteSpan) -> bool:
    """The quote comes right after the previous quoted sentence of the same speaker: in the same
    paragraph, or opening the next one."""
    between = text[prev.end:cur.start]
    breaks = between.count("\n")
    if breaks == 0:
        return True
    # Opening the next paragraph, with the previous paragraph ending with the previous quote's
    # attribution.
    return between.strip().count("\n") == 0 and text.rfind("\n", 0, cur.start) >= prev.end and breaks <= 2


def _in_narration(text: str, end: int) -> bool:
    """The sentence goes on in lower case after the closing mark: the quotation is a phrase of the
    writer's sentence, a title or a term ("“The Walking Dead” is an AMC drama", "“Force majeure” is
    a clause in most contracts"), not a further sentence of the previous speaker."""
    return re.match(r"[ \t\u00a0]+[a-z]", text[end:end + 3]) is not None


def _words(inside: list[Token], start: int, end: int) -> list[Token]:
    """The words of a quoted span: alphabetic tokens outside dates and times. Embedded posts
    quote handles ("@newsdesk"), ids and dates ("March 10, 2016"), which nobody said. Only the
    characters between the marks count: in markup the tokenizer glues a mark to its neighbours
    (datetime="2016-08-23">BREAKING is one token with "23">BREAKING), whose letters are not
    quoted."""
    out = []
    for t in inside:
        part = t.text[max(0, start - t.idx):max(0, end - t.idx)]
        if any(ch.isalpha() for ch in part) and part.lstrip("\"'“”‘’`«»")[:1] not in ("@", "#") \
                and not t.like_url and t.ent_type_ not in ("DATE", "TIME"):
            out.append(t)
    return out


# Short words that a title leaves in lower case ("The Girl Who Sold the Sea", "Meet the Press").
TITLE_SMALL_WORDS = 3


def _is_title(inside: list[Token], words: list[Token]) -> bool:
    """Two or more words in title case with no sentence punctuation: every word longer than a
    particle starts with a capital ("The Girl Who Sold the Sea", "Face the Nation"). Speech put in
    title case is rare enough in news; a shouted slogan ends with "!" and stays a quote."""
    if len(words) < 2 or any(t.text in SENTENCE_END or t.text in (",", ";", ":") for t in inside):
        return False
    long_words = [t for t in words if t.is_alpha and len(t.text) > TITLE_SMALL_WORDS]
    return len(long_words) >= 2 and all(t.text[0].isupper() for t in long_words) \
        and not all(t.text.isupper() for t in long_words)


def _looks_like_speech(inside: list[Token]) -> bool:
    words = [t for t in inside if not t.is_punct and not t.is_space]
    return len(words) >= MIN_UNCUED_TOKENS and any(t.pos_ in ("VERB", "AUX") for t in words)
