"""Issue 12, headlines (rules/patterns/headlines.json, docs/rules-table.md 'Headlines and embedded
posts'): every headline stance verb and headline topic verb on real parses, the headline line
(requirement cue_in_headline) and the cases the patterns must leave alone."""
import pytest

from quotes.requirements import on_headline_line
from quotes.rules import load_rules
from rulecases import found_framed

CUES = load_rules().cues


def third_person(verb: str) -> str:
    if verb.endswith(("sh", "ch", "s", "x", "z")):
        return verb + "es"
    return verb + "s"


# The small model parses these two only in a plural headline ('Senators pressure ...'), or
# lemmatises the third person as 'lambast'.
PLURAL_SUBJECT = {"pressure", "lambaste"}


@pytest.mark.parametrize("verb", CUES["verbs"]["headline_stance"])
def test_headline_stance_verb(extract, verb):
    if verb in PLURAL_SUBJECT:
        text, cue, speaker = f"Senate Democrats {verb} the governor over the budget\nThey spoke.", verb, "Senate Democrats"
        content = "the governor over the budget"
    else:
        form = "lambastes" if verb == "lambast" else third_person(verb)
        text, cue, speaker = f"Senator Ortiz {form} the mayor's budget plan.\nOrtiz spoke on Monday.", form, "Senator Ortiz"
        content = "the mayor's budget plan"
    assert (content, cue, speaker, "stance") in found_framed(extract(text), "indirect.headline_stance")


@pytest.mark.parametrize("prep,verb", [(key.rsplit("_", 1)[1], verb) for key, verbs in CUES["verbs"].items()
                                       if key.startswith("headline_topic_") for verb in verbs])
def test_headline_topic_verb(extract, prep, verb):
    phrase = {"come": "come out"}.get(verb, verb)
    text = f"Senate Republicans {phrase} {prep} the budget office\nThey spoke on Monday."
    got = found_framed(extract(text), "indirect.headline_topic")
    assert [(c, s, f) for c, _, s, f in got] == [("the budget office", "Senate Republicans", "stance")]


def test_headline_stance_content_leaves_out_where_it_was_voiced(extract):
    # PolNeAR leaves 'in an ad', 'at a rally' out of the content: the place, not the stance.
    got = found_framed(extract("Senate Democrats pressure the governor in a new ad\nThey spoke."),
                       "indirect.headline_stance")
    assert got == [("the governor", "pressure", "Senate Democrats", "stance")]


@pytest.mark.parametrize("text", [
    # Running text: the line ends as a sentence does and is not the first one.
    "The council met on Monday.\nSenator Ortiz rips the mayor's budget plan in a long speech.",
    # A first line that holds two sentences is a paragraph, not a headline.
    "The council met on Monday. Senator Ortiz rips the mayor's budget plan. Then she left.",
    # A subject that holds no view: 'hit' narrates.
    "The storm hits the coast\nThe storm was strong.",
    # The past tense is narration, even on the first line.
    "Senator Ortiz ripped the mayor's budget plan.\nOrtiz spoke on Monday.",
    # 'goes on': only the prepositions listed for the verb.
    "Senator Ortiz goes on a long tour\nOrtiz spoke on Monday.",
])
def test_headline_patterns_leave_alone(extract, text):
    quotes = extract(text)
    assert not found_framed(quotes, "indirect.headline_stance")
    assert not found_framed(quotes, "indirect.headline_topic")


@pytest.mark.parametrize("text,pos,expected", [
    ("Mayor rips stadium plan.\nThe mayor said more.", 0, True),  # the first line, one sentence
    ("Intro.\nMayor rips stadium plan\nThe mayor said more.", 8, True),  # no sentence end
    ("Intro.\nMayor rips stadium plan.\nThe mayor said more.", 8, False),  # ends as a sentence does
    ("Sen. Ortiz rips stadium plan\nMore.", 0, True),  # 'Sen.' ends no sentence
    ("The council met on Monday. The mayor left.\nMore.", 30, False),  # two sentences
    (" ".join(["word"] * 30) + "\nMore.", 5, False),  # too long for a headline
])
def teston_headline_line(text, pos, expected):
    assert on_headline_line(text, pos, CUES["headlines"]["line_max_words"]) is expected


def contents(nlp, text):
    return [q["content"]["text"] for q in nlp(text)._.quotes]


@pytest.mark.parametrize("line,content", [
    # A post embedded as markup, with a photo link and a signature.
    ('<tweet author="@MayorOrtiz">The council said the toll will be scrapped pic.twitter.com/Ab12Cd</tweet>.',
     "the toll will be scrapped"),
    ("The council said the toll will be scrapped \u2014 Ana Ortiz (@anaortiz) May 3, 2016",
     "the toll will be scrapped"),
])
def test_post_lines_count_only_in_the_news_convention(nlp, nlp_speech, line, content):
    # conventions.json post_lines: 'drop' (PolNeAR, attribution scope) takes no quote from a line
    # of an embedded post; 'keep' (news) does.
    text = f"The talks ended on Friday.\n{line}\nThe minister said the budget would be tabled in March."
    assert contents(nlp, text) == ["the budget would be tabled in March"]
    assert any(c.startswith(content) for c in contents(nlp_speech, text))
