"""gunicorn settings shared by `make run`, the Dockerfile and the tests."""
import glob
import logging
import os
import tempfile

# Prometheus multiprocess mode: every worker writes its samples under this folder and /metrics sums them.
# It must be set before the app (and prometheus_client) is imported, i.e. here; on_starting clears old files.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="factcheck-metrics-")
os.makedirs(_metrics_dir, exist_ok=True)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir

from service.settings import Settings  # noqa: E402 - after the metrics folder: it imports the app's package

_settings = Settings.from_env()
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "2"))
# Threads: a long compare takes one thread of its worker, and /healthz, /readyz, reviewers' decisions and short
# compares are served by the others meanwhile. The main thread keeps the worker's heartbeat, so a long request is
# not killed at `timeout`: FACTCHECK_REQUEST_DEADLINE_S bounds it instead, with an answer (503 deadline_exceeded).
worker_class = "gthread"
threads = _settings.worker_threads
keepalive = 5            # an idle kept-alive connection is closed after 5 s (gthread also waits at most 5 s for a
                         # new connection's first bytes before handing it back to the poller)
preload_app = True
# The longest request line gunicorn takes (default 4094). A claim search's valid query, percent-encoded, fits in it
# whatever its characters (q ≤ 400, story and outlet ≤ 100 characters, 12 bytes each at worst), so the app, not
# gunicorn, answers it, and a too-long value gets the app's 422 with its code.
limit_request_line = 8190
timeout = 120
graceful_timeout = 30
# Memory ceiling per worker: replaced after max_requests (± jitter) requests, and at once (gracefully, after its
# response) when its RSS is over FACTCHECK_WORKER_MAX_RSS_MB (post_request below).
max_requests = _settings.worker_max_requests
max_requests_jitter = _settings.worker_max_requests_jitter
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


def worker_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def post_request(worker, req, environ, resp):
    # The RSS guard: the response has been sent; a worker above the ceiling stops taking connections, finishes
    # what it has in hand (graceful_timeout) and exits, and the master forks a fresh one from the preloaded app.
    limit = _settings.worker_max_rss_mb
    if limit and worker.alive:
        rss = worker_rss_mb()
        if rss > limit:
            logging.getLogger("gunicorn.error").warning(
                "worker %s: RSS %.0f MiB over FACTCHECK_WORKER_MAX_RSS_MB=%s after %s %s; restarting it gracefully",
                worker.pid, rss, limit, environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            worker.alive = False
