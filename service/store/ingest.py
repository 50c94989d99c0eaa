"""Posting an article into a story: store the version, re-run the story, keep claim ids, open and close findings.

The story is re-run through the one pipeline (cached, see incremental.py) on the latest version of each
outlet's article. A stored finding is keyed by the pipeline finding's stable id (its facts and slot), so a
re-post that leaves it standing keeps its triage item and any decision on it; a finding that closed and later
holds again is the same finding, reopened with its item and decision. A dismissed finding goes back to the queue
only when a position's value changed. Only findings that involve the
posted outlet are opened or closed by a post, so an edit of one article never disturbs the findings between
two others; low-confidence findings are not queued.
"""
from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.pipeline.extract.segment import sentences as split_sentences
from service.pipeline.types import Claim as PipelineClaim, Source
from service.store import audit
from service.store.models import Article, ArticleClaim, Claim, Finding, Story, TriageItem, utcnow
from service.triage import queue


@dataclass
class IngestResult:
    article: Article
    created: bool
    updated: bool = False   # the post corrected the url or published_at of the same text
    new_findings: list[Finding] = field(default_factory=list)
    closed_findings: list[Finding] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def latest_articles(session: Session, story_id: str) -> list[Article]:
    """The newest version of each outlet's article in a story, in order of first arrival."""
    newest = (select(Article.outlet, func.max(Article.version).label("version"))
              .where(Article.story_id == story_id).group_by(Article.outlet).subquery())
    rows = session.scalars(select(Article).join(newest, (Article.outlet == newest.c.outlet)
                                                & (Article.version == newest.c.version))
                           .where(Article.story_id == story_id).order_by(Article.id))
    return sorted(rows, key=lambda a: _first_arrival(session, a))


def _first_arrival(session: Session, article: Article) -> int:
    return session.scalar(select(func.min(Article.id)).where(Article.story_id == article.story_id,
                                                             Article.outlet == article.outlet))


class StoryMoved(Exception):
    """Other posts to the story kept landing while this one's pipeline ran; the caller answers 409."""


ATTEMPTS = 3   # reads and pipeline runs of one post before it gives up on a story that keeps moving


def ingest_article(session: Session, pipeline, story_id: str, outlet: str, text: str,
                   published_at: Optional[date] = None, url: Optional[str] = None,
                   api_key_id: Optional[int] = None) -> IngestResult:
    """Store one article post; the caller commits.

    The same text as the outlet's latest version changes nothing, but for a correction of its metadata: another
    url is saved in place (nothing to re-check); another published_at is stored as the next version and the story
    re-checked, since dates in the text are read against it. Either way the result says `updated`.

    The pipeline runs outside any transaction, since a long story takes seconds: the story is read, the read
    transaction ended, the pipeline run, and then the writes are made in one short transaction, which first checks
    that the story's latest versions are still those the pipeline saw. If another post got in between, the story
    is read and run again.
    """
    digest = text_digest(text)
    for _ in range(ATTEMPTS):
        previous = session.scalar(select(Article).where(Article.story_id == story_id, Article.outlet == outlet)
                                  .order_by(Article.version.desc()).limit(1))
        updated = False
        if previous is not None and previous.text_sha256 == digest:
            if published_at == previous.published_at:
                updated = url is not None and url != previous.url
                if updated:
                    audit.record(session, "article_updated", "article", previous.id, api_key_id, story_id=story_id,
                                 outlet=outlet, url=url, previous_url=previous.url)
                    previous.url = url
                carried = session.scalars(select(ArticleClaim.claim_id).where(ArticleClaim.article_id == previous.id))
                return IngestResult(previous, created=False, updated=updated, claim_ids=list(carried))
            updated = True
            url = url if url is not None else previous.url
        seen = latest_articles(session, story_id)
        sources = [Source(outlet, text, published_at, outlet) if a.outlet == outlet
                   else Source(a.outlet, a.text, a.published_at, a.outlet) for a in seen]
        if previous is None:
            sources.append(Source(outlet, text, published_at, outlet))
        seen_ids, previous_id = [a.id for a in seen], previous.id if previous is not None else None
        session.rollback()   # end the read transaction: the pipeline runs holding no lock and no snapshot
        report = pipeline.run(sources)
        # The posted text's sentences, for the reviewer page's context (the store's parser cache makes this free).
        spans = [[s.start, s.end] for s in split_sentences(outlet, text, pipeline.parser)[0]]
        result = _store(session, report, story_id, outlet, text, digest, published_at, url, previous_id, seen_ids,
                        updated, api_key_id, spans)
        if result is not None:
            return result
        session.rollback()
    raise StoryMoved(story_id)


