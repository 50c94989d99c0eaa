"""Nearest stored claims to a text, with their story, article and the findings they belong to.

Only claims the database has committed come back: the index's hits are read back from the database, and a hit
whose row is not there (the index is ahead of nothing, but a rebuild may have dropped it) is left out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Optional

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.archive import vectors
from service.store.models import Article, Claim, ClaimVector, Finding, TriageItem

OVERFETCH = 20      # with an outlet or since filter, the nearest OVERFETCH·k claims are filtered
MAX_FETCH = 2000
DECIDED = ("confirmed", "dismissed", "edited")


@dataclass(frozen=True)
class Filters:
    since: Optional[date] = None   # the claim's article published on or after
    story: Optional[str] = None
    outlet: Optional[str] = None

    @property
    def any(self) -> bool:
        return self.since is not None or self.story is not None or self.outlet is not None


def nearest(session: Session, archive, queries: np.ndarray, k: int,
            filters: Filters = Filters()) -> list[list[tuple[float, ClaimVector, Claim, Article]]]:
    """For each query vector, up to k (similarity, vector row, claim, its latest article) by similarity."""
    if filters.story is not None:
        return _in_story(session, archive.stamp.dimension, queries, k, filters)
    fetch = min(max(k * OVERFETCH, 100), MAX_FETCH) if filters.any else k
    scores, seqs = archive.search(session, queries, fetch)
    rows = _rows(session, {int(s) for s in seqs.ravel() if s >= 0})
    out = []
    for query_scores, query_seqs in zip(scores, seqs):
        hits = [(float(score), *rows[int(seq)]) for score, seq in zip(query_scores, query_seqs)
                if seq >= 0 and int(seq) in rows and _passes(rows[int(seq)], filters)]
        out.append(hits[:k])
    return out


def _rows(session: Session, seqs: set[int]) -> dict[int, tuple[ClaimVector, Claim, Article]]:
    if not seqs:
        return {}
    found = session.execute(select(ClaimVector, Claim, Article).join(Claim, Claim.id == ClaimVector.claim_id)
                            .join(Article, Article.id == Claim.last_article_id)
                            .where(ClaimVector.seq.in_(sorted(seqs)))).all()
    return {row[0].seq: tuple(row) for row in found}


def _passes(row: tuple, filters: Filters) -> bool:
    _, claim, article = row
    if filters.outlet is not None and claim.outlet != filters.outlet:
        return False
    if filters.since is not None and (article.published_at is None or article.published_at < filters.since):
        return False
    return True


def _in_story(session: Session, dimension: int, queries: np.ndarray, k: int, filters: Filters) -> list[list]:
    """One story's claims are few: scored exactly from their stored vectors."""
    found = session.execute(select(ClaimVector, Claim, Article).join(Claim, Claim.id == ClaimVector.claim_id)
                            .join(Article, Article.id == Claim.last_article_id)
                            .where(Claim.story_id == filters.story)).all()
    rows = [tuple(r) for r in found if _passes(tuple(r), filters)]
    if not rows:
        return [[] for _ in queries]
    matrix = vectors.from_bytes([r[0].vector for r in rows], dimension)
    similarity = queries @ matrix.T
    out = []
    for query in similarity:
        order = np.argsort(-query, kind="stable")[:k]
        out.append([(float(query[i]), *rows[i]) for i in order])
    return out


def findings_of(session: Session, claims: list[Claim]) -> dict[str, list[dict]]:
    """The findings each claim belongs to, with their review decision, its date and the ClaimReview link."""
    stories = sorted({c.story_id for c in claims})
    if not stories:
        return {}
    wanted = {c.id for c in claims}
    found = session.execute(select(Finding, TriageItem).outerjoin(TriageItem, TriageItem.finding_id == Finding.id)
                            .where(Finding.story_id.in_(stories)).order_by(Finding.id)).all()
    out: dict[str, list[dict]] = defaultdict(list)
    for finding, item in found:
        for claim_id in set(finding.claim_ids or ()) & wanted:
            out[claim_id].append(finding_summary(finding, item))
    return out


def finding_summary(finding: Finding, item: Optional[TriageItem]) -> dict:
    decided = item is not None and item.status in DECIDED
    return {"id": finding.id, "story_id": finding.story_id, "type": finding.type, "status": finding.status,
            "review": finding.review, "decided_at": item.updated_at.date() if decided else None,
            "explanation": finding.reviewed_explanation or finding.explanation,
            "claimreview": f"/v1/findings/{finding.id}/claimreview" if finding.review in ("confirmed", "edited")
            else None}


def search(session: Session, archive, embedder, text: str, k: int = 10, filters: Filters = Filters()) -> list[dict]:
    """`GET /v1/claims/search` and `factcheck search`: the k stored claims nearest to text."""
    query = vectors.embed_texts(embedder, [text])
    hits = nearest(session, archive, query, k, filters)[0]
    of = findings_of(session, [claim for _, _, claim, _ in hits])
    return [{"claim_id": claim.id, "text": claim.text, "similarity": round(score, 4), "story_id": claim.story_id,
             "outlet": claim.outlet, "url": article.url, "published_at": article.published_at,
             "article_id": article.id, "active": claim.active, "findings": of.get(claim.id, [])}
            for score, _, claim, article in hits]
