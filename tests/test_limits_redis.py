"""Rate limits that hold: counters in a real redis-server are shared by workers and survive a restart; failed
authentications have a budget per address; unknown keys get no counter of their own."""
from __future__ import annotations

import shutil

import pytest

from service import create_app
from service.settings import Settings
from tests.redis_server import RedisServer

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server: make install-dev")
BAD_BODY = {"sources": []}   # 422 for a valid key, without the models


@pytest.fixture(scope="module")
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture()
def store(tmp_path):
    return f"sqlite:///{tmp_path}/store.db"


def worker(redis_url: str, store: str, **settings):
    """One app as one gunicorn worker would build it: its own process memory, the shared Redis."""
    options = dict(warm_on_start=False, rate_limit="5/minute", redis_url=redis_url, database_url=store)
    options.update(settings)
    return create_app({"TESTING": True}, settings=Settings(**options))


def a_key(app) -> str:
    from service.auth import create_key
    from service.store import db

    with app.app_context():
        key = create_key(db.session(), "cms")[1]
        db.session().commit()
    return key


def post(app, key=None, address="192.0.2.10"):
    headers = {"X-API-Key": key} if key else {}
    return app.test_client().post("/v1/compare", json=BAD_BODY, headers=headers,
                                  environ_base={"REMOTE_ADDR": address})


def test_workers_share_one_counter_and_a_restart_keeps_it(redis_server, store):
    first, second = worker(redis_server.url, store), worker(redis_server.url, store)
    (limiter,) = first.extensions["limiter"]
    assert type(limiter.storage).__name__ == "RedisStorage"
    key = a_key(first)
    statuses = [post(app, key).status_code for app in (first, second) * 3]   # alternating workers
    assert statuses == [422] * 5 + [429]
    restarted = worker(redis_server.url, store)     # a worker restart forgets nothing
    refused = post(restarted, key)
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_in_memory_counters_are_per_process(store):
    # What memory mode does not promise (README): each worker counts alone, and a restart starts from zero.
    first, second = worker("", store), worker("", store)
    key = a_key(first)
    statuses = [post(app, key).status_code for app in (first, second) * 3]
    assert 429 not in statuses


def test_random_keys_share_the_address_budget(redis_server, store):
    app = worker(redis_server.url, store, rate_limit="5/minute", auth_failure_limit="")
    statuses = [post(app, f"guess-{i}", address="192.0.2.20").status_code for i in range(7)]
    assert statuses == [401] * 5 + [429, 429]
    assert post(app, "guess-x", address="192.0.2.21").status_code == 401     # another address: its own budget


def test_failed_authentications_lock_the_address_out_until_the_window_resets(redis_server, store):
    apps = [worker(redis_server.url, store, rate_limit="1000/minute", auth_failure_limit="3/minute")
            for _ in range(2)]
    key = a_key(apps[0])
    statuses = [post(apps[i % 2], f"wrong-{i}", address="192.0.2.30").status_code for i in range(5)]
    assert statuses == [401, 401, 401, 429, 429]          # counted across workers
    locked = post(apps[0], key, address="192.0.2.30")    # even a valid key, until the window resets
    assert locked.status_code == 429 and "failed authentications" in locked.get_json()["error"]["message"]
    assert 1 <= int(locked.headers["Retry-After"]) <= 60
    assert post(apps[1], key, address="192.0.2.31").status_code == 422      # other addresses are untouched
    assert post(apps[1], address="192.0.2.30").status_code == 401           # no key: nothing to guess, plain 401
