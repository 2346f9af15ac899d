"""Whether a predicted speaker, speaker name or chain is the gold one: the verdicts ``quotes.evaluate``
counts on matched pairs, and the name comparison GGT's annotated ``speaker_name`` is scored with."""
from __future__ import annotations

import re
from typing import Optional

from .matching import spans_overlap

PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}
# Lower-case words allowed inside a proper name ("Secretary of State", "Charles de Gaulle").
_NAME_PARTICLES = {"of", "the", "de", "la", "le", "du", "van", "von", "der", "den", "al", "el", "bin", "and", "for", "&"}


def _casefold(s: Optional[str]) -> str:
    return re.sub(r"\s+", " ", (s or "")).strip().casefold()


def _contains_words(haystack: Optional[str], needle: str) -> bool:
    if not haystack or not needle:
        return False
    return re.search(r"(?<!\w)" + re.escape(_casefold(needle)) + r"(?!\w)", _casefold(haystack)) is not None


def is_pronoun(text: str) -> bool:
    return _casefold(text) in PRONOUNS


def is_proper_name(text: str) -> bool:
    """A mention made of capitalised words (name particles allowed), not a pronoun."""
    words = re.findall(r"[\w][\w'’.-]*", text)
    if not words or is_pronoun(text):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in _NAME_PARTICLES or w[0].isdigit() for w in words)


def _last_capitalised(text: str) -> Optional[str]:
    words = [w for w in re.findall(r"[\w][\w'’-]*", text) if w[0].isupper()]
    if not words:
        return None
    return re.sub(r"['’]s$", "", words[-1])


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _same_mention(gold: dict, pred: dict) -> bool:
    """The mentions overlap, or the gold mention is a relative pronoun and the pred mention is the
    noun phrase it refers to, right before it ("the official" for "who" in "the official, who
    spoke on condition of anonymity"): the same source."""
    if spans_overlap(gold, pred):
        return True
    return (gold["text"].strip().lower() in RELATIVE_PRONOUNS
            and 0 <= gold["start"] - pred["end"] <= 3)


def speaker_correct(gold: Optional[dict], pred: Optional[dict]) -> bool:
    """Mention-level speaker check: the pred mention overlaps the gold one, or the gold has a
    name and the pred name equals it, or the gold mention is a proper name contained in the pred
    name (gold "Clinton", pred "she" resolved to "Hillary Clinton")."""
    if not gold or not pred:
        return False
    if _same_mention(gold, pred):
        return True
    if gold.get("name") and _casefold(gold["name"]) == _casefold(pred.get("name")):
        return True
    return bool(pred.get("name")) and is_proper_name(gold["text"]) and _contains_words(pred["name"], gold["text"])


def speaker_name_correct(gold: Optional[dict], pred: Optional[dict]) -> bool:
    """Entity-level speaker check: does the pred resolve to the gold entity?

    - anonymous gold: pred is anonymous too and its mention overlaps the gold mention;
    - gold has a name: the pred name equals it (case-insensitive);
    - gold mention is a bare pronoun with no name: right only if the pred has a name and its
      mention overlaps the gold one. Without gold coreference the entity behind a pronoun cannot
      be checked, so this only credits a resolution made at the right place;
    - otherwise: the pred mention is the gold mention (overlapping it, or the antecedent of a
      gold relative pronoun), or the pred name or mention holds the
      gold mention's last capitalised word ("Chaffetz" for "Rep. Jason Chaffetz (R-Utah)").
    """
    if not gold or not pred:
        return False
    if gold.get("anonymous"):
        return bool(pred.get("anonymous")) and _same_mention(gold, pred)
    if gold.get("name"):
        return _casefold(gold["name"]) == _casefold(pred.get("name"))
    if is_pronoun(gold["text"]):
        return bool(pred.get("name")) and _same_mention(gold, pred)
    if _same_mention(gold, pred):
        return True
    last = _last_capitalised(gold["text"])
    return bool(last) and (_contains_words(pred.get("name"), last) or _contains_words(pred.get("text"), last))


