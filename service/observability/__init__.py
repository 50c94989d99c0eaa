"""Operability: JSON logs with a request id, Prometheus metrics at /metrics."""
from __future__ import annotations

from flask import Flask

from service.observability import logging as json_logging, metrics

configure_logging = json_logging.configure


def init_app(app: Flask) -> None:
    """Request ids and JSON request logs first, so every later hook (rate limits, errors) logs with the id."""
    json_logging.init_app(app)
    metrics.init_app(app)
