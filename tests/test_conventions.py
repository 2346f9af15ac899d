"""Conventions (rules/conventions.json): how the news convention of speech scope and PolNeAR's
convention of attribution scope delimit quotes. Real parses with the bundled model."""
from __future__ import annotations

import json

import pytest
from rulecases import extractor_with

from quotes.rules import RulesError, load_rules


def contents(nlp, text: str) -> list[str]:
    return [q["content"]["text"] for q in nlp(text)._.quotes]


def _extractor(parse, convention: str = "attribution", **keys):
    return extractor_with(parse.vocab, convention, **keys)


def _contents(parse, text: str, convention: str = "attribution", **keys) -> list[str]:
    return [q.content.text for q in _extractor(parse, convention, **keys)(parse(text))]


def test_news_content_runs_to_the_end_of_its_sentence(nlp, nlp_speech):
    text = ("Okafor said she hopes to expand the bakery of her mother, Ruth, who opened it in a "
            "garage years ago.")
    assert contents(nlp_speech, text) == [
        "she hopes to expand the bakery of her mother, Ruth, who opened it in a garage years ago"]
    # PolNeAR's convention leaves the writer's background (the relative clause) out. The intention
    # reported inside ("hopes to expand ...") is a quote of its own, nested in Okafor's.
    quotes = nlp(text)._.quotes
    assert [q["content"]["text"] for q in quotes if not q["nested_in"]] == [
        "she hopes to expand the bakery of her mother, Ruth"]
    assert [(q["content"]["text"], q["frame"]) for q in quotes if q["nested_in"]] == [
        ("to expand the bakery of her mother, Ruth", "intention")]


def test_news_content_stops_at_a_second_report(nlp_speech):
    text = "Okafor said she is still weighing the offer, noting that she has run the bakery for 12 years."
    found = contents(nlp_speech, text)
    assert found[0] == "she is still weighing the offer"


@pytest.mark.parametrize("line,content", [
    ("READ MORE: Trudeau says the pipeline will be built", "the pipeline will be built"),  # a link headline
    ("In March, Minister Lena Marchetti said the new grants would be delayed. "
     "(Tom Reyes/Canadian Press)", "the new grants would be delayed"),  # a photo caption
])
def test_link_headlines_and_captions_count_only_in_attribution_scope(nlp, nlp_speech, line, content):
    text = f"The talks ended on Friday.\n{line}\nThe minister said the budget would be tabled in March."
    assert contents(nlp_speech, text) == ["the budget would be tabled in March"]
    assert content in contents(nlp, text)


def test_news_splits_a_quotation_over_paragraphs(nlp, nlp_speech):
    text = ("\u201cWithout them, what do we have?\u201d he said.\n\n"
            "\u201cWe have nothing.\n\n"
            "\u201cOur leaders have been faltering a little bit,\u201d said Roy Graf.")
    news = [q for q in nlp_speech(text)._.quotes if q["content"]["text"].startswith("\u201cWe")
            or q["content"]["text"].startswith("\u201cOur")]
    assert [q["content"]["text"] for q in news] == [
        "\u201cWe have nothing.", "\u201cOur leaders have been faltering a little bit,\u201d"]
    assert news[0]["speaker"]["text"] == news[1]["speaker"]["text"] == "Roy Graf"
    joined = [q["content"]["text"] for q in nlp(text)._.quotes]
    assert "\u201cWe have nothing.\n\n\u201cOur leaders have been faltering a little bit,\u201d" in joined


@pytest.mark.parametrize("text", [
    "\u201cThe Kid Who Would Be King\u201d reclaims the fantasy genre for children.",
    "Her new cookbook, \u201cEveryday Dorie,\u201d is out now and \u201cBaking With Julia\u201d is still in print.",
])
def test_quoted_titles_are_no_quotes(nlp, text):
    assert not any("King" in c or "Julia" in c for c in contents(nlp, text) if c.startswith("\u201c"))


def test_a_shouted_slogan_is_still_a_quote(nlp):
    assert contents(nlp, "Protesters chanted \u201cTrudeau Must Go!\u201d outside the legislature, police said.")


def test_scope_with_unknown_convention_fails_at_load(tmp_path):
    (tmp_path / "frames.json").write_text(json.dumps({"scopes": {"quick": {"frames": ["speech"],
                                                                            "convention": "tabloid"}}}),
                                          encoding="utf-8")
    with pytest.raises(RulesError, match=r"scope 'quick' follows convention 'tabloid'"):
        load_rules(tmp_path)


