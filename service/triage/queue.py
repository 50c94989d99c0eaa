"""The triage queue: one item per finding, highest severity first, decided under optimistic locking."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.store import audit
from service.store.models import SEVERITY_RANK, Finding, ReviewDecision, TriageItem, utcnow

STATUSES = ("open", "confirmed", "dismissed", "edited", "closed")
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed", "edit": "edited"}


class DecisionConflict(Exception):
    """Another decision got there first (or the item is no longer open); carries the item as it is now."""

    def __init__(self, item: TriageItem, reason: str):
        super().__init__(reason)
        self.item = item
        self.reason = reason


@dataclass(frozen=True)
class Page:
    items: list[TriageItem]
    total: int
    page: int
    per_page: int


def enqueue(session: Session, finding: Finding) -> TriageItem:
    item = TriageItem(finding_id=finding.id, story_id=finding.story_id, type=finding.type,
                      severity_rank=SEVERITY_RANK.get(finding.severity, 0), confidence=finding.confidence)
    session.add(item)
    return item


def close_for_finding(session: Session, finding: Finding) -> None:
    """A finding that no longer holds leaves the queue (only while still undecided)."""
    session.execute(update(TriageItem).where(TriageItem.finding_id == finding.id, TriageItem.status == "open")
                    .values(status="closed", version=TriageItem.version + 1, updated_at=utcnow()))


def list_items(session: Session, status: Optional[str] = "open", story_id: Optional[str] = None,
               type_: Optional[str] = None, page: int = 1, per_page: int = 20) -> Page:
    query = select(TriageItem)
    if status:
        query = query.where(TriageItem.status == status)
    if story_id:
        query = query.where(TriageItem.story_id == story_id)
    if type_:
        query = query.where(TriageItem.type == type_)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    ordered = query.order_by(TriageItem.severity_rank.desc(), TriageItem.confidence.desc(), TriageItem.id)
    items = list(session.scalars(ordered.offset((page - 1) * per_page).limit(per_page)))
    return Page(items, total, page, per_page)


def decide(session: Session, item_id: int, decision: str, note: str = "", explanation: Optional[str] = None,
           expected_version: Optional[int] = None, api_key_id: Optional[int] = None) -> TriageItem:
    """Record a decision and commit; DecisionConflict if the item moved on since expected_version (or was decided).

    The UPDATE … WHERE version = :seen AND status = 'open' is the lock: of two concurrent decisions exactly
    one changes a row; the other sees rowcount 0 and gets the item's current state. The losing attempt is
    written to the audit log, so no decision disappears silently.
    """
    item = session.get(TriageItem, item_id)
    if item is None:
        raise LookupError(item_id)
    seen = item.version if expected_version is None else expected_version
    status = DECISIONS[decision]
    changed = session.execute(
        update(TriageItem).where(TriageItem.id == item_id, TriageItem.version == seen, TriageItem.status == "open")
        .values(status=status, version=TriageItem.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        session.rollback()
        audit.record(session, "decision_rejected", "triage_item", item_id, api_key_id, decision=decision, note=note,
                     seen_version=seen)
        session.commit()
        current = session.get(TriageItem, item_id)
        session.refresh(current)
        raise DecisionConflict(current, "The item was decided or changed by someone else; reload it and decide again."
                               if current.status == "open" else f"The item is already {current.status}.")
    finding = session.get(Finding, item.finding_id)
    finding.review = status
    if decision == "edit":
        finding.reviewed_explanation = explanation
    session.add(ReviewDecision(triage_item_id=item_id, decision=decision, note=note, explanation=explanation,
                               api_key_id=api_key_id, item_version=seen + 1))
    audit.record(session, f"triage_{status}", "triage_item", item_id, api_key_id, finding_id=item.finding_id,
                 note=note, version=seen + 1)
    session.commit()
    session.refresh(item)
    return item


def item_payload(item: TriageItem, finding: Optional[Finding] = None) -> dict:
    finding = finding or item.finding
    return {"id": item.id, "story_id": item.story_id, "status": item.status, "version": item.version,
            "type": item.type, "severity": finding.severity, "confidence": item.confidence,
            "finding": finding_payload(finding), "updated_at": item.updated_at.isoformat()}


def finding_payload(finding: Finding) -> dict:
    return {"id": finding.id, "story_id": finding.story_id, "type": finding.type, "severity": finding.severity,
            "confidence": finding.confidence, "explanation": finding.explanation, "claims": list(finding.claim_ids),
            "status": finding.status, "review": finding.review, "reviewed_explanation": finding.reviewed_explanation,
            "opened_by_article": finding.opened_by_article_id, "closed_by_article": finding.closed_by_article_id}
