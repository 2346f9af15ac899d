"""Extraction in several processes that send back quotes, not Docs.

spaCy's ``nlp.pipe(n_process=N)`` ships every parsed Doc back to the parent (``Doc.to_bytes``:
every token's attributes and the user data) and the parent rebuilds it (``Doc.from_bytes``)
before it can read ``doc._.quotes``. On two cores the parent's rebuilding, the reading of the input
and the writing of JSON then compete with the two workers, and two processes give about 1.3
times one. Here each worker runs the whole pipeline and returns only what a record needs, the
quotes and errors of each text: plain lists, a few hundred bytes per document.

The workers are forked from the parent after its pipeline is loaded, so no worker loads the model
again (its memory is shared until written to). A free worker takes the next batch (articles differ
in length: a fixed turn would leave one worker idle while the other finishes a long batch), and the
parent puts the results back in input order; at most ``AHEAD`` batches per worker are in flight,
so memory stays bounded however long the input. Where ``fork`` does not
exist (Windows, macOS's default), ``available()`` is False and callers use spaCy's own
``n_process``.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from typing import Any, Iterable, Iterator, Optional

from spacy.language import Language

from .batches import DEFAULT_BATCH_CHARS, batches

AHEAD = 2  # batches in flight per worker
_NLP: Optional[Language] = None  # the pipeline a forked worker inherits


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _quotes_of(texts: list[str]) -> list[tuple[list, Optional[list]]]:
    """Each text's quotes and errors, as the component left them in ``doc._``."""
    assert _NLP is not None
    try:
        return [(doc._.quotes or [], doc._.quote_errors) for doc in _NLP.pipe(texts, batch_size=len(texts))]
    except Exception:  # noqa: BLE001 - find the document that broke the batch; the others go on
        out = []
        for text in texts:
            try:
                doc = _NLP(text)
                out.append((doc._.quotes or [], doc._.quote_errors))
            except Exception as e:  # noqa: BLE001
                out.append(([], [f"quote extraction failed: {type(e).__name__}: {e}"]))
        return out


def _die_with_parent(parent: int) -> None:
    """End this worker when the parent dies, even by SIGKILL, which no handler of the parent sees
    (Linux's PR_SET_PDEATHSIG; elsewhere a worker blocked on the task queue outlives a killed
    parent)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no prctl: not Linux
        return
    if os.getppid() != parent:  # the parent died before the request: no signal will come
        os._exit(1)


def _work(tasks: Any, results: Any, parent: int) -> None:
    _die_with_parent(parent)
    while True:
        task = tasks.get()
        if task is None:
            return
        number, batch = task
        results.put((number, _quotes_of(batch)))


def quotes_in_processes(nlp: Language, texts: Iterable[str], batch_size: int, n_process: int,
                        batch_chars: int = DEFAULT_BATCH_CHARS) -> Iterator[tuple[list, Optional[list]]]:
    """(quotes, errors) of each text, in order, from ``n_process`` forked workers, in batches of at
    most ``batch_size`` texts and ``batch_chars`` characters."""
    global _NLP
    ctx = multiprocessing.get_context("fork")
    tasks, results = ctx.Queue(), ctx.Queue()
    _NLP = nlp
    workers = []
    try:
        for _ in range(n_process):
            proc = ctx.Process(target=_work, args=(tasks, results, os.getpid()), daemon=True)
            proc.start()
            workers.append(proc)
    finally:
        _NLP = None
    try:
        it = batches(texts, batch_size, batch_chars)
        sent = received = 0
        done = False
        waiting: dict[int, list] = {}  # batches back before an earlier one
        while True:
            # Keep AHEAD batches in flight per worker; whichever worker is free takes the next.
            while not done and sent - received < AHEAD * n_process:
                batch = next(it, None)
                if batch is None:
                    done = True
                    break
                tasks.put((sent, batch))
                sent += 1
            if received == sent:
                break
            while received not in waiting:
                try:
                    number, found = results.get(timeout=1.0)
                    waiting[number] = found
                except queue.Empty:
                    dead = [p for p in workers if not p.is_alive()]
                    if dead:
                        raise RuntimeError(f"an extraction process ended unexpectedly (exit code "
                                           f"{dead[0].exitcode})") from None
            yield from waiting.pop(received)
            received += 1
        for _ in workers:
            tasks.put(None)
        for proc in workers:
            proc.join(timeout=10)
    finally:
        for proc in workers:
            if proc.is_alive():
                proc.terminate()
        for proc in workers:
            proc.join(timeout=5)  # reaped here: no worker outlives the run, not even as a zombie
        for q in (tasks, results):
            q.close()
            q.cancel_join_thread()
