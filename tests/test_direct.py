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
