"""Earlier reviews: a claim of a post that matches a claim of a reviewed finding in another story.

"Matches" is MATCH, a logistic score of the claims' embedding similarity, whether they share a number, and
whether both have numbers and share none, fitted on the development clusters' gold agreements
(service/archive/fit.py; a score of 0 or more is a match). Shown in POST /v1/articles' answer and on the
reviewer's finding page.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.archive.search import findings_of, nearest
from service.archive.vectors import embed_texts, from_bytes
from service.store.models import Claim, ClaimVector

NEIGHBOURS = 10


class MatchModel(NamedTuple):
    similarity: float
    shared_number: float
    numbers_differ: float
    intercept: float

    def score(self, similarity: float, shared: float, differ: float) -> float:
        return (self.similarity * similarity + self.shared_number * shared + self.numbers_differ * differ
                + self.intercept)

    def floor(self) -> float:
        """The least similarity at which any pair can match (with the most favourable number features)."""
        return -(self.intercept + max(0.0, self.shared_number)) / self.similarity


# Fitted by `python -m service.archive.fit` (README "Claim archive"): with no numbers to compare a pair matches from
# a similarity of 0.687; sharing a number, from 0.396; each with numbers and none shared, from 0.843.
MATCH = MatchModel(similarity=6.986, shared_number=2.033, numbers_differ=-1.087, intercept=-4.801)


def match_features(similarity: float, numbers: Iterable[float], other: Iterable[float]) -> tuple[float, float, float]:
    a, b = set(numbers), set(other)
    return similarity, float(bool(a & b)), float(bool(a) and bool(b) and not (a & b))


def stored_numbers(claim: Claim) -> set[float]:
    return set((claim.detail or {}).get("numbers") or ())


def summary(finding: dict) -> str:
    when = f" {finding['decided_at'].isoformat()}" if finding["decided_at"] else ""
    return f"checked before: {finding['review']}{when} in story {finding['story_id']}: {finding['explanation']}"


def prior_reviews(session: Session, archive, pipeline, story_id: str, claim_ids: list[str]) -> list[dict]:
    """For each of the claims, the reviewed findings of other stories whose claims match it, closest first."""
    claims = list(session.scalars(select(Claim).where(Claim.id.in_(claim_ids)).order_by(Claim.id)))
    if not claims or archive is None:
        return []
    hits = nearest(session, archive, claim_vectors(session, pipeline.embedder, claims, archive.stamp), NEIGHBOURS)
    floor = MATCH.floor()
    matched = [(claim, similarity, stored) for claim, found in zip(claims, hits)
               for similarity, _, stored, _ in found if similarity >= floor and stored.story_id != story_id
               and MATCH.score(*match_features(similarity, stored_numbers(claim), stored_numbers(stored))) >= 0]
    of = findings_of(session, [stored for _, _, stored in matched])
    out, seen = [], set()
    for claim, similarity, stored in sorted(matched, key=lambda m: -m[1]):
        for finding in of.get(stored.id, []):
            if finding["review"] is None or (claim.id, finding["id"]) in seen:
                continue
            seen.add((claim.id, finding["id"]))
            out.append({"claim_id": claim.id, "claim": claim.text, "matched_claim_id": stored.id,
                        "matched_claim": stored.text, "similarity": round(similarity, 3),
                        "story_id": finding["story_id"], "finding_id": finding["id"], "review": finding["review"],
                        "decided_at": finding["decided_at"], "explanation": finding["explanation"],
                        "claimreview": finding["claimreview"], "summary": summary(finding)})
    return out


def claim_vectors(session: Session, embedder, claims: list, stamp) -> np.ndarray:
    """The claims' archive vectors as stored (a post's were written in its transaction), embedding only those
    with none of this model."""
    stored = dict(session.execute(select(ClaimVector.claim_id, ClaimVector.vector)
                                  .where(ClaimVector.claim_id.in_([c.id for c in claims]),
                                         ClaimVector.model == stamp.key)).all())
    out = np.zeros((len(claims), stamp.dimension), dtype=np.float32)
    missing = [i for i, c in enumerate(claims) if c.id not in stored]
    for i, claim in enumerate(claims):
        if claim.id in stored:
            out[i] = from_bytes([stored[claim.id]], stamp.dimension)[0]
    if missing:
        out[missing] = embed_texts(embedder, [claims[i].text for i in missing])
    return out


def for_finding(session: Session, finding) -> list[dict]:
    """The reviewer's finding page: earlier reviews of its claims in other stories (none with the archive off)."""
    from flask import current_app

    from service import archive

    found = archive.current()
    if found is None:
        return []
    pipeline = current_app.extensions["factcheck.pipeline"].load()
    return prior_reviews(session, found, pipeline, finding.story_id, list(finding.claim_ids or ()))
