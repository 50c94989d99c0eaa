"""Earlier reviews: a claim of a post that matches a claim of a reviewed finding in another story.

"Matches" is `Thresholds.prior_review_similarity`, fitted on the development clusters' gold agreements
(service/archive/fit.py). Shown in POST /v1/articles' answer and on the reviewer's finding page.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.archive.search import findings_of, nearest
from service.archive.vectors import embed_texts
from service.store.models import Claim

NEIGHBOURS = 10


def summary(finding: dict) -> str:
    when = f" {finding['decided_at'].isoformat()}" if finding["decided_at"] else ""
    return f"checked before: {finding['review']}{when} in story {finding['story_id']}: {finding['explanation']}"


def prior_reviews(session: Session, archive, pipeline, story_id: str, claim_ids: list[str]) -> list[dict]:
    """For each of the claims, the reviewed findings of other stories whose claims match it, closest first."""
    claims = list(session.scalars(select(Claim).where(Claim.id.in_(claim_ids)).order_by(Claim.id)))
    if not claims or archive is None:
        return []
    hits = nearest(session, archive, embed_texts(pipeline.embedder, [c.text for c in claims]), NEIGHBOURS)
    bar = pipeline.thresholds.prior_review_similarity
    matched = [(claim, similarity, stored) for claim, found in zip(claims, hits)
               for similarity, _, stored, _ in found if similarity >= bar and stored.story_id != story_id]
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


def for_finding(session: Session, finding) -> list[dict]:
    """The reviewer's finding page: earlier reviews of its claims in other stories (none with the archive off)."""
    from flask import current_app

    from service import archive

    found = archive.current()
    if found is None:
        return []
    pipeline = current_app.extensions["factcheck.pipeline"].load()
    return prior_reviews(session, found, pipeline, finding.story_id, list(finding.claim_ids or ()))
