"""gunicorn settings shared by `make run`, the Dockerfile and the tests."""
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "2"))
preload_app = True
timeout = 120
graceful_timeout = 30
accesslog = "-"


def post_fork(server, worker):
    # Model weights were loaded in the master; inference thread pools start here, in the worker.
    worker.app.callable.extensions["factcheck.pipeline"].warm_up()
