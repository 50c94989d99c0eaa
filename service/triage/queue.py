"""The triage queue: one item per finding, highest severity first, decided under optimistic locking."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterable, Optional

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from service.store import audit
from service.store.models import (SEVERITY_RANK, Finding, ReviewDecision, TriageItem, TriageItemOutlet,
                                  utcnow)

STATUSES = ("open", "confirmed", "dismissed", "edited", "closed")
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed", "edit": "edited"}
SEVERITIES = tuple(SEVERITY_RANK)
UNDO_WINDOW_S = 10.0   # a reviewer may take back their own last decision for this long


class DecisionConflict(Exception):
    """Another decision got there first (or the item is no longer open); carries the item as it is now."""

    def __init__(self, item: TriageItem, reason: str):
        super().__init__(reason)
        self.item = item
        self.reason = reason


class UndoRefused(Exception):
    """There is no decision of this reviewer's on the item to take back (too late, someone else's, moved on)."""


@dataclass(frozen=True)
class Page:
    items: list[TriageItem]
    total: int
    page: int
    per_page: int
    counts: dict = field(default_factory=dict)   # status → items matching every other filter

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def enqueue(session: Session, finding: Finding, texts: Iterable[str] = (), outlets: Iterable[str] = ()) -> TriageItem:
    item = TriageItem(finding_id=finding.id, story_id=finding.story_id, type=finding.type,
                      severity_rank=SEVERITY_RANK.get(finding.severity, 0), confidence=finding.confidence)
    index(item, finding, texts, outlets)
    session.add(item)
    return item


def index(item: TriageItem, finding: Finding, texts: Iterable[str], outlets: Iterable[str]) -> None:
    """What the queue's search and outlet filter read: the claims' texts, the explanation and the outlets."""
    words = [*texts, finding.explanation, *(p["value"] for p in finding.positions or ())]
    item.search_text = " ".join(" ".join(words).split()).casefold()
    wanted = sorted(set(outlets))
    if [o.outlet for o in item.outlets] != wanted:   # rows kept are reused: no delete and insert of one key
        existing = {o.outlet: o for o in item.outlets}
        item.outlets = [existing.get(o) or TriageItemOutlet(outlet=o) for o in wanted]
    item.type, item.confidence = finding.type, finding.confidence
    item.severity_rank = SEVERITY_RANK.get(finding.severity, 0)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def close_for_finding(session: Session, finding: Finding) -> None:
    """A finding that no longer holds leaves the queue (only while still undecided)."""
    session.execute(update(TriageItem).where(TriageItem.finding_id == finding.id, TriageItem.status == "open")
                    .values(status="closed", version=TriageItem.version + 1, updated_at=utcnow()))


def list_items(session: Session, status: Optional[str] = "open", story_id: Optional[str] = None,
               type_: Optional[str] = None, page: int = 1, per_page: int = 20, *, severity: Optional[str] = None,
               outlet: Optional[str] = None, min_confidence: Optional[float] = None, search: Optional[str] = None,
               counts: bool = False) -> Page:
    """One page of items matching every filter given, highest severity then confidence first.

    `search` matches claim text (and explanation) case-insensitively as a substring; with `counts`, the page also
    says how many items each status holds under the other filters (the queue's status tabs).
    """
    conditions = []
    if story_id:
        conditions.append(TriageItem.story_id == story_id)
    if type_:
        conditions.append(TriageItem.type == type_)
    if severity:
        conditions.append(TriageItem.severity_rank == SEVERITY_RANK.get(severity, -1))
    if min_confidence is not None:
        conditions.append(TriageItem.confidence >= min_confidence)
    if outlet:
        conditions.append(exists().where(TriageItemOutlet.triage_item_id == TriageItem.id,
                                         TriageItemOutlet.outlet == outlet))
    if search and search.strip():
        for word in search.casefold().split():
            conditions.append(TriageItem.search_text.like(_like(word), escape="\\"))
    by_status = {}
    if counts:
        rows = session.execute(select(TriageItem.status, func.count()).where(*conditions).group_by(TriageItem.status))
        by_status = {s: 0 for s in STATUSES} | dict(rows.all())
    if status:
        conditions.append(TriageItem.status == status)
    query = select(TriageItem).where(*conditions)
    total = (by_status.get(status, 0) if status else sum(by_status.values())) if counts else \
        session.scalar(select(func.count()).select_from(TriageItem).where(*conditions))
    ordered = query.order_by(TriageItem.severity_rank.desc(), TriageItem.confidence.desc(), TriageItem.id)
    items = list(session.scalars(ordered.options(selectinload(TriageItem.finding))
                                 .offset((page - 1) * per_page).limit(per_page)))
    return Page(items, total, page, per_page, by_status)


def outlets(session: Session) -> list[str]:
    return list(session.scalars(select(TriageItemOutlet.outlet).distinct().order_by(TriageItemOutlet.outlet)))


def reopen(session: Session, item: TriageItem, reason: str, api_key_id: Optional[int] = None, **detail) -> None:
    """Put an item back in the queue (its finding holds again, or a dismissed one's values changed)."""
    previous = item.status
    item.status, item.version, item.updated_at = "open", item.version + 1, utcnow()
    finding = session.get(Finding, item.finding_id)
    if previous != "closed":
        finding.review = None
    audit.record(session, "triage_reopened", "triage_item", item.id, api_key_id, finding_id=item.finding_id,
                 previous=previous, reason=reason, **detail)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)   # SQLite drops the zone


def last_decision(session: Session, item_id: int) -> Optional[ReviewDecision]:
    return session.scalar(select(ReviewDecision).where(ReviewDecision.triage_item_id == item_id,
                                                       ReviewDecision.undone_at.is_(None))
                          .order_by(ReviewDecision.id.desc()).limit(1))


def undo(session: Session, item_id: int, api_key_id: Optional[int], window_s: float = UNDO_WINDOW_S,
         now: Optional[datetime] = None) -> TriageItem:
    """Take back this reviewer's decision on the item, made under window_s ago, if nothing moved since; commit.

    The item goes back to open (its version moves on, so a form still showing the decided state is stale); the
    finding's review and reviewed explanation return to what they were; the audit log says `triage_undone`.
    """
    item = session.get(TriageItem, item_id)
    if item is None:
        raise LookupError(item_id)
    decision = last_decision(session, item_id)
    now = now or utcnow()
    if decision is None or item.status == "open" or decision.item_version != item.version:
        raise UndoRefused(f"Item {item_id} has no decision to undo.")
    if decision.api_key_id != api_key_id:
        raise UndoRefused(f"Item {item_id} was decided by another reviewer; only they can undo it.")
    if now - _aware(decision.created_at) > timedelta(seconds=window_s):
        raise UndoRefused(f"The decision on item {item_id} is over {window_s:g} seconds old; decide it again instead.")
    changed = session.execute(
        update(TriageItem).where(TriageItem.id == item_id, TriageItem.version == item.version)
        .values(status="open", version=TriageItem.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        session.rollback()
        raise UndoRefused(f"Item {item_id} changed meanwhile; nothing was undone.")
    decision.undone_at = now
    finding = session.get(Finding, item.finding_id)
    finding.review = None
    earlier_edit = session.scalar(select(ReviewDecision).where(
        ReviewDecision.triage_item_id == item_id, ReviewDecision.undone_at.is_(None),
        ReviewDecision.decision == "edit", ReviewDecision.id != decision.id).order_by(ReviewDecision.id.desc()).limit(1))
    finding.reviewed_explanation = earlier_edit.explanation if earlier_edit is not None else None
    audit.record(session, "triage_undone", "triage_item", item_id, api_key_id, finding_id=item.finding_id,
                 decision=decision.decision, decision_id=decision.id, version=item.version + 1)
    session.commit()
    session.refresh(item)
    return item


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
