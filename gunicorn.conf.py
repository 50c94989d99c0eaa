"""gunicorn settings shared by `make run`, the Dockerfile and the tests."""
import glob
import os
import tempfile

# Prometheus multiprocess mode: every worker writes its samples under this folder and /metrics sums them.
# It must be set before the app (and prometheus_client) is imported, i.e. here; on_starting clears old files.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="factcheck-metrics-")
os.makedirs(_metrics_dir, exist_ok=True)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "2"))
preload_app = True
timeout = 120
graceful_timeout = 30
accesslog = "-"
logger_class = "service.observability.access_log.RedactingLogger"   # no key from a query string in the log


def on_starting(server):
    # Samples left by a previous run (a reused PROMETHEUS_MULTIPROC_DIR) would be summed in again.
    for stale in glob.glob(os.path.join(os.environ["PROMETHEUS_MULTIPROC_DIR"], "*.db")):
        os.remove(stale)


def post_fork(server, worker):
    # Model weights were loaded in the master; inference thread pools start here, in the worker,
    # each held to its share of the cores so the workers do not oversubscribe them.
    threads = max(1, (os.cpu_count() or 1) // max(1, server.cfg.workers))
    worker.app.callable.extensions["factcheck.pipeline"].warm_up(threads=threads)
    from service.observability import metrics

    metrics.record_warmup(worker.app.callable.extensions["factcheck.pipeline"].warmup_seconds)


def child_exit(server, worker):
    # Drop the dead worker's live gauges from /metrics (its counters stay, as Prometheus expects).
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