def _store(session: Session, report, story_id: str, outlet: str, text: str, digest: str,
           published_at: Optional[date], url: Optional[str], previous_id: Optional[int], seen_ids: list[int],
           updated: bool, api_key_id: Optional[int], sentences: Optional[list] = None) -> Optional[IngestResult]:
    """The post's writes, given the pipeline's report on the story as read; None if the story moved since."""
    if session.scalar(select(Story.id).where(Story.id == story_id).with_for_update()) is None:
        session.add(Story(id=story_id))   # PostgreSQL: FOR UPDATE above serializes the writes of one story
        session.flush()
    previous = session.get(Article, previous_id) if previous_id is not None else None
    article = Article(story_id=story_id, outlet=outlet, version=(previous.version + 1) if previous else 1, url=url,
                      text=text, text_sha256=digest, published_at=published_at, sentences=sentences)
    session.add(article)
    session.flush()   # SQLite: this write takes the database's write lock, so the check below holds until commit
    current = latest_articles(session, story_id)
    expected = [article.id if i == previous_id else i for i in seen_ids] + ([article.id] if previous is None else [])
    if [a.id for a in current] != expected:
        return None

    ids = _persist_claims(session, story_id, current, article, previous, report.claims)

    new, closed = apply_report(session, report, story_id, outlet, article, ids, api_key_id)
    audit.record(session, "article_posted", "article", article.id, api_key_id, story_id=story_id, outlet=outlet,
                 version=article.version, new_findings=[f.id for f in new], closed_findings=[f.id for f in closed])
    source_of = {c.id: c.source for c in report.claims}
    carried = [cid for pid, cid in ids.items() if source_of[pid] == outlet]
    return IngestResult(article, created=True, updated=updated, new_findings=new, closed_findings=closed,
                        claim_ids=carried)


def apply_report(session: Session, report, story_id: str, outlet: str, article: Article, ids: dict[str, str],
                 api_key_id: Optional[int]) -> tuple[list[Finding], list[Finding]]:
    """The story's facts, and the findings involving outlet opened, carried on or closed, after a run over the
    story (a post, or a move of an article into it); (new findings, closed findings)."""
    source_of = {c.id: c.source for c in report.claims}
    text_of = {c.id: c.text for c in report.claims}
    story = session.get(Story, story_id)
    story.facts = [{"id": f.id, "text": f.text, "claims": [ids[c] for c in f.claims if c in ids],
                    "sources": list(f.sources), "mentions": [ids[c] for c in f.mentions if c in ids]}
                   for f in report.facts]
    found = {}
    for finding in report.findings:
        if finding.low_confidence:
            continue   # below FACTCHECK_FINDING_MIN_CONFIDENCE: reported by compare, kept out of the queue
        claim_ids = [c for p in finding.positions for c in p.claims]
        if outlet not in {source_of[c] for c in claim_ids}:
            continue
        found[finding.id] = (finding, [ids[c] for c in claim_ids])

    stored = {f.signature: f for f in session.scalars(select(Finding).where(Finding.story_id == story_id,
                                                                            Finding.signature.in_(list(found)))
                                                      .order_by(Finding.id))}
    _follow_rewordings(session, story_id, found, stored, api_key_id)
    closed = _close_findings(session, story_id, outlet, set(found), article, api_key_id)
    new = []
    for signature, (reported, claim_ids) in found.items():
        positions = [{"value": p.value, "sources": list(p.sources), "claims": [ids[c] for c in p.claims]}
                     for p in reported.positions]
        texts = [text_of[c] for p in reported.positions for c in p.claims]
        outlets = {s for p in reported.positions for s in p.sources}
        finding = stored.get(signature)
        if finding is not None:
            _carry_on(session, finding, reported, claim_ids, positions, texts, outlets, article, api_key_id)
            continue
        finding = Finding(story_id=story_id, signature=signature, type=reported.type, severity=reported.severity,
                          confidence=reported.confidence, explanation=reported.explanation, claim_ids=claim_ids,
                          slot=reported.slot, facts=list(reported.facts), positions=positions,
                          opened_by_article_id=article.id)
        session.add(finding)
        session.flush()
        queue.enqueue(session, finding, texts, outlets)
        new.append(finding)
    return new, closed


def _persist_claims(session: Session, story_id: str, current: list[Article], article: Article,
                    previous: Optional[Article], claims: tuple[PipelineClaim, ...]) -> dict[str, str]:
    """Map each pipeline claim id to a persistent id; claims whose text an outlet already had keep their id."""
    by_outlet: dict[str, list[PipelineClaim]] = defaultdict(list)
    for claim in claims:
        by_outlet[claim.source].append(claim)
    mapping: dict[str, str] = {}
    links: list[ArticleClaim] = []
    for stored_article in current:
        known: dict[str, list[Claim]] = defaultdict(list)
        basis = previous if stored_article.id == article.id else stored_article
        if basis is not None:
            rows = session.scalars(select(Claim).join(ArticleClaim, ArticleClaim.claim_id == Claim.id)
                                   .where(ArticleClaim.article_id == basis.id).order_by(Claim.id))
            for row in rows:
                known[row.text].append(row)
        for claim in by_outlet.get(stored_article.outlet, []):
            row = known[claim.text].pop(0) if known.get(claim.text) else None
            linked = row is not None and stored_article.id != article.id
            if row is None:
                row = Claim(id=f"cl_{uuid.uuid4().hex[:16]}", story_id=story_id, outlet=stored_article.outlet,
                            text=claim.text, first_article_id=stored_article.id, last_article_id=stored_article.id)
                session.add(row)
            row.last_article_id = stored_article.id
            row.active = True
            row.detail = _detail(claim)
            mapping[claim.id] = row.id
            if not linked:   # the posted version's claims, and claims new to an unchanged article (causal pairs)
                links.append(ArticleClaim(article_id=stored_article.id, claim_id=row.id,
                                          spans=[list(s) for s in claim.spans]))
        if stored_article.id == article.id:
            for leftovers in known.values():
                for row in leftovers:
                    row.active = False
    session.flush()   # claim rows first: article_claims points at them
    session.add_all(links)
    session.flush()
    return mapping


