"""Hostile input stops at the edge with a 4xx: JSON bodies that are UTF-8, within the size limit (chunked or not)
and nested at most MAX_JSON_DEPTH deep, and no text a database cannot store (NUL, lone surrogates) in a body,
a path, a query string or a form.
"""
from __future__ import annotations

import json
from typing import Any, Iterator, Optional

from flask import Flask, current_app, request

from service.errors import ApiError, InvalidRequest, TooLarge

MAX_JSON_DEPTH = 32   # the deepest body the API takes is 4 levels; anything far deeper is an attack
DRAIN_FACTOR = 2      # read and drop an unread body up to this many times the limit, so the client sees our answer


def too_large() -> TooLarge:
    return TooLarge(f"The request body exceeds the limit of {current_app.config['MAX_CONTENT_LENGTH']} bytes.")


def text_problem(value: str) -> Optional[str]:
    """Why a string cannot be stored (PostgreSQL refuses NUL, no UTF-8 encodes a lone surrogate), or None."""
    if "\x00" in value:
        return "contains a NUL character (U+0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (U+D800 to U+DFFF), which no UTF-8 text holds"
    return None


def field_errors(problems: list[tuple[str, str]]) -> InvalidRequest:
    """One 422 listing every (field, problem)."""
    return InvalidRequest("; ".join(f"{name}: {problem}" for name, problem in problems), field=problems[0][0],
                          errors=[{"field": name, "message": problem} for name, problem in problems])


def _step(path: str, key: Any) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))


def _json_text_problems(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            yield path or "body", problem
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(key)
            if problem:
                yield path or "body", f"a key {problem}"
            else:
                yield from _json_text_problems(item, _step(path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _json_text_problems(item, _step(path, i))


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
    return deepest


def read_body() -> bytes:
    """The whole body; 413 over the limit, also for a chunked body, which werkzeug cuts at the limit without a word."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise too_large()
    data = request.get_data(cache=True)
    if request.content_length is None and len(data) >= limit and request.environ["wsgi.input"].read(1):
        raise too_large()
    return data


def load_json_body() -> Any:
    """The body of an API write as JSON: 415 for another media type, 400 unless it is UTF-8, JSON and not too deep."""
    if not request.is_json:
        raise ApiError("Send the body as JSON with Content-Type: application/json.", status=415,
                       code="unsupported_media_type")
    try:
        text = read_body().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(f"The request body is not valid UTF-8 (byte {error.start}); send JSON encoded as UTF-8.",
                       status=400, code="invalid_encoding") from None
    too_deep = ApiError(f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.", status=400,
                        code="json_too_deep")
    try:
        body = json.loads(text)
    except RecursionError:
        raise too_deep from None
    except ValueError:
        raise ApiError("The request body is not valid JSON.", status=400, code="malformed_json") from None
    if _depth(body) > MAX_JSON_DEPTH:
        raise too_deep
    return body


def check_request() -> None:
    """A before_request hook: parameters and JSON bodies that cannot be served get their 4xx here."""
    if request.url_rule is None:
        return None   # 404 / 405 as usual
    problems = [(name, problem) for name, value in (request.view_args or {}).items()
                if isinstance(value, str) and (problem := text_problem(value))]
    params = request.args if request.path.startswith("/v1/") else request.values   # the reviewer page's forms too
    for name, value in params.items(multi=True):
        problem = text_problem(name) or text_problem(value)
        if problem:
            problems.append((name, problem))
    if problems:
        raise field_errors(problems)
    if request.method in ("POST", "PUT", "PATCH") and request.path.startswith("/v1/"):
        problems = list(_json_text_problems(load_json_body()))
        if problems:
            raise field_errors(problems)
    return None


def bounded_int(values, name: str, default: Optional[int], low: int, high: int) -> Optional[int]:
    """An integer form or query parameter within [low, high]; 422 naming it otherwise."""
    raw = values.get(name)
    if raw is None or raw == "":
        return default
    try:
        number = int(raw)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise InvalidRequest(f"{name}: must be a whole number from {low} to {high}.", field=name)
    return number


def drain_body(response):
    """An after_request hook: read what is left of a refused body (up to DRAIN_FACTOR × the limit), so that a
    client still sending it, as urllib does before it reads any answer, gets the answer instead of a broken pipe.

    Only where the server ends the input stream at the body's end (gunicorn: wsgi.input_terminated); elsewhere a
    read past the body would wait for the next request on the connection.
    """
    if response.status_code < 400 or not request.environ.get("wsgi.input_terminated"):
        return response
    budget = DRAIN_FACTOR * current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > budget:
        return response
    stream = request.environ["wsgi.input"]
    try:
        while budget > 0 and (chunk := stream.read(min(65536, budget))):
            budget -= len(chunk)
    except (OSError, ValueError):
        pass   # the client went away
    return response


def init_app(app: Flask) -> None:
    app.before_request(check_request)
    app.after_request(drain_body)
