"""Faults in the story store: SIGKILL a gunicorn worker and restart PostgreSQL while articles are being posted.

Every post answered 2xx is stored (read back from the database directly); a post that failed was answered with
an error status in the JSON error shape (a lost database is 503 `database_unavailable` with Retry-After), or its
connection was dropped, so the client knows to retry; retrying the failed posts stores them all (a post of the
same text is idempotent); and the service answers 2xx again after the restart.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Optional

import pytest
import requests
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from service.store.models import Article
from tests.attack.server import ROOT, gunicorn
from tests.store.postgres import PostgresServer

pytestmark = pytest.mark.e2e

# Four stories, four outlets each: short texts, so each post's pipeline run stays quick.
STORIES = {
    "flood-relief": [
        "The regional council approved 4 million euros in flood relief on Monday. "
        "Repairs to the river dam will start in March, officials said.",
        "Councillors voted on Monday to release 6 million euros for flood relief. "
        "Work on the dam is due to begin in April.",
        "Flood relief of 4 million euros was approved by the council. "
        "The mayor said about 300 homes were damaged in the storm.",
        "The council set aside 4 million euros after the floods. "
        "Around 500 homes were damaged, the fire service said.",
    ],
    "rail-strike": [
        "Train drivers will strike for two days starting on Thursday. "
        "The union said 80 percent of members backed the walkout.",
        "A three-day rail strike begins on Thursday, the union announced. "
        "Some 80 percent of drivers voted in favour.",
        "Drivers plan to strike on Thursday and Friday. "
        "The operator said half of all trains would still run.",
        "The rail union confirmed a strike from Thursday. "
        "Only a third of trains will run, the operator warned.",
    ],
    "school-budget": [
        "The city will spend 12 million euros on new schools next year. "
        "Two primary schools are to open in September.",
        "City hall plans to invest 15 million euros in schools. "
        "Three new primary schools will open in September.",
        "Two new primary schools will open in the autumn. "
        "The education budget rises by 5 percent, the council said.",
        "The education budget will grow by 8 percent next year. "
        "The city plans 12 million euros of school building.",
    ],
    "airport-expansion": [
        "The airport will build a second runway by 2030. "
        "The project is expected to cost 900 million euros.",
        "A second runway is planned to open in 2032. "
        "Its cost is estimated at 1.2 billion euros.",
        "Airport officials said the new runway would create 2,000 jobs. "
        "Construction starts next spring.",
        "The runway project should create about 2,000 jobs. "
        "Work will begin in the summer, the airport said.",
    ],
}
OUTLETS = ["north-post", "daily-ledger", "city-wire", "evening-star"]


@dataclass
class Post:
    story_id: str
    outlet: str
    text: str
    kind: str = ""                 # "accepted", "error" or "dropped"
    status: Optional[int] = None
    article_id: Optional[int] = None
    body: object = None
    retry_after: Optional[str] = None

    def json(self) -> dict:
        return {"story_id": self.story_id, "outlet": self.outlet, "text": self.text, "published_at": "2025-09-15"}


def send(url: str, headers: dict, post: Post) -> Post:
    """One POST /v1/articles; the outcome recorded on post."""
    try:
        response = requests.post(url + "/v1/articles", json=post.json(), headers=headers, timeout=120)
    except requests.ConnectionError:
        post.kind, post.status, post.body = "dropped", None, None
        return post
    post.status = response.status_code
    try:
        post.body = response.json()
    except ValueError:
        post.body = response.text
    if 200 <= response.status_code < 300:
        post.kind, post.article_id = "accepted", post.body["id"]
    else:
        post.kind = "error"
        post.retry_after = response.headers.get("Retry-After")
    return post


def is_error_shape(body) -> bool:
    return (isinstance(body, dict) and set(body) == {"error"} and isinstance(body["error"], dict)
            and isinstance(body["error"].get("code"), str) and isinstance(body["error"].get("message"), str))


def create_cms_key(database_url: str) -> str:
    env = dict(os.environ, FACTCHECK_DATABASE_URL=database_url)
    done = subprocess.run([sys.executable, "-m", "service.cli", "keys", "create", "--role", "cms",
                           "--name", "fault test"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture()
def postgres():
    server = PostgresServer().start()
    yield server
    server.stop()


def test_posts_survive_a_worker_kill_and_a_database_restart(postgres):
    database_url = postgres.create_database("faults")
    with gunicorn(workers=2, env={"FACTCHECK_RATE_LIMIT": "100000/minute"}, database_url=database_url) as server:
        headers = {"Authorization": f"Bearer {create_cms_key(database_url)}"}
        # Two clients, two stories each, so the clients never race each other on one story (that is a 409).
        names = list(STORIES)
        lanes = [[Post(story, outlet, STORIES[story][i]) for i, outlet in enumerate(OUTLETS) for story in group]
                 for group in (names[:2], names[2:])]
        done: list[Post] = []
        lock = threading.Lock()

        def client(posts: list[Post]):
            for post in posts:
                send(server.url, headers, post)
                with lock:
                    done.append(post)
                time.sleep(0.15)  # a steady trickle, so the faults land among posts

        def wait_for(count: int, limit: float = 60) -> None:
            deadline = time.monotonic() + limit
            while len(done) < count and time.monotonic() < deadline:
                time.sleep(0.05)

        threads = [threading.Thread(target=client, args=(lane,)) for lane in lanes]
        started = time.monotonic()
        for t in threads:
            t.start()

        wait_for(3)                                    # (a) SIGKILL a worker, with posts in flight
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(8)                                    # (b) restart PostgreSQL, with posts in flight
        postgres.restart()
        for t in threads:
            t.join(timeout=180)
        assert not any(t.is_alive() for t in threads)
        elapsed = time.monotonic() - started

        posts = [p for lane in lanes for p in lane]
        assert len(done) == len(posts) == 16
        accepted = [p for p in posts if p.kind == "accepted"]
        failed = [p for p in posts if p.kind != "accepted"]

        # Every 2xx is stored: read the articles back from PostgreSQL itself.
        engine = create_engine(database_url)
        try:
            with Session(engine) as session:
                rows = {a.id: a for a in session.scalars(select(Article))}
                stored = [p for p in accepted if p.article_id in rows
                          and (rows[p.article_id].story_id, rows[p.article_id].outlet, rows[p.article_id].text)
                          == (p.story_id, p.outlet, p.text)]
        finally:
            engine.dispose()
        lost = len(accepted) - len(stored)
        how = ", ".join(f"{p.kind} {p.status}" if p.status else p.kind for p in failed) or "none"
        print(f"\nstore faults: accepted {len(accepted)}, stored {len(stored)}, lost {lost}, "
              f"failed {len(failed)} ({how}) in {elapsed:.1f}s")
        assert lost == 0, [(p.story_id, p.outlet, p.article_id) for p in accepted if p not in stored]

        # A failed post was answered with an error in the JSON error shape (no stack trace), or dropped.
        for p in failed:
            assert p.kind in ("error", "dropped")
            if p.kind == "error":
                assert p.status >= 400 and is_error_shape(p.body), (p.status, p.body)
                assert "Traceback" not in str(p.body) and "sqlalchemy" not in str(p.body).lower(), p.body
                assert p.status != 500, (f"a database fault leaked out as 500: {p.body}\n"
                                         + server.log_path.read_text(errors="replace")[-15000:])
                if p.status == 503:
                    assert p.body["error"]["code"] == "database_unavailable" and int(p.retry_after) >= 1, p.retry_after
        assert len(accepted) >= 4, [(p.kind, p.status, p.body) for p in posts]

        # The master replaced the killed worker; the service answers 2xx again, and every retry is stored.
        replaced = server.worker_pids()
        assert victim not in replaced and len(replaced) == 2
        for p in failed:
            send(server.url, headers, p)
            assert p.kind == "accepted", (p.status, p.body)
        again = requests.get(server.url + "/v1/stories/flood-relief", headers=headers, timeout=30)
        assert again.status_code == 200
        engine = create_engine(database_url)
        try:
            with Session(engine) as session:
                texts = {(a.story_id, a.outlet, a.text) for a in session.scalars(select(Article))}
        finally:
            engine.dispose()
        assert texts == {(p.story_id, p.outlet, p.text) for p in posts}
