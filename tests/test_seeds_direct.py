"""Issue 2's acceptance check: every direct quote of the seed articles with its speaker mention."""
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"

EXPECTED = {
    "000_c72a69a50f07a419.txt": [
        ('"Was there any doubt', "the Russian Spokesperson"),
        ('"At this point', "Zakharova"),
        ('"He [Blinken] stressed', "the official"),
        ('"I want to apologize', "Lavrov"),
    ],
    "003_cf3dbf7b63329aec.txt": [
        ("“Mutual compliance", "Blinken"),
        ("“I told the foreign minister", "he"),
        ("“The United States has put forward", "Blinken"),
        ("“We’re determined", "Blinken"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_direct_quotes(extract, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    direct = [q for q in extract(text) if q["type"] == "direct"]
    got = [(q["content"]["text"], q["speaker"]["text"] if q["speaker"] else None) for q in direct]
    assert len(got) == len(EXPECTED[name]), got
    for (content, who), (start, expected_who) in zip(got, EXPECTED[name]):
        assert content.startswith(start)
        assert who == expected_who
