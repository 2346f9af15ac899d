"""Issue 12, polls, records and laws as sources (rules/patterns/polls.json, docs/rules-table.md
'Polls, records and laws as sources'): each pattern and word on real parses, and the cases each
must leave alone."""
import pytest

from quotes.rules import load_rules
from rulecases import found

RULES = load_rules()


@pytest.mark.parametrize("text,content,cue,speaker,rule", [
    # A lead stated with the poll that shows it (cues.json poll_standing: 'lead').
    ("Ortiz leads Baptiste by six points in the latest county survey.", "Ortiz leads Baptiste by six points",
     "in", "the latest county survey", "indirect.poll_lead"),
    ("The mayor is leading in the polls.", "The mayor is leading", "in", "the polls", "indirect.poll_lead"),
    # 'records show' that the parser reads as a noun hung on the clause (cues.json shown_by).
    ("The plane was insured for nine million dollars in 2015, court records show, and dealers say it is worth less today.",
     "The plane was insured for nine million dollars in 2015", "show", "court records", "indirect.records_show_noun"),
    ("A company called Delta Farms gave 900 dollars to the fund on May 3, 2012, campaign finance records show.",
     "A company called Delta Farms gave 900 dollars to the fund on May 3, 2012", "show", "campaign finance records",
     "indirect.records_show_noun"),
    # A law that opens the clause states it (cues.json governing_texts).
    ("Under state law, a recount is automatic when the margin is under half a point.",
     "a recount is automatic when the margin is under half a point", "Under", "state law", "indirect.under_law"),
    ("Under the new regulation, most clerks must receive overtime pay.", "most clerks must receive overtime pay",
     "Under", "the new regulation", "indirect.under_law"),
    ("Under the Clean Harbors Act, which the council passed in May, every ship must file a report.",
     "every ship must file a report", "Under", "the Clean Harbors Act", "indirect.under_law"),
])
def test_poll_rules_on_real_parses(extract, text, content, cue, speaker, rule):
    assert (content, cue, speaker) in found(extract(text), rule)


@pytest.mark.parametrize("text,rule", [
    # Other standings in the polls are narration as often as attribution: only 'lead'.
    ("The senator rose in the polls after the debate.", "indirect.poll_lead"),
    ("Baptiste trails Ortiz in the latest survey.", "indirect.poll_lead"),
    # A relative clause describes X; it is the writer's.
    ("The mayor, who leads in the polls, spoke on Monday.", "indirect.poll_lead"),
    # 'lead' in something that is no poll.
    ("Ortiz leads the team in assists.", "indirect.poll_lead"),
    # 'show' as a verb with its own clause is indirect.ccomp's; a show that is a programme is no cue.
    ("Court records show that the plane was sold in 2019.", "indirect.records_show_noun"),
    ("He appeared on two morning shows last week.", "indirect.records_show_noun"),
    # 'Under' a plan, a leader or a time is no law that says something.
    ("Under the plan, the bridge would close for a year.", "indirect.under_law"),
    ("Under Mayor Diaz, the city hired more nurses.", "indirect.under_law"),
    # The law must open the clause.
    ("Shops may stay open under the new rules.", "indirect.under_law"),
])
def test_poll_rules_stay_out(extract, text, rule):
    assert not found(extract(text), rule)


def test_poll_rules_are_evidence_and_decree(extract):
    lead = [q for q in extract("Ortiz leads Baptiste by six points in the latest county survey.")
            if q["rule"] == "indirect.poll_lead"]
    law = [q for q in extract("Under state law, a recount is automatic.") if q["rule"] == "indirect.under_law"]
    assert [q["frame"] for q in lead] == ["evidence"]
    assert [q["frame"] for q in law] == ["decree"]


# Every word of the new lists, each in a sentence of its own (cues.json shown_by, governing_texts,
# poll_standing). 'show' after a records noun is parsed several ways (a root noun, a noun or verb
# hung on the clause's verb), so each word is tried in three such sentences and must be read in one.
SHOWN_BY = {"record": "records", "document": "documents", "filing": "filings", "datum": "data", "file": "files",
            "result": "results", "poll": "polls", "survey": "surveys", "study": "studies", "report": "reports",
            "figure": "figures", "number": "numbers"}
SHOW_FRAMES = ["During that year, state {} show, the plant was sold twice.", "The plant, {} show, was sold in 2019.",
               "The plant was sold in 2019, county {} show."]
GOVERNING = ["law", "laws", "act", "regulation", "regulations", "rule", "rules", "statute", "statutes", "code",
             "constitution"]


def test_poll_words_are_tested():
    assert RULES.verbs("$shown_by_nouns") == set(SHOWN_BY)
    assert RULES.verbs("$governing_text_nouns") == set(GOVERNING)
    assert RULES.verbs("$poll_standing_verbs") == {"lead"}


@pytest.mark.parametrize("lemma", sorted(SHOWN_BY))
def test_records_show_nouns(extract, lemma):
    word = SHOWN_BY[lemma]
    got = []
    for frame in SHOW_FRAMES:
        quotes = extract(frame.format(word))
        got += [q for q in quotes if q["rule"].startswith("indirect.records_show_noun")
                and q["speaker"] and q["speaker"]["text"].endswith(word) and "the plant" in q["content"]["text"].lower()]
    assert got


@pytest.mark.parametrize("noun", GOVERNING)
def test_under_law_nouns(extract, noun):
    text = f"Under the new {noun}, every ship must file a report."
    assert ("every ship must file a report", "Under", f"the new {noun}") in found(extract(text), "indirect.under_law")
