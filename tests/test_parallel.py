"""Extraction in forked workers that send back quotes (quotes/parallel.py): the records of one
process, in input order, bad records included."""
import multiprocessing

import pytest

from quotes import parallel
from quotes.api import extract_records

pytestmark = pytest.mark.skipif(not parallel.available(), reason="no fork start method on this platform")


def test_two_processes_give_the_records_of_one_in_order():
    records = [{"id": f"d{i}", "text": f'"We are ready for round {i}," Zakharova told reporters. According to '
                                       f"TASS, Lavrov said that meeting {i} would go ahead."} for i in range(23)]
    records[5] = {"id": "bad", "text": None}  # an unusable record keeps its place
    records[9]["text"] = ""
    one = list(extract_records(records, batch_size=2, scope="attribution"))
    two = list(extract_records(records, batch_size=2, n_process=2, scope="attribution"))
    assert two == one
    assert [r["id"] for r in two] == [r["id"] for r in records]
    assert sum(len(r["quotes"]) for r in two) >= 40 and "errors" in two[5]


def test_workers_end_with_the_run():
    list(parallel.quotes_in_processes(_pipeline(), iter(["He said it works."] * 7), batch_size=2, n_process=2))
    assert not multiprocessing.active_children()


def test_a_run_stopped_early_stops_its_workers():
    stream = parallel.quotes_in_processes(_pipeline(), iter(["He said it works."] * 50), batch_size=2, n_process=2)
    next(stream)
    assert len(multiprocessing.active_children()) == 2
    stream.close()
    assert not multiprocessing.active_children()


def _pipeline():
    from quotes.api import load_pipeline

    return load_pipeline(scope="attribution")
