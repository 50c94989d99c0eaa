"""One process's claim archive: its index, loaded from this host's file, caught up from the database.

The database is the source of truth (service/archive/vectors.py). Before each search the index reads the rows
committed since it last looked (`seq > high`, plus the gaps it is still waiting for), so a claim posted through
any worker or any host that shares the database is found by the next search anywhere, and a crash between the
database write and the index file heals on the next start: the file is only a head start.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Optional

import numpy as np
from sqlalchemy.orm import Session

from service.archive import vectors
from service.archive.index import ClaimIndex, IndexMismatch, ModelStamp

log = logging.getLogger(__name__)


def _folder_revision(folder: Path) -> str:
    """A digest of a model folder: its JSON configuration and the name and size of every file."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder)}:{path.stat().st_size}\n".encode())
        if path.suffix == ".json" and path.stat().st_size < 1_000_000:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stamp_of(embedder) -> ModelStamp:
    """The model stamp of a loaded embedder (models/embedder.py): its setting's name, a revision read from its
    folder (a hub name that is not a folder: 'hub'), and its dimension. The int8 graph (models/onnx_embedder.py)
    moves vectors more than bfloat16 does, so it is a revision of its own; float32 and bfloat16 share one."""
    inner = getattr(embedder, "inner", embedder)   # the store's cached embedder wraps the model's
    folder = Path(inner.ref.location)
    revision = _folder_revision(folder) if folder.is_dir() else "hub"
    if getattr(inner, "precision", None) == "int8" or type(inner).__name__ == "OnnxInt8Embedder":
        revision += "-int8"
    return ModelStamp(inner.ref.name, revision, int(inner.dimension))


class ClaimArchive:
    def __init__(self, stamp: ModelStamp, path: Path, exact_below: int, nprobe: int, save_every: int):
        self.stamp, self.path = stamp, Path(path)
        self.exact_below, self.nprobe, self.save_every = exact_below, nprobe, save_every
        self.index: Optional[ClaimIndex] = None
        self._saved_high = 0
        self._lock = threading.RLock()

    def open(self, session: Session) -> "ClaimArchive":
        """Check the stored vectors and the file against the model, load the file (or build the index from the
        database when there is none), and catch up. IndexMismatch names `factcheck index rebuild`."""
        with self._lock:
            others = vectors.other_models(session, self.stamp.key)
            if others:
                raise IndexMismatch("rows in the database", others[0], self.stamp)
            index = ClaimIndex.load(self.path, self.stamp)
            if index is not None and index.high and vectors.claim_at(session, index.high) != index.high_claim:
                log.warning("claim index file %s is not of this database; building it from the database", self.path)
                index = None
            if index is None:
                index = build_from_database(session, self.stamp, self.exact_below, self.nprobe)
                index.save(self.path)
            index.set_nprobe(self.nprobe)
            self.index, self._saved_high = index, index.high
            self.catch_up(session)
        return self

    def catch_up(self, session: Session) -> int:
        """Add the rows committed since the last look; rewrite the file once save_every claims past it."""
        with self._lock:
            if self.index is None:
                self.open(session)   # loads the file and catches up
                return 0
            added = 0
            while True:
                seqs, found, claims = vectors.rows_after(session, self.index.high, self.index.gaps,
                                                         self.stamp.dimension)
                self.index.gaps = vectors.update_gaps(self.index.gaps, self.index.high, seqs)
                self.index.add(seqs, found, claims[-1] if claims else None)
                added += len(seqs)
                if len(seqs) < vectors.BATCH:
                    break
            if added and self.index.high - self._saved_high >= self.save_every:
                self.index.save(self.path)
                self._saved_high = self.index.high
            return added

    def search(self, session: Session, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            self.catch_up(session)
            return self.index.search(queries, k)


def build_from_database(session: Session, stamp: ModelStamp, exact_below: int, nprobe: int) -> ClaimIndex:
    chunks = list(vectors.all_rows(session, stamp.dimension))
    seqs = np.concatenate([s for s, _, _ in chunks]) if chunks else np.zeros(0, dtype=np.int64)
    found = np.concatenate([v for _, v, _ in chunks]) if chunks else np.zeros((0, stamp.dimension), np.float32)
    index = ClaimIndex.build(stamp, seqs, found, exact_below, nprobe, chunks[-1][2][-1] if chunks else None)
    log.info("claim index built from the database", extra={"claims": index.count, "kind": index.kind})
    return index


def rebuild(session: Session, embedder, stamp: ModelStamp, path: Path, exact_below: int, nprobe: int) -> ClaimIndex:
    """`factcheck index rebuild`: every claim gets a vector of this model, then a new index file is written."""
    embedded = vectors.reembed(session, embedder, stamp.key)
    index = build_from_database(session, stamp, exact_below, nprobe)
    index.save(Path(path))
    log.info("claim index rebuilt", extra={"claims": index.count, "embedded": embedded})
    return index
