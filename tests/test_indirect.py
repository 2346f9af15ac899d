"""Indirect-quote construction beyond the per-rule examples: how patterns are ranked and checked,
and the cases where a real parse would make the test brittle (hand-built Docs)."""
import json

import pytest
from spacy.tokens import Doc

from quotes.indirect import IndirectMatcher
from quotes.rules import RulesError, load_rules

RULES = load_rules()


TAGS = {"PROPN": "NNP", "VERB": "VBD", "ADP": "IN", "DET": "DT", "NOUN": "NN", "PUNCT": ".", "AUX": "VBD"}


def parsed(nlp, words, heads, deps, pos, lemmas, tags=None):
    """A Doc with a hand-made parse (heads are absolute token indices)."""
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               tags=tags or [TAGS[p] for p in pos])


def rules_file(folder, rule):
    """A user rules folder with one pattern (a new folder each time: loaded rules are cached per
    folder)."""
    path = folder / "patterns" / "mine.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    base = {"id": "my.rule", "description": "d", "examples": [{"text": "x"}],
            "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]}
    path.write_text(json.dumps({"patterns": [{**base, **rule}]}))
    return folder


def test_topic_verbs_take_only_their_own_preposition(nlp):
    # "referred to the plan" is a reference to it; "referred about" is not a frame of "refer".
    matcher = IndirectMatcher(nlp.vocab, RULES)
    words = ["Trump", "referred", "to", "the", "plan", "."]
    heads, deps = [1, 1, 1, 4, 2, 1], ["nsubj", "ROOT", "prep", "det", "pobj", "punct"]
    pos, lemmas = ["PROPN", "VERB", "ADP", "DET", "NOUN", "PUNCT"], ["Trump", "refer", "to", "the", "plan", "."]
    found = [q for q in matcher(parsed(nlp, words, heads, deps, pos, lemmas)) if q.rule == "indirect.topic"]
    assert [(q.content.text, q.cue.text, q.speaker.text) for q in found] == [("the plan", "referred to", "Trump")]
    words[2] = lemmas[2] = "about"
    assert not [q for q in matcher(parsed(nlp, words, heads, deps, pos, lemmas)) if q.rule == "indirect.topic"]


def test_passive_agent_speaker_and_no_speaker(nlp):
    matcher = IndirectMatcher(nlp.vocab, RULES)
    words = ["The", "plan", "was", "rejected", "by", "voters", "."]
    doc = parsed(nlp, words, [1, 3, 3, 3, 3, 4, 3], ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                 ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"], ["the", "plan", "be", "reject", "by", "voter", "."],
                 tags=["DT", "NN", "VBD", "VBN", "IN", "NNS", "."])
    q = next(q for q in matcher(doc) if q.rule == "indirect.passive")
    assert (q.content.text, q.cue.text, q.speaker.text) == ("The plan", "rejected", "voters")


def test_one_content_two_cues_keeps_the_verb(extract):
    # "said in a statement that ...": the clause may hang on the noun; the verb is still the cue.
    quotes = extract("The mayor's campaign manager Dana Ortiz says in a statement that the vote "
                     "will now go to a runoff.")
    contents = [(q["content"]["text"], q["cue"]["text"]) for q in quotes]
    assert contents == [("that the vote will now go to a runoff", "says")]


def test_cited_source_is_not_a_quote_of_its_own(extract):
    quotes = extract("The talks will resume next week, the report said, citing US officials.")
    assert [q["content"]["text"] for q in quotes] == ["The talks will resume next week"]
    assert quotes[0]["speaker"]["text"] == "US officials"


