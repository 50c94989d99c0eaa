"""Memory: total PSS of gunicorn (master + 2 workers) after warm-up and a few requests. Goal: < 1.6 GiB.

    .venv/bin/python bench/memory.py

PSS splits each shared page between the processes sharing it, so the sum counts the weights that
--preload shares between workers once. Prints figures per process; the JSON summary is the last line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.load import seed_body  # noqa: E402
from tests.attack.server import gunicorn  # noqa: E402

GOAL_GIB = 1.6


def rollup(pid: int) -> dict[str, int]:
    """smaps_rollup fields in bytes."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[-1] == "kB":
            values[name.strip()] = int(parts[0]) * 1024
    return values


def main() -> None:
    with gunicorn(workers=2, env={"FACTCHECK_RATE_LIMIT": "100000/minute"}) as server:
        body = seed_body()
        for _ in range(6):  # enough for both workers to run the whole pipeline
            assert requests.post(server.url + "/v1/compare", json=body, headers=server.headers,
                                 timeout=300).status_code == 200
        pids = [("master", server.master_pid)] + [("worker", pid) for pid in server.worker_pids()]
        rows = [(role, pid, rollup(pid)) for role, pid in pids]
    gib = 1024 ** 3
    for role, pid, values in rows:
        print(f"{role:6} {pid:>7}  PSS {values['Pss'] / gib:.3f} GiB  RSS {values['Rss'] / gib:.3f} GiB")
    total = sum(values["Pss"] for _, _, values in rows)
    rss = sum(values["Rss"] for _, _, values in rows)
    print(f"total PSS {total / gib:.3f} GiB (goal < {GOAL_GIB} GiB); RSS summed {rss / gib:.3f} GiB")
    print(json.dumps({"bench": "memory", "processes": len(rows), "workers": len(rows) - 1,
                      "pss_gib": round(total / gib, 3), "rss_sum_gib": round(rss / gib, 3),
                      "goal_gib": GOAL_GIB, "within_goal": total / gib < GOAL_GIB}))


if __name__ == "__main__":
    main()
