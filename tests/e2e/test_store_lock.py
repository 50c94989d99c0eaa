"""The store keeps serving reviewers during a long article post, through real gunicorn (issue 13's lock).

Before, on SQLite, a reviewer's decision sent during a 47 s post waited 30.1 s and got 503 database_unavailable:
the post held the write transaction while its pipeline ran. Now the pipeline runs outside any transaction, so the
decision, answered by another thread or worker while the post is still running its pipeline, completes in under a
second on SQLite and on PostgreSQL (tests/store/test_ingest.py checks the same in process, with a stubbed slow
pipeline; this runs a real long post over HTTP).
"""
from __future__ import annotations

import threading
import time

import pytest
import requests

from tests.attack.server import gunicorn
from tests.e2e.test_big_story import big_story

pytestmark = pytest.mark.e2e
LONG_ARTICLE_CHARS = 50_000   # its post runs the pipeline for many seconds (2 × 50k: 29.9 s under load)
SEND_AFTER_S = 1.0            # the decision goes once the post has been running this long


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    if request.param == "sqlite":
        return None                 # gunicorn()'s own fresh SQLite file
    return request.getfixturevalue("postgres_server").create_database("store_lock_e2e")


def post(server, outlet: str, text: str) -> requests.Response:
    return requests.post(server.url + "/v1/articles", headers=server.headers, timeout=600,
                         json={"story_id": "lock", "outlet": outlet, "text": text, "published_at": "2025-09-15"})


def test_a_decision_during_a_long_article_post_completes_within_a_second(database_url, seed_texts):
    env = {"FACTCHECK_RATE_LIMIT": "100000/minute", "FACTCHECK_REQUEST_DEADLINE_S": "600"}
    with gunicorn(workers=2, env=env, database_url=database_url) as server:
        for outlet, text in (("A", seed_texts["A"]), ("B", seed_texts["B"])):
            assert post(server, outlet, text).status_code == 201
        items = requests.get(server.url + "/v1/triage", headers=server.headers, timeout=30).json()["items"]
        assert items, "the seed pair opens triage items"

        long_text = big_story(LONG_ARTICLE_CHARS)["sources"][0]["text"]
        answer: dict = {}

        def long_post():
            started = time.perf_counter()
            response = post(server, "C", long_text)
            answer.update(status=response.status_code, body=response.json(), seconds=time.perf_counter() - started)

        sender = threading.Thread(target=long_post)
        sender.start()
        time.sleep(SEND_AFTER_S)
        started = time.perf_counter()
        decision = requests.post(f"{server.url}/v1/triage/{items[0]['id']}/decision", headers=server.headers,
                                 json={"decision": "confirm"}, timeout=120)
        waited = time.perf_counter() - started
        still_posting = sender.is_alive()
        sender.join(600)
        kind = "postgresql" if database_url else "sqlite"
        print(f"{kind}: decision during a {answer.get('seconds', 0):.1f} s post: {waited:.3f} s")
        assert still_posting, f"the post ended before the decision was answered ({answer}); make it longer"
        assert decision.status_code == 200, decision.json()
        assert waited < 1.0, waited
        assert answer["status"] == 201, answer
        status = requests.get(f"{server.url}/v1/triage/{items[0]['id']}", headers=server.headers, timeout=30).json()
        assert status["status"] == "confirmed"
