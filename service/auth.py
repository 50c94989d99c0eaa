"""API keys and roles: keys are stored as SHA-256 digests; every route but the public ones needs one.

Roles: `cms` posts articles, `reviewer` decides triage items, `admin` manages keys and may do anything.
A key is sent as `Authorization: Bearer KEY` or `X-API-Key: KEY`. The reviewer page signs in with a key
once and then rides on the session cookie (see service/triage/views.py).
"""
from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from typing import Optional

from flask import Flask, g, request
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.errors import ApiError
from service.store.models import ApiKey, ReviewSession, utcnow

ROLES = ("cms", "reviewer", "admin")
PUBLIC_PATHS = ("/healthz", "/readyz", "/openapi.json", "/docs", "/redoc", "/metrics")
SESSION_PATHS = ("/review", "/static")   # the reviewer page checks its own session


@dataclass(frozen=True)
class Caller:
    key_id: int
    role: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(session: Session, role: str, name: str = "") -> tuple[ApiKey, str]:
    """A new key: the row (hash only) and the plain key, shown once."""
    if role not in ROLES:
        raise ValueError(f"[FC030] unknown role {role!r}; choose one of {', '.join(ROLES)}")
    key = f"fc_{role}_{secrets.token_urlsafe(32)}"
    row = ApiKey(key_hash=hash_key(key), prefix=key[:12], role=role, name=name)
    session.add(row)
    session.flush()
    return row, key


def find_key(session: Session, key: str) -> Optional[ApiKey]:
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
    if row is None or row.revoked_at is not None:
        return None
    return row


def revoke_key(session: Session, row: ApiKey) -> None:
    """Revoke a key and end its reviewer page sessions; the caller commits."""
    row.revoked_at = row.revoked_at or utcnow()
    session.execute(delete(ReviewSession).where(ReviewSession.api_key_id == row.id))


def key_from_request() -> Optional[str]:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.headers.get("X-API-Key", "").strip() or None


def _is_public(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in PUBLIC_PATHS + SESSION_PATHS)


def authenticate() -> None:
    """Resolve the request's key into g.caller; 401 when missing or unknown (a before_request hook)."""
    from service.store import db

    if request.url_rule is None or _is_public(request.path):
        return None  # unknown routes answer 404/405 as before; public routes need no key
    from service import limits

    key = key_from_request()
    if key is None:
        raise ApiError("An API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'.",
                       status=401, code="unauthorized")
    limits.check_auth_failures()
    seen = g.get("presented_key_row")   # the rate limiter looked this key up already
    row = seen[1] if seen is not None and seen[0] == key else find_key(db.session(), key)
    if row is None:
        limits.record_auth_failure()
        raise ApiError("The API key is unknown or revoked.", status=401, code="invalid_api_key")
    g.caller = Caller(row.id, row.role)
    return None


def current_caller() -> Optional[Caller]:
    return g.get("caller")


def require_role(*roles: str):
    """View decorator: 403 unless the caller's role is one of roles (admin always passes)."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            caller = current_caller()
            if caller is None:
                raise ApiError("An API key is required.", status=401, code="unauthorized")
            if caller.role != "admin" and caller.role not in roles:
                raise ApiError(f"This needs a key with role {' or '.join(roles)}; this key's role is {caller.role}.",
                               status=403, code="forbidden")
            return view(*args, **kwargs)
        return wrapped
    return decorate


def init_app(app: Flask) -> None:
    app.before_request(authenticate)
