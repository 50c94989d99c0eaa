"""Load: gunicorn with 2 workers on loopback, seed-pair compares idle and under attack.

    .venv/bin/python bench/load.py [--requests 16] [--threads 4]            # plain load: N requests on T threads
    .venv/bin/python bench/load.py --attack [--requests 40] [--direct]      # the issue's bench

--attack: the seed pair posted one at a time, first on an idle service (the idle p95), then again while one
client keeps posting a 2 × 200,000-character story (bench/big_story.py) to /v1/compare and two slowloris
connections (one header line every 5 s) are open; through nginx (deploy/nginx) unless --direct. Reports the
p95 of the seed compares in both phases and their ratio (goal < 3), failed seed compares (goal 0) and what the
big story got (503 deadline_exceeded past FACTCHECK_REQUEST_DEADLINE_S: post it to /v1/jobs). The JSON
summary is the last line.
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
ENV = {"FACTCHECK_RATE_LIMIT": "100000/minute"}


def seed_body() -> dict:
    texts = {"A": "eurointegration_zapad_2025-09-15.txt", "B": "unn_zapad_2025-09-15.txt"}
    return {"sources": [{"id": k, "text": (SEEDS / name).read_text(encoding="utf-8"), "published_at": "2025-09-15"}
                        for k, name in texts.items()]}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def plain(args) -> dict:
    body = seed_body()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = iter(range(args.requests))

    with gunicorn(workers=2, env=ENV) as server:
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
    return summary


def seed_run(url: str, headers: dict, count: int) -> tuple[list[float], list[str]]:
    body = seed_body()
    session = requests.Session()
    latencies, failures = [], []
    for _ in range(count):
        started = time.perf_counter()
        try:
            response = session.post(url + "/v1/compare", json=body, headers=headers, timeout=300)
            if response.status_code != 200:
                failures.append(f"{response.status_code} {response.text[:160]}")
        except requests.RequestException as error:
            failures.append(repr(error))
            session = requests.Session()
        latencies.append(time.perf_counter() - started)
    return latencies, failures


def bench_module(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def attack(args) -> dict:
    big_story = bench_module("big_story")

    from tests.e2e.front_door import SlowClients, nginx

    big = {"sources": big_story.big_story(200_000)}
    with gunicorn(workers=2, env=ENV) as server:
        front_door = nginx(server.url) if not args.direct else None
        url = front_door.__enter__() if front_door else server.url
        try:
            seed_run(url, server.headers, 3)                                   # warm both workers
            idle, idle_failures = seed_run(url, server.headers, args.requests)
            stop = threading.Event()
            big_outcomes: list[tuple[int, float, str]] = []

            def big_client():
                session = requests.Session()
                while not stop.is_set():
                    started = time.perf_counter()
                    try:
                        response = session.post(url + "/v1/compare", json=big, headers=server.headers, timeout=600)
                        code = response.json().get("error", {}).get("code", "") if response.status_code != 200 else ""
                        big_outcomes.append((response.status_code, time.perf_counter() - started, code))
                    except requests.RequestException as error:
                        big_outcomes.append((0, time.perf_counter() - started, repr(error)[:80]))

            with SlowClients(url, headers=2) as slow:
                sender = threading.Thread(target=big_client, daemon=True)
                sender.start()
                time.sleep(3)                        # the big story is in the pipeline
                loaded, loaded_failures = seed_run(url, server.headers, args.requests)
                stop.set()
                sender.join(timeout=600)
            health = requests.get(url + "/healthz", timeout=5).status_code
        finally:
            if front_door:
                front_door.__exit__(None, None, None)
    idle_p95, loaded_p95 = percentile(idle, 0.95), percentile(loaded, 0.95)
    summary = {
        "bench": "load-attack", "via": "gunicorn" if args.direct else "nginx", "workers": 2,
        "seed_requests": args.requests, "idle_p50_ms": round(statistics.median(idle) * 1000),
        "idle_p95_ms": round(idle_p95 * 1000), "loaded_p50_ms": round(statistics.median(loaded) * 1000),
        "loaded_p95_ms": round(loaded_p95 * 1000), "p95_ratio": round(loaded_p95 / idle_p95, 2),
        "failed": len(idle_failures) + len(loaded_failures),
        "big_story": [{"status": s, "seconds": round(t, 1), "code": c} for s, t, c in big_outcomes],
        "slowloris_reopened": slow.reopened, "healthz_after": health,
    }
    for failure in (idle_failures + loaded_failures)[:5]:
        print("failed:", failure)
    print(f"via {summary['via']}: seed p95 idle {summary['idle_p95_ms']} ms, under attack {summary['loaded_p95_ms']} "
          f"ms ({summary['p95_ratio']}x; goal < 3x), failed {summary['failed']} (goal 0); big story: "
          f"{summary['big_story']}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--attack", action="store_true")
    parser.add_argument("--direct", action="store_true", help="--attack straight at gunicorn, no nginx")
    args = parser.parse_args()
    args.requests = args.requests or (40 if args.attack else 16)
    print(json.dumps(attack(args) if args.attack else plain(args)))


if __name__ == "__main__":
    main()