def test_convention_key_that_keys_does_not_describe_fails_at_load(tmp_path):
    # A misspelt key would be read as absent and the convention silently not applied.
    (tmp_path / "conventions.json").write_text(json.dumps({"conventions": {"attribution": {"weak_host": []}}}),
                                               encoding="utf-8")
    with pytest.raises(RulesError, match=r"convention 'attribution' sets 'weak_host', which 'keys' does not describe"):
        load_rules(tmp_path)


def test_news_content_inside_a_quotation_stops_at_its_closing_mark(nlp_speech):
    text = ("\u201cI told the foreign minister that the United States is always ready to engage,\u201d "
            "he said on Thursday.")
    found = nlp_speech(text)._.quotes
    inner = [q for q in found if q["type"] == "indirect"]
    assert [q["content"]["text"] for q in inner] == ["that the United States is always ready to engage"]
    outer = next(q for q in found if q["type"] == "direct")
    assert inner[0]["nested_in"] == outer["id"]


@pytest.mark.parametrize("text,content", [
    ("The senator expressed concern that the bill would raise prices.", "that the bill would raise prices"),
    ("The governor voiced support for the new stadium.", "the new stadium"),
    ("The union issued a statement saying the strike would continue.", "the strike would continue"),
])
def test_object_noun_of_expression_joins_the_cue(nlp, text, content):
    # PolNeAR: "expressed concern" is the cue, what the concern is about is the content.
    assert content in contents(nlp, text)


def test_definite_object_noun_stays_in_the_content(nlp):
    # "rejected the notion that ...": the notion itself is what the stance is taken on.
    found = contents(nlp, "The mayor rejected the notion that the budget was balanced.")
    assert "the notion that the budget was balanced" in found


def test_object_noun_convention_whole_keeps_the_noun(parse):
    found = _contents(parse, "The senator expressed concern that the bill would raise prices.", object_noun="whole")
    assert "concern that the bill would raise prices" in found


def test_named_object_joins_its_quoted_name_in_attribution_scope(nlp, nlp_speech):
    text = "The senator called it \u201ca reckless gamble.\u201d"
    attribution = [q for q in nlp(text)._.quotes if "gamble" in q["content"]["text"]]
    assert [(q["content"]["text"], q["type"]) for q in attribution] == [("it \u201ca reckless gamble.\u201d", "mixed")]
    speech = [q for q in nlp_speech(text)._.quotes if "gamble" in q["content"]["text"]]
    assert [(q["content"]["text"], q["type"]) for q in speech] == [("\u201ca reckless gamble.\u201d", "direct")]


def test_a_trailing_name_apposition_stays_a_description_goes(nlp):
    # "her rival, Senator Jane Park" says who is meant; ", a lawyer from Ohio" is the writer's aside.
    assert contents(nlp, "The governor said the bill was drafted by her rival, Senator Jane Park.") == [
        "the bill was drafted by her rival, Senator Jane Park"]
    assert contents(nlp, "The governor said the bill was drafted by Jane Park, a lawyer from Ohio.") == [
        "the bill was drafted by Jane Park"]


def test_when_and_where_a_message_was_delivered_is_no_part_of_it(nlp):
    # PolNeAR: "praised her granddaughter in a speech on Monday" praised her granddaughter.
    assert contents(nlp, "The senator praised her granddaughter in a speech on Monday.") == ["her granddaughter"]
    found = nlp("The mayor blasted the council on Tuesday over its budget vote.")._.quotes
    assert [[f["text"] for f in q["content"]["fragments"]] for q in found] == [["the council", "over its budget vote"]]


def test_news_convention_keeps_the_occasion(parse):
    assert _contents(parse, "The senator praised her granddaughter in a speech on Monday.", "news") == [
        "her granddaughter in a speech on Monday"]


def test_the_subject_before_a_quoted_predicate_joins_it_in_attribution_scope(nlp, nlp_speech):
    text = "The governor said Smith \u201chas a track record of bringing people together.\u201d"
    assert [(q["content"]["text"], q["type"]) for q in nlp(text)._.quotes] == [
        ("Smith \u201chas a track record of bringing people together.\u201d", "mixed")]
    assert [(q["content"]["text"], q["type"]) for q in nlp_speech(text)._.quotes] == [
        ("\u201chas a track record of bringing people together.\u201d", "direct")]


