"""Bounded load test: gunicorn with 2 workers on loopback, N client threads posting the seed pair.

    .venv/bin/python bench/load.py [--requests 16] [--threads 4]

Prints requests/s, latency percentiles and errors; the JSON summary is the last line. Goal: zero errors.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.attack.server import gunicorn  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def seed_body() -> dict:
    texts = {"A": "eurointegration_zapad_2025-09-15.txt", "B": "unn_zapad_2025-09-15.txt"}
    return {"sources": [{"id": k, "text": (SEEDS / name).read_text(encoding="utf-8"), "published_at": "2025-09-15"}
                        for k, name in texts.items()]}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=16)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    body = seed_body()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = iter(range(args.requests))

    with gunicorn(workers=2, env={"FACTCHECK_RATE_LIMIT": "100000/minute"}) as server:
        def client():
            session = requests.Session()
            while True:
                with lock:
                    if next(remaining, None) is None:
                        return
                started = time.perf_counter()
                try:
                    response = session.post(server.url + "/v1/compare", json=body, headers=server.headers,
                                            timeout=300)
                    ok = response.status_code == 200
                    detail = f"{response.status_code} {response.text[:120]}"
                except requests.RequestException as error:
                    ok, detail = False, repr(error)
                with lock:
                    latencies.append(time.perf_counter() - started)
                    if not ok:
                        errors.append(detail)

        requests.post(server.url + "/v1/compare", json=body, headers=server.headers, timeout=300)  # warm both paths
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started

    summary = {
        "bench": "load", "workers": 2, "threads": args.threads, "requests": len(latencies), "errors": len(errors),
        "seconds": round(elapsed, 2), "requests_per_s": round(len(latencies) / elapsed, 2),
        "p50_ms": round(statistics.median(latencies) * 1000), "p95_ms": round(percentile(latencies, 0.95) * 1000),
        "max_ms": round(max(latencies) * 1000),
    }
    for error in errors[:5]:
        print("error:", error)
    print(f"{summary['requests']} requests, {summary['errors']} errors in {summary['seconds']} s: "
          f"{summary['requests_per_s']} req/s, p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
