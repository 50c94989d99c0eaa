"""The local engine: chunks scored in this process (1 worker) or in N spawned worker processes.

Workers are started with the spawn context, so each builds and warms its own pipeline (torch and
onnxruntime thread pools do not survive fork). Results come back in input order, with a bounded
number of chunks in flight, so memory stays flat on archives of any size.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from typing import Iterable, Iterator

from service.batch.scoring import Scored, score_chunk, threads_per_worker, warm_pipeline
from service.batch.stories import Story

WARM_UP_TIMEOUT_SECONDS = 900
_worker_pipeline = None


def _init_worker(threads: int, ready) -> None:
    global _worker_pipeline
    try:
        _worker_pipeline = warm_pipeline(threads)
    except BaseException as error:
        ready.put(f"{type(error).__name__}: {error}")
        raise
    ready.put(None)


def _score_in_worker(chunk: list[Story]) -> list[Scored]:
    return score_chunk(_worker_pipeline, chunk)


class LocalEngine:
    name = "local"

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self.threads = threads_per_worker(self.workers)
        self._pool = None
        self._pipeline = None

    def start(self) -> "LocalEngine":
        if self.workers == 1:
            self._pipeline = warm_pipeline(self.threads)
        else:
            context = multiprocessing.get_context("spawn")
            ready = context.Queue()
            self._pool = context.Pool(self.workers, initializer=_init_worker,
                                      initargs=(self.threads, ready))
            for _ in range(self.workers):  # every worker warm before the first chunk, or a clear error
                failure = ready.get(timeout=WARM_UP_TIMEOUT_SECONDS)
                if failure is not None:
                    self._pool.terminate()
                    raise RuntimeError(f"[FC031] a scoring worker could not warm its pipeline: {failure}")
        return self

    def score(self, chunks: Iterable[list[Story]]) -> Iterator[list[Scored]]:
        if self._pool is None:
            for chunk in chunks:
                yield score_chunk(self._pipeline, chunk)
            return
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append(self._pool.apply_async(_score_in_worker, (chunk,)))
            if len(in_flight) >= 2 * self.workers:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self.start()

    def __exit__(self, *exc) -> None:
        if exc[0] is not None and self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.close()
