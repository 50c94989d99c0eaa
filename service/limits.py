"""Rate limits per API key (Flask-Limiter): 429 in the one JSON error shape, with Retry-After.

The key is the API key the caller presents (Authorization: Bearer … or X-API-Key), hashed so raw keys
never reach the limiter's storage; without a key, the remote address. Whether the key is valid is
service.auth's business, not this module's. Storage is Redis when FACTCHECK_REDIS_URL is set (shared by
all workers and hosts), in-process memory otherwise; if Redis goes away, limits fall back to memory.
"""
from __future__ import annotations

import hashlib
import math
import time

from flask import Flask, jsonify, request
from flask_limiter import HeaderNames, Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from service.errors import error_body
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


def rate_limit_key() -> str:
    key = presented_key()
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:32]
    return "addr:" + (get_remote_address() or "unknown")


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

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded):
        retry_after = _retry_after_seconds(limiter, error)
        response = jsonify(error_body("rate_limited", f"Rate limit of {error.description} exceeded for this API "
                                                      "key (or address); retry after Retry-After seconds."))
        response.status_code = 429
        response.headers["Retry-After"] = str(retry_after)
        return response

    return limiter
