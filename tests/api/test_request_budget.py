"""Bounded work per request: a cooperative deadline (503 deadline_exceeded naming /v1/jobs) and a claims cap (422)."""
import dataclasses
import time

import pytest

from service.pipeline import budget


def test_the_deadline_stops_a_run_at_its_next_check_and_is_per_block():
    budget.check("outside")                      # no deadline: nothing expires
    with budget.limits(0.05):
        budget.check("early")
        time.sleep(0.06)
        with pytest.raises(budget.DeadlineExceeded) as stopped:
            budget.check("late")
    assert stopped.value.stage == "late" and stopped.value.seconds == 0.05
    budget.check("after the block")
    with budget.limits(0):                       # 0 turns it off
        time.sleep(0.01)
        budget.check("off")


def test_the_claims_cap():
    budget.check_claims(10**6)                   # outside limits(): no cap
    with budget.limits(max_claims=10):
        budget.check_claims(10)
        with pytest.raises(budget.TooManyClaims):
            budget.check_claims(11)
    with budget.limits(max_claims=0):
        budget.check_claims(10**6)               # 0: no cap


def make_app(pipeline, tmp_path, role="cms", **overrides):
    from service import create_app
    from service.auth import create_key
    from service.store import db

    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{tmp_path / 's.db'}", **overrides)
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False}, settings=settings, pipeline=pipeline)
    with app.app_context():
        key = create_key(db.session(), role)[1]
        db.session().commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def seed_body(seed_texts):
    return {"sources": [{"id": k, "text": v, "published_at": "2025-09-15"} for k, v in seed_texts.items()]}


# Any key could take a worker down (issue 13), cms included: the refusals hold for the newsroom's key as for admin's.
ROLES = pytest.mark.parametrize("role", ["cms", "admin"])


@ROLES
def test_a_compare_past_the_deadline_is_503_naming_the_jobs_path(pipeline, tmp_path, seed_texts, role):
    client = make_app(pipeline, tmp_path, role, request_deadline_s=0.001)
    response = client.post("/v1/compare", json=seed_body(seed_texts))
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "deadline_exceeded" and "POST /v1/jobs" in error["message"]
    assert "Retry-After" not in response.headers          # the same story would take as long again
    article = client.post("/v1/articles", json={"story_id": "s", "outlet": "A", "text": seed_texts["A"],
                                                "published_at": "2025-09-15"})
    assert article.status_code == 503 and article.get_json()["error"]["code"] == "deadline_exceeded"


@ROLES
def test_a_story_over_the_claims_cap_is_422_before_it_is_embedded(pipeline, tmp_path, seed_texts, monkeypatch, role):
    client = make_app(pipeline, tmp_path, role, max_claims=10)
    embedded = []
    monkeypatch.setattr(pipeline.embedder, "encode", lambda texts, **kw: embedded.append(texts))
    response = client.post("/v1/compare", json=seed_body(seed_texts))
    assert response.status_code == 422 and not embedded
    error = response.get_json()["error"]
    assert error["code"] == "too_many_claims" and error["field"] == "sources" and "10 claims" in error["message"]
    article = client.post("/v1/articles", json={"story_id": "s", "outlet": "A", "text": seed_texts["A"],
                                                "published_at": "2025-09-15"})
    assert article.status_code == 422 and not embedded
    assert article.get_json()["error"]["code"] == "too_many_claims"


def test_within_the_budget_the_answer_is_unchanged(pipeline, tmp_path, seed_texts):
    client = make_app(pipeline, tmp_path, request_deadline_s=120, max_claims=5000)
    response = client.post("/v1/compare", json=seed_body(seed_texts))
    assert response.status_code == 200 and response.get_json()["findings"]


def test_a_stage_that_would_end_past_the_deadline_is_not_started():
    with budget.limits(10):
        budget.check_ahead("claims", 5)                 # fits
        with pytest.raises(budget.DeadlineExceeded) as stopped:
            budget.check_ahead("claims", 30)            # would end 20 s past it
    assert "would take about 30 s" in stopped.value.stage
    budget.check_ahead("claims", 10**6)                 # no deadline: no look ahead
