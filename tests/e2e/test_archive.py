"""The claim archive through real gunicorn: two workers of one instance, and two instances sharing one PostgreSQL
(each with its own index file), find each other's posts; one module, its servers shared by both tests."""
from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request

import pytest

from tests.attack.server import gunicorn
from tests.store.postgres import PostgresServer

pytestmark = pytest.mark.e2e
PID_FORMAT = "--access-logformat 'pid=%(p)s %(r)s %(s)s'"   # which worker answered, in the access log


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive-e2e")
    postgres = PostgresServer().start()
    try:
        url = postgres.create_database("archive_e2e")
        with gunicorn(workers=2, database_url=url, env={"FACTCHECK_ARCHIVE_INDEX_PATH": str(folder / "a.faiss"),
                                                        "GUNICORN_CMD_ARGS": PID_FORMAT}) as a, \
                gunicorn(workers=1, database_url=url, env={"FACTCHECK_ARCHIVE_INDEX_PATH": str(folder / "b.faiss"),
                                                           "GUNICORN_CMD_ARGS": PID_FORMAT}) as b:
            yield a, b
    finally:
        postgres.stop()


def call(server, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, method=method,
                                     headers={**server.headers, "Content-Type": "application/json",
                                              "Connection": "close"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def search(server, text, marker):
    query = urllib.parse.urlencode({"q": text, "k": 3, "outlet": marker})
    return [r["text"] for r in call(server, "GET", f"/v1/claims/search?{query}")["results"]]


def answering_pid(server, marker) -> list[str]:
    return re.findall(rf"pid=<(\d+)> GET /v1/claims/search\?q=[^ ]*outlet={marker} ", server.log())


def _logged(server, pattern: str, wait_s: float = 10.0) -> list[str]:
    """The access log's matches, once the line is written (gunicorn logs after the response is sent)."""
    deadline = time.monotonic() + wait_s
    while not (found := re.findall(pattern, server.log())) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def post(server, outlet, text):
    return call(server, "POST", "/v1/articles", {"story_id": f"story-{outlet}", "outlet": outlet, "text": text,
                                                 "published_at": "2025-09-15"})


def test_a_post_to_one_worker_is_found_by_the_other(servers, seed_texts):
    a, _ = servers
    posted = post(a, "worker-test", seed_texts["A"])
    poster = _logged(a, r"pid=<(\d+)> POST /v1/articles")[-1]
    claims = call(a, "GET", "/v1/stories/story-worker-test")["claims"]
    text = claims[0]["text"]
    assert posted["claims"]
    for _ in range(40):   # new connections until the other worker answers one
        assert search(a, text, "worker-test")[0] == text
        if set(answering_pid(a, "worker-test")) - {poster}:
            break
    else:
        pytest.fail("every search was answered by the worker that took the post")


def test_two_instances_on_one_postgresql_find_each_others_posts(servers, seed_texts):
    a, b = servers
    for source, target, outlet, text in ((b, a, "host-b", seed_texts["B"]), (a, b, "host-a", seed_texts["A"])):
        post(source, outlet, text)
        claim = call(source, "GET", f"/v1/stories/story-{outlet}")["claims"][1]["text"]
        deadline = time.monotonic() + 5
        while search(target, claim, outlet)[:1] != [claim]:
            assert time.monotonic() < deadline, f"{outlet}'s claim not found on the other instance within 5 s"
            time.sleep(0.2)
