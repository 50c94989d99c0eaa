"""The claim index: FAISS over the embeddings of stored claims, keyed by their archive sequence number.

Below `exact_below` claims the index is exact (a flat inner-product index with ids); from there on a rebuild trains
an inverted file with 8-bit scalar quantisation (`IVF<nlist>,SQ8`): 384 bytes a claim for MiniLM's 384 dimensions,
so a million claims take about 390 MiB, and a query scans `nprobe` lists of about n / nlist claims each. Why this
type and its figures: bench/archive.py and the README's "Claim archive".

The file holds one JSON header (the model it was built with, the highest sequence number it contains and the
sequence numbers below that it has not seen yet) and the serialised FAISS index, written to a temporary file and
renamed over the old one, so a crash leaves the old file or the new one, never half of either.
"""
from __future__ import annotations

import json
import math
import os
import struct
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

import faiss
import numpy as np

from models import cpu

MAGIC = b"FCCLAIMIDX1\n"
TRAIN_PER_LIST = 40        # training vectors per IVF list (FAISS warns below 39)
TRAIN_ITERATIONS = 10      # k-means rounds: the lists barely move after ten, and training is most of a build


ONE_THREAD_BELOW = 64     # queries: a search of fewer runs on one FAISS thread
def _one_faiss_thread():
    """A post's few dozen queries, or one search, on one OpenMP thread. Woken for a small search, FAISS's
    OpenMP threads spin waiting for more work afterwards, on cores the post's own model calls need: with two
    threads, a post cost 0.45 s more CPU with the archive on than off (bench/archive.py --post-cost, load 4), and
    one query's p99 was no better (the README's nprobe sweep)."""
    return cpu.one_thread(faiss.omp_get_max_threads, faiss.omp_set_num_threads)


@dataclass(frozen=True)
class ModelStamp:
    """What an index's vectors depend on: the embedding model's name, revision and dimension."""
    name: str
    revision: str
    dimension: int

    @property
    def key(self) -> str:
        return f"{self.name}@{self.revision}/{self.dimension}"


class IndexMismatch(RuntimeError):
    """The index file or the stored vectors were made by another model than the one configured."""

    def __init__(self, where: str, built: str, current: ModelStamp):
        super().__init__(f"[FC040] the claim index {where} was built with embedder {built}, but the configured "
                         f"embedder is {current.key}; run `factcheck index rebuild` (it re-embeds the stored claims "
                         f"and writes a new index file), then start the service again")


def ivf_lists(count: int) -> int:
    """IVF lists for count claims: about 4·√n, a power of two (4,096 for a million)."""
    return 2 ** max(4, round(math.log2(4 * math.sqrt(max(count, 1)))))


def factory_string(count: int, exact_below: int) -> str:
    return "IDMap2,Flat" if count < exact_below else f"IVF{ivf_lists(count)},SQ8"


class ClaimIndex:
    """A FAISS index with its model stamp and how far into the archive's sequence it has read."""

    def __init__(self, stamp: ModelStamp, index, high: int = 0, gaps: Optional[dict[int, float]] = None,
                 high_claim: Optional[str] = None):
        self.stamp, self.index, self.high = stamp, index, high
        self.high_claim = high_claim   # the claim at seq `high`: the file is of this database only if it is there
        self.gaps: dict[int, float] = dict(gaps or {})   # seq → when first missed (wall clock)

    @classmethod
    def build(cls, stamp: ModelStamp, seqs: np.ndarray, vectors: np.ndarray, exact_below: int,
              nprobe: int = 48, last_claim: Optional[str] = None) -> "ClaimIndex":
        """An index over vectors (n × d, normalised float32) under ids seqs, its type chosen by n."""
        description = factory_string(len(seqs), exact_below)
        index = faiss.index_factory(stamp.dimension, description, faiss.METRIC_INNER_PRODUCT)
        if not index.is_trained:
            ivf = faiss.extract_index_ivf(index)
            ivf.cp.niter = TRAIN_ITERATIONS
            lists = ivf.nlist
            sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), lists * TRAIN_PER_LIST),
                                                     replace=False)
            index.train(vectors[np.sort(sample)])
        built = cls(stamp, index)
        built.set_nprobe(nprobe)
        built.add(np.asarray(seqs, dtype=np.int64), vectors, last_claim)
        return built

    @property
    def kind(self) -> str:
        return "ivf" if self._ivf() is not None else "flat"

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    def _ivf(self):
        try:
            return faiss.extract_index_ivf(self.index)
        except RuntimeError:
            return None

    def set_nprobe(self, nprobe: int) -> None:
        ivf = self._ivf()
        if ivf is not None:
            ivf.nprobe = max(1, min(nprobe, ivf.nlist))

    def add(self, seqs: np.ndarray, vectors: np.ndarray, last_claim: Optional[str] = None) -> None:
        """Add vectors under ids seqs (ascending); last_claim is the claim of the last one."""
        if len(seqs):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                    np.ascontiguousarray(seqs, dtype=np.int64))
            if int(seqs[-1]) > self.high:
                self.high, self.high_claim = int(seqs[-1]), last_claim

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, seqs) of the k nearest claims of each query; seq -1 where there are fewer. Fewer than
        ONE_THREAD_BELOW queries run on one FAISS thread (see _one_faiss_thread)."""
        if self.count == 0 or k <= 0:
            shape = (len(vectors), max(k, 0))
            return np.zeros(shape, dtype=np.float32), np.full(shape, -1, dtype=np.int64)
        queries = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(queries) >= ONE_THREAD_BELOW:
            return self.index.search(queries, k)
        with _one_faiss_thread():
            return self.index.search(queries, k)

    def nbytes(self) -> int:
        return int(faiss.serialize_index(self.index).nbytes)

    def save(self, path: Path) -> None:
        header = json.dumps({"model": asdict(self.stamp), "high": self.high, "high_claim": self.high_claim,
                             "gaps": {str(s): t for s, t in self.gaps.items()}}).encode("utf-8")
        body = faiss.serialize_index(self.index)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + struct.pack("<Q", len(header)) + header)
                out.write(body.tobytes())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, expected: ModelStamp) -> Optional["ClaimIndex"]:
        """The saved index, None if the file is missing or unreadable (rebuilt from the database then);
        IndexMismatch if it was built with another model."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.startswith(MAGIC):
            return None
        start = len(MAGIC) + 8
        (length,) = struct.unpack("<Q", raw[len(MAGIC):start])
        try:
            header = json.loads(raw[start:start + length])
            index = faiss.deserialize_index(np.frombuffer(raw, dtype=np.uint8, offset=start + length).copy())
        except (ValueError, RuntimeError):
            return None
        stamp = ModelStamp(**header["model"])
        if stamp != expected:
            raise IndexMismatch(f"file {path}", stamp.key, expected)
        return cls(stamp, index, int(header["high"]), {int(s): float(t) for s, t in header["gaps"].items()},
                   header.get("high_claim"))
