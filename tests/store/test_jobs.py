"""POST /v1/jobs → 202 + Location, GET /v1/jobs/{id} → queued / running / done (the /v1/compare report) / failed;
the queue is the store's database: claims are exclusive (SKIP LOCKED on PostgreSQL, an atomic UPDATE on SQLite)."""
from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy.orm import sessionmaker

from service.store import jobs as queue
from service.store.db import make_engine
from service.store.models import Job, utcnow
from tests.store.conftest import as_role


def seed_body(seed_texts):
    return {"sources": [{"id": k, "text": v, "published_at": "2025-09-15"} for k, v in seed_texts.items()]}


def sessions_for(database_url):
    return sessionmaker(make_engine(database_url), expire_on_commit=False)


def test_a_job_is_queued_then_run_by_a_worker_with_the_report_compare_gives(store_app, keys, cms, database_url,
                                                                            pipeline, seed_texts):
    body = seed_body(seed_texts)
    posted = cms.post("/v1/jobs", json=body)
    assert posted.status_code == 202
    job = posted.get_json()
    assert job["status"] == "queued" and posted.headers["Location"].endswith(f"/v1/jobs/{job['id']}")
    assert cms.get(posted.headers["Location"]).get_json()["status"] == "queued"

    assert queue.work(sessions_for(database_url), pipeline, once=True) == 1
    done = cms.get(f"/v1/jobs/{job['id']}").get_json()
    assert done["status"] == "done" and done["attempts"] == 1 and done["finished_at"]
    compared = cms.post("/v1/compare", json=body).get_json()
    assert done["report"] == compared


def test_a_job_is_seen_only_by_its_key_and_admins_and_needs_a_key(store_app, keys, cms, seed_texts):
    job_id = cms.post("/v1/jobs", json=seed_body(seed_texts)).get_json()["id"]
    assert as_role(store_app, keys, "reviewer").get(f"/v1/jobs/{job_id}").status_code == 404
    assert as_role(store_app, keys, "admin").get(f"/v1/jobs/{job_id}").status_code == 200
    anonymous = store_app.test_client()
    assert anonymous.post("/v1/jobs", json=seed_body(seed_texts)).status_code == 401
    assert anonymous.get(f"/v1/jobs/{job_id}").status_code == 401
    missing = cms.get("/v1/jobs/" + "0" * 32)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    assert cms.get("/v1/jobs/" + "x" * 5000).status_code == 404


def test_a_job_body_is_validated_as_a_compare_body(store_app, cms, seed_texts):
    one = cms.post("/v1/jobs", json={"sources": [{"id": "A", "text": "x"}]})
    assert one.status_code == 422 and one.get_json()["error"]["field"] == "sources"
    huge = cms.post("/v1/jobs", json={"sources": [{"id": "A", "text": "a " * 150_000}, {"id": "B", "text": "b"}]})
    assert huge.status_code == 413 and huge.get_json()["error"]["field"] == "sources[0].text"


def test_a_story_over_the_claims_cap_fails_with_the_error_compare_gives(store_app, cms, database_url, pipeline,
                                                                       seed_texts):
    job_id = cms.post("/v1/jobs", json=seed_body(seed_texts)).get_json()["id"]
    queue.work(sessions_for(database_url), pipeline, once=True, max_claims=10)
    failed = cms.get(f"/v1/jobs/{job_id}").get_json()
    assert failed["status"] == "failed" and failed["error"]["code"] == "too_many_claims" and "report" not in failed


def test_two_workers_never_claim_one_job(store_app, database_url):
    sessions = sessions_for(database_url)
    with sessions() as session:
        ids = {queue.enqueue(session, {"sources": []}, None).id for _ in range(30)}
        session.commit()
    claimed: list[str] = []
    lock = threading.Lock()

    def worker(name):
        while True:
            with sessions() as session:
                job_id = queue.claim(session, name, 60)
            if job_id is None:
                return
            with lock:
                claimed.append(job_id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(ids)          # each exactly once
    with sessions() as session:
        assert queue.claim(session, "late", 60) is None


def test_a_job_whose_worker_died_is_claimed_again_and_failed_after_the_last_attempt(store_app, database_url):
    sessions = sessions_for(database_url)
    with sessions() as session:
        job_id = queue.enqueue(session, {"sources": []}, None).id
        session.commit()
    for attempt in range(1, queue.MAX_ATTEMPTS + 1):
        with sessions() as session:
            assert queue.claim(session, f"dead{attempt}", 60) == job_id
            session.get(Job, job_id).lease_until = utcnow() - timedelta(seconds=1)   # its worker died
            session.commit()
            assert not queue.finish(session, job_id, "someone else", result={})    # only the holder stores
    with sessions() as session:
        assert queue.claim(session, "next", 60) is None
        assert queue.expire_abandoned(session) == 1
        job = session.get(Job, job_id)
        assert job.status == "failed" and job.error["code"] == "job_abandoned" and job.attempts == 3
