"""The big story: 2 × 200,000 characters to /v1/compare (two took a worker to gunicorn's 120 s kill before).

Now the run stops at the request deadline with a JSON 503 naming /v1/jobs, the worker lives on, /healthz answers
meanwhile, and the same body is accepted by POST /v1/jobs."""
from __future__ import annotations

import importlib.util
import threading
import time

import pytest
import requests

from tests.attack.server import gunicorn
from tests.conftest import ROOT
from tests.e2e.front_door import probe

pytestmark = pytest.mark.e2e
DEADLINE = 10


def big_story(chars: int) -> dict:
    spec = importlib.util.spec_from_file_location("big_story", ROOT / "bench" / "big_story.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"sources": module.big_story(chars)}


def test_a_2x200k_compare_answers_503_at_the_deadline_and_kills_no_worker():
    body = big_story(200_000)
    assert all(len(s["text"]) > 190_000 for s in body["sources"])
    env = {"FACTCHECK_RATE_LIMIT": "100000/minute", "FACTCHECK_REQUEST_DEADLINE_S": str(DEADLINE)}
    with gunicorn(workers=2, env=env) as server:
        workers = set(server.worker_pids())
        answer: dict = {}

        def post():
            started = time.perf_counter()
            response = requests.post(server.url + "/v1/compare", json=body, headers=server.headers, timeout=300)
            answer.update(status=response.status_code, body=response.json(), seconds=time.perf_counter() - started)

        sender = threading.Thread(target=post)
        sender.start()
        probes = []
        while sender.is_alive():
            probes.append(probe(server.url))
            time.sleep(1)
        sender.join()
        assert answer["status"] == 503, answer
        error = answer["body"]["error"]
        assert error["code"] == "deadline_exceeded" and "POST /v1/jobs" in error["message"]
        # A stage is not interrupted: the answer comes within the deadline plus the stage that ran past it.
        assert answer["seconds"] < DEADLINE + 60, answer["seconds"]
        assert probes and max(probes) < 1.0, probes
        assert set(server.worker_pids()) == workers            # no worker killed or replaced
        queued = requests.post(server.url + "/v1/jobs", json=body, headers=server.headers, timeout=60)
        assert queued.status_code == 202 and queued.headers["Location"].startswith("/v1/jobs/")
        status = requests.get(server.url + queued.headers["Location"], headers=server.headers, timeout=10)
        assert status.status_code == 200 and status.json()["status"] == "queued"
