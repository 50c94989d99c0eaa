"""Asynchronous compares: the store's database is the queue (the `jobs` table).

POST /v1/jobs stores the request as a queued job; a worker process (`factcheck jobs work`) claims the oldest one,
runs the same pipeline as /v1/compare on it with no request deadline (the claims cap still holds) and stores the
same report, or the error a compare would have answered. Claiming is one statement: on PostgreSQL the row is
picked with `FOR UPDATE SKIP LOCKED`, so workers never wait on each other; on SQLite the UPDATE … WHERE id =
(SELECT …) is atomic under SQLite's single writer. A running job whose lease ran out (its worker died) is claimed
again, up to MAX_ATTEMPTS times in all.
"""
from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from datetime import timedelta
from typing import Callable, Optional

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from service.store.models import Job, utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
STATUSES = ("queued", "running", "done", "failed")


def enqueue(session: Session, request: dict, api_key_id: Optional[int]) -> Job:
    job = Job(id=uuid.uuid4().hex, status="queued", request=request, api_key_id=api_key_id, attempts=0,
              created_at=utcnow())
    session.add(job)
    session.flush()
    return job


def claim(session: Session, worker: str, lease_s: float) -> Optional[str]:
    """Take the oldest claimable job for this worker and commit; its id, or None when the queue is empty."""
    now = utcnow()
    claimable = or_(Job.status == "queued",
                    (Job.status == "running") & (Job.lease_until < now) & (Job.attempts < MAX_ATTEMPTS))
    pick = (select(Job.id).where(claimable).order_by(Job.created_at, Job.id).limit(1)
            .with_for_update(skip_locked=True))    # SQLite compiles no FOR UPDATE; its UPDATE is atomic anyway
    claimed = session.execute(
        update(Job).where(Job.id == pick.scalar_subquery(), claimable)
        .values(status="running", worker=worker[:100], started_at=now, lease_until=now + timedelta(seconds=lease_s),
                attempts=Job.attempts + 1)
        .returning(Job.id)).scalar()
    session.commit()
    return claimed


def finish(session: Session, job_id: str, worker: str, result: Optional[dict] = None,
           error: Optional[dict] = None) -> bool:
    """Store the outcome of a claimed job (only while this worker still holds it); True if it was stored."""
    stored = session.execute(
        update(Job).where(Job.id == job_id, Job.worker == worker[:100], Job.status == "running")
        .values(status="failed" if error else "done", result=result, error=error, finished_at=utcnow(),
                lease_until=None)).rowcount
    session.commit()
    return bool(stored)


def expire_abandoned(session: Session) -> int:
    """Jobs whose last allowed attempt's lease ran out are failed (their worker died each time)."""
    count = session.execute(
        update(Job).where(Job.status == "running", Job.lease_until < utcnow(), Job.attempts >= MAX_ATTEMPTS)
        .values(status="failed", finished_at=utcnow(), lease_until=None,
                error={"code": "job_abandoned", "message": f"The job's worker stopped {MAX_ATTEMPTS} times "
                       "before finishing it; post the story again, or as fewer or shorter sources."})).rowcount
    session.commit()
    return count


def run_request(pipeline, request: dict, max_claims: int = 0) -> dict:
    """The /v1/compare answer for a stored job request (validated again, as the API validated it): the claims
    cap holds, no deadline."""
    from service.payload import report_payload
    from service.pipeline import budget
    from service.pipeline.types import Source
    from service.schemas import CompareRequest, CompareResponse

    body = CompareRequest().load(request)
    with budget.limits(None, max_claims):
        report = pipeline.run([Source(s["id"], s["text"], s.get("published_at"), s.get("outlet"))
                               for s in body["sources"]])
    return CompareResponse().dump(report_payload(report))


def error_of(error: Exception) -> dict:
    from service.pipeline import budget

    if isinstance(error, budget.TooManyClaims):
        return {"code": "too_many_claims",
                "message": f"The story holds more than {error.limit} claims (FACTCHECK_MAX_CLAIMS; {error.count} "
                           "found before extraction stopped). Split it into smaller stories or send fewer or "
                           "shorter sources."}
    return {"code": "internal_error", "message": "The pipeline failed on this story; the error has been logged."}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def work(sessions: Callable[[], Session], pipeline, *, once: bool = False, poll_s: float = 1.0,
         lease_s: float = 900.0, max_jobs: int = 0, max_rss_mb: int = 0, max_claims: int = 0,
         should_stop: Callable[[], bool] = lambda: False) -> int:
    """Claim and run jobs until stopped (once: until the queue is empty; max_jobs: after that many; max_rss_mb:
    when this process's memory is above it after a job, so its supervisor starts a fresh one). Returns the count
    of jobs run."""
    name = worker_name()
    done = 0
    while not should_stop():
        with sessions() as session:
            expire_abandoned(session)
            job_id = claim(session, name, lease_s)
            if job_id is None:
                if once:
                    return done
                time.sleep(poll_s)
                continue
            request = session.get(Job, job_id).request
            session.rollback()
        started = time.perf_counter()
        try:
            result, error = run_request(pipeline, request, max_claims), None
        except Exception as failure:  # noqa: BLE001 - the job records it; the worker goes on
            if not hasattr(failure, "limit"):
                log.exception("job %s failed", job_id)
            result, error = None, error_of(failure)
        with sessions() as session:
            stored = finish(session, job_id, name, result, error)
        done += 1
        log.info("job %s %s in %.2f s%s", job_id, "failed" if error else "done", time.perf_counter() - started,
                 "" if stored else " (lease lost: another worker holds it now)")
        if max_jobs and done >= max_jobs:
            return done
        if max_rss_mb and rss_mb() > max_rss_mb:
            log.warning("jobs worker: RSS %.0f MiB over %s MiB; exiting so a fresh worker takes over",
                        rss_mb(), max_rss_mb)
            return done
    return done


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
