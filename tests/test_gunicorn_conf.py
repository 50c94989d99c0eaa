"""gunicorn.conf.py: gthread workers, max_requests with jitter, and the RSS guard that retires a worker gracefully."""
import importlib.util
import types

from tests.conftest import ROOT


def load_conf(monkeypatch, folder, **env):
    # The config sets PROMETHEUS_MULTIPROC_DIR in os.environ: set through monkeypatch, so it is undone after.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_threads_timeouts_and_recycling_come_from_settings(monkeypatch, tmp_path):
    conf = load_conf(monkeypatch, tmp_path, FACTCHECK_WORKER_THREADS="6", FACTCHECK_WORKER_MAX_REQUESTS="500",
                     FACTCHECK_WORKER_MAX_REQUESTS_JITTER="50")
    assert conf.worker_class == "gthread" and conf.threads == 6 and conf.keepalive > 0
    assert conf.max_requests == 500 and conf.max_requests_jitter == 50


def test_a_worker_over_the_rss_ceiling_stops_after_its_response(monkeypatch, tmp_path):
    worker = types.SimpleNamespace(alive=True, pid=1234)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/v1/compare"}
    roomy = load_conf(monkeypatch, tmp_path, FACTCHECK_WORKER_MAX_RSS_MB="1000000")
    roomy.post_request(worker, None, environ, None)
    assert worker.alive                                   # under the ceiling: keeps serving
    tight = load_conf(monkeypatch, tmp_path, FACTCHECK_WORKER_MAX_RSS_MB="1")   # this test process is far above 1 MiB
    assert tight.worker_rss_mb() > 1
    tight.post_request(worker, None, environ, None)
    assert not worker.alive                               # gunicorn finishes its requests, exits, forks a fresh one
    off = load_conf(monkeypatch, tmp_path, FACTCHECK_WORKER_MAX_RSS_MB="0")
    worker.alive = True
    off.post_request(worker, None, environ, None)
    assert worker.alive


def test_a_valid_claim_search_fits_the_request_line_whatever_its_characters(monkeypatch, tmp_path):
    from urllib.parse import urlencode

    from service.api.store_schemas import ClaimSearchQuery

    conf = load_conf(monkeypatch, tmp_path)
    longest = {name: field.validate[0].max if isinstance(field.validate, list) else field.validate.max
               for name, field in ClaimSearchQuery().fields.items() if name in ("q", "story", "outlet")}
    query = urlencode({"k": 100, "since": "2026-12-01", **{name: "😀" * n for name, n in longest.items()}})
    line = f"GET /v1/claims/search?{query} HTTP/1.1"
    assert len(line) <= conf.limit_request_line <= 8190    # 8190 is the most gunicorn accepts
