"""gunicorn's access log without secrets: a key sent in a query string (rejected, but still sent) is redacted."""
from __future__ import annotations

import re

from gunicorn.glogging import Logger

SECRET_PARAM = re.compile(r"(?i)((?:^|[?&])(?:key|api_key|apikey|api-key|x-api-key|token|access_token|secret)=)"
                          r"[^&\s\"]*")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return SECRET_PARAM.sub(r"\1" + REDACTED, text)


class RedactingLogger(Logger):
    """gunicorn's logger with the request line (r), query string (q) and referer (f) redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "q", "f"):
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms
