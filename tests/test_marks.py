import pytest

from quotes.marks import pair_quotes


def quoted(text):
    return [text[s.start:s.end] for s in pair_quotes(text)]


@pytest.mark.parametrize("text,expected", [
    ('He said "yes," then left.', ['"yes,"']),
    ("“Curly,” she said.", ["“Curly,”"]),
    ("«Guillemets» and „low-high“ marks.", ["«Guillemets»", "„low-high“"]),
    # Apostrophes are never quote marks.
    ("It’s Putin’s and the ministers’ view.", []),
    # Single quotes inside a double-quoted quote are part of it.
    ('"He called it \'a farce\' today," she said.', ['"He called it \'a farce\' today,"']),
    ('"a" and "b"', ['"a"', '"b"']),
])
def test_pairs(text, expected):
    assert quoted(text) == expected


def test_quote_over_several_paragraphs_is_one_quote():
    text = "“The first paragraph of the quote.\n\n“The second one ends it,” he said."
    spans = pair_quotes(text)
    assert [text[s.start:s.end] for s in spans] == [text[:text.index("said") - 4]]
    assert spans[0].paragraphs == 2


def test_unclosed_paragraph_not_followed_by_a_reopening_is_dropped():
    text = "“Never closed.\n\nA new paragraph with a “real” quote."
    assert quoted(text) == ["“real”"]


@pytest.mark.parametrize("text", ['stray ” and "', 'x "abc', '"""', "”“", "\"\n\n\"", ""])
def test_unbalanced_marks_never_raise(text):
    pair_quotes(text)


def test_unbalanced_document_keeps_the_quotes_that_pair():
    text = 'An odd mark " here. "This one pairs," he said.'
    assert quoted(text) == ['"This one pairs,"']


def test_double_apostrophes_and_backticks_as_marks():
    text = "''It may have been his first attempt,'' said his friend. ``Yes,'' he added. It's fine."
    assert quoted(text) == ["''It may have been his first attempt,''", "``Yes,''"]