def test_an_according_to_phrase_is_no_part_of_the_content(nlp, nlp_speech):
    # PolNeAR: "..., according to the survey" is the survey's attribution of the whole sentence;
    # the voters' report ends before it. Inside quotation marks it is the source's own words.
    text = "Most voters said they would pay more for local food, according to the survey."
    assert "they would pay more for local food" in contents(nlp, text)
    assert "they would pay more for local food, according to the survey" in contents(nlp_speech, text)
    quoted = "The mayor said the bridge \u201cwas safe, according to the engineers.\u201d"
    assert "the bridge \u201cwas safe, according to the engineers.\u201d" in contents(nlp, quoted)


def test_a_date_after_a_person_object_is_when_not_what(nlp):
    # "criticized Smith last week": the message is about Smith; the date says when it came. After
    # a noun the date may date the thing itself ("his campaign launch last year") and stays.
    assert contents(nlp, "The governor criticized Smith last week.") == ["Smith"]
    assert contents(nlp, "The union endorsed Jones in December.") == ["Jones"]
    assert contents(nlp, "The group criticized his campaign launch last year.") == ["his campaign launch last year"]


def test_news_convention_keeps_the_date_after_a_person(parse):
    assert _contents(parse, "The governor criticized Smith last week.", "news") == ["Smith last week"]


def test_a_before_or_after_act_of_the_speaker_is_no_part_of_the_message(nlp):
    # "praised the council before endorsing its rival": two acts of the mayor; the praise is of
    # the council. A "before" phrase without a participle stays ("a deal before the vote").
    assert contents(nlp, "The mayor praised the council before endorsing its rival.") == ["the council"]
    assert contents(nlp, "The governor thanked the volunteers after visiting the shelter.") == ["the volunteers"]
    assert contents(nlp, "The senator welcomed a deal before the vote.") == ["a deal before the vote"]


def test_news_convention_keeps_the_act_after_the_message(parse):
    assert _contents(parse, "The mayor praised the council before endorsing its rival.", "news") == [
        "the council before endorsing its rival"]


@pytest.mark.parametrize("kind,text,content,without", [
    ("ccomp", "The governor said he would be honored to run should the voters want him.",
     "he would be honored to run should the voters want him", "he would be honored to run"),
    (", ccomp", "Officials said the fire was under control, no homes were lost.",
     "the fire was under control, no homes were lost", "the fire was under control"),
    ("advcl:to", "Residents called for an independent inquiry to examine the fire.",
     "an independent inquiry to examine the fire", "an independent inquiry"),
    ("advcl:if", "He promised tax cuts if he wins the election.",
     "tax cuts if he wins the election", "tax cuts"),
    ("advcl:unless", "The mayor promised lower fares unless the state cuts the budget.",
     "lower fares unless the state cuts the budget", "lower fares"),
    ("advcl:because", "The senator voted for the bill because it cut taxes.",
     "the bill because it cut taxes", "the bill"),
    ("prep:as", "The mayor referred to the protesters as vandals.", "the protesters as vandals", "the protesters"),
    ("prep:than", "More women voted for the senator than for the mayor.",
     "the senator than for the mayor", "the senator"),
    ("prep:for", "The senator railed against the banks for their greed.", "the banks for their greed", "the banks"),
    ("advmod", "The minister spoke about the flood as well.", "the flood as well", "the flood"),
    ("xcomp", "The mayor asked for more money to repair the bridge.", "more money to repair the bridge", "more money"),
])
def test_what_the_parser_hung_on_the_cue_goes_on_the_content(nlp, parse, kind, text, content, without):
    # PolNeAR keeps the end of a content that the small model attaches to the reporting verb;
    # without this kind in "cue_continuations", the content stops before it.
    assert content in contents(nlp, text)
    kinds = load_rules().conventions["conventions"]["attribution"]["cue_continuations"]
    assert without in _contents(parse, text, cue_continuations=[k for k in kinds if k != kind])


@pytest.mark.parametrize("text,content", [
    # When the report was made is the writer's circumstance, not the source's words.
    ("The candidate praised the rally after she arrived in Iowa.", "the rally"),
    ("The senator praised the plan as she campaigned in Ohio.", "the plan"),
    ("The senator voted for the bill, because it cut taxes.", "the bill"),  # set off by a comma
])
def test_time_clauses_and_comma_set_clauses_on_the_cue_stay_out(nlp, text, content):
    assert contents(nlp, text) == [content]


