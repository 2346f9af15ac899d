"""quotes view and quotes serve in a real headless Chromium (Selenium; see viewfixtures.browser).

    QUOTES_VIEW_SCREENSHOT=docs/seeds-view.png python -m pytest tests/test_view_browser.py -k screenshot

regenerates the README's screenshot of the seeds' view.
"""
import json
import os
import shutil

import pytest

import quotes
from quotes.cli import main

pytest_plugins = ["viewfixtures"]

HOSTILE = ('<script>window.__pwned = 1; alert(1)</script> " onmouseover="window.__pwned = 2" x=" '
           "</style><img src=x onerror=\"window.__pwned = 3\"><svg onload=\"window.__pwned = 4\">")


def by(selector):
    from selenium.webdriver.common.by import By

    return By.CSS_SELECTOR, selector


def wait(driver, condition, seconds=20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


@pytest.fixture(scope="module")
def seeds_view(seed_records, tmp_path_factory):
    records, path = seed_records
    out = tmp_path_factory.mktemp("seeds-view")
    assert main(["view", str(path), "-o", str(out)]) == 0
    return records, out


def index_of(record, qid):
    return next(i for i, q in enumerate(record["quotes"]) if q["id"] == qid)


def select(browser, i):
    """Click the first passage whose click selects quote i; the details pane's text."""
    browser.find_element(*by(f'#text [data-sel="{i}"]')).click()
    return browser.find_element(*by("#details-body")).text


def test_seeds_view_shows_every_quote(browser, seeds_view):
    records, out = seeds_view
    browser.get((out / "index.html").as_uri())
    rows = browser.find_elements(*by("#documents tbody tr"))
    assert [r.find_element(*by("a")).text for r in rows] == [r["id"] for r in records]
    assert "Antony Blinken" in browser.find_element(*by("#top-sources")).text
    for n, record in enumerate(records):
        browser.get((out / "index.html").as_uri())
        browser.find_elements(*by("#documents tbody tr a"))[n].click()
        assert browser.find_element(*by("h1")).text == record["id"]
        assert len(browser.find_elements(*by("#quotes .card"))) == len(record["quotes"])
        pieces = browser.execute_script(
            "var out = {}; document.querySelectorAll('#text [data-q]').forEach(function (s) {"
            "  s.getAttribute('data-q').split(' ').forEach(function (i) { (out[i] = out[i] || []).push(s.textContent); });"
            "}); return out;")
        for i, q in enumerate(record["quotes"]):
            assert "".join(pieces.get(str(i), [])) == "".join(p["text"] for p in q["content"].get("fragments") or [q["content"]]), q["id"]
            card = browser.find_element(*by(f"#quote-{i}"))
            assert card.is_displayed() and card.find_element(*by(".qid")).text == q["id"]
        # the sources panel counts every quote once and links to them
        counts = [int(e.text.split()[0]) for e in browser.find_elements(*by("#sources .count"))]
        assert sum(counts) == len(record["quotes"])


def test_selecting_a_quote_shows_speaker_chain_and_nesting(browser, seeds_view):
    records, out = seeds_view
    record = next(r for r in records if r["id"].startswith("000_"))
    browser.get((out / f"{record['id']}.html").as_uri())
    nested = next(q for q in record["quotes"] if len(q["chain"]) >= 2 and q["nested_in"])
    i = index_of(record, nested["id"])
    details = select(browser, i)
    assert nested["speaker"]["name"] in details
    for link in nested["chain"]:
        assert f"{link['relation']} {link['name'] or link['text']}" in details
    assert f"Nested in\n{nested['nested_in']}" in details
    assert browser.find_elements(*by(f'#text .sel[data-q~="{i}"]'))
    assert browser.find_element(*by("#text .sel-spk")).text == nested["speaker"]["text"]
    # the outer quote, through the "nested in" link
    browser.find_element(*by("#details-body dd a.qid")).click()
    outer = record["quotes"][index_of(record, nested["nested_in"])]
    assert browser.find_element(*by("#details-body")).text.startswith(f"{outer['id']} {outer['type']} ")
    # an anonymous source that refers back to its first mention
    anon = next(q for q in record["quotes"] if q["speaker"] and q["speaker"].get("refers_to"))
    details = select(browser, index_of(record, anon["id"]))
    assert "anonymous" in details and f"first mentioned as “{anon['speaker']['refers_to']['text']}”" in details
    # the sources panel: a named source's links select its quotes
    source = next(e for e in browser.find_elements(*by("#sources li")) if "Maria Zakharova" in e.text)
    source.find_element(*by(".links a")).click()
    assert "Maria Zakharova" in browser.find_element(*by("#details-body")).text


def test_screenshot_of_the_seeds_view(browser, seeds_view, tmp_path):
    records, out = seeds_view
    record = next(r for r in records if r["id"].startswith("000_"))
    browser.get((out / f"{record['id']}.html").as_uri())
    nested = next(q for q in record["quotes"] if len(q["chain"]) >= 2 and q["nested_in"])
    select(browser, index_of(record, nested["id"]))
    browser.execute_script("window.scrollTo(0, 0)")
    shot = tmp_path / "seeds-view.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    if os.environ.get("QUOTES_VIEW_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["QUOTES_VIEW_SCREENSHOT"])


