"""A post runs the pipeline outside any transaction, so the store keeps serving reviewers meanwhile (SQLite and
PostgreSQL); a post that another post overtook while its pipeline ran is checked again on the new state."""
import threading
import time

from service.store import db
from service.store.ingest import latest_articles
from tests.store.conftest import post_article

SEED = "The regional council approved a budget of 4 million euros for new schools on Monday."


class SlowPipeline:
    """The store's pipeline, its first run held up as a long story's would be (this test only)."""

    def __init__(self, inner, seconds: float):
        self.inner, self.seconds = inner, seconds
        self.started = threading.Event()
        self.runs = 0

    def run(self, sources):
        self.runs += 1
        if self.runs == 1:
            self.started.set()
            time.sleep(self.seconds)
        return self.inner.run(sources)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def open_item(cms, reviewer):
    assert post_article(cms, "s1", "A", SEED).status_code == 201
    assert post_article(cms, "s1", "B", SEED.replace("4 million", "9 million")).status_code == 201
    return reviewer.get("/v1/triage").get_json()["items"][0]


def slow_post_in_thread(store_app, cms, outlet, text, seconds=3.0):
    slow = SlowPipeline(store_app.extensions["factcheck.store_pipeline"], seconds)
    store_app.extensions["factcheck.store_pipeline"] = slow
    answer = {}
    thread = threading.Thread(target=lambda: answer.update(response=post_article(cms, "s1", outlet, text)))
    thread.start()
    assert slow.started.wait(30)
    return slow, thread, answer


def test_a_decision_during_a_slow_post_completes_within_a_second(store_app, cms, reviewer, database_url):
    item = open_item(cms, reviewer)
    _, thread, answer = slow_post_in_thread(store_app, cms, "C", SEED.replace("4 million", "7 million"))
    started = time.perf_counter()
    decision = reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "confirm"})
    waited = time.perf_counter() - started
    thread.join(60)
    print(f"decision during a 3 s post on {database_url.split(':')[0]}: {waited:.3f} s")
    assert decision.status_code == 200, decision.get_json()
    assert waited < 1.0
    assert answer["response"].status_code == 201, answer["response"].get_json()
    assert reviewer.get(f"/v1/triage/{item['id']}").get_json()["status"] == "confirmed"


def test_a_post_overtaken_while_its_pipeline_ran_is_checked_on_the_stories_new_state(store_app, cms, reviewer):
    open_item(cms, reviewer)
    slow, thread, answer = slow_post_in_thread(store_app, cms, "C", SEED.replace("4 million", "7 million"))
    assert post_article(cms, "s1", "D", SEED.replace("4 million", "8 million")).status_code == 201
    thread.join(60)
    assert answer["response"].status_code == 201, answer["response"].get_json()
    assert slow.runs == 3   # C's first run, D's, and C's again on the story with D in it
    with store_app.app_context():
        assert [a.outlet for a in latest_articles(db.session(), "s1")] == ["A", "B", "D", "C"]   # D was stored first


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    from sqlalchemy import text

    engine = db.make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == db.SQLITE_BUSY_TIMEOUT_MS
    engine.dispose()
