"""Parsing batches bounded in documents and characters (quotes/batches.py)."""
import pytest

from quotes.api import extract_records
from quotes.batches import batches


def test_a_batch_stops_at_its_size_or_its_characters_and_a_long_text_goes_alone():
    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 50, "e" * 5, "f" * 5, "g" * 5, "h" * 5]
    got = list(batches(texts, size=3, max_chars=25))
    assert got == [["a" * 10, "b" * 10], ["c" * 10], ["d" * 50], ["e" * 5, "f" * 5, "g" * 5], ["h" * 5]]
    assert [t for b in got for t in b] == texts  # every text once, in order


def test_batches_read_the_text_of_any_item_and_need_room():
    items = [("x" * 8, 1), ("y" * 8, 2), ("z" * 8, 3)]
    assert list(batches(items, 16, 16, text=lambda it: it[0])) == [items[:2], items[2:]]
    assert list(batches([], 4, 10)) == []
    with pytest.raises(ValueError, match="room"):
        list(batches(["a"], 0, 10))


def test_records_are_the_same_whatever_the_batches():
    records = [{"id": f"d{i}", "text": f'"We are ready for round {i}," Zakharova told reporters. According to '
                                       f"TASS, Lavrov said that meeting {i} would go ahead." * (1 + i % 3)}
               for i in range(9)]
    records[4] = {"id": "bad", "text": None}
    whole = list(extract_records(records, batch_size=16, batch_chars=10**9, scope="attribution"))
    alone = list(extract_records(records, batch_size=16, batch_chars=1, scope="attribution"))
    assert alone == whole
    assert sum(len(r["quotes"]) for r in whole) >= 16 and "errors" in whole[4]
