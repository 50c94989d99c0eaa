"""Stories from the articles themselves: a post without story_id joins the recent story it shares most facts with,
or starts a new one; an article can be moved to another story, its findings recomputed in both.

A post's claims are extracted and embedded (the store's caches make the story's run after this free of that
work), and each is looked up in the archive. A story shares a fact with the post when one of its claims, of an
article published within FACTCHECK_STORY_WINDOW_DAYS of the post, is at least `story_claim_similarity` close to
one of the post's claims. A story sharing `story_min_shared` facts or more is a candidate; the post joins the
candidate whose centroid (the mean of its claims' vectors) is closest to the post's, if at least
`story_centroid_similarity` close: related events share facts (the same envoy, the same exercise), and the
centroid tells which event the article is about as a whole.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Optional

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.archive.search import nearest
from service.archive.vectors import embed_texts, from_bytes
from service.pipeline.types import Source
from service.store import audit
from service.store.ingest import _close_findings, _persist_claims, apply_report, latest_articles
from service.store.models import Article, Claim, ClaimVector, Story

NEIGHBOURS = 10   # stored claims looked at per claim of the post


@dataclass
class Assignment:
    story_id: str
    created: bool
    reason: str
    shared: list[dict] = field(default_factory=list)   # [{claim, story_claim, similarity}], closest first

    def payload(self) -> dict:
        return {"story_id": self.story_id, "created": self.created, "reason": self.reason, "shared": self.shared}


def new_story_id(published_at: Optional[date]) -> str:
    return f"st_{published_at.isoformat() if published_at else 'undated'}_{uuid.uuid4().hex[:8]}"


def assign_story(session: Session, archive, pipeline, outlet: str, text: str, published_at: Optional[date],
                 window_days: int) -> Assignment:
    thresholds = pipeline.thresholds
    claims = pipeline.extract_claims([Source(outlet, text, published_at, outlet)])
    if not claims:
        return Assignment(new_story_id(published_at), True, "started a new story: the article has no claims")
    vectors = embed_texts(pipeline.embedder, [c.text for c in claims])
    hits = nearest(session, archive, vectors, NEIGHBOURS)
    shared: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)   # story → post claim → (similarity, text)
    for claim, found in zip(claims, hits):
        for similarity, _, stored, article in found:
            if similarity < thresholds.story_claim_similarity or not _recent(article, published_at, window_days):
                continue
            best = shared[stored.story_id].get(claim.text)
            if best is None or similarity > best[0]:
                shared[stored.story_id][claim.text] = (similarity, stored.text)
    post_centroid = _unit(np.mean(vectors, axis=0))
    candidates = []
    for story_id, facts in shared.items():
        if len(facts) >= thresholds.story_min_shared:
            candidates.append((float(post_centroid @ _story_centroid(session, story_id, vectors.shape[1])),
                               len(facts), story_id, facts))
    if not candidates:
        return Assignment(new_story_id(published_at), True, "started a new story: no story with an article within "
                          f"{window_days} days shares {thresholds.story_min_shared} fact(s) with it")
    closeness, count, story_id, facts = max(candidates, key=lambda c: (c[0], c[1]))
    listed = [{"claim": c, "story_claim": t, "similarity": round(s, 3)}
              for c, (s, t) in sorted(facts.items(), key=lambda kv: -kv[1][0])]
    named = "; ".join(f"'{f['claim']}' ~ '{f['story_claim']}' ({f['similarity']:.2f})" for f in listed[:3])
    if closeness >= thresholds.story_centroid_similarity:
        return Assignment(story_id, False, f"joined story {story_id}: it shares {count} fact(s) with it, closest "
                                           f"{named}; the article as a whole is {closeness:.2f} close to the story",
                          listed)
    return Assignment(new_story_id(published_at), True,
                      f"started a new story: story {story_id} shares {count} fact(s) ({named}) but the article as a "
                      f"whole is only {closeness:.2f} close to it (at least "
                      f"{thresholds.story_centroid_similarity:.2f} needed)", listed)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _story_centroid(session: Session, story_id: str, dimension: int) -> np.ndarray:
    rows = session.scalars(select(ClaimVector.vector).join(Claim, Claim.id == ClaimVector.claim_id)
                           .where(Claim.story_id == story_id, Claim.active.is_(True))).all()
    return _unit(np.mean(from_bytes(list(rows), dimension), axis=0)) if rows else np.zeros(dimension, np.float32)


def _recent(article: Article, published_at: Optional[date], window_days: int) -> bool:
    if published_at is None or article.published_at is None:
        return True
    return abs(article.published_at - published_at) <= timedelta(days=window_days)


class MoveRefused(Exception):
    """The move cannot be made (the target story already has an article of that outlet, or it is the same)."""


def move_article(session: Session, pipeline, article_id: int, target: str, api_key_id: Optional[int]) -> dict:
    """Move an outlet's article (every version) to another story; the caller commits.

    The findings of its old story that involve it close (audited `finding_closed`), its claims (their ids kept)
    and versions go to the target story, which is created if new, and the pipeline re-runs both stories: the
    target's findings involving the moved outlet open or carry on, and each story's facts are refreshed.
    """
    article = session.get(Article, article_id)
    if article is None:
        raise LookupError(article_id)
    source, outlet = article.story_id, article.outlet
    if source == target:
        raise MoveRefused(f"Article {article_id} is already in story {target!r}.")
    if session.scalar(select(Article.id).where(Article.story_id == target, Article.outlet == outlet).limit(1)):
        raise MoveRefused(f"Story {target!r} already has an article of outlet {outlet!r}.")
    if session.get(Story, target) is None:
        session.add(Story(id=target))
        session.flush()
    latest = max(session.scalars(select(Article).where(Article.story_id == source, Article.outlet == outlet)),
                 key=lambda a: a.version)
    closed = _close_findings(session, source, outlet, set(), latest, api_key_id)
    session.execute(update(Article).where(Article.story_id == source, Article.outlet == outlet)
                    .values(story_id=target).execution_options(synchronize_session=False))
    session.execute(update(Claim).where(Claim.story_id == source, Claim.outlet == outlet)
                    .values(story_id=target).execution_options(synchronize_session=False))
    session.expire_all()
    latest = session.get(Article, latest.id)
    new, _ = _recheck(session, pipeline, target, outlet, latest, api_key_id)
    _recheck(session, pipeline, source, None, latest, api_key_id)
    audit.record(session, "article_moved", "article", article_id, api_key_id, outlet=outlet, from_story=source,
                 to_story=target, closed_findings=[f.id for f in closed], new_findings=[f.id for f in new])
    return {"article_id": article_id, "outlet": outlet, "from_story": source, "story_id": target,
            "closed_findings": closed, "findings": new}


def _recheck(session: Session, pipeline, story_id: str, outlet: Optional[str], article: Article,
             api_key_id: Optional[int]) -> tuple[list, list]:
    """Re-run a story as it now stands; with outlet, apply the findings involving it (as a post of it would)."""
    current = latest_articles(session, story_id)
    if not current:
        session.get(Story, story_id).facts = []
        return [], []
    report = pipeline.run([Source(a.outlet, a.text, a.published_at, a.outlet) for a in current])
    unposted = SimpleNamespace(id=None)   # no article of the story is being posted: every claim keeps its id
    ids = _persist_claims(session, story_id, current, unposted, None, report.claims)
    return apply_report(session, report, story_id, outlet, article, ids, api_key_id)   # outlet None: facts only
