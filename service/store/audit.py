"""The audit log: who did what to which record, appended in the same transaction as the change."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store.models import AuditEntry


def record(session: Session, action: str, target_type: str, target_id, api_key_id: Optional[int] = None,
           **detail) -> AuditEntry:
    entry = AuditEntry(action=action, target_type=target_type, target_id=str(target_id), api_key_id=api_key_id,
                       detail=detail)
    session.add(entry)
    return entry


def recent(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


def entry_payload(entry: AuditEntry) -> dict:
    return {"id": entry.id, "at": entry.at.isoformat(), "api_key_id": entry.api_key_id, "action": entry.action,
            "target_type": entry.target_type, "target_id": entry.target_id, "detail": entry.detail}
