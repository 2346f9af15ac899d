"""Batches of documents bounded in number and in characters.

spaCy's ``nlp.pipe`` batches by the number of documents alone, and the parse's working memory
grows with the tokens of a batch (tok2vec's and the entity recognizer's arrays for all of them at
once): 16 long articles can take hundreds of megabytes more than 16 short ones. ``quotes`` feeds
the pipeline batches that also stop at ``max_chars`` characters (a longer document goes alone), so
that memory follows the length of the documents, not the luck of their order. Each document's
annotations are the same whatever batch it is parsed in (bench/identical.py compares every record).
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")

# On PolNeAR dev (84 articles, 411k characters, one process) batches of 16 documents peak at 517 MB
# of resident memory; stopping them at 25,000 characters too peaks at about 260 MB, in the same time.
DEFAULT_BATCH_CHARS = 25_000


def batches(items: Iterable[T], size: int, max_chars: int,
            text: Callable[[T], str] = lambda t: t) -> Iterator[list[T]]:  # type: ignore[assignment,return-value]
    """Consecutive lists of ``items``, each of at most ``size`` items whose ``text`` holds at most
    ``max_chars`` characters in all, except a single item longer than that."""
    if size < 1 or max_chars < 1:
        raise ValueError(f"a batch needs room for a document: size {size}, max_chars {max_chars}")
    batch: list[T] = []
    chars = 0
    for item in items:
        n = len(text(item))
        if batch and (len(batch) == size or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += n
    if batch:
        yield batch
