"""Stories from the articles themselves: a post without story_id joins the recent story one of whose articles it
is most like, or starts a new one; an article can be moved to another story, its findings recomputed in both.

A post's claims are extracted and embedded (the store's caches make the story's run after this free of that
work), and each is looked up in the archive: the stories of its nearest stored claims, with an article published
within FACTCHECK_STORY_WINDOW_DAYS of the post, are the candidates. Each article of a candidate is summed up by
the mean of its claims' vectors, and so is the post. The post joins the story of the article it is closest to,
if that closeness, less DAY_PENALTY for each day between the two publication dates, is at least
ARTICLE_SIMILARITY; otherwise it starts a new story.

Why an article and not the story as a whole, and why the days: related events share facts and words (the seed
pair on the Zapad exercise and the Belavia cluster both tell of the US envoy meeting Lukashenka, four days
apart), while articles of one event appear within a day or two. A story's mean drifts towards whatever its
articles share with the next event; its closest article does not. Chosen by replaying the rule offline
(bench/archive.py --assign): over 40 shuffled orders the development clusters and the seed pair give purity and
completeness 1.0 in every order for bars from 0.68 to 0.72 at 0.04 a day; with the six extra development stories
of /work/devextra* too (ten events at their real dates), worst purity 1.0 and completeness 0.943 (README "Claim
archive").
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

NEIGHBOURS = 20             # stored claims looked at per claim of the post (their stories are the candidates)
ARTICLE_SIMILARITY = 0.69   # the post's mean claim vector this close to an article's, published the same day
DAY_PENALTY = 0.04          # and this much closer for each day between the two publication dates
SHARED_LISTED = 10          # claim pairs named in the answer


@dataclass
class Assignment:
    story_id: str
    created: bool
    reason: str
    shared: list[dict] = field(default_factory=list)   # [{claim, story_claim, similarity}], closest first

    def payload(self) -> dict:
        return {"story_id": self.story_id, "created": self.created, "reason": self.reason, "shared": self.shared}


@dataclass(frozen=True)
class ArticleMatch:
    story_id: str
    outlet: str
    published_at: Optional[date]
    similarity: float     # of the mean claim vectors
    days: int             # between the publication dates (0 when either is unknown)

    @property
    def score(self) -> float:
        return self.similarity - DAY_PENALTY * self.days


def new_story_id(published_at: Optional[date]) -> str:
    return f"st_{published_at.isoformat() if published_at else 'undated'}_{uuid.uuid4().hex[:8]}"


def assign_story(session: Session, archive, pipeline, outlet: str, text: str, published_at: Optional[date],
                 window_days: int) -> Assignment:
    claims = pipeline.extract_claims([Source(outlet, text, published_at, outlet)])
    if not claims:
        return Assignment(new_story_id(published_at), True, "started a new story: the article has no claims")
    vectors = embed_texts(pipeline.embedder, [c.text for c in claims])
    hits = nearest(session, archive, vectors, NEIGHBOURS)
    pairs: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)   # story → post claim → (similarity, text)
    for claim, found in zip(claims, hits):
        for similarity, _, stored, article in found:
            if not _recent(article.published_at, published_at, window_days):
                continue
            best = pairs[stored.story_id].get(claim.text)
            if best is None or similarity > best[0]:
                pairs[stored.story_id][claim.text] = (similarity, stored.text)
    matches = _article_matches(session, list(pairs), _unit(np.mean(vectors, axis=0)), published_at, window_days)
    if not matches:
        return Assignment(new_story_id(published_at), True, "started a new story: no story has an article within "
                          f"{window_days} days with claims like its claims")
    best = max(matches, key=lambda m: (m.score, m.similarity))
    bar = ARTICLE_SIMILARITY + DAY_PENALTY * best.days
    closest = [{"claim": c, "story_claim": t, "similarity": round(s, 3)}
               for c, (s, t) in sorted(pairs[best.story_id].items(), key=lambda kv: -kv[1][0])]
    listed = [p for p in closest if p["similarity"] >= pipeline.thresholds.story_claim_similarity][:SHARED_LISTED]
    kind = "the facts it shares" if listed else "no fact shared; its closest claims"
    listed = listed or closest[:3]
    named = "; ".join(f"'{f['claim']}' ~ '{f['story_claim']}' ({f['similarity']:.2f})" for f in listed[:3])
    apart = "the same day" if best.days == 0 else f"{best.days} day(s) apart"
    closeness = (f"the article as a whole is {best.similarity:.2f} close to its article of {best.outlet} "
                 f"(published {apart}; at least {bar:.2f} needed)")
    if best.score >= ARTICLE_SIMILARITY:
        return Assignment(best.story_id, False, f"joined story {best.story_id}: {closeness}; {kind}, closest "
                                                f"first: {named}", listed)
    return Assignment(new_story_id(published_at), True,
                      f"started a new story: the closest story is {best.story_id}, but {closeness}; {kind}, closest "
                      f"first: {named}", listed)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _article_matches(session: Session, story_ids: list[str], post: np.ndarray, published_at: Optional[date],
                     window_days: int) -> list[ArticleMatch]:
    """Each recent article of the stories (its latest version's claims, by outlet) against the post's mean."""
    if not story_ids:
        return []
    rows = session.execute(select(Claim.story_id, Claim.outlet, Article.published_at, ClaimVector.vector)
                           .join(ClaimVector, ClaimVector.claim_id == Claim.id)
                           .join(Article, Article.id == Claim.last_article_id)
                           .where(Claim.story_id.in_(sorted(story_ids)), Claim.active.is_(True))
                           .order_by(Claim.story_id, Claim.outlet, Claim.id)).all()
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    dated: dict[tuple[str, str], Optional[date]] = {}
    for story_id, outlet, when, vector in rows:
        grouped[(story_id, outlet)].append(vector)
        dated[(story_id, outlet)] = max(filter(None, (dated.get((story_id, outlet)), when)), default=None)
    out = []
    for (story_id, outlet), found in grouped.items():
        when = dated[(story_id, outlet)]
        if not _recent(when, published_at, window_days):
            continue
        mean = _unit(np.mean(from_bytes(found, len(post)), axis=0))
        days = abs((when - published_at).days) if when is not None and published_at is not None else 0
        out.append(ArticleMatch(story_id, outlet, when, float(post @ mean), days))
    return out


def _recent(when: Optional[date], published_at: Optional[date], window_days: int) -> bool:
    if published_at is None or when is None:
        return True
    return abs(when - published_at) <= timedelta(days=window_days)


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
