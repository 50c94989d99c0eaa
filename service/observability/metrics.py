"""Prometheus metrics at GET /metrics: requests, latency, pipeline stages, warm-up, queue sizes.

Under gunicorn, gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR before the app is imported, so every
worker writes its samples to files there and /metrics (answered by any worker) sums them; its child_exit
hook marks dead workers. Without that variable (tests, `flask run`) the process's own registry is served.
"""
from __future__ import annotations

import os
import time
from typing import Callable, Optional

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge, Histogram,
                               generate_latest, multiprocess)
from prometheus_client.core import GaugeMetricFamily

EXEMPT_PATHS = ("/metrics",)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)

REQUESTS = Counter("factcheck_http_requests_total", "HTTP requests answered, by endpoint, method and status.",
                   ["endpoint", "method", "status"])
LATENCY = Histogram("factcheck_http_request_duration_seconds", "Time to answer an HTTP request.",
                    ["endpoint", "method", "status"], buckets=LATENCY_BUCKETS)
STAGES = Histogram("factcheck_pipeline_stage_seconds",
                   "Time spent in each pipeline stage (claims, embed, facts, verdicts, total).", ["stage"],
                   buckets=LATENCY_BUCKETS)
WARMUP = Gauge("factcheck_model_warmup_seconds", "Seconds this process spent warming up its models.",
               multiprocess_mode="livemax")

# Queue sizes are read when /metrics is scraped, from callables the owning module registers:
#     metrics.register_queue("triage", lambda: store.count_open_items())
_queues: dict[str, Callable[[], float]] = {}


def register_queue(name: str, size: Callable[[], float]) -> None:
    """Report `size()` as factcheck_queue_items{queue=name} at every scrape."""
    _queues[name] = size


class QueueCollector:
    def collect(self):
        family = GaugeMetricFamily("factcheck_queue_items", "Items waiting in each work queue.", labels=["queue"])
        for name, size in sorted(_queues.items()):
            try:
                family.add_metric([name], float(size()))
            except Exception:  # noqa: BLE001 - a broken queue must not break the scrape
                continue
        yield family


def record_warmup(seconds: Optional[float]) -> None:
    if seconds is not None:
        WARMUP.set(seconds)


def observe_stages(timings: dict) -> None:
    for stage, seconds in timings.items():
        STAGES.labels(stage).observe(seconds)


def instrument_pipeline(pipeline) -> None:
    """Observe Pipeline.run's report.timings for every front door that uses this pipeline instance."""
    if getattr(pipeline.run, "_factcheck_instrumented", False):
        return
    run = pipeline.run

    def timed_run(*args, **kwargs):
        report = run(*args, **kwargs)
        observe_stages(getattr(report, "timings", None) or {})
        return report

    timed_run._factcheck_instrumented = True
    pipeline.run = timed_run


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_DefaultRegistry())
    registry.register(QueueCollector())
    return registry


class _DefaultRegistry:
    """The process-wide registry's metrics, served through a per-scrape registry."""

    def collect(self):
        return REGISTRY.collect()


blp = Blueprint("metrics", __name__)


@blp.route("/metrics")
def scrape():
    return Response(generate_latest(_registry()), headers={"Content-Type": CONTENT_TYPE_LATEST})


def init_app(app: Flask) -> None:
    app.register_blueprint(blp)
    pipeline = app.extensions.get("factcheck.pipeline")
    if pipeline is not None:
        instrument_pipeline(pipeline)
        record_warmup(pipeline.warmup_seconds)

    @app.before_request
    def start_timer():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def count(response):
        if request.path in EXEMPT_PATHS:
            return response
        # The URL rule, not the path: unknown paths must not mint new label values.
        endpoint = request.url_rule.rule if request.url_rule is not None else "unmatched"
        method = request.method if request.method in METHODS else "other"
        labels = (endpoint, method, str(response.status_code))
        REQUESTS.labels(*labels).inc()
        started = g.get("metrics_started")
        if started is not None:
            LATENCY.labels(*labels).observe(time.perf_counter() - started)
        return response
