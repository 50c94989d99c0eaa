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
                 code: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status or self.status
        self.code = code or self.code


class InvalidRequest(ApiError):
    status = 422
    code = "invalid_request"


class TooLarge(ApiError):
    status = 413
    code = "payload_too_large"


def error_body(code: str, message: str, field: Optional[str] = None) -> dict:
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    return {"error": body}


def _first_field_error(messages, path: str = "") -> tuple[Optional[str], str]:
    """Walk marshmallow's nested messages to the first failing field: ('sources[1].text', 'Missing data…')."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key in ("json", "form", "query", "_schema") and not path:
                return _first_field_error(value, "")
            if key == "_schema":
                return _first_field_error(value, path)
            step = f"{path}[{key}]" if isinstance(key, int) or str(key).isdigit() else (f"{path}.{key}" if path else str(key))
            return _first_field_error(value, step)
    if isinstance(messages, list) and messages:
        return _first_field_error(messages[0], path)
    return (path or None), str(messages)


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return jsonify(error_body(error.code, error.message, error.field)), error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        messages = (getattr(error, "data", None) or {}).get("messages")
        if status == 422 and messages:
            field, message = _first_field_error(messages)
            return jsonify(error_body("invalid_request", f"{field}: {message}" if field else message, field)), 422
        if status == 400 and messages:
            return jsonify(error_body("malformed_json", "The request body is not valid JSON.")), 400
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            return jsonify(error_body("payload_too_large", f"The request body exceeds the limit of {limit} bytes.")), 413
        response = jsonify(error_body(HTTP_CODES.get(status, "http_error"), error.description or error.name))
        if status == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status

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


def require_json_bodies(app: Flask) -> None:
    """Bodies of API writes must be JSON: a clear 415 for another media type, 400 for broken JSON."""
    from flask import request

    @app.before_request
    def check_json_body():
        if request.method not in ("POST", "PUT", "PATCH") or not request.path.startswith("/v1/"):
            return None
        if not request.is_json:
            raise ApiError("Send the body as JSON with Content-Type: application/json.", status=415,
                           code="unsupported_media_type")
        if request.get_json(silent=True) is None:
            raise ApiError("The request body is not valid JSON.", status=400, code="malformed_json")
        return None
