"""Throughput of the jobs queue: N seed-pair jobs queued in a fresh store, drained by `factcheck jobs work`.

    .venv/bin/python bench/jobs.py [--jobs 20] [--workers 1 2] [--postgres]

Jobs are queued straight into the store (as POST /v1/jobs does), then W worker processes (`factcheck jobs work
--once`) run them. Jobs/min counts from the first job's start to the last one's finish (the workers' model
warm-up is left out and printed apart). Every job must end done, each run by exactly one worker. The last line
is a JSON summary.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from tests.conftest import SEEDS  # noqa: E402


def seed_body() -> dict:
    texts = {"A": "eurointegration_zapad_2025-09-15.txt", "B": "unn_zapad_2025-09-15.txt"}
    return {"sources": [{"id": k, "text": (SEEDS / name).read_text(encoding="utf-8"), "published_at": "2025-09-15"}
                        for k, name in texts.items()]}
from service.store import jobs as queue  # noqa: E402
from service.store.db import make_engine, upgrade  # noqa: E402
from service.store.models import Job  # noqa: E402

FACTCHECK = Path(sys.executable).parent / "factcheck"


def drain(url: str, jobs: int, workers: int) -> dict:
    upgrade(url)
    sessions = sessionmaker(make_engine(url), expire_on_commit=False)
    body = seed_body()
    with sessions() as session:
        for _ in range(jobs):
            queue.enqueue(session, body, None)
        session.commit()
    env = dict(os.environ, FACTCHECK_DATABASE_URL=url, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false", OMP_NUM_THREADS=str(max(1, (os.cpu_count() or 1) // workers)),
               FACTCHECK_LOG_LEVEL="WARNING")
    started = time.perf_counter()
    procs = [subprocess.Popen([str(FACTCHECK), "jobs", "work", "--once", "--poll", "0.2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(workers)]
    counts = []
    for proc in procs:
        _, err = proc.communicate(timeout=3600)
        counts.append(next((int(line.split(": ")[1].split()[0]) for line in err.splitlines() if "jobs run" in line), 0))
    wall = time.perf_counter() - started
    with sessions() as session:
        statuses = dict(session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
        first = session.scalar(select(func.min(Job.started_at)))
        last = session.scalar(select(func.max(Job.finished_at)))
        attempts = session.scalar(select(func.max(Job.attempts)))
    busy = (last - first).total_seconds()
    return {"workers": workers, "jobs": jobs, "statuses": statuses, "runs_per_worker": counts,
            "max_attempts": attempts, "busy_s": round(busy, 2), "wall_s": round(wall, 2),
            "jobs_per_min": round(jobs / busy * 60, 1), "warmup_and_start_s": round(wall - busy, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL instead of SQLite")
    args = parser.parse_args()
    rows = []
    server = None
    if args.postgres:
        from tests.store.postgres import PostgresServer

        server = PostgresServer().start()
    try:
        for n, workers in enumerate(args.workers):
            if server:
                url = server.create_database(f"bench_jobs_{n}")
            else:
                url = f"sqlite:///{tempfile.mkdtemp(prefix='factcheck-jobs-')}/store.db"
            row = drain(url, args.jobs, workers)
            row["database"] = "postgresql" if server else "sqlite"
            assert row["statuses"] == {"done": args.jobs} and row["max_attempts"] == 1, row
            print(f"{row['database']}, {workers} worker(s): {args.jobs} jobs in {row['busy_s']} s = "
                  f"{row['jobs_per_min']} jobs/min (runs per worker {row['runs_per_worker']}; "
                  f"start + warm-up {row['warmup_and_start_s']} s)", flush=True)
            rows.append(row)
    finally:
        if server:
            server.stop()
    print(json.dumps({"bench": "jobs", "rows": rows}))


if __name__ == "__main__":
    main()
