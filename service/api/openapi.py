"""The OpenAPI document's shared parts, and /docs served offline.

- Security: every /v1 operation takes an API key as `Authorization: Bearer KEY` (scheme `bearerAuth`) or
  `X-API-Key: KEY` (scheme `apiKeyHeader`); `requires_key` marks an operation so and documents its errors.
- Errors: one response component per status, each the one error shape with an example; flask-smorest's own
  per-status components (UNAUTHORIZED, …, and UNPROCESSABLE_ENTITY, which it adds to every operation with
  arguments) are replaced by these, so every operation names them the same way.
- /docs is Swagger UI from the pinned `swagger-ui-bundle` package, its files served under /docs/assets/ and
  started by /docs/start.js: nothing is fetched from a CDN, and the page needs no inline script.
"""
from __future__ import annotations

import http

from flask import Blueprint, Flask, Response, send_from_directory
from markupsafe import escape

from service.schemas import ErrorOut

SECURITY = [{"bearerAuth": []}, {"apiKeyHeader": []}]
SWAGGER_UI_ASSETS = "/docs/assets/"

_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before sending the same request again",
                                "schema": {"type": "integer"}}}
_RATE_HEADERS = {**_RETRY_AFTER, **{name: {"description": description, "schema": {"type": "integer"}} for name, description in (
    ("X-RateLimit-Limit", "Requests allowed in the window"),
    ("X-RateLimit-Remaining", "Requests left in the window"),
    ("X-RateLimit-Reset", "When the window resets (Unix time)"))}}

# status → (description, example code, example message, field or None, headers)
ERRORS = {
    400: ("Malformed body (`malformed_json`)", "malformed_json", "The request body is not valid JSON.", None, None),
    401: ("No API key (`unauthorized`), or an unknown or revoked one (`invalid_api_key`)", "unauthorized",
          "An API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'.", None, None),
    403: ("The key's role may not do this (`forbidden`)", "forbidden",
          "This needs a key with role cms; this key's role is reviewer.", None, None),
    404: ("No such resource (`not_found`)", "not_found", "No story 'belarus-prisoners'.", None, None),
    409: ("Conflict (`conflict`, `not_confirmed`)", "conflict",
          "Another post to this story was stored at the same moment; post it again.", None, None),
    413: ("Body or text over the limit (`payload_too_large`)", "payload_too_large",
          "Source 'A' has 250000 characters; the limit is 200000.", "sources[0].text", None),
    415: ("The body is not JSON (`unsupported_media_type`)", "unsupported_media_type",
          "Send the body as JSON with Content-Type: application/json.", None, None),
    422: ("Invalid request (`invalid_request`), naming the field", "invalid_request",
          "sources[1].text: Missing data for required field.", "sources[1].text", None),
    429: ("Over the rate limit of this API key (`rate_limited`)", "rate_limited",
          "Rate limit of 120 per 1 minute exceeded for this API key (or address); retry after Retry-After seconds.",
          None, _RATE_HEADERS),
    503: ("Not ready (`not_ready`), the database is unavailable for a moment (`database_unavailable`), or a "
          "compare or article post ran past FACTCHECK_REQUEST_DEADLINE_S (`deadline_exceeded`: post it to "
          "/v1/jobs instead)",
          "database_unavailable", "The database is unavailable for a moment; send the same request again after "
          "Retry-After seconds.", None, _RETRY_AFTER),
}
KEY_ERRORS = (401, 429, 503)        # every operation that needs a key: the key check reads the store
BODY_ERRORS = (400, 413, 415, 422)  # every operation with a JSON body


def response_name(status: int) -> str:
    """The component name flask-smorest gives a status (UNAUTHORIZED, …); ours replace its bare ones."""
    return http.HTTPStatus(status).name


def _error_response(status: int) -> dict:
    description, code, message, field, headers = ERRORS[status]
    example = {"error": {"code": code, "message": message, **({"field": field} if field else {})}}
    response = {"description": description,
                "content": {"application/json": {"schema": ErrorOut, "example": example}}}
    if headers:
        response["headers"] = headers
    return response


def init_spec(api) -> None:
    """Security schemes and error responses; call after api.init_app and before registering blueprints."""
    components = api.spec.components
    components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer",
                                              "description": "An API key: `make key ROLE=cms` prints one"})
    components.security_scheme("apiKeyHeader", {"type": "apiKey", "in": "header", "name": "X-API-Key"})
    for status in ERRORS:
        components.response(response_name(status), _error_response(status), lazy=True)


def errors(blp, *statuses: int):
    """Document these error responses on an operation."""
    def decorate(view):
        for status in sorted(set(statuses)):
            view = blp.alt_response(status, response=response_name(status))(view)
        return view
    return decorate


def requires_key(blp, *statuses: int):
    """Document an operation that needs an API key: the security requirement, 401/429/503 and `statuses`."""
    def decorate(view):
        return blp.doc(security=SECURITY)(errors(blp, *KEY_ERRORS, *statuses)(view))
    return decorate


def init_app(app: Flask) -> None:
    """/docs: Swagger UI from the installed swagger-ui-bundle package, started by a script file (no inline script)."""
    from swagger_ui_bundle import swagger_ui_path

    docs = Blueprint("docs", __name__)

    @docs.route("/docs")
    def swagger_ui():
        return Response(_PAGE.format(title=escape(app.config["API_TITLE"]), assets=SWAGGER_UI_ASSETS),
                        mimetype="text/html")

    @docs.route("/docs/start.js")
    def swagger_ui_start():
        return Response(_START, mimetype="text/javascript")

    @docs.route(SWAGGER_UI_ASSETS + "<path:filename>")
    def swagger_ui_asset(filename):
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    app.register_blueprint(docs)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title><link rel="stylesheet" href="{assets}swagger-ui.css"></head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
"""
_START = """window.ui = SwaggerUIBundle({
  url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true, validatorUrl: null
});
"""
