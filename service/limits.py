"""Rate limits per API key (Flask-Limiter): 429 in the one JSON error shape, with Retry-After.

The counter is the API key the caller presents (Authorization: Bearer … or X-API-Key), hashed so raw keys
never reach the limiter's storage, when it is a valid key; an unknown or revoked key, or none, counts against
the caller's address (so a fresh random key per request gets no fresh budget). Failed authentications have a
budget of their own per address (FACTCHECK_AUTH_FAILURE_LIMIT): past it, every request from that address that
needs a key is refused with 429 until the window resets. Storage is Redis when FACTCHECK_REDIS_URL is set
(shared by all workers and hosts, and kept across restarts), in-process memory otherwise (see README: each
worker counts alone, and a restart forgets); if Redis goes away, limits fall back to memory.
"""
from __future__ import annotations

import hashlib
import logging
import math
import time

from flask import Flask, current_app, g, jsonify, request
from flask_limiter import HeaderNames, Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse as parse_limit

from service.errors import ApiError, error_body
from service.settings import Settings

# Probes, documentation and scrapes are never limited.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc"})
EXEMPT_PREFIXES = ("/docs/", "/redoc/")


def presented_key() -> str | None:
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("X-API-Key", "").strip() or None


log = logging.getLogger(__name__)


def known_key_row(key: str):
    """The store's row for a presented key when it is valid, else None; looked up once per request (auth reuses
    it). Without a store (an app built without the key tables) every key counts as unknown."""
    seen = g.get("presented_key_row")
    if seen is not None and seen[0] == key:
        return seen[1]
    from service.auth import find_key
    from service.errors import database_unavailable
    from service.store import db

    usable = "factcheck.db" in current_app.extensions and "\x00" not in key and len(key) <= 512
    try:
        found = find_key(db.session(), key) if usable else None
    except Exception as error:  # noqa: BLE001 - only a lost database is absorbed here
        if not database_unavailable(error):
            raise
        # Inside the limiter's hook a lost database would escape Flask's handlers as a 500: the key counts
        # under its address for now, and authentication, asking again, answers 503 database_unavailable.
        db.session().rollback()
        return None
    g.presented_key_row = (key, found)
    return found


def client_address() -> str:
    return get_remote_address() or "unknown"


def rate_limit_key() -> str:
    key = presented_key()
    if key and known_key_row(key) is not None:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:32]
    return "addr:" + client_address()


class AuthFailuresExceeded(ApiError):
    status = 429
    code = "rate_limited"

    def __init__(self, description: str, retry_after: int):
        super().__init__(f"Too many failed authentications from this address ({description}); retry after "
                         "Retry-After seconds with a valid key.")
        self.retry_after = retry_after


def _auth_failures(app: Flask):
    """(limiter, limit) of the failed-authentication budget, or None when rate limiting is off."""
    entry = app.extensions.get("factcheck.auth_failures")
    if entry is None or not entry[0].enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    return entry


def check_auth_failures() -> None:
    """429 for an address past its failed-authentication budget (before its key is looked up)."""
    entry = _auth_failures(current_app)
    if entry is None:
        return
    limiter, limit = entry
    address = client_address()
    try:
        if limiter.limiter.test(limit, "auth-failures", address):
            return
        reset = limiter.limiter.get_window_stats(limit, "auth-failures", address).reset_time
    except Exception:  # noqa: BLE001 - a storage outage must not lock everyone out, nor 500
        log.warning("failed-authentication limit unavailable", exc_info=True)
        return
    raise AuthFailuresExceeded(str(limit), max(1, math.ceil(reset - time.time())))


def record_auth_failure() -> None:
    entry = _auth_failures(current_app)
    if entry is None:
        return
    limiter, limit = entry
    try:
        limiter.limiter.hit(limit, "auth-failures", client_address())
    except Exception:  # noqa: BLE001
        log.warning("failed-authentication limit unavailable", exc_info=True)


def is_exempt() -> bool:
    return request.path in EXEMPT_PATHS or request.path.startswith(EXEMPT_PREFIXES)


def _retry_after_seconds(limiter: Limiter, error: RateLimitExceeded) -> int:
    """Seconds until the breached window resets, as the limiter's storage sees it."""
    window = max(1, int(error.limit.limit.get_expiry()))
    current = limiter.current_limit
    if current is not None:
        return min(window, max(1, math.ceil(current.reset_at - time.time())))
    return window


def init_app(app: Flask, settings: Settings) -> Limiter:
    limiter = Limiter(
        rate_limit_key,
        default_limits=[settings.rate_limit] if settings.rate_limit else [],
        storage_uri=settings.redis_url or "memory://",
        in_memory_fallback_enabled=True,
        headers_enabled=True,
        # Flask-Limiter would put its window's reset into Retry-After on every response, overriding a 503's
        # own; the standard header is set only where a retry is asked for (429 here, 503 in service.errors).
        header_name_mapping={HeaderNames.RETRY_AFTER: "X-RateLimit-Retry-After"},
        key_prefix="factcheck",
    )
    limiter.request_filter(is_exempt)
    limiter.init_app(app)
    if settings.auth_failure_limit:
        app.extensions["factcheck.auth_failures"] = (limiter, parse_limit(settings.auth_failure_limit))

    @app.errorhandler(AuthFailuresExceeded)
    def auth_failures_exceeded(error: AuthFailuresExceeded):
        response = jsonify(error_body(error.code, error.message))
        response.status_code = 429
        response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded):
        retry_after = _retry_after_seconds(limiter, error)
        response = jsonify(error_body("rate_limited", f"Rate limit of {error.description} exceeded for this API "
                                                      "key (or address); retry after Retry-After seconds."))
        response.status_code = 429
        response.headers["Retry-After"] = str(retry_after)
        return response

    return limiter
