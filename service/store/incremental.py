"""The store's view of the one pipeline: the same stages, with per-process caches around the models.

A story is re-run whole after each post, but parsed text blocks, each article's claims, claim embeddings and
NLI scores are kept (keyed by their exact text), so a re-post after an edit parses only the changed blocks,
decomposes only the edited article, embeds only the new claims and scores only the pairs that involve them.
Each model gives what it gave for the same input (the NLI model scores one pair per run, so a cached score
equals a fresh one).

Claims are kept per article (its id, text, date and outlet), not per block: decomposing a sentence reads
what the article's earlier sentences said (the referents a pronoun or "the ministry" resolves to, a quotation
running on over paragraphs), so a block's claims are a function of the blocks before it too.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import threading
from collections import OrderedDict
from typing import Callable, Hashable

import numpy as np

from models import cpu


class LruCache:
    def __init__(self, size: int):
        self.size = max(0, size)
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_many(self, keys: list[Hashable], compute: Callable[[list[Hashable]], list]) -> list:
        """Values for keys; compute(missing keys) is called once, in order, for the ones not cached."""
        with self._lock:
            found = {k: self._items[k] for k in keys if k in self._items}
            for k in found:
                self._items.move_to_end(k)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        self.hits += len(keys) - len(missing)
        self.misses += len(missing)
        if missing:
            computed = compute(missing)
            with self._lock:
                for k, value in zip(missing, computed):
                    found[k] = value
                    self._items[k] = value
                    self._items.move_to_end(k)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return [found[k] for k in keys]


class _Delegate:
    def __init__(self, inner, size: int):
        self.inner = inner
        self.cache = LruCache(size)

    def __getattr__(self, name):
        return getattr(self.inner, name)


class CachedParser(_Delegate):
    def __call__(self, text: str):
        return self.cache.get_many([text], lambda missing: [self.inner(t) for t in missing])[0]

    def pipe(self, texts, batch_size: int = 64):
        return iter(self.cache.get_many(list(texts), lambda missing: list(self.inner.pipe(missing, batch_size=batch_size))))


SMALL_BATCH = 8   # texts an embedder call runs on one torch thread


def _one_torch_thread(inner):
    """Run a small torch call on one intra-op thread. With two threads on two busy cores, each of the model's
    parallel regions waits for a thread the scheduler has put aside: embedding one claim took 0.3 to 1.2 s
    instead of 0.02 to 0.05 s (load average 5 on 2 cores), and an edited re-post embeds one or two."""
    torch = getattr(inner, "torch", None)
    if torch is None:
        return contextlib.nullcontext()
    return cpu.one_thread(torch.get_num_threads, torch.set_num_threads)


class CachedEmbedder(_Delegate):
    def encode(self, texts: list[str], **options) -> np.ndarray:
        if not texts:
            return self.inner.encode(texts)
        rows = self.cache.get_many(list(texts), self._compute(options))
        return np.ascontiguousarray(np.stack(rows), dtype=np.float32)

    def _compute(self, options: dict):
        def compute(missing: list[str]) -> list:
            if len(missing) > SMALL_BATCH:
                return list(self.inner.encode(missing, **options))
            with _one_torch_thread(self.inner):
                return list(self.inner.encode(missing, **options))
        return compute


class CachedNli(_Delegate):
    def score(self, premises: list[str], hypotheses: list[str], **options) -> np.ndarray:
        if not premises:
            return self.inner.score(premises, hypotheses)

        def compute(missing):
            return list(self.inner.score([p for p, _ in missing], [h for _, h in missing], **options))
        return np.asarray(self.cache.get_many(list(zip(premises, hypotheses)), compute))


class CachedSourceClaims:
    """Pipeline.source_claims remembered by source; claims are frozen, so a kept list is shared as it is."""

    def __init__(self, source_claims: Callable, size: int):
        self.source_claims = source_claims
        self.cache = LruCache(size)

    def __call__(self, source, progress: str = "", claims_before: int = 0):
        return self.cache.get_many([source], lambda missing: [self.source_claims(s, progress, claims_before)
                                                              for s in missing])[0]


BLOCKS_PER_ARTICLE = 16   # the claims cache holds about as many articles as the parse cache holds blocks of


def cached_pipeline(pipeline, size: int):
    """A shallow copy of a warm pipeline whose parser, claim building, embedder and NLI model remember their
    answers."""
    pipeline.warm_up()
    cached = copy.copy(pipeline)
    for name in [n for n in vars(cached) if callable(getattr(type(pipeline), n, None))]:
        del cached.__dict__[name]   # wrappers set on the instance (metrics) still call the original's models
    cached.parser = CachedParser(pipeline.parser, size)
    cached.embedder = CachedEmbedder(pipeline.embedder, size)
    cached.nli = CachedNli(pipeline.nli, size)
    cached.source_claims = CachedSourceClaims(functools.partial(type(pipeline).source_claims, cached),
                                              -(-size // BLOCKS_PER_ARTICLE))
    return cached
