"""The local engine: chunks scored in this process (1 worker) or in N spawned worker processes.

Workers are started with the spawn context, so each builds and warms its own pipeline (torch and
onnxruntime thread pools do not survive fork). Results come back in input order, with a bounded
number of chunks in flight, so memory stays flat on archives of any size. Workers die with their parent,
even when it is SIGKILLed, and leave Ctrl-C to it (it terminates them).
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from typing import Iterable, Iterator

from service.batch.scoring import Scored, score_chunk, threads_per_worker, warm_pipeline
from service.batch.stories import Story

WARM_UP_TIMEOUT_SECONDS = 900
PR_SET_PDEATHSIG = 1   # linux/prctl.h
_worker_pipeline = None


def die_with_parent(parent: int) -> None:
    """End this process when `parent` dies: on Linux the kernel sends SIGKILL (PR_SET_PDEATHSIG), elsewhere a
    thread polls the parent id."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(1)
        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if os.getppid() != parent:   # it died before the watch began
        os._exit(1)


@contextlib.contextmanager
def worker_environment(threads: int):
    """OMP_NUM_THREADS for the workers spawned meanwhile (they inherit this environment), as Ray sets it for
    its actors, unless it is set already. torch.set_num_threads caps torch alone; without this, OpenMP in the
    other libraries (faiss, the BLAS under spaCy) starts a thread per core in every worker, and threads that
    outnumber the cores spin waiting for each other."""
    if "OMP_NUM_THREADS" in os.environ:
        yield
        return
    os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        yield
    finally:
        os.environ.pop("OMP_NUM_THREADS", None)


def _init_worker(threads: int, ready, parent: int) -> None:
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C reaches the whole process group; the parent handles it
    die_with_parent(parent)
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
    nodes = 1

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
            with worker_environment(self.threads):
                self._pool = context.Pool(self.workers, initializer=_init_worker,
                                          initargs=(self.threads, ready, os.getpid()))
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
