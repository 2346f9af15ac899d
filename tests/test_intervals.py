"""quotes/intervals.py: the sorted index finds exactly what a scan of every span finds."""
import random

from quotes.intervals import Near


def test_near_finds_what_a_full_scan_finds():
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 30)):
            s = rng.randint(0, 100)
            spans.append((s, s + rng.randint(0, 40)))
        near = Near(spans, lambda x: x)
        for _ in range(20):
            a = rng.randint(0, 140)
            b = a + rng.randint(0, 30)
            want = [x for x in spans if x[0] <= b and x[1] >= a]
            assert list(near(a, b)) == want
