"""The document context (quotes/context.py) and the cast it holds (quotes/cast.py): built once per
Doc, read by every step; resolution (quotes/resolve.py) never changes the cast."""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotes import speakers
from quotes.cast import Cast
from quotes.context import DocContext
from quotes.marks import pair_quotes
from quotes.model import Content, Quote, Speaker
from quotes.resolve import Resolver
from quotes.rules import load_rules

RULES = load_rules()
RULES_VOCAB = Vocab()


def quote_with_speaker(text: str, content: str, speaker: str) -> Quote:
    cs = text.index(content)
    ss = text.index(speaker)
    q = Quote(id="q1", type="indirect", content=Content.of(text, cs, cs + len(content)))
    q.speaker = Speaker.of(text, ss, ss + len(speaker))
    return q


def test_the_context_holds_the_text_sentences_and_marks(nlp):
    text = 'The mayor spoke on Monday.\n\n"We will fix the roads first," she said. Nobody answered.'
    with nlp.select_pipes(disable=["quotes"]):
        doc = nlp(text)
    ctx = DocContext(doc, RULES)
    assert ctx.text == doc.text == text
    assert ctx.marks == pair_quotes(text)
    assert [s.text for s in ctx.sents] == [s.text for s in doc.sents]
    assert all(ctx.sents[ctx.sent_of[t.i]].start <= t.i < ctx.sents[ctx.sent_of[t.i]].end for t in doc)
    said = text.index("said")
    assert ctx.token_at(said).text == "said" and ctx.token(said, said + 4).i == ctx.token_at(said).i
    assert ctx.token_at(said) is ctx.token_at(said)  # looked up once


def test_the_bulk_views_are_the_token_attributes(nlp):
    # Read with Doc.to_array so that scans make no Token objects: they must say what the tokens say,
    # including the text rebuilt from words and spaces (double spaces, a line break, no final space).
    text = 'Acting Mayor Ann  Lee of Export Development Canada (EDC) said\n"it will pass," per the CBC.\nShe left.'
    with nlp.select_pipes(disable=["quotes"]):
        doc = nlp(text)
    ctx = DocContext(doc, RULES)
    assert ctx.text == text
    assert ctx.words == [t.text for t in doc]
    assert ctx.lowers == [t.lower_ for t in doc]
    assert ctx.capitalised == [t.i for t in doc if t.text[:1].isupper()]
    assert ctx.propn == [t.i for t in doc if t.pos_ == "PROPN"] and ctx.propn
    assert ctx.subjects == [t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass")] and ctx.subjects


def test_a_context_is_passed_through_not_rebuilt():
    doc = Doc(RULES_VOCAB, words=["Hello", "."])
    ctx = DocContext(doc, RULES)
    assert DocContext.of(ctx, None) is ctx
    assert DocContext.of(doc, RULES) is not ctx


def hand_doc(words: str, pos: list[str]) -> Doc:
    """A Doc with no entities: the tagger labelled nobody."""
    ws = words.split()
    return Doc(RULES_VOCAB, words=ws, spaces=[True] * (len(ws) - 2) + [False, False], pos=pos,
               deps=["nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"], heads=[1, 1, 3, 4, 1, 1],
               sent_starts=[i == 0 for i in range(len(ws))])


def test_the_cast_is_read_once_and_again_only_for_other_unlabelled_speakers():
    # "Poulter" carries no entity label: only a quote naming it as speaker makes it a person.
    doc = hand_doc("Poulter said the plan works .", ["PROPN", "VERB", "DET", "NOUN", "VERB", "PUNCT"])
    text = doc.text
    ctx = DocContext(doc, RULES)
    nobody = ctx.cast([])
    assert isinstance(nobody, Cast) and not nobody.persons
    assert ctx.cast([]) is nobody
    q = quote_with_speaker(text, "the plan works", "Poulter")
    poulter = ctx.cast([q])
    assert poulter is not nobody and [p.text for p in poulter.persons] == ["Poulter"]
    assert ctx.cast([quote_with_speaker(text, "the plan works", "Poulter")]) is poulter
    assert ctx.labels is ctx.labels  # the labels' evidence is read once for both


def test_resolution_leaves_the_cast_as_it_was(nlp):
    text = ("Russian Foreign Ministry Spokesperson Maria Zakharova spoke on Monday. "
            "She said that the talks had failed.")
    with nlp.select_pipes(disable=["quotes"]):
        doc = nlp(text)
    ctx = DocContext(doc, RULES)
    q = quote_with_speaker(text, "that the talks had failed", "She")
    cast = ctx.cast([q])
    before = list(cast.mentions)
    speakers.resolve(ctx, [q])
    assert q.speaker.name == "Maria Zakharova"
    assert cast.mentions == before and ctx.cast([q]) is cast
    # A fresh resolver starts from the cast alone and finds the same person.
    she = Speaker.of(text, text.index("She"), text.index("She") + 3)
    assert Resolver(ctx, cast, [q]).resolve(she).name == "Maria Zakharova"
    assert cast.gender.get("Maria Zakharova") in (None, "female")
    assert any(r.name == "Maria Zakharova" and r.head == "spokesperson" for r in cast.roles)


def test_the_extractor_reads_the_cast_once_per_document(nlp, monkeypatch):
    built = []
    init = Cast.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Cast, "__init__", counting)
    text = ("Maria Zakharova spoke on Monday. \"We expected nothing,\" she said. "
            "She told reporters that the talks had failed, according to TASS.")
    quotes = nlp(text)._.quotes
    assert "Maria Zakharova" in {q["speaker"]["name"] for q in quotes}
    # The chain's link was named by a second resolution pass (speakers.describe), on the same cast.
    assert any(link["name"] == "TASS" for q in quotes for link in q["chain"])
    assert len(built) == 1