def test_news_convention_has_no_cue_continuations(nlp_speech):
    from quotes.rules import load_rules as load
    assert load().conventions["conventions"]["news"]["cue_continuations"] == []
    # ... its content runs to the end of the cue's clause anyway.
    assert contents(nlp_speech, "The governor said he would be honored to run should the voters want him.") == [
        "he would be honored to run should the voters want him"]


@pytest.mark.parametrize("text,cue", [
    # The participle inside a noun phrase describes a document; nobody reports the clause.
    ('The series is based on a memoir "about the long winter" written by two former soldiers.', "written"),
    ('A 2012 "handbook for new staff" published by the agency told managers to track every call.', "published"),
])
def test_a_cue_inside_a_noun_phrase_makes_no_mixed_quote(nlp, nlp_speech, parse, text, cue):
    # mixed_cue_deps: only a cue that heads a clause (ROOT, ccomp, parataxis, advcl) makes the
    # clause around an embedded quotation a mixed quote.
    for pipeline in (nlp, nlp_speech):
        assert not [q for q in pipeline(text)._.quotes if q["rule"] == "direct.mixed_cue_after"]
    found = _extractor(parse, mixed_cue_deps=None)(parse(text))
    assert [q.cue.text for q in found if q.rule == "direct.mixed_cue_after"] == [cue]


def test_a_cue_that_heads_its_clause_still_makes_a_mixed_quote(nlp, nlp_speech):
    text = 'The plan would "send a clear message to the markets," the minister said on Monday.'
    for pipeline in (nlp, nlp_speech):
        assert [(q["rule"], q["content"]["text"]) for q in pipeline(text)._.quotes] == [
            ("direct.mixed_cue_after", 'The plan would "send a clear message to the markets,"')]


def test_follow_on_quotes_join_makes_one_discontinuous_quote(nlp, nlp_speech, parse):
    text = ("“The bridge will reopen in May,” Ruiz said. “The crews are working nights. "
            "Nobody wants another winter of detours.”")
    first = "“The bridge will reopen in May,”"
    rest = "“The crews are working nights. Nobody wants another winter of detours.”"
    # 'join' (PolNeAR's annotation): the speaker's words around one attribution are one
    # discontinuous content.
    quotes = _extractor(parse, follow_on_quotes="join")(parse(text))
    assert len(quotes) == 1
    assert [f.text for f in quotes[0].content.fragments] == [first, rest]
    assert quotes[0].speaker.text == "Ruiz" and quotes[0].cue.text == "said"
    assert _contents(parse, text, follow_on_quotes="paragraph") == [quotes[0].content.text]
    # 'split', both conventions' value: the follow-on is a quote of its own, with the speaker.
    for found in (nlp(text)._.quotes, nlp_speech(text)._.quotes):
        assert [q["content"]["text"] for q in found] == [first, rest]
        assert [q["speaker"]["text"] for q in found] == ["Ruiz", "Ruiz"]


def test_follow_on_quotes_refuses_an_unknown_option(parse):
    # A misspelt option ('after-cue') would otherwise be read as 'split' without a word.
    from quotes.rules import RulesError
    with pytest.raises(RulesError, match="follow_on_quotes.*after-cue.*after_cue"):
        _extractor(parse, follow_on_quotes="after-cue")


def test_follow_on_quotes_paragraph_joins_only_within_the_paragraph(parse):
    text = ("“The bridge will reopen in May,” Ruiz said.\n\n“The crews are working nights and "
            "nobody wants another winter of detours.”")
    assert len(_contents(parse, text, follow_on_quotes="join")) == 1
    assert len(_contents(parse, text, follow_on_quotes="paragraph")) == 2


def test_a_follow_on_joins_the_quote_right_before_it(parse):
    # The later quotation continues Okafor's quote, not Ruiz's, which stays whole on its own.
    text = ("“The bridge will reopen in May,” Ruiz said. “It will not,” Okafor said. "
            "“The crews are working nights and nobody has paid them.”")
    quotes = {q.speaker.text: q.content for q in _extractor(parse, follow_on_quotes="join")(parse(text))}
    assert not quotes["Ruiz"].fragments
    assert [f.text for f in quotes["Okafor"].fragments] == [
        "“It will not,”", "“The crews are working nights and nobody has paid them.”"]


