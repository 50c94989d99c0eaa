"""Request limits: body size, sources, characters per source (tests/test_errors.py), and rate limits per key."""
import time

import pytest

from service import create_app
from service.limits import rate_limit_key
from service.settings import Settings

BAD_BODY = {"sources": []}  # refused (401 without a valid key, else 422) without the models; still counted


@pytest.fixture()
def limited_app(tmp_path):
    settings = Settings(warm_on_start=False, rate_limit="3/minute", database_url=f"sqlite:///{tmp_path}/store.db")
    return create_app({"TESTING": True}, settings=settings)


@pytest.fixture()
def limited(limited_app):
    return limited_app.test_client()


@pytest.fixture()
def real_keys(limited_app):
    """Keys the store knows: only a valid key gets a counter of its own."""
    from service.auth import create_key
    from service.store import db

    with limited_app.app_context():
        keys = {name: create_key(db.session(), "cms", name=name)[1] for name in ("newsroom-1", "newsroom-2",
                                                                                 "prober")}
        db.session().commit()
    return keys


def exhaust(client, headers):
    statuses = [client.post("/v1/compare", json=BAD_BODY, headers=headers).status_code for _ in range(3)]
    assert len(set(statuses)) == 1 and statuses[0] in (401, 422)
    return client.post("/v1/compare", json=BAD_BODY, headers=headers)


def test_over_the_limit_is_429_with_retry_after_and_the_error_shape(limited, real_keys):
    response = exhaust(limited, {"X-API-Key": real_keys["newsroom-1"]})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert set(response.get_json()) == {"error"}
    # Retry-After is the wait until the breached one-minute window resets, as the limiter reports that reset.
    retry_after = int(response.headers["Retry-After"])
    until_reset = int(response.headers["X-RateLimit-Reset"]) - time.time()
    assert 1 <= retry_after <= 60 and abs(retry_after - until_reset) <= 2
    assert response.headers["X-RateLimit-Limit"] == "3"


def test_limits_are_per_key(limited, real_keys):
    assert exhaust(limited, {"Authorization": f"Bearer {real_keys['newsroom-1']}"}).status_code == 429
    # Bearer and X-API-Key name the same key.
    assert limited.post("/v1/compare", json=BAD_BODY,
                        headers={"X-API-Key": real_keys["newsroom-1"]}).status_code == 429
    assert limited.post("/v1/compare", json=BAD_BODY,
                        headers={"X-API-Key": real_keys["newsroom-2"]}).status_code != 429
    # Without a key, the caller's address is the key, which has its own budget.
    assert limited.post("/v1/compare", json=BAD_BODY).status_code != 429


def test_unknown_keys_share_their_address_budget_not_a_fresh_counter_each(limited, real_keys):
    statuses = [limited.post("/v1/compare", json=BAD_BODY, headers={"X-API-Key": f"random-{i}"}).status_code
                for i in range(5)]
    assert statuses[:3] == [401, 401, 401] and statuses[3:] == [429, 429]
    # a valid key from the same address keeps its own budget
    assert limited.post("/v1/compare", json=BAD_BODY,
                        headers={"X-API-Key": real_keys["newsroom-2"]}).status_code == 422


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/openapi.json"])
def test_probes_docs_and_metrics_are_exempt(limited, real_keys, path):
    headers = {"X-API-Key": real_keys["prober"]}
    exhaust(limited, headers)
    statuses = {limited.get(path, headers=headers).status_code for _ in range(5)}
    assert 429 not in statuses and statuses <= {200, 503}


def test_the_limiter_never_sees_the_raw_key(app, api_keys):
    with app.test_request_context(headers={"Authorization": f"Bearer {api_keys['cms']}"}):
        key = rate_limit_key()
    assert key.startswith("key:") and api_keys["cms"] not in key
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        assert rate_limit_key() == "addr:192.0.2.7"


def test_redis_url_selects_redis_storage():
    settings = Settings(warm_on_start=False, redis_url="redis://127.0.0.1:1/0")
    app = create_app({"TESTING": True}, settings=settings)
    (limiter,) = app.extensions["limiter"]
    assert type(limiter.storage).__name__ == "RedisStorage"


def test_unreachable_redis_falls_back_to_memory_not_500():
    # Port 1 on loopback refuses connections: the limiter must keep answering (in memory), never 500.
    settings = Settings(warm_on_start=False, redis_url="redis://127.0.0.1:1/0", rate_limit="2/minute")
    client = create_app({"TESTING": True}, settings=settings).test_client()
    statuses = [client.post("/v1/compare", json=BAD_BODY, headers={"X-API-Key": "k"}).status_code
                for _ in range(4)]
    assert statuses[2:] == [429, 429] and 500 not in statuses


def test_only_a_refusal_carries_retry_after_and_a_503_keeps_its_own(tmp_path):
    import psycopg
    from sqlalchemy.exc import OperationalError

    from service import errors
    from service.auth import create_key
    from service.store import db

    settings = Settings(warm_on_start=False, rate_limit="3/minute", database_url=f"sqlite:///{tmp_path}/store.db")
    app = create_app({"TESTING": True}, settings=settings)

    @app.get("/v1/database-gone")
    def database_gone():
        raise OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused"))

    with app.app_context():
        key = create_key(db.session(), "cms", name="limits")[1]
        db.session().commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    refused = client.post("/v1/compare", json=BAD_BODY)
    assert refused.status_code == 422 and "Retry-After" not in refused.headers
    assert refused.headers["X-RateLimit-Remaining"] == "2"
    unavailable = client.get("/v1/database-gone")
    assert unavailable.status_code == 503
    assert int(unavailable.headers["Retry-After"]) == errors.DATABASE_RETRY_AFTER


def test_a_lost_database_counts_the_key_under_its_address_and_other_errors_still_raise(app, api_keys, monkeypatch):
    from sqlalchemy.exc import OperationalError, ProgrammingError

    import service.auth

    def lost(session, key):
        raise OperationalError("SELECT", {}, Exception("terminating connection due to administrator command"))
    monkeypatch.setattr(service.auth, "find_key", lost)
    headers = {"Authorization": f"Bearer {api_keys['cms']}"}
    with app.test_request_context(headers=headers, environ_base={"REMOTE_ADDR": "192.0.2.8"}):
        assert rate_limit_key() == "addr:192.0.2.8"

    def broken(session, key):
        raise ProgrammingError("SELECT", {}, Exception("syntax error"))
    monkeypatch.setattr(service.auth, "find_key", broken)
    with app.test_request_context(headers=headers), pytest.raises(ProgrammingError):
        rate_limit_key()
