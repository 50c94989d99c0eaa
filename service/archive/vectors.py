"""The archive's rows in the database: each stored claim's embedding under a never-reused sequence number.

A post writes its new claims' vectors in the same transaction as the claims, so the database holds a vector for
every committed claim and none for a claim it rolled back. Every index (each worker's, each host's file) is a copy
of these rows, caught up by sequence number.
"""
from __future__ import annotations

import time
from typing import Iterator, Optional

import numpy as np
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from service.pipeline.extract.normalize import canonical_text
from service.store.models import Claim, ClaimVector

BATCH = 5000          # rows read per query while catching up or rebuilding
GAP_TTL_S = 120.0     # a sequence number skipped this long ago belongs to a transaction that rolled back


def embed_texts(embedder, texts: list[str]) -> np.ndarray:
    """Claim texts as the pipeline embeds them (canonical text), so the store's cache answers a post's claims."""
    return np.asarray(embedder.encode([canonical_text(t) for t in texts]), dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def from_bytes(rows: list[bytes], dimension: int) -> np.ndarray:
    if not rows:
        return np.zeros((0, dimension), dtype=np.float32)
    return np.frombuffer(b"".join(rows), dtype="<f4").reshape(len(rows), dimension).astype(np.float32)


def record_story(session: Session, embedder, model_key: str, story_id: str) -> int:
    """Store vectors for the story's claims that have none yet (inside the post's transaction); how many.

    A joined causal claim (role "link": the words of two claims of one sentence, which the pipeline makes after
    its embedding step and gives its first claim's vector) gets the mean of the vectors of the story's claims of
    that outlet whose spans it overlaps: embedding it alone was most of what the archive added to a post."""
    missing = session.execute(select(Claim.id, Claim.text, Claim.outlet, Claim.detail)
                              .outerjoin(ClaimVector, ClaimVector.claim_id == Claim.id)
                              .where(Claim.story_id == story_id, ClaimVector.seq.is_(None)).order_by(Claim.id)).all()
    if not missing:
        return 0
    links = [m for m in missing if (m.detail or {}).get("role") == "link"]
    plain = [m for m in missing if (m.detail or {}).get("role") != "link"]
    found = dict(zip([m.id for m in plain], embed_texts(embedder, [m.text for m in plain]) if plain else []))
    if links:
        parts = _link_parts(session, story_id, links, found)
        unjoined = [m for m in links if m.id not in parts]
        found.update(zip([m.id for m in unjoined], embed_texts(embedder, [m.text for m in unjoined])
                         if unjoined else []))
        for claim_id, part_vectors in parts.items():
            mean = np.mean(part_vectors, axis=0)
            found[claim_id] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    session.add_all([ClaimVector(claim_id=m.id, model=model_key, vector=to_bytes(found[m.id])) for m in missing])
    session.flush()
    return len(missing)


def _overlaps(a: list, b: list) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def _link_parts(session: Session, story_id: str, links: list, fresh: dict) -> dict[str, list[np.ndarray]]:
    """Each link claim's parts' vectors: the story's other claims of its outlet whose spans overlap its spans
    (their vectors just made, in `fresh`, or stored); links with no such claim are left out."""
    outlets = sorted({m.outlet for m in links})
    rows = session.execute(select(Claim.id, Claim.outlet, Claim.detail, ClaimVector.vector)
                           .outerjoin(ClaimVector, ClaimVector.claim_id == Claim.id)
                           .where(Claim.story_id == story_id, Claim.outlet.in_(outlets), Claim.active.is_(True))
                           .order_by(Claim.id)).all()
    out: dict[str, list[np.ndarray]] = {}
    for link in links:
        spans = (link.detail or {}).get("span") or []
        for claim_id, outlet, detail, vector in rows:
            if claim_id == link.id or outlet != link.outlet or (detail or {}).get("role") == "link":
                continue
            if not _overlaps(spans, (detail or {}).get("span") or []):
                continue
            if claim_id in fresh:
                out.setdefault(link.id, []).append(np.asarray(fresh[claim_id], dtype=np.float32))
            elif vector is not None:
                out.setdefault(link.id, []).append(np.frombuffer(vector, dtype="<f4").astype(np.float32))
    return out


def other_models(session: Session, model_key: str) -> list[str]:
    return list(session.scalars(select(ClaimVector.model).where(ClaimVector.model != model_key).distinct().limit(3)))


def rows_after(session: Session, high: int, gaps: dict[int, float], dimension: int,
               limit: int = BATCH) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Committed rows past `high`, and those of the listed gaps now committed: (seqs, vectors, claim ids) by seq."""
    condition = ClaimVector.seq > high
    if gaps:
        condition = or_(condition, ClaimVector.seq.in_(sorted(gaps)))
    rows = session.execute(select(ClaimVector.seq, ClaimVector.vector, ClaimVector.claim_id).where(condition)
                           .order_by(ClaimVector.seq).limit(limit)).all()
    seqs = np.array([s for s, _, _ in rows], dtype=np.int64)
    return seqs, from_bytes([v for _, v, _ in rows], dimension), [c for _, _, c in rows]


def claim_at(session: Session, seq: int) -> Optional[str]:
    return session.scalar(select(ClaimVector.claim_id).where(ClaimVector.seq == seq))


def update_gaps(gaps: dict[int, float], high: int, seqs: np.ndarray, now: Optional[float] = None) -> dict[int, float]:
    """Sequence numbers between high and the newest read that were not read: a transaction that took them may
    still commit (PostgreSQL hands out sequence numbers before commit), so they are asked for again until
    GAP_TTL_S has passed."""
    now = time.time() if now is None else now
    found = set(seqs.tolist())
    kept = {s: t for s, t in gaps.items() if s not in found and now - t < GAP_TTL_S}
    newer = [s for s in seqs.tolist() if s > high]
    if newer:
        for seq in range(high + 1, max(newer)):
            if seq not in found:
                kept.setdefault(seq, now)
    return kept


def all_rows(session: Session, dimension: int) -> Iterator[tuple[np.ndarray, np.ndarray, list[str]]]:
    high = 0
    while True:
        seqs, vectors, claims = rows_after(session, high, {}, dimension)
        if not len(seqs):
            return
        yield seqs, vectors, claims
        high = int(seqs[-1])


def reembed(session: Session, embedder, model_key: str, batch: int = 512) -> int:
    """Give every claim a vector of the configured model: rows of other models go, claims without one get one
    (under new sequence numbers, so every index sees them as new). Commits per batch; how many were embedded."""
    session.execute(delete(ClaimVector).where(ClaimVector.model != model_key))
    session.commit()
    done = 0
    while True:
        missing = session.execute(select(Claim.id, Claim.text)
                                  .outerjoin(ClaimVector, ClaimVector.claim_id == Claim.id)
                                  .where(ClaimVector.seq.is_(None)).order_by(Claim.id).limit(batch)).all()
        if not missing:
            return done
        vectors = embed_texts(embedder, [text for _, text in missing])
        session.add_all([ClaimVector(claim_id=cid, model=model_key, vector=to_bytes(v))
                         for (cid, _), v in zip(missing, vectors)])
        session.commit()
        done += len(missing)


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ClaimVector)) or 0)
