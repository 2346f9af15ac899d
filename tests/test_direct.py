"""Direct quotes on real parses from the bundled model."""
import pytest


def only(quotes, qtype="direct"):
    return [q for q in quotes if q["type"] == qtype]


def speaker(q):
    return q["speaker"]["text"] if q["speaker"] else None


@pytest.mark.parametrize("text,content,who,rule", [
    ('"We are ready to talk," Zakharova told reporters.', '"We are ready to talk,"', "Zakharova", "direct.cue_after"),
    ('"It was a short meeting," said the official, who spoke on the condition of anonymity.',
     '"It was a short meeting,"', "the official", "direct.inverted"),
    ('Burton said, "The plan will not work."', '"The plan will not work."', "Burton", "direct.cue_before"),
    ('Burton said: "The plan will not work."', '"The plan will not work."', "Burton", "direct.cue_before"),
])
def test_cue_positions(extract, text, content, who, rule):
    qs = only(extract(text))
    assert [(q["content"]["text"], speaker(q), q["rule"]) for q in qs] == [(content, who, rule)]


def test_apposition_speaker_is_the_subject_not_the_addressee(extract):
    qs = only(extract('Mark, the lead on the project, told Jacob "We ship on Monday."'))
    assert len(qs) == 1
    assert speaker(qs[0]) == "Mark"


def test_addressee_of_told(extract):
    q = only(extract('"We are ready to talk," Zakharova told reporters.'))[0]
    assert q["addressee"]["text"] == "reporters"
    assert q["cue"]["lemma"] == "tell"


def test_follow_on_quote_takes_previous_speaker(extract):
    text = ('"The United States has put forward a serious proposal," Blinken told reporters Thursday. '
            '"We are determined to bring Paul home."')
    qs = only(extract(text))
    assert [speaker(q) for q in qs] == ["Blinken", "Blinken"]
    assert qs[1]["rule"] == "direct.follow_on"
    assert qs[1]["cue"] is None


def test_interrupted_quote_is_one_quote_in_two_fragments(extract):
    text = '"The talks were useful," he said, "but there is no agreement yet."'
    qs = only(extract(text))
    assert len(qs) == 1
    frags = [f["text"] for f in qs[0]["content"]["fragments"]]
    assert frags == ['"The talks were useful,"', '"but there is no agreement yet."']


def test_title_or_scare_quote_is_not_a_quote(extract):
    assert extract('His favorite book is "One Hundred Years of Solitude" by Marquez.') == []


def test_mixed_quote_from_embedded_fragment(extract):
    text = ('Blinken reaffirmed the commitment to Ukraine in order to "disabuse the Russians of any notion '
            'that our support might be wavering," a US official said on condition of anonymity.')
    qs = extract(text)
    mixed = only(qs, "mixed")
    assert len(mixed) == 1 and speaker(mixed[0]) == "a US official"
    assert mixed[0]["content"]["text"].startswith("Blinken reaffirmed")
    assert not only(qs, "direct")


def test_offsets_match_text_with_non_ascii_and_crlf(extract):
    text = "Intro line\r\n\r\n“Prices will rise — again,” the minister said on Télé-Québec.\r\n"
    qs = extract(text)
    assert qs
    for q in qs:
        for key in ("content", "cue", "speaker"):
            span = q[key]
            assert text[span["start"]:span["end"]] == span["text"]


# Attribution outside the quote's own sentence, and verbs that only frame quotations.

def rows(qs):
    return [(q["content"]["text"], speaker(q), q["rule"]) for q in only(qs)]


def test_cue_before_paragraph_break(extract):
    text = ('The senator spoke for an hour.\n\nRivera continued:\n\n'
            '"We will not give up on this bill, whatever it costs us."')
    q = only(extract(text))[0]
    assert (speaker(q), q["rule"], q["cue"]["text"]) == ("Rivera", "direct.cue_before_paragraph", "continued")


def test_quotes_after_a_colon_paragraph_follow_on(extract):
    text = ('He told the crowd:\n\n"We are going to win this state, and then we will win the country."\n\n'
            '"Nobody thought we could do it, and here we are."')
    assert [(speaker(q), q["rule"]) for q in only(extract(text))] == [
        ("He", "direct.cue_before_paragraph"), ("He", "direct.follow_on")]


def test_colon_after_a_clause_without_reporting_verb(extract):
    text = 'The mayor then turned to the protesters: "Here is what I regret about the plan."'
    assert rows(extract(text)) == [('"Here is what I regret about the plan."', "The mayor", "direct.colon_subject")]


def test_impersonal_it_before_a_colon_is_no_speaker(extract):
    qs = only(extract('And it gets worse: "The budget will be cut again next year, and nobody knows why."'))
    assert [speaker(q) for q in qs] == [None]


def test_name_before_a_colon_labels_the_quote(extract):
    text = 'Analysts disagree - Dana Smith: "Turnout will be higher than it was in the last election."'
    assert [(speaker(q), q["rule"]) for q in only(extract(text))] == [("Dana Smith", "direct.colon_label")]