def test_hostile_document_runs_nothing(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains

    text = (f'"{HOSTILE}," the minister said.\n'
            f"The ministry said that {HOSTILE} had been sent to reporters.\n</style></script>")
    records = list(quotes.extract_records([{"id": HOSTILE, "text": text, "source": HOSTILE}]))
    assert records[0]["quotes"], "the hostile text should still give quotes to highlight"
    spoken = next(q for q in records[0]["quotes"] if q["speaker"])
    spoken["speaker"]["name"] = HOSTILE  # a hostile record too, not only a hostile text
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(records[0]) + "\n", encoding="utf-8")
    out = tmp_path / "view"
    assert main(["view", str(path), "-o", str(out)]) == 0
    pages = sorted(out.iterdir())
    assert len(pages) == 2
    for page in pages:
        browser.get(page.as_uri())
        for seg in browser.find_elements(*by("#text span"))[:12]:  # hover and click what a reader would
            ActionChains(browser).move_to_element(seg).click().perform()
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
        state = browser.execute_script(
            "return {pwned: window.__pwned === undefined ? null : window.__pwned,"
            " scripts: document.querySelectorAll('script').length,"
            " injected: document.querySelectorAll('img, svg, [onmouseover], [onerror], [onload], [x]').length,"
            " text: document.body.innerText};")
        assert state["pwned"] is None
        assert state["scripts"] == (0 if page.name == "index.html" else 1)
        assert state["injected"] == 0
        assert "<script>window.__pwned = 1; alert(1)</script>" in state["text"]
        if page.name != "index.html":
            assert HOSTILE in browser.find_element(*by("#text")).text
            assert HOSTILE in browser.find_element(*by("#sources")).text  # the hostile name


def test_service_page_extracts_a_pasted_article(browser, server):
    article = ('"We will not back down," Foreign Minister Sergey Lavrov told reporters in Moscow.\n'
               "He said that the talks had failed, according to TASS.")
    browser.get(server + "/")
    box = browser.find_element(*by("#article"))
    box.send_keys(article)
    browser.find_element(*by("#extract")).click()
    browser.switch_to.frame(browser.find_element(*by("#result")))
    try:
        wait(browser, lambda d: d.find_elements(*by("#quotes .card")))
        assert "Sergey Lavrov" in browser.find_element(*by("#sources")).text
        expected = list(quotes.extract_records([{"text": article}]))[0]["quotes"]
        assert len(browser.find_elements(*by("#quotes .card"))) == len(expected) >= 2
        details = select(browser, 0)
        assert "Sergey Lavrov" in details and "reporters" in details
    finally:
        browser.switch_to.default_content()