def claim_numbers(claim: PipelineClaim) -> list[float]:
    """The values of a claim's quantities, as the archive's prior-review match compares them."""
    return sorted({round(float(q.value), 3) for q in claim.quantities})


def _detail(claim: PipelineClaim) -> dict:
    return {"span": [list(s) for s in claim.spans], "role": claim.role, "modality": claim.modality,
            "negated": claim.negated, "speaker": claim.speaker or None, "dates": [d for d, _ in claim.dates],
            "entities": list(claim.entities), "numbers": claim_numbers(claim)}


def _follow_rewordings(session: Session, story_id: str, found: dict, stored: dict, api_key_id: Optional[int]) -> None:
    """A finding whose claims were reworded gets a new pipeline id (a fact's id is its claims' wording). When an open
    finding the post would close shares the slot, the type and a claim (by persistent id) with a newly reported
    one, it is that finding under its new id: it takes the new id and keeps its item and decision."""
    new = {sig: v for sig, v in found.items() if sig not in stored}
    if not new:
        return
    closing = [f for f in session.scalars(select(Finding).where(Finding.story_id == story_id, Finding.status == "open")
                                          .order_by(Finding.id)) if f.signature not in found]
    for signature, (reported, claim_ids) in new.items():
        match = next((f for f in closing if f.slot == reported.slot and f.type == reported.type
                      and set(f.claim_ids) & set(claim_ids)), None)
        if match is None:
            continue
        closing.remove(match)
        audit.record(session, "finding_reworded", "finding", match.id, api_key_id, previous=match.signature,
                     signature=signature)
        match.signature = signature
        stored[signature] = match


def _values(positions: Optional[list]) -> Optional[set]:
    return None if positions is None else {p["value"] for p in positions}


def _carry_on(session: Session, finding: Finding, reported, claim_ids: list[str], positions: list, texts: list[str],
              outlets: set[str], article: Article, api_key_id: Optional[int]) -> None:
    """The same finding (its facts and slot) found again: keep its item and decision, refresh what it says.

    A closed finding holds again: it reopens, and so does its item if it was closed undecided. A dismissed one
    goes back to the queue only when a position's value changed (the reviewer dismissed other values).
    """
    item = session.scalar(select(TriageItem).where(TriageItem.finding_id == finding.id))
    before, after = _values(finding.positions), _values(positions)
    if finding.status == "closed":
        finding.status, finding.closed_by_article_id, finding.closed_at = "open", None, None
        audit.record(session, "finding_reopened", "finding", finding.id, api_key_id, by_article=article.id)
        if item is not None and item.status == "closed":
            queue.reopen(session, item, "finding holds again", api_key_id, by_article=article.id)
    if item is not None and item.status == "dismissed" and before is not None and before != after:
        queue.reopen(session, item, "position values changed", api_key_id, by_article=article.id,
                     values_before=sorted(before), values_after=sorted(after))
    finding.severity, finding.confidence, finding.explanation = reported.severity, reported.confidence, \
        reported.explanation
    finding.claim_ids, finding.positions, finding.slot, finding.facts = claim_ids, positions, reported.slot, \
        list(reported.facts)
    if item is not None:
        queue.index(item, finding, texts, outlets)


def _close_findings(session: Session, story_id: str, outlet: str, still_found: set[str], article: Article,
                    api_key_id: Optional[int]) -> list[Finding]:
    """Close the open findings that involve this outlet and that the new run no longer reports."""
    outlet_claims = set(session.scalars(select(Claim.id).where(Claim.story_id == story_id, Claim.outlet == outlet)))
    closed = []
    for finding in session.scalars(select(Finding).where(Finding.story_id == story_id, Finding.status == "open")):
        if finding.signature in still_found or not outlet_claims & set(finding.claim_ids):
            continue
        finding.status = "closed"
        finding.closed_by_article_id = article.id
        finding.closed_at = utcnow()
        queue.close_for_finding(session, finding)
        audit.record(session, "finding_closed", "finding", finding.id, api_key_id, by_article=article.id)
        closed.append(finding)
    return closed
