"""One JSON error shape for every failure: {"error": {"code", "message", "field"?}}."""
from __future__ import annotations

import logging
from typing import Optional

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_request",
    429: "rate_limited", 500: "internal_error", 503: "not_ready",
}
DATABASE_RETRY_AFTER = 5  # seconds: a restarting database is usually back within that


def database_unavailable(error: Exception) -> bool:
    """True for a lost or refused database connection (a restart, a failover), not for a bad statement."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DBAPIError) and bool(error.connection_invalidated))


class ApiError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, field: Optional[str] = None, status: Optional[int] = None,
                 code: Optional[str] = None, errors: Optional[list[dict]] = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status or self.status
        self.code = code or self.code
        self.errors = errors


class InvalidRequest(ApiError):
    status = 422
    code = "invalid_request"


class TooLarge(ApiError):
    status = 413
    code = "payload_too_large"


def error_body(code: str, message: str, field: Optional[str] = None, errors: Optional[list[dict]] = None) -> dict:
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    return {"error": body}


def _field_errors(messages, path: str = "") -> list[tuple[Optional[str], str]]:
    """Every failing field in marshmallow's nested messages: [('sources[1].text', 'Missing data…'), …]."""
    if isinstance(messages, dict):
        found = []
        for key, value in messages.items():
            if key in ("json", "form", "query", "_schema") and not path:
                found += _field_errors(value, "")
            elif key == "_schema":
                found += _field_errors(value, path)
            else:
                step = f"{path}[{key}]" if isinstance(key, int) or str(key).isdigit() else (f"{path}.{key}" if path else str(key))
                found += _field_errors(value, step)
        return found
    if isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        return [(path or None, " ".join(messages))]
    if isinstance(messages, list):
        return [e for m in messages for e in _field_errors(m, path)]
    return [(path or None, str(messages))]


def invalid_fields(messages) -> dict:
    """A 422 body listing every failing field; `field` and the start of `message` name the first."""
    errors = [{"field": field, "message": message} for field, message in _field_errors(messages)]
    if not errors:
        return error_body("invalid_request", str(messages))
    text = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return error_body("invalid_request", text, errors[0]["field"], errors)


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return jsonify(error_body(error.code, error.message, error.field, error.errors)), error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        messages = (getattr(error, "data", None) or {}).get("messages")
        if status == 422 and messages:
            return jsonify(invalid_fields(messages)), 422
        if status == 400 and messages:
            return jsonify(error_body("malformed_json", "The request body is not valid JSON.")), 400
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            return jsonify(error_body("payload_too_large", f"The request body exceeds the limit of {limit} bytes.")), 413
        response = jsonify(error_body(HTTP_CODES.get(status, "http_error"), error.description or error.name))
        if status == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status

    from service.pipeline import budget

    @app.errorhandler(budget.DeadlineExceeded)
    def deadline_exceeded(error: budget.DeadlineExceeded):
        # No Retry-After: the same story would take as long again; the asynchronous path has no deadline.
        return jsonify(error_body(
            "deadline_exceeded",
            f"The story took longer than this service's {error.seconds:g} s deadline for an answer in the request "
            f"(stopped after {error.stage}). Post the same body to POST /v1/jobs and poll GET /v1/jobs/{{id}} "
            "for the report, or send fewer or shorter sources.")), 503

    @app.errorhandler(budget.TooManyClaims)
    def too_many_claims(error: budget.TooManyClaims):
        return jsonify(error_body(
            "too_many_claims",
            f"The story holds more than {error.limit} claims (FACTCHECK_MAX_CLAIMS; {error.count} found before "
            "extraction stopped). Split it into smaller stories or send fewer or shorter sources.",
            "sources")), 422

    from sqlalchemy.exc import DBAPIError

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError):
        if not database_unavailable(error):
            return unexpected(error)
        # The request is rolled back, or (a commit cut off) its outcome is unknown: either way the client posts the
        # same request again, and a repeated article post is idempotent (same text, same version: 200).
        log.warning("database unavailable: %s", str(error).splitlines()[0] if str(error) else type(error).__name__)
        response = jsonify(error_body("database_unavailable",
                                      "The database is unavailable for a moment; send the same request "
                                      "again after Retry-After seconds."))
        response.status_code = 503
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unhandled error")
        return jsonify(error_body("internal_error", "An internal error occurred; it has been logged.")), 500