@pytest.mark.parametrize("text,content", [
    ("The council seemed to admit that the budget was short.", "that the budget was short"),
    ("The mayor appeared pleased with the new bridge.", "the new bridge"),
    ("The senator seemed confident that the bill would pass.", "that the bill would pass"),
])
def test_an_evidential_gives_way_to_the_attribution_inside_it(nlp, parse, text, content):
    # weak_hosts: the writer's impression ("seemed", "appeared") holds an attribution of its own;
    # PolNeAR annotates the inner one, which becomes outermost.
    found = nlp(text)._.quotes
    assert [(q["content"]["text"], q["nested_in"]) for q in found] == [(content, None)]
    assert "indirect.evidential" not in [q["rule"] for q in found]
    kept = _extractor(parse, weak_hosts=[])(parse(text))
    assert [q.rule for q in kept if q.nested_in is None] == ["indirect.evidential"]
    assert [q.content.text for q in kept if q.nested_in] == [content]


def test_an_evidential_with_nothing_inside_stays(nlp):
    assert [(q["rule"], q["content"]["text"]) for q in nlp("The governor seemed tired after the long session.")._.quotes] == [
        ("indirect.evidential", "The governor seemed tired")]


def test_news_convention_has_no_weak_hosts(parse):
    found = _extractor(parse, "news")(parse("The council seemed to admit that the budget was short."))
    assert "indirect.evidential" in [q.rule for q in found]


def test_a_colon_label_over_sentences_gives_way_to_the_attributions_inside(nlp, parse):
    # weak_hosts {"rule": "headline.colon_after_speaker", "min_sentences": 2}: a name and a colon
    # before a paragraph of several sentences labels an interview turn; the attributions inside
    # it are annotated. A one-line headline ("Ortiz: Council Wants a New Bridge.") stays.
    text = ("The mayor spoke to us on Friday.\n\nOrtiz: You have talked about the budget for months. "
            "Do you think the tax will rise?\n\nShe smiled.")
    found = nlp(text)._.quotes
    assert [(q["rule"], q["nested_in"]) for q in found] == [("indirect.topic", None), ("indirect.ccomp", None)]
    kept = _extractor(parse, weak_hosts=[])(parse(text))
    assert [q.rule for q in kept if q.nested_in is None] == ["headline.colon_after_speaker"]
    line = nlp("Ortiz: Council Wants a New Bridge.\n\nThe story follows.")._.quotes
    assert [(q["rule"], q["nested_in"]) for q in line][0] == ("headline.colon_after_speaker", None)


@pytest.mark.parametrize("text,content", [
    ("The minister believes, she said, that the plan will work.", "that the plan will work"),
    ("The chief hoped, he said, that the talks would resume soon.", "that the talks would resume soon"),
])
def test_a_report_set_inside_a_clause_gives_way_to_the_parenthetical_report(nlp, parse, text, content):
    # weak_hosts {"rule": "indirect.ccomp", "inner": ["indirect.parataxis"]}: "believes, she said,
    # that A" is annotated as the parenthetical report ("said") of A.
    found = nlp(text)._.quotes
    assert [(q["rule"], q["content"]["text"], q["nested_in"]) for q in found] == [("indirect.parataxis", content, None)]
    kept = _extractor(parse, weak_hosts=[])(parse(text))
    assert [q.rule for q in kept if q.nested_in is None] == ["indirect.ccomp"]


@pytest.mark.parametrize("kind,text,content,without", [
    # An adverbial clause with no subordinator that the parser hung on the cue.
    ("bare_clause", "The auditor described the new budget as badly flawed.",
     "the new budget as badly flawed", "the new budget"),
    # A participle after a noun content: what the noun was doing is part of what is reported.
    ("object_participle", "The actress recalled her grandfather teaching her how to fish.",
     "her grandfather teaching her how to fish", "her grandfather"),
    ("object_participle", "The novelist talked about her brother fixing old radios in the garage.",
     "her brother fixing old radios in the garage", "her brother"),
    # A second object coordinated with the first but hung on the cue.
    ("coordinated_object", 'The governor called the mayor "a reckless spender" and someone who had '
     '"ignored the taxpayers" for years.',
     'the mayor "a reckless spender" and someone who had "ignored the taxpayers" for years',
     'the mayor "a reckless spender"'),
])
def test_cue_extensions_put_what_the_parser_hung_on_the_cue_on_the_content(nlp, parse, kind, text, content, without):
    # PolNeAR keeps these words in the content; without the kind in "cue_extensions" the content
    # stops before them.
    assert content in contents(nlp, text)
    kinds = load_rules().conventions["conventions"]["attribution"]["cue_extensions"]
    assert kind in kinds
    assert without in _contents(parse, text, cue_extensions=[k for k in kinds if k != kind])


