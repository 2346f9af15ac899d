"""Fixtures shared by the view and serve tests (loaded with ``pytest_plugins = ["viewfixtures"]`` so
that one browser and one server serve every test module of the session).

- ``browser``: a real headless Chromium driven by Selenium through Debian's chromedriver. Missing
  browser: a failure when CI=true (CI installs it: .ci/run), a skip with the reason elsewhere.
- ``server``: ``quotes serve`` started as a subprocess on 127.0.0.1 on a free port, stopped at the
  end of the session; its base URL.
- ``seed_records``: the output records of ``quotes extract corpus/seeds/``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("QUOTES_CHROMEDRIVER", "/usr/bin/chromedriver")
# The flags keep Chromium off the network (this machine reaches no outside host) and runnable as root.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1400,1000")
SERVER_MAX_BODY = 2_000_000  # smaller than the default so that the 413 test sends little


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests: .ci/run installs chromium and chromium-driver")
    pytest.skip(f"{reason} (apt-get install chromium chromium-driver; pip install selenium)")


@pytest.fixture(scope="session")
def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.exists(path) and os.access(path, os.X_OK)):
            _missing(f"{path} is missing")
    profile = tempfile.mkdtemp(prefix="quotes-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    # An explicit driver path keeps Selenium Manager from trying to download one.
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*args: str, timeout: float = 90.0):
    """``quotes serve`` on 127.0.0.1 in a subprocess; returns (process, base URL, log path) once
    /health answers."""
    import httpx

    port = free_port()
    log = Path(tempfile.mkstemp(prefix="quotes-serve-", suffix=".log")[1])
    proc = subprocess.Popen([sys.executable, "-m", "quotes.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             *args], cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"quotes serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url, log
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"quotes serve did not answer /health within {timeout}s:\n{log.read_text()}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


@pytest.fixture(scope="session")
def server():
    if os.environ.get("CI") != "true":
        pytest.importorskip("fastapi", reason='the serve extra is not installed (pip install -e ".[test]")')
    proc, url, log = start_server("--max-body-bytes", str(SERVER_MAX_BODY))
    try:
        yield url
    finally:
        stop_server(proc)
        log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def seed_records(tmp_path_factory):
    """Output records of ``quotes extract corpus/seeds/``, and the path of their JSONL file."""
    import json

    from quotes.cli import main

    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    # a relative path where possible, so that the pages (and the README's screenshot) show corpus/seeds/...
    seeds = os.path.relpath(ROOT / "corpus" / "seeds") if Path.cwd() == ROOT else str(ROOT / "corpus" / "seeds")
    assert main(["extract", seeds, "-o", str(out), "-q"]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], out