def test_cited_reason_is_a_quote(extract):
    # "cite" with a reason, not a source, is a stance: what was cited is the content.
    quotes = extract("Residents cite jobs and safety as their top concerns.")
    assert [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"]) for q in quotes] == \
        [("jobs and safety as their top concerns", "cite", "Residents")]


@pytest.mark.parametrize("line,speaker", [
    ("Poll: Mayor's bridge plan unpopular with Ohio commuters", "Poll"),
    ("Clinton camp: Trump's rhetoric threatens national security", "Clinton camp"),
    ("Ryabkov to Al Mayadeen: Direct clash between Russia, NATO possible", "Ryabkov"),
])
def test_headline_speakers(extract, line, speaker):
    quotes = extract(line + "\n\nMore text follows here.")
    assert [q["speaker"]["text"] for q in quotes if q["rule"].startswith("headline.")] == [speaker]


def test_headline_prefix_is_never_a_speaker(extract):
    quotes = extract("Read more: The talks are off for now, officials say in Moscow\n\nText.")
    assert not [q for q in quotes if q["rule"].startswith("headline.")]


def test_unknown_requirement_names_file_and_rule(tmp_path):
    with pytest.raises(RulesError, match=r"mine\.json, rule 'my\.rule': unknown requirement\(s\) speekr"):
        load_rules(rules_file(tmp_path, {"requires": ["speekr"]}))


def test_unknown_content_option_names_it(tmp_path):
    with pytest.raises(RulesError, match=r"rule 'my\.rule': unknown content option\(s\) with_kids"):
        load_rules(rules_file(tmp_path, {"content": {"nodes": ["content"], "with_kids": {}}}))


def test_special_speakers_load_and_unknown_nodes_fail(tmp_path):
    assert load_rules(rules_file(tmp_path / "a", {"speaker": "agent"}))
    assert load_rules(rules_file(tmp_path / "b", {"speaker": "possessor"}))
    with pytest.raises(RulesError, match="speaker names node 'agnt'"):
        load_rules(rules_file(tmp_path / "c", {"speaker": "agnt"}))


def test_speaking_is_a_quote_only_with_a_topic(extract):
    # "speak briefly at G-20" reports an event; "spoke about the treaty" says what was talked about.
    assert extract("Blinken and Lavrov speak briefly at G-20.") == []
    quotes = extract("Lavrov spoke about the treaty on Thursday.")
    assert [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"]) for q in quotes] == \
        [("the treaty", "spoke about", "Lavrov")]


def test_second_that_clause_parsed_as_another_complement_joins_the_content(nlp):
    # "said that A, and that B": the parser may hang B on "said" as a second ccomp (with the "and"
    # left inside A); both clauses are what was said, and no content ends on "and".
    matcher = IndirectMatcher(nlp.vocab, RULES)
    words = ["Turner", "said", "that", "she", "had", "seen", "emails", ",", "and", "that", "talk", "masked", "divisions", "."]
    heads = [1, 1, 5, 5, 5, 1, 5, 5, 5, 10, 11, 1, 11, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "dobj", "punct", "cc", "det", "nsubj", "ccomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "SCONJ", "PRON", "AUX", "VERB", "NOUN", "PUNCT", "CCONJ", "DET", "NOUN", "VERB", "NOUN", "PUNCT"]
    tags = ["NNP", "VBD", "IN", "PRP", "VBD", "VBN", "NNS", ",", "CC", "DT", "NN", "VBD", "NNS", "."]
    lemmas = ["Turner", "say", "that", "she", "have", "see", "email", ",", "and", "that", "talk", "mask", "division", "."]
    found = [q for q in matcher(parsed(nlp, words, heads, deps, pos, lemmas, tags)) if q.rule == "indirect.ccomp"]
    assert [q.content.text for q in found] == ["that she had seen emails , and that talk masked divisions"]


def test_content_runs_to_the_closing_mark_of_a_quotation_it_opens(extract):
    # The parser ends the sentence inside the quotation; the source's words go on to the mark.
    text = 'The mayor said the city would "fix the roads first. Then we will build the park."\n\nShe left.'
    q = next(q for q in extract(text) if q["rule"] == "indirect.ccomp")
    assert q["content"]["text"] == 'the city would "fix the roads first. Then we will build the park."'
    assert text[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]


def test_passive_judgement_has_no_speaker(extract):
    q = next(q for q in extract("The governor is seen as a likely candidate for the Senate.")
             if q["rule"] == "indirect.passive_judgement")
    assert q["content"]["text"] == "The governor is seen as a likely candidate for the Senate"
    assert q["speaker"] is None


@pytest.mark.parametrize("line", [
    "Editor’s note: The mayor regularly misleads voters about the budget and the schools.",
    'He posted this: "We will win this state by ten points, believe me," Trump wrote.',
])
def test_labels_and_clauses_before_a_colon_are_no_headline_speakers(extract, line):
    # An editor's note is the paper's own voice; "He posted this" is a clause, not a source phrase.
    quotes = extract(line + "\n\nMore text follows here.")
    assert not [q for q in quotes if q["rule"].startswith("headline.")]


@pytest.mark.parametrize("text", [
    "She might hire more staff or shift some duties, she said.",  # 'hire' (VB) over 'said'
    "It was a headline nobody thought they'd read: the small club beat the league leaders.",  # ccomp
])
def test_parenthetical_report_needs_a_finite_parataxis_cue(extract, text):
    assert not [q for q in extract(text) if q["rule"] == "indirect.parataxis"]


@pytest.mark.parametrize("text,content,cue", [
    ("Brown compared the tax plan to a raid on the pension fund.", "the tax plan to a raid on the pension fund", "compare"),
    ("The campaign offered a detailed response to the charges.", "a detailed response to the charges", "offer"),
    ("Senators focused on the cost of the program.", "the cost of the program", "focus"),
])
def test_cues_added_in_session_4(extract, text, content, cue):
    # Words kept by the end-to-end test on PolNeAR train (rules/cues.json "source").
    assert [(q["content"]["text"], q["cue"]["lemma"]) for q in extract(text)] == [(content, cue)]


@pytest.mark.parametrize("text,content,cue,rule,frame", [
    ("The governor wants to cut the sales tax.", "to cut the sales tax", "want", "indirect.intention", "intention"),
    ("The union wants a recount in three counties.", "a recount in three counties", "want", "indirect.message_object", "stance"),
    ("The council is considering to delay the vote.", "to delay the vote", "consider", "indirect.intention", "intention"),
    ("The party would support raising the minimum wage.", "raising the minimum wage", "support", "indirect.intention", "intention"),
    ("The senator ignored the question about her donors.", "the question about her donors", "ignore", "indirect.message_object", "stance"),
    ("The mayor welcomed the ruling on the zoning dispute.", "the ruling on the zoning dispute", "welcome", "indirect.message_object", "stance"),
    ("The minister suggested a compromise on the pension plan.", "a compromise on the pension plan", "suggest", "indirect.message_object", "stance"),
    ("The president ordered a review of the contracts.", "a review of the contracts", "order", "indirect.message_object", "stance"),
    ('The senator has said repeatedly about the tariffs, "They will hurt farmers."', "the tariffs", "say", "indirect.topic", "stance"),
    ("Most of the delegates voted for the senator.", "the senator", "vote", "indirect.topic", "stance"),
    ("The mayor agreed with the council.", "the council", "agree", "indirect.topic", "stance"),
    ("The union repeated its criticism of the trade deal.", "the trade deal", "criticism", "indirect.noun_topic", "stance"),
    ("Her critique of the program was sharp.", "the program", "critique", "indirect.noun_topic", "stance"),
])
def test_cues_added_for_recall(extract, text, content, cue, rule, frame):
    # Words kept by the end-to-end test on PolNeAR train in issue 12 (rules/cues.json "source",
    # docs/rules-table.md): each was right in at least half of its 6 or more matches there.
    found = [(q["content"]["text"], q["cue"]["lemma"], q["rule"], q["frame"]) for q in extract(text)]
    assert (content, cue, rule, frame) in found


@pytest.mark.parametrize("text,content,cue,speaker,frame", [
    ("The senator has long been critical of the trade deal.", "the trade deal", "critical of", "The senator", "stance"),
    ("The mayor said she is open to a new stadium tax.", "a new stadium tax", "open to", "she", "stance"),
    ("Delegates would be free to vote for another candidate.", "to vote for another candidate", "free", "Delegates", "intention"),
    ("The chairman is not sure that the bill will pass.", "that the bill will pass", "sure", "The chairman", "thought"),
    ("The singer has been a supporter of the union for years.", "the union", "supporter of", "The singer", "stance"),
    ("The mayor has become a fierce critic of the tax.", "the tax", "critic of", "The mayor", "stance"),
])
def test_adjective_and_noun_predicates(extract, text, content, cue, speaker, frame):
    # patterns/predicates.json: the speaker is the subject of the verb the predicate completes.
    found = [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"] if q["speaker"] else None, q["frame"])
             for q in extract(text) if q["rule"].startswith("predicate.")]
    assert (content, cue, speaker, frame) in found


@pytest.mark.parametrize("text", [
    "The committee was critical of the plan.",  # no person: a committee still takes a stance
    "Delegates would be free to vote for another candidate.",
])
def test_predicates_stay_out_of_speech_scope(nlp_speech, text):
    # Stances, intentions and beliefs are not what news readers call quotes.
    assert not [q for q in nlp_speech(text)._.quotes if q["rule"].startswith("predicate.")]


def test_stance_holder_in_an_apposition_is_the_writers_description(extract):
    # Cut for precision (issue 12): 'X, a supporter of Y' describes X; PolNeAR annotated it in 2
    # of 10 matches on train.
    assert not [q for q in extract("Warren, a longtime supporter of the bill, spoke first.")
                if q["rule"] == "predicate.stance_holder"]


def test_predicates_need_a_source(extract):
    # "critical of" without a subject to hold the stance ("a critical look at ...") is no attribution.
    assert not [q for q in extract("The report takes a critical look at the budget.") if q["rule"].startswith("predicate.")]
    assert not [q for q in extract("It is critical to finish the bridge.") if q["rule"].startswith("predicate.")]


def test_headline_speaker_named_elsewhere_in_the_article(extract):
    # Out of context the model tags the headline's "Trump" as a common noun; the article names him.
    text = "Trump: My immigration plans are not set in stone\n\nDonald Trump told Fox News on Sunday that he would listen."
    assert [q["speaker"]["text"] for q in extract(text) if q["rule"].startswith("headline.")] == ["Trump"]


def test_headline_word_named_nowhere_is_no_speaker(extract):
    text = "Markets: Stocks fell sharply on Monday after the report\n\nTraders sold shares in every sector."
    assert not [q for q in extract(text) if q["rule"].startswith("headline.")]


def test_a_date_after_on_is_no_summons_addressee(extract):
    # "told reporters on Monday that ...": the clausal complement is the report, "on Monday" is
    # when it was made; only "called on X to VP" makes X the addressee of a summons.
    quotes = extract("The minister told reporters on Monday that the border would reopen.")
    assert [(q["content"]["text"], q["cue"]["text"], q["rule"]) for q in quotes] == \
        [("that the border would reopen", "told", "indirect.ccomp")]


def test_an_empty_it_is_no_part_of_an_impression(extract):
    # "It seems likely that ...": the subject is empty; what seems is "likely that ...".
    quotes = extract("It seems likely that the bill will pass.")
    assert [q["content"]["text"] for q in quotes] == ["likely that the bill will pass"]
    quotes = extract("The plan seemed to work.")
    assert [q["content"]["text"] for q in quotes] == ["The plan seemed to work"]


@pytest.mark.parametrize("text,content", [
    ("The poll found that Smith leads the field with just 22%.", "that Smith leads the field with just 22%"),
    ("Officials said the bill was backed by Sen. Jane Park (R-Ohio).",
     "the bill was backed by Sen. Jane Park (R-Ohio)"),
    ("The mayor said the town had 40 thefts \u2014 including two robberies \u2014, a record.",
     "the town had 40 thefts \u2014 including two robberies \u2014"),  # a closing dash of a pair
])
def test_a_closing_bracket_dash_or_percent_sign_ends_the_content(extract, text, content):
    # The outermost contents: a stance nested inside the report ('the bill' that 'was backed by'
    # the senator, indirect.passive_stance_by) is a quote of its own.
    assert [q["content"]["text"] for q in extract(text) if q["nested_in"] is None] == [content]


# Issue 12, second pass: every word of the new lists and every new pattern, on real parses.
CUES = RULES.cues
# Participles the small model reads as passive verbs after "were" ("were disappointed about" has
# an auxpass, not an acomp): the predicate patterns read adjectives only; after a linking verb
# ("seemed disappointed with") the same word is an adjective (test below).
READ_AS_PASSIVE = {"annoyed", "appalled", "bothered", "convinced", "disappointed", "disenchanted",
                   "disillusioned", "dismayed", "frustrated", "horrified", "incensed", "relieved",
                   "shocked", "stunned", "terrified", "troubled"}
READ_AS_PASSIVE |= {"enamored", "enamoured"}  # issue 12, copular stances: 'were enamored of' too
# "were adamant that ...": the model hangs the clause on "were", not on the adjective.
CLAUSE_ON_THE_VERB = {"adamant"}


def _predicates(extract, text, rule):
    return [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"] if q["speaker"] else None, q["frame"])
            for q in extract(text) if q["rule"] == rule]


@pytest.mark.parametrize("word", [w if w not in READ_AS_PASSIVE else pytest.param(
    w, marks=pytest.mark.xfail(reason="the small model parses 'were WORD about' as a passive verb", strict=False))
    for w in CUES["adjectives"]["feeling_adjectives"]])
def test_feeling_adjective_with_its_object(extract, word):
    # A feeling about something is an attribution in PolNeAR: its content is what the feeling is about.
    assert ("the new rules", f"{word} about", "The farmers", "thought") in \
        _predicates(extract, f"The farmers were {word} about the new rules.", "predicate.feeling_adjective")


@pytest.mark.parametrize("word", [w if w not in READ_AS_PASSIVE | CLAUSE_ON_THE_VERB else pytest.param(
    w, marks=pytest.mark.xfail(reason="the small model parses 'were WORD that' as a passive verb, or hangs the "
                                      "clause on 'were'", strict=False))
    for w in CUES["adjectives"]["belief_adjectives"]])
def test_belief_adjective_with_its_clause(extract, word):
    assert ("that the rules would change", word, "The farmers", "thought") in \
        _predicates(extract, f"The farmers were {word} that the rules would change.", "predicate.belief_adjective")


@pytest.mark.parametrize("text,content,cue,rule", [
    ("The mayor seemed frustrated with the delays.", "the delays", "frustrated with", "predicate.feeling_adjective"),
    ("Her aides became convinced that she would win.", "that she would win", "convinced", "predicate.belief_adjective"),
])
def test_participles_after_a_linking_verb_are_adjectives(extract, text, content, cue, rule):
    assert [(c, k) for c, k, _s, _f in _predicates(extract, text, rule)] == [(content, cue)]


@pytest.mark.parametrize("text", [
    "The mayor was responsible for the delays.",  # not an attitude: no feeling adjective
    "The farmers were worried.",  # no object, no content
    "It was a worried look about nothing.",  # attributive, no subject holds the feeling
])
def test_feeling_adjectives_need_an_object_and_a_holder(extract, text):
    assert not [q for q in extract(text) if q["rule"] == "predicate.feeling_adjective"]


PAST = {"know": "knew", "see": "saw", "feel": "felt", "understand": "understood", "notice": "noticed",
        "discover": "discovered", "sense": "sensed", "determine": "determined", "remember": "remembered"}


@pytest.mark.parametrize("verb", CUES["verbs"]["knowledge"])
def test_knowledge_verb_with_that(extract, verb):
    quotes = [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"], q["frame"])
              for q in extract(f"The farmers {PAST[verb]} that the rules had changed.") if q["rule"] == "indirect.knowledge_that"]
    assert quotes == [("that the rules had changed", PAST[verb], "The farmers", "thought")]


@pytest.mark.parametrize("text", [
    "I don't know what happened to the money.",  # a wh-clause narrates
    "The farmers knew the rules had changed.",  # no complementizer: left to the clause verbs, and 'know' is none
    "We saw him leave the building.",
])
def test_knowledge_verbs_need_that(extract, text):
    assert not [q for q in extract(text) if q["rule"] == "indirect.knowledge_that"]


@pytest.mark.parametrize("noun", [n for n in CUES["nouns"]["stance_holders"]])
def test_stance_holder_nouns(extract, noun):
    found = _predicates(extract, f"The senator has long been a {noun} of the trade deal.", "predicate.stance_holder")
    assert ("the trade deal", f"{noun} of", "The senator", "stance") in found


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("Most voters have a poor view of the new tax.", "the new tax", "have a poor view of", "Most voters"),
    ("The union has a low opinion of the board.", "the board", "has a low opinion of", "The union"),
    ("Many readers had a bad impression of the mayor.", "the mayor", "had a bad impression of", "Many readers"),
    ("The farmers have strong feelings about the dam.", "the dam", "have strong feelings about", "The farmers"),
    ("The council has concerns about the budget.", "the budget", "has concerns about", "The council"),
    ("Several senators had doubts about the nominee.", "the nominee", "had doubts about", "Several senators"),
    ("The pastor had misgivings about the merger.", "the merger", "had misgivings about", "The pastor"),
    ("Local leaders have reservations about the pipeline.", "the pipeline", "have reservations about", "Local leaders"),
    ("She made the case for a carbon tax.", "a carbon tax", "made the case for", "She"),
    ("He made no mention of his rival.", "his rival", "made no mention of", "He"),
    ("The speaker made several references to the war.", "the war", "made several references to", "The speaker"),
    ("The coach made comments about the referee.", "the referee", "made comments about", "The coach"),
    ("The actor made remarks about the director.", "the director", "made remarks about", "The actor"),
    ("The company made a statement about the recall.", "the recall", "made a statement about", "The company"),
    ("The pastor had kind words for the volunteers.", "the volunteers", "had kind words for", "The pastor"),
    ("The president had praise for the rescue teams.", "the rescue teams", "had praise for", "The president"),
    ("The challenger drew a contrast with the incumbent.", "the incumbent", "drew a contrast with", "The challenger"),
    ("Each delegate cast a vote for the governor.", "the governor", "cast a vote for", "Each delegate"),
    ("The lawyer made an argument for a new trial.", "a new trial", "made an argument for", "The lawyer"),
    ("The widow made an emotional plea for calm.", "calm", "made an emotional plea for", "The widow"),
    ("The mayor took a stand against the casino.", "the casino", "took a stand against", "The mayor"),
    ("The group held a dim view of the plan.", "the plan", "held a dim view of", "The group"),
    ("The bishop has voiced criticism of the government.", None, None, None),  # 'voice' is a message verb
])
def test_light_verbs_with_a_stance_noun(extract, text, content, cue, speaker):
    found = [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"], q["frame"])
             for q in extract(text) if q["rule"] == "indirect.light_verb"]
    assert found == ([(content, cue, speaker, "stance")] if content else [])


@pytest.mark.parametrize("text,content,cue", [
    ("The governor took a shot at the auditor.", "the auditor", "took a shot at"),
    ("The candidate took a jab at his rival.", "his rival", "took a jab at"),
    ("The senator took potshots at the agency.", "the agency", "took potshots at"),
    ("The union took aim at the pension reform.", "the pension reform", "took aim at"),
    ("The mayor took issue with the report.", "the report", "took issue with"),
    ("The judge took exception to the remarks.", "the remarks", "took exception to"),
    ("The mayor took credit for the new park.", "the new park", "took credit for"),
])
def test_take_with_its_preposition_on_the_verb(extract, text, content, cue):
    found = [(q["content"]["text"], q["cue"]["text"]) for q in extract(text) if q["rule"] == "indirect.light_verb_sibling"]
    assert found == [(content, cue)]


def test_light_verbs_need_a_stance_noun(extract):
    # "made a stop in Iowa", "took a look at": the noun names no stance or message.
    for text in ("The candidate made a stop in Iowa.", "The committee took a look at the budget."):
        assert not [q for q in extract(text) if q["rule"].startswith("indirect.light_verb")]


@pytest.mark.parametrize("text,content,cue,rule", [
    ("Republicans cast Smith as a career politician.", "Smith as a career politician", "cast", "indirect.regard_as"),
    ("The mayor understands the concerns of the residents.", "the concerns of the residents", "understands", "indirect.message_object"),
])
def test_cues_added_in_the_second_pass(extract, text, content, cue, rule):
    assert (content, cue) in [(q["content"]["text"], q["cue"]["text"]) for q in extract(text) if q["rule"] == rule]


def test_cast_without_as_is_no_judgement(extract):
    assert not [q for q in extract("The delegates cast their ballots early.") if q["rule"] == "indirect.regard_as"]


@pytest.mark.parametrize("verb", RULES.cues["verbs"]["person_stance"])
def test_a_pronoun_alone_is_the_target_of_a_stance_verb(nlp, verb):
    # "The governor endorsed her": the stance's target is a person; "called him" still says nothing.
    # A hand-built parse: the small model's tags for some of these verbs before a pronoun vary.
    words = ["The", "governor", verb, "her", "."]
    doc = parsed(nlp, words, [1, 2, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj", "punct"],
                 ["DET", "NOUN", "VERB", "PRON", "PUNCT"], ["the", "governor", verb, "she", "."],
                 tags=["DT", "NN", "VBD", "PRP", "."])
    quotes = IndirectMatcher(nlp.vocab, RULES)(doc)
    assert [(q.content.text, q.rule) for q in quotes] == [("her", "indirect.message_object")]


def test_a_naming_verb_needs_more_than_a_pronoun(extract):
    assert not [q for q in extract("The mayor called him on Monday.") if q["rule"] == "indirect.message_object"]
    assert [q["content"]["text"] for q in extract("The mayor endorsed her on Monday.")
            if q["rule"] == "indirect.message_object"] == ["her"]

# Issue 12, sources that are polls, documents and respondents, replies and pro-forms
# (rules/patterns/sources.json, docs/rules-table.md): each rule was right in at least half of
# its 6 or more matches on PolNeAR train.
@pytest.mark.parametrize("text,content,cue,speaker,rule,frame", [
    ("A statewide survey in May found the governor with a narrow lead.", "the governor with a narrow lead",
     "found", "A statewide survey in May", "indirect.finding_object", "evidence"),
    ("The latest poll puts her support at 40 percent.", "her support at 40 percent", "puts", "The latest poll",
     "indirect.finding_object", "evidence"),
    ("The audit documented several payments to the mayor's cousin.", "several payments to the mayor's cousin",
     "documented", "The audit", "indirect.finding_object", "evidence"),
    ("An earlier estimate put the cost at 2 billion dollars.", "the cost at 2 billion dollars", "put",
     "An earlier estimate", "indirect.finding_object", "evidence"),  # findings: estimate (issue 12)
    ("A 2009 paper found small improvements in math scores.", "small improvements in math scores", "found",
     "A 2009 paper", "indirect.finding_object", "evidence"),  # findings: paper
    ("The inquiry found no evidence of fraud.", "no evidence of fraud", "found", "The inquiry",
     "indirect.finding_object", "evidence"),  # findings: inquiry
    ("Sixty percent of the teachers surveyed support the new schedule.", "the new schedule", "support",
     "Sixty percent of the teachers surveyed", "indirect.poll_share", "stance"),
    ("Most of the parents oppose the merger.", "the merger", "oppose", "Most of the parents",
     "indirect.poll_share", "stance"),
    ("About 6 in 10 nurses supported the strike.", "the strike", "supported", "About 6 in 10 nurses",
     "indirect.poll_share_in_ten", "stance"),
    ("The school board never responded to several requests for comment.", "several requests for comment", "responded to",
     "The school board", "indirect.request_reply", "stance"),
    ("The coach did not reply to a request for an interview.", "a request for an interview", "reply to",
     "The coach", "indirect.request_reply", "stance"),
    ("Asked whether the bridge should be rebuilt, most residents said yes.", "yes", "said", "most residents",
     "indirect.pro_content", "speech"),
    ("Half of the members said so in March.", "so", "said", "Half of the members", "indirect.pro_content", "speech"),
    ("Forty percent said the same of the mayor.", "the same of the mayor", "said", "Forty percent",
     "indirect.pro_content", "speech"),
    ("The governor said no to the casino plan.", "no to the casino plan", "said", "The governor",
     "indirect.pro_content", "speech"),
    ("Then the reporter asked the players if they were ready for the final.", "if they were ready for the final",
     "asked", "the reporter", "indirect.asked_if", "speech"),
    ("To many, the senator is a reformer.", "the senator is a reformer", "To", "many",
     "indirect.to_perspective", "thought"),
    ("To Alvarez, who has covered the league for a decade, Sunday's loss was a warning.", "Sunday's loss was a warning",
     "To", "Alvarez", "indirect.to_perspective", "thought"),
    ("The Prairie Jobs Council, which backed Lindqvist, spent at least 98,250 dollars on TV ads "
     "in the general election, according to the Civic Ledger Institute.",
     "The Prairie Jobs Council, which backed Lindqvist, spent at least 98,250 dollars on TV ads "
     "in the general election", "according to", "the Civic Ledger Institute", "indirect.according_to_noun", "speech"),
    ("The mayor won the endorsement of the teachers' union.", "The mayor", "won", "the teachers' union",
     "indirect.support_from", "stance"),
    ("The governor received strong support from rural voters.", "The governor", "received", "rural voters",
     "indirect.support_from_verb", "stance"),
])
def test_sources_replies_and_pro_forms(extract, text, content, cue, speaker, rule, frame):
    found = [(q["content"]["text"], q["cue"]["text"], q["speaker"]["text"] if q["speaker"] else None, q["rule"], q["frame"])
             for q in extract(text)]
    assert (content, cue, speaker, rule, frame) in found


@pytest.mark.parametrize("text,rule", [
    ("The neighbours found a job for him in the city.", "indirect.finding_object"),  # a person finds: narration
    ("She put the money into a trust.", "indirect.finding_object"),
    ("Forty-one percent chose the senator.", "indirect.poll_share"),  # a share that chose: a vote count
    ("The senator supported the bill.", "indirect.poll_share"),  # not a share of respondents
    ("The mayor did not respond to the criticism.", "indirect.request_reply"),  # not a request
    ("Even so, he said, the plan will go ahead.", "indirect.pro_content"),  # the writer's 'so', before the cue
    ("To date, the fund has raised 3 million dollars.", "indirect.to_perspective"),  # no person
    ("The towns to which the company still ships are few.", "indirect.to_perspective"),  # a relative 'to which'
    ("The campaign cast the vote of its delegates.", "indirect.support_from"),
])
def test_sources_rules_need_their_source(extract, text, rule):
    assert not [q for q in extract(text) if q["rule"] == rule]


def test_according_to_on_a_verb_stays_with_according_to(extract):
    # Where the parser hangs "according to" on the verb, indirect.according_to has
    # the clause and the noun variant stays out.
    found = {q["rule"] for q in extract("The deficit grew last year, according to the budget office.")}
    assert "indirect.according_to" in found and "indirect.according_to_noun" not in found


@pytest.mark.parametrize("text", [
    "A statewide survey in May found the governor with a narrow lead.",
    "Sixty percent of the teachers surveyed support the new schedule.",
    "The school board never responded to several requests for comment.",
    "To many, the senator is a reformer.",
    "The mayor won the endorsement of the teachers' union.",
])
def test_poll_and_stance_sources_stay_out_of_speech_scope(nlp_speech, text):
    # Findings, stances and views are not what news readers call quotes.
    assert not [q for q in nlp_speech(text)._.quotes if q["rule"] in (
        "indirect.finding_object", "indirect.poll_share", "indirect.request_reply", "indirect.to_perspective",
        "indirect.support_from", "indirect.support_from_verb")]


SHARE_STANCE = {"support": "supported", "favor": "favored", "oppose": "opposed", "approve": "approved",
                "disapprove": "disapproved", "back": "backed", "prefer": "preferred", "view": "viewed",
                "see": "saw", "hold": "held", "want": "wanted", "like": "liked", "trust": "trusted",
                "believe": "believed", "agree": "agreed", "reject": "rejected"}
SUPPORT_RECEIVING = {"have": "had", "receive": "received", "win": "won", "draw": "drew", "earn": "earned",
                     "pick": "picked up", "enjoy": "enjoyed", "secure": "secured", "attract": "attracted",
                     "gain": "gained", "get": "got", "capture": "captured", "retain": "retained",
                     "maintain": "maintained", "achieve": "achieved", "lose": "lost", "lack": "lacked"}


def test_every_share_and_support_verb_is_tested():
    from quotes.rules import load_rules
    rules = load_rules()
    assert rules.verbs("share_stance") == set(SHARE_STANCE)
    assert rules.verbs("support_receiving") == set(SUPPORT_RECEIVING)


@pytest.mark.parametrize("verb", sorted(SHARE_STANCE))
def test_share_stance_verbs(extract, verb):
    text = f"Sixty percent of the voters {SHARE_STANCE[verb]} the plan."
    assert ("the plan", "Sixty percent of the voters", "indirect.poll_share") in [
        (q["content"]["text"], q["speaker"]["text"], q["rule"]) for q in extract(text)]


@pytest.mark.parametrize("verb", sorted(SUPPORT_RECEIVING))
def test_support_receiving_verbs(extract, verb):
    text = f"The mayor {SUPPORT_RECEIVING[verb]} the support of the teachers' union."
    assert ("The mayor", "the teachers' union", "indirect.support_from") in [
        (q["content"]["text"], q["speaker"]["text"], q["rule"]) for q in extract(text)]


@pytest.mark.parametrize("text,content,rule", [
    ("The mayor has the backing of the teachers' union.", "The mayor", "indirect.support_from"),  # backing
    ("Asked if the plan would pass, the minister answered yes.", "yes", "indirect.pro_content"),  # answer
    ("Asked if he would run, the senator replied no.", "no", "indirect.pro_content"),  # reply
])
def test_other_new_source_words(extract, text, content, rule):
    assert (content, rule) in [(q["content"]["text"], q["rule"]) for q in extract(text)]


def test_whole_sentence_content_cuts_the_source_phrase(extract):
    # Content option whole_sentence (indirect.according_to_noun): the phrase hung on a noun in
    # mid-sentence is cut out, leaving the sentence in two fragments.
    text = "The number of mayors who have endorsed her, according to the campaign, is now twelve."
    q = next(q for q in extract(text) if q["rule"] == "indirect.according_to_noun")
    assert [f["text"] for f in q["content"]["fragments"]] == ["The number of mayors who have endorsed her",
                                                              "is now twelve"]
    assert q["speaker"]["text"] == "the campaign"


GROUP_STANCE = {"support": "supported", "favor": "favored", "oppose": "opposed", "back": "backed",
                "prefer": "preferred", "reject": "rejected", "approve": "approved", "disapprove": "disapproved"}


def test_every_group_word_is_tested():
    from quotes.rules import load_rules
    rules = load_rules()
    assert rules.verbs("group_stance") == set(GROUP_STANCE)
    assert rules.verbs("$respondent_groups") == {
        "voters", "people", "respondents", "americans", "democrats", "republicans", "independents", "women",
        "men", "millennials", "members", "conservatives", "liberals", "evangelicals", "those"}


@pytest.mark.parametrize("verb", sorted(GROUP_STANCE))
def test_group_stance_verbs(extract, verb):
    text = f"Younger voters {GROUP_STANCE[verb]} the plan."
    assert ("the plan", "Younger voters", "indirect.respondent_group", "stance") in [
        (q["content"]["text"], q["speaker"]["text"], q["rule"], q["frame"]) for q in extract(text)]


@pytest.mark.parametrize("group", ["voters", "people", "respondents", "Americans", "Democrats", "Republicans",
                                   "independents", "women", "men", "millennials", "members", "conservatives",
                                   "liberals", "evangelicals"])
def test_respondent_groups(extract, group):
    text = f"Many {group} in the survey favored the plan."
    assert ("the plan", f"Many {group} in the survey", "indirect.respondent_group") in [
        (q["content"]["text"], q["speaker"]["text"], q["rule"]) for q in extract(text)]


def test_respondent_group_those_and_not_a_single_person(extract):
    assert ("the plan", "indirect.respondent_group") in [
        (q["content"]["text"], q["rule"]) for q in extract("Those in the survey favored the plan.")]
    # One person's support is policy or narration as often as a stance: no respondent group.
    assert not [q for q in extract("The voter backed the plan.") if q["rule"] == "indirect.respondent_group"]
    # Judgements stay with indirect.regard_as.
    assert not [q for q in extract("Many voters see him as honest.") if q["rule"] == "indirect.respondent_group"]


# Cuts for precision (issue 12, rules/cues.json 'excluded', docs/rules-table.md): words that a rule
# matched on PolNeAR train but that were right in under 40% of those matches.
@pytest.mark.parametrize("text", [
    "The club invited reporters to tour its new offices.",  # hospitality, not a summons
    "The endorsement signaled an opening for the senator.",  # a sign, not a message
    "Most polls predicted a narrow win for the mayor.",  # a forecast by polls
])
def test_words_cut_for_precision_make_no_quote(nlp, text):
    assert nlp(text)._.quotes == []


@pytest.mark.parametrize("text,content", [
    ("The mayor predicted that the bill would pass.", "that the bill would pass"),
    ("The senator signaled that she would run again.", "that she would run again"),
])
def test_words_cut_as_objects_still_report_clauses(nlp, text, content):
    assert [q["content"]["text"] for q in nlp(text)._.quotes] == [content]
