"""quotes serve over real HTTP: a uvicorn server on 127.0.0.1 (see viewfixtures.server)."""
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import quotes

httpx = pytest.importorskip("httpx")

pytest_plugins = ["viewfixtures"]

TIMEOUT = httpx.Timeout(60.0, connect=5.0)


def post(url, **kw):
    return httpx.post(url, timeout=TIMEOUT, **kw)


def test_health_and_openapi(server):
    health = httpx.get(server + "/health", timeout=TIMEOUT).json()
    assert health["status"] == "ok" and health["format"] == 2 and health["max_body_bytes"] == 2_000_000
    schema = httpx.get(server + "/openapi.json", timeout=TIMEOUT).json()
    assert {"/extract", "/health", "/view", "/"} <= set(schema["paths"])
    assert "requestBody" in schema["paths"]["/extract"]["post"]
    page = httpx.get(server + "/", timeout=TIMEOUT)
    assert page.status_code == 200 and "<textarea" in page.text and "default-src 'none'" in page.headers["content-security-policy"]


def test_answers_equal_extract_records(server, seed_records):
    records, _ = seed_records
    inputs = [{"id": r["id"], "text": r["text"], "meta": {"path": r["meta"]["path"]}} for r in records]
    inputs.append({"id": "short", "text": '"We are ready," Zakharova told reporters.', "source": "TASS"})
    expected = list(quotes.extract_records(inputs))
    got = post(server + "/extract", json={"records": inputs})
    assert got.status_code == 200
    assert got.json()["records"] == expected
    one = post(server + "/extract", json=inputs[-1])
    assert one.status_code == 200 and one.json()["records"] == expected[-1:]
    assert records[0]["quotes"] == expected[0]["quotes"]  # and so the same as quotes extract


@pytest.mark.parametrize("body, status, says", [
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "empty body"),
    (b"\xff\xfe", 400, "not UTF-8"),
    (b"[1, 2]", 400, "JSON object"),
    (b'{"id": "x"}', 400, 'missing "text"'),
    (b'{"text": 5}', 400, '"text" must be a string'),
    (b'{"records": {"text": "a"}}', 400, '"records" must be a list'),
    (b'{"records": [], "text": "a"}', 400, "not both"),
])
def test_bad_input_is_a_clear_json_error(server, body, status, says):
    r = post(server + "/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    assert says in r.json()["error"] and "Traceback" not in r.text


def test_body_over_the_limit_is_413_declared_or_chunked(server):
    limit = httpx.get(server + "/health", timeout=TIMEOUT).json()["max_body_bytes"]
    big = json.dumps({"text": "word " * (limit // 5 + 10)}).encode()
    r = post(server + "/extract", content=big)
    assert r.status_code == 413 and "over the limit" in r.json()["error"]

    def chunks():  # no Content-Length: the server counts as it reads
        yield b'{"text": "'
        for _ in range(limit // 100_000 + 2):
            yield b"x" * 100_000
        yield b'"}'
    r = post(server + "/extract", content=chunks())
    assert r.status_code == 413


def test_text_over_max_length_is_422_and_only_fails_its_own_record(server):
    health = httpx.get(server + "/health", timeout=TIMEOUT).json()
    long_text = "a " * (health["max_length"] // 2 + 10)
    r = post(server + "/extract", json={"text": long_text})
    assert r.status_code == 422 and "max_length" in r.json()["error"]
    r = post(server + "/extract", json={"records": [{"id": "long", "text": long_text}, "not a record", {"id": "no text"},
                                                    {"id": "ok", "text": "He said it works."}]})
    assert r.status_code == 200
    recs = r.json()["records"]
    assert [rec["id"] for rec in recs] == ["long", "2", "no text", "ok"]
    assert "max_length" in recs[0]["errors"][0] and "not a JSON object" in recs[1]["errors"][0]
    assert "no string 'text'" in recs[2]["errors"][0]
    assert "errors" not in recs[3] and recs[3]["quotes"][0]["content"]["text"] == "it works"


def test_unknown_paths_and_methods_are_json(server):
    r = httpx.get(server + "/nowhere", timeout=TIMEOUT)
    assert r.status_code == 404 and r.json()["error"]
    r = httpx.get(server + "/extract", timeout=TIMEOUT)
    assert r.status_code == 405 and r.json()["error"]


def test_view_endpoint_renders_a_page(server):
    r = post(server + "/view", data={"text": '"We are ready," Zakharova told reporters.'})
    assert r.status_code == 200 and r.text.startswith("<!DOCTYPE html>") and 'class="card ' in r.text
    r = post(server + "/view", json={"text": 5})
    assert r.status_code == 400 and "must be a string" in r.text


NAMES = ["Alice Walker", "Boris Johnson", "Carmen Diaz", "Dmitri Petrov", "Emma Stone", "Farid Khan",
         "Grace Lee", "Hiro Tanaka", "Ines Costa", "Jonas Berg"]


def test_50_concurrent_requests_each_get_their_own_answer(server):
    def ask(i):
        name = f"{NAMES[i % 10]}"
        text = f'"Plan number {i} is ready," {name} told reporters on day {i}.'
        r = post(server + "/extract", json={"id": f"req-{i}", "text": text})
        assert r.status_code == 200, r.text
        rec = r.json()["records"][0]
        return i, name, text, rec

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(ask, range(50)))
    assert time.monotonic() - start < 120
    for i, name, text, rec in results:
        assert rec["id"] == f"req-{i}" and rec["text"] == text
        (q,) = rec["quotes"]
        assert q["content"]["text"] == f'"Plan number {i} is ready,"'
        assert q["speaker"]["text"] == name


def test_serve_command_defaults():
    from quotes.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.max_body_bytes) == ("127.0.0.1", 8000, 5_000_000)
