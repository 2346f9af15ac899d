"""Which quotes lie near a stretch of text, without looking at every quote: a sorted index.

The component compares quotes with quotes (a report inside a direct quote, a quote nested in
another). An article has a few dozen quotes, but a hostile text can have thousands, and comparing
each with all the others would take time with the square of their number."""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")


class Near(Generic[T]):
    """The items whose extent (``extent(item)`` -> (start, end)) meets a stretch [start, end]
    (ends included: a superset of overlap and containment, which callers then test), in the order
    the items were given."""

    def __init__(self, items: Iterable[T], extent: Callable[[T], tuple[int, int]]):
        self.items = list(items)
        self._spans = sorted(extent(x) + (n,) for n, x in enumerate(self.items))
        self._starts = [s for s, _, _ in self._spans]
        # The largest end among the spans up to each position: a backward scan stops once no
        # earlier span reaches the stretch.
        self._reach: list[int] = []
        for _, e, _ in self._spans:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def __call__(self, start: int, end: int) -> Iterator[T]:
        hits = []
        i = bisect_right(self._starts, end) - 1
        while i >= 0 and self._reach[i] >= start:
            if self._spans[i][1] >= start:
                hits.append(self._spans[i][2])
            i -= 1
        return (self.items[n] for n in sorted(hits))


def extent(q) -> tuple[int, int]:
    """A quote's content and cue together."""
    if q.cue is None:
        return q.content.start, q.content.end
    return min(q.content.start, q.cue.start), max(q.content.end, q.cue.end)