def test_dash_and_name_after_the_quote(extract):
    text = ('"The wall is a bad idea and it will never be built." \u2015 Ana Ruiz\n'
            '"I am afraid for my children and for my neighbours." \u2015 Jorge Pena')
    assert [(speaker(q), q["rule"]) for q in only(extract(text))] == [
        ("Ana Ruiz", "direct.dash_after"), ("Jorge Pena", "direct.dash_after")]


def test_quote_after_a_report_without_quote(extract):
    q = only(extract('Lee said in a statement. "No ballots were lost, and every vote will be counted."'))[0]
    assert (speaker(q), q["rule"], q["cue"]["text"]) == ("Lee", "direct.after_report", "said")


def test_quote_opening_the_paragraph_after_an_indirect_report(extract):
    text = 'Smith said the plan failed.\n\n"It was a disaster from start to finish, and everyone knew it."'
    q = only(extract(text))[0]
    # The cue stays with the indirect quote whose clause it reports.
    assert (speaker(q), q["rule"], q["cue"]) == ("Smith", "direct.after_report", None)


def test_nearest_attribution_wins_over_the_previous_quote(extract):
    text = ('"We are ready," Smith said. Jones said the plan had failed. '
            '"It was a disaster from the very start."')
    assert [speaker(q) for q in only(extract(text))] == ["Smith", "Jones"]


def test_quote_ending_with_comma_waits_for_its_own_attribution(extract):
    # A quote closed by a comma announces an attribution after it: the report before it is not its own.
    qs = only(extract('Lee said in a statement. "No ballots were lost, and every vote will be counted,"'))
    assert [q["rule"] for q in qs] == ["direct.no_cue"]


def test_frame_verbs_link_direct_quotes(extract):
    qs = only(extract('"It will not work," he continued. "Nobody wants it, and nobody will pay for it."'))
    assert [(speaker(q), q["rule"]) for q in qs] == [("he", "direct.cue_after"), ("he", "direct.follow_on")]
    q = only(extract('"You are wrong about the budget," Jones shot back.'))[0]
    assert (speaker(q), q["cue"]["text"]) == ("Jones", "shot")


def test_frame_verb_with_its_own_complement_frames_nothing(extract):
    qs = extract('Officials called the deal "a good start," and the talks continued for days.')
    assert not [q for q in qs if q["cue"] and q["cue"]["lemma"] == "continue"]


def test_long_speaker_phrase_before_the_cue(extract):
    text = ('"The budget is a mess," Tom Hale, a Republican strategist in Ohio and a former adviser to the '
            'governor, said.')
    assert [speaker(q) for q in only(extract(text))] == ["Tom Hale"]


@pytest.mark.parametrize("text,who", [
    ('Said Ortiz: "I do not see any interest in tax reform."', "Ortiz"),  # inverted
    ('She shouted "What a night!" and said that the campaign would go on.', "She"),  # coordinated cue
    ('He explained the delay by saying: "It was because nobody told us about the change."', "He"),
    ('The senator emailed donors saying: "The struggle continues."', "The senator"),
])
def test_speaker_of_a_cue_before_the_quote(extract, text, who):
    assert [speaker(q) for q in only(extract(text))] == [who]


def test_marks_without_words_are_no_quote(extract):
    qs = extract('The embed reads <tweet pic="" author="someone">.')
    assert not [q for q in qs if q["content"]["text"] == '""']


@pytest.mark.parametrize("quoted", ['"@SmithCampaign"', '"March 10, 2016"', '"Related:"'])
def test_handles_dates_and_one_word_labels_do_not_follow_on(extract, quoted):
    # Embedded posts quote handles, ids and dates; a single quoted word after a quote is a label.
    text = f'"We won tonight, and we will win again," Smith wrote. {quoted}'
    qs = extract(text)
    assert [q["content"]["text"] for q in qs] == ['"We won tonight, and we will win again,"']


@pytest.mark.parametrize("text,quote", [
    ('"We won tonight, and we will win again," Smith wrote. "The Walking Dead" is a drama about zombies.',
     '"We won tonight, and we will win again,"'),
    ('The senator said, "The budget is a disgrace." "Force majeure" is a clause found in most contracts.',
     '"The budget is a disgrace."'),
])
def test_quotation_the_sentence_goes_on_from_is_no_follow_on(extract, text, quote):
    # A title or a term the writer's sentence goes on from is narration, not more speech.
    assert [q["content"]["text"] for q in extract(text)] == [quote]


def test_letters_glued_to_a_mark_by_markup_are_not_quoted(extract):
    # The tokenizer makes '23">BREAKING' one token; only the quoted "2016-08-23" counts, no words.
    text = ('"We will win this state by ten points, believe me," Trump wrote.\n\n'
            '<tweet author="@AP" datetime="2016-08-23">BREAKING: The vote is delayed.</tweet>')
    assert [q["content"]["text"] for q in extract(text)] == ['"We will win this state by ten points, believe me,"']
