"""Throughput and latency of `quotes serve` (never asserted in tests: measured here).

    python bench/serve_bench.py [--requests 60] [--clients 1,4,8] [--url http://127.0.0.1:PORT] [PATH ...]

Starts `quotes serve` on a free port of 127.0.0.1 (or uses --url, which must be a loopback
address), then, for each number of concurrent clients, sends --requests POST /extract requests of
one article each (the .txt files of PATH, default corpus/seeds, in turn) and prints requests per
second and the median and 99th-percentile latency. Every loop is bounded: --requests per level,
and the whole run stops after --max-seconds.
"""
from __future__ import annotations

import argparse
import ipaddress
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.io import read_inputs  # noqa: E402


def loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "quotes.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    log.seek(0)
    sys.exit(f"quotes serve did not start:\n{log.read().decode(errors='replace')}")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def run_level(url: str, texts: list[str], clients: int, requests: int, deadline: float) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client() -> None:
        with httpx.Client(timeout=httpx.Timeout(120.0, connect=5.0)) as http:
            while time.monotonic() < deadline:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                t = time.perf_counter()
                r = http.post(url + "/extract", json={"id": str(n), "text": texts[n % len(texts)]})
                r.raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for f in [pool.submit(client) for _ in range(clients)]:
            f.result()
    wall = time.perf_counter() - start
    return {"clients": clients, "requests": len(latencies), "seconds": wall, "rps": len(latencies) / wall,
            "median_ms": statistics.median(latencies) * 1000, "p99_ms": percentile(latencies, 99) * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "seeds")])
    ap.add_argument("--requests", type=int, default=60, help="requests per level (default 60)")
    ap.add_argument("--clients", default="1,4,8", help="concurrent clients per level (default 1,4,8)")
    ap.add_argument("--url", help="a running server on this machine (default: start one)")
    ap.add_argument("--max-seconds", type=float, default=600, help="stop the whole run after this long")
    args = ap.parse_args()
    if args.url and not loopback(args.url):
        sys.exit(f"--url {args.url}: only a server on this machine (127.0.0.1, localhost, ::1) may be benched")
    texts = [r["text"] for r in read_inputs(args.paths) if isinstance(r.get("text"), str)]
    if not texts:
        sys.exit("no texts to send")
    proc, url = (None, args.url.rstrip("/")) if args.url else start_server()
    try:
        deadline = time.monotonic() + args.max_seconds
        run_level(url, texts, 1, min(5, args.requests), deadline)  # warm-up
        chars = sum(len(t) for t in texts) / len(texts)
        print(f"{len(texts)} texts of {chars:.0f} characters on average, {args.requests} requests per level, {url}")
        print(f"{'clients':>7} {'requests':>8} {'req/s':>7} {'median ms':>10} {'p99 ms':>8}")
        for clients in (int(c) for c in args.clients.split(",")):
            res = run_level(url, texts, clients, args.requests, deadline)
            print(f"{res['clients']:>7} {res['requests']:>8} {res['rps']:>7.2f} {res['median_ms']:>10.0f} {res['p99_ms']:>8.0f}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)


if __name__ == "__main__":
    main()