def _said_with_comma_clause(vocab):
    """'Officials said the fire was contained, no homes damaged.' with the parse the small model
    often gives such a sentence: the absolute clause after the comma hung on 'said'."""
    from spacy.tokens import Doc
    words = ["Officials", "said", "the", "fire", "was", "contained", ",", "no", "homes", "damaged", "."]
    heads = [1, 1, 3, 5, 5, 1, 1, 8, 9, 1, 1]
    deps = ["nsubj", "ROOT", "det", "nsubjpass", "auxpass", "ccomp", "punct", "det", "nsubj", "advcl", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    tags = ["NNS", "VBD", "DT", "NN", "VBD", "VBN", ",", "DT", "NNS", "VBN", "."]
    lemmas = ["official", "say", "the", "fire", "be", "contain", ",", "no", "home", "damage", "."]
    spaces = [nxt not in (",", ".") for nxt in words[1:]] + [False]
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_cue_extensions_a_bare_clause_after_a_comma(parse):
    doc = _said_with_comma_clause(parse.vocab)
    assert [q.content.text for q in _extractor(parse)(doc)] == ["the fire was contained, no homes damaged"]
    kinds = load_rules().conventions["conventions"]["attribution"]["cue_extensions"]
    doc = _said_with_comma_clause(parse.vocab)
    assert [q.content.text for q in _extractor(parse, cue_extensions=[k for k in kinds if k != ", bare_clause"])(doc)] \
        == ["the fire was contained"]


@pytest.mark.parametrize("text", [
    # A time clause ("when asked"), a report verb's participle ("noting that") and a relative
    # pronoun are no extension.
    "The senator praised the budget when asked about the schools.",
    "The mayor criticized the council for its delays, noting that the roads are worse.",
    # A verb coordinated with the cue is a second act of the speaker, not a coordinated object.
    "The mayor praised the nurses and thanked the volunteers.",
])
def test_cue_extensions_leave_circumstances_and_second_reports_out(nlp, text):
    found = contents(nlp, text)
    assert found and not any(w in c for c in found for w in ("when asked", "noting", "thanked"))


def test_news_convention_has_no_cue_extensions(nlp_speech):
    conventions = load_rules().conventions["conventions"]
    assert conventions["news"]["cue_extensions"] == []
    assert conventions["news"]["object_as_subject"] == "out"


@pytest.mark.parametrize("text,content,without", [
    ("Her aides admitted the feud between the two camps most likely does not reflect what voters think.",
     "the feud between the two camps most likely does not reflect what voters think",
     "most likely does not reflect what voters think"),
    ("The mayor promised her entire housing program would be paid for through a tax on empty homes.",
     "her entire housing program would be paid for through a tax on empty homes",
     "would be paid for through a tax on empty homes"),
    ('The governor insisted the plan, which the unions have fought for months, "will not cost a single job."',
     'the plan, which the unions have fought for months, "will not cost a single job."',
     "will not cost a single job"),
])
def test_object_as_subject_gives_the_clause_its_subject(nlp, parse, text, content, without):
    # The parser read the clause's subject as the cue's object and the rest as a clause without
    # a subject: in attribution scope the subject goes on the content.
    assert content in contents(nlp, text)
    assert without in _contents(parse, text, object_as_subject="out")


@pytest.mark.parametrize("text,content,without", [
    ("The mayor criticized the council, its chairman and the planning board.",
     "the council, its chairman and the planning board", "the council"),
    ("The singer thanked her mother, her band and the fans who came from far away.",
     "her mother, her band and the fans who came from far away", "her mother"),
])
def test_list_appositions_keep_the_rest_of_a_list(nlp, parse, text, content, without):
    # The parser read the rest of a list as an apposition to its first item: it stays in the
    # content, where a descriptive apposition is cut.
    assert contents(nlp, text) == [content]
    assert _contents(parse, text, list_appositions="cut") == [without]


def test_list_appositions_still_cut_a_description(nlp):
    text = "The governor welcomed a visit from Lena Ortiz, a retired judge and former mayor who ran the city for years."
    assert contents(nlp, text) == ["a visit from Lena Ortiz"]


FERRY = "“The ferry will run again in June,” Okafor said."
ENGINES = "“The engines are being rebuilt in the harbour.”"


@pytest.mark.parametrize("text,after_cue,next_paragraph", [
    # The quotation broke off with a comma for its attribution: the speaker's words go on around it.
    (f"{FERRY} {ENGINES}", True, False),
    (f"{FERRY}\n\n{ENGINES}", True, True),
    # A quotation that ended with a full stop is a complete utterance: it keeps the follow-on apart.
    (f"Okafor told the council: “The ferry will run again in June.”\n\n{ENGINES}", False, False),
])
def test_follow_on_quotes_after_cue_joins_only_after_a_quotation_broken_off_for_its_cue(
        parse, text, after_cue, next_paragraph):
    assert len(_contents(parse, text, follow_on_quotes="join")) == 1
    assert len(_contents(parse, text, follow_on_quotes="split")) == 2
    assert len(_contents(parse, text, follow_on_quotes="after_cue")) == (1 if after_cue else 2)
    assert len(_contents(parse, text, follow_on_quotes="after_cue_next_paragraph")) == (1 if next_paragraph else 2)
    joined = _extractor(parse, follow_on_quotes="after_cue")(parse(text))
    if after_cue:
        assert [f.text for f in joined[0].content.fragments] == [text[:text.index("”") + 1], ENGINES]
        assert joined[0].speaker.text == "Okafor"


def test_follow_on_after_cue_on_hand_built_quotes():
    # No parse: the quotes as direct.py would give them, the follow-on paired with the quote
    # before it. '?' breaks off for the cue like a comma; a full stop and no cue between do not.
    from quotes.model import Content, Quote
    from quotes.pipeline import join_follow_ons

    def quote(text: str, part: str, rule: str) -> Quote:
        start = text.index(part)
        return Quote(id=rule, type="direct", content=Content.of(text, start, start + len(part)), rule=rule)

    for first, between, joins in [("“Is the ferry late?”", " Okafor asked. ", True),
                                  ("“The ferry is late!”", " Okafor said. ", True),
                                  ("“The ferry is late,”", " Okafor said.\n\n", True),
                                  ("“The ferry is late.”", " Okafor said. ", False),
                                  ("“The ferry is late,”", " ", False)]:
        text = first + between + ENGINES
        prev, follow = quote(text, first, "direct.cue_after"), quote(text, ENGINES, "direct.follow_on")
        both = join_follow_ons(text, [prev, follow], [(prev, follow)], where=("same", "next"), after_cue=True)
        assert len(both) == (1 if joins else 2), text
        if joins:
            assert [f.text for f in both[0].content.fragments] == [first, ENGINES]
            assert both[0].content.text == text
        same_only = join_follow_ons(text, [quote(text, first, "a"), quote(text, ENGINES, "b")], [], where=("same",), after_cue=True)
        assert len(same_only) == 2  # no follow-on pair, nothing joins
        prev, follow = quote(text, first, "direct.cue_after"), quote(text, ENGINES, "direct.follow_on")
        next_only = join_follow_ons(text, [prev, follow], [(prev, follow)], where=("next",), after_cue=True)
        assert len(next_only) == (1 if joins and "\n" in between else 2), text


@pytest.mark.parametrize("text,pieces", [
    ("The new stadium is expected to open in the spring.", ["The new stadium", "to open in the spring"]),
    ("The mayor isn't expected to attend the ceremony.", ["The mayor", "to attend the ceremony"]),
    ("The senator is widely seen as a likely candidate for governor.",
     ["The senator", "as a likely candidate for governor"]),
    # What stands between the subject and the complement goes with the cue, commas included.
    ("The engines, until last week, appeared to be working again.", ["The engines", "to be working again"]),
])
def test_cue_inside_content_around_leaves_the_cue_out(nlp, parse, text, pieces):
    # cue_inside_content 'around' (PolNeAR): a clause-internal judgement is two fragments, the
    # subject and the complement; 'whole': one span from the subject to the complement's end.
    found = [q for q in nlp(text)._.quotes if not q["nested_in"]]
    assert [[f["text"] for f in q["content"]["fragments"]] for q in found] == [pieces]
    assert found[0]["content"]["text"] == text.rstrip(".")
    assert found[0]["cue"]["text"] not in " ".join(pieces)
    whole = _extractor(parse, cue_inside_content="whole")(parse(text))
    assert [(q.content.text, q.content.fragments) for q in whole if q.nested_in is None] == [(text.rstrip("."), None)]


def test_cue_inside_content_keys_by_convention():
    conventions = load_rules().conventions["conventions"]
    assert conventions["attribution"]["cue_inside_content"] == "around"
    assert conventions["news"]["cue_inside_content"] == "whole"


def test_cue_between_on_a_hand_built_doc(parse):
    # "The ferry, by all accounts, is expected to sail." with the cue's dependents between the
    # subject and the complement; nothing is cut when the cue does not stand between them.
    from spacy.tokens import Doc

    from quotes.boundaries import cue_between
    words = ["The", "ferry", ",", "by", "all", "accounts", ",", "is", "expected", "to", "sail", "."]
    heads = [1, 8, 8, 8, 5, 3, 8, 8, 8, 10, 8, 8]
    deps = ["det", "nsubjpass", "punct", "prep", "det", "pobj", "punct", "auxpass", "ROOT", "aux", "xcomp", "punct"]
    doc = Doc(parse.vocab, words=words, heads=heads, deps=deps)
    tokens = set(range(0, 11))
    assert cue_between(doc[8], doc[1], doc[10], tokens) == {2, 3, 4, 5, 6, 7, 8}
    assert cue_between(doc[8], doc[10], doc[1], tokens) == set()  # complement before the subject
    assert cue_between(doc[8], None, doc[10], tokens) == set()
    assert cue_between(doc[8], doc[1], doc[10], {0, 1, 9, 10}) == set()  # only what the content holds


@pytest.mark.parametrize("text,content", [
    ("The mayor attacked the plan on his weekly radio show.", "the plan"),
    ("The senator denounced the bill from the Senate floor.", "the bill"),
    ("The host praised the governor on air.", "the governor"),
])
def test_the_medium_a_message_went_out_on_is_no_part_of_it(nlp, parse, text, content):
    # cue_media: "attacked the plan on his radio show" attacked the plan; the show is where.
    assert contents(nlp, text) == [content]
    assert _contents(parse, text, cue_media="in") != [content]


def test_a_medium_word_on_the_object_stays_in_the_content(nlp):
    # Hung on the object noun, the phrase is what the debate is about, not where it was said.
    text = "The chairman welcomed a debate on the network's future."
    assert contents(nlp, text) == ["a debate on the network's future"]


def test_news_convention_keeps_the_medium(parse):
    assert _contents(parse, "The mayor attacked the plan on his weekly radio show.", "news") == [
        "the plan on his weekly radio show"]


def _media() -> frozenset:
    from quotes.lexicon import norm
    return frozenset(norm(w) for w in load_rules().conventions["message_media"])


def _praised_him(parse, prep: str, noun: str):
    """A hand-built parse of "She praised him PREP the NOUN ." with the phrase on the verb (the
    attachment the small model makes for some of these words and not for others)."""
    from spacy.tokens import Doc
    words = ["She", "praised", "him", prep, "the", noun, "."]
    return Doc(parse.vocab, words=words, heads=[1, 1, 1, 1, 5, 3, 1],
               deps=["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"],
               lemmas=["she", "praise", "he", prep, "the", noun.lower(), "."])


@pytest.mark.parametrize("noun", load_rules().conventions["message_media"])
def test_every_media_noun_makes_a_medium_phrase(parse, noun):
    from quotes.boundaries import medium_phrase
    assert medium_phrase(_praised_him(parse, "on", noun)[3], _media())


@pytest.mark.parametrize("prep,noun", [("on", "budget"), ("about", "show"), ("for", "network")])
def test_other_phrases_are_no_medium(parse, prep, noun):
    from quotes.boundaries import medium_phrase
    assert not medium_phrase(_praised_him(parse, prep, noun)[3], _media())


def test_a_medium_inside_the_content_stays(nlp, parse):
    # Only a medium that ends the content goes: with the reason after it, PolNeAR keeps one span.
    text = "The senator criticized the mayor on Twitter for the vote."
    assert contents(nlp, text) == ["the mayor on Twitter for the vote"]
    assert _contents(parse, "The senator criticized the mayor on Twitter.") == ["the mayor"]