DETERMINERS = {"a", "an", "the"}


def _name_words(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name.casefold())  # possessive: "Trudeau's" is Trudeau
    words = re.sub(r"[^\w\s]|_", " ", name).split()
    # An unnamed source is named by a description: "a justice official" = "The justice official".
    return words[1:] if len(words) > 1 and words[0] in DETERMINERS else words


def same_speaker_name(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two names name the same speaker. Both are casefolded, possessive 's (or ’s) is
    stripped, every punctuation mark becomes a space and runs of spaces one space; then they are
    the same when

    - their words are equal ("Rogers’s" = "rogers", "Jean-Yves Duclos" = "Jean Yves Duclos"), or
    - the shorter one has fewer words, all of them words of the longer one, and among them the
      longer one's last word ("Trudeau" and "Justin Trudeau", "Theresa Tam" and "Dr. Theresa
      Tam"; not "Justin" and "Justin Trudeau").

    An empty or missing name is never the same as anything. News names a person in full once and
    by surname after, and annotators write the full name: this credits the surname and refuses a
    first name, which two people of one article share more often than a surname."""
    wa, wb = _name_words(a or ""), _name_words(b or "")
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    return len(short) < len(long_) and set(short) <= set(long_) and long_[-1] in short


def predicted_speaker_name(pred: Optional[dict]) -> Optional[str]:
    """The name a predicted speaker stands for: its resolved ``name``; when that is null, the
    first mention of the same unnamed source that it refers back to (``refers_to``: "the
    official" -> "a justice official"), else the mention itself ("Lonechild", or a description
    such as "South Korean officials", which is all an unnamed source is named by, in the gold as
    in our output); a pronoun left unresolved names nobody (None)."""
    if not pred:
        return None
    if pred.get("name"):
        return pred["name"]
    if (pred.get("refers_to") or {}).get("text"):
        return pred["refers_to"]["text"]
    text = pred.get("text") or ""
    return None if is_pronoun(text) else text


def gold_speaker_name(gold_quote: dict) -> Optional[str]:
    """The annotated name of a gold quote's speaker (the Gender Gap Tracker's ``speaker_name``),
    or None when the gold has none (PolNeAR, our JSONL gold)."""
    name = gold_quote.get("speaker_name")
    return name if isinstance(name, str) and name.strip() else None


def speaker_name_matches(gold_name: str, pred: Optional[dict]) -> bool:
    """Entity-level check against an annotated name: ``same_speaker_name(gold_name,
    predicted_speaker_name(pred))``. A prediction without a speaker is wrong."""
    return same_speaker_name(gold_name, predicted_speaker_name(pred))


def pair_name_right(g: dict, p: dict) -> Optional[bool]:
    """Speaker-name verdict for a matched pair: against ``speaker_name`` when the gold has one,
    else ``speaker_name_correct`` on the gold mention; None when the gold says nothing of who."""
    name = gold_speaker_name(g)
    if name and g.get("speaker") and p.get("speaker") and spans_overlap(g["speaker"], p["speaker"]) \
            and same_speaker_name(name, g["speaker"]["text"]):
        return True  # the gold names the source by this very mention ("the commission"): found
    if name:
        return speaker_name_matches(name, p.get("speaker"))
    if g.get("speaker"):
        return speaker_name_correct(g["speaker"], p.get("speaker"))
    return None


def chain_correct(gold: list[dict], pred: list[dict]) -> bool:
    """Same number of links, and link by link the spans overlap or the names are equal."""
    if len(gold) != len(pred):
        return False
    for g, p in zip(gold, pred):
        same_name = g.get("name") and _casefold(g.get("name")) == _casefold(p.get("name"))
        if not (spans_overlap(g, p) or same_name or _casefold(g["text"]) == _casefold(p["text"])):
            return False
    return True
