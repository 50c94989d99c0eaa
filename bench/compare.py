"""Warm latency of POST /v1/compare on the seed pair vs naive all-pairs NLI on the same claims.

Usage: .venv/bin/python bench/compare.py [--runs N]
Prints p50/p95 of the service, the time of scoring every cross-source claim pair with the NLI model,
the ratio, and the gold score of each; the last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tests.support import load_scorer  # noqa: E402


def bench_key(app) -> str:
    """A fresh cms key in the app's own store (a temporary SQLite file unless FACTCHECK_DATABASE_URL is set)."""
    from service import auth
    from service.store import db

    with app.app_context():
        _, key = auth.create_key(db.session(), "cms", "bench")
        db.session().commit()
    return key


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def all_pairs_nli(pipeline, payload):
    """The naive baseline: every cross-source claim pair through the NLI model, labelled by NLI alone."""
    claims = [c for c in payload["claims"] if c["role"] != "link"]
    by_source = {}
    for c in claims:
        by_source.setdefault(c["source"], []).append(c)
    sources = sorted(by_source)
    pairs = [(a, b) for i, s in enumerate(sources) for t in sources[i + 1:] for a, b in product(by_source[s], by_source[t])]
    started = time.perf_counter()
    forward = pipeline.nli.score([a["text"] for a, _ in pairs], [b["text"] for _, b in pairs])
    backward = pipeline.nli.score([b["text"] for _, b in pairs], [a["text"] for a, _ in pairs])
    elapsed = time.perf_counter() - started
    cal = pipeline.thresholds
    matches = []
    for (a, b), f, r in zip(pairs, forward, backward):
        if min(f, r) >= cal.contradiction:
            matches.append({"claims": [a["id"], b["id"]], "verdict": "discrepancy", "type": "other"})
        elif cal.supported_low <= max(f, r) < cal.supported_high:
            matches.append({"claims": [a["id"], b["id"]], "verdict": "agree"})
    covered = {i for m in matches for i in m["claims"]}
    unique = [{"claim": c["id"], "missing_from": [s for s in sources if s != c["source"]]}
              for c in claims if c["id"] not in covered]
    return elapsed, len(pairs), {"claims": claims, "matches": matches, "unique": unique}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from service import create_app
    from service.settings import Settings

    scorer = load_scorer()
    gold, texts = scorer.load_gold(str(SHARED / "eval" / "seed_pair_gold.json"))
    body = scorer.request_body(gold, texts)
    store = tempfile.mkdtemp(prefix="factcheck-bench-")
    settings = Settings.from_env(warm_on_start=True, rate_limit="100000/minute",
                                 database_url=f"sqlite:///{store}/bench.db")
    app = create_app({"TESTING": True}, settings=settings)
    pipeline = app.extensions["factcheck.pipeline"].warm_up()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {bench_key(app)}"}
    post = lambda: client.post("/v1/compare", json=body, headers=headers)  # noqa: E731

    first = post()
    if first.status_code != 200:
        raise SystemExit(f"/v1/compare answered {first.status_code}: {first.get_data(as_text=True)[:300]}")
    latencies = []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = post()
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200
    payload = response.get_json()
    service_report, _ = scorer.score(gold, texts, payload)

    naive_seconds, naive_pairs, naive_payload = all_pairs_nli(pipeline, payload)
    claims_only = []
    for _ in range(3):
        started = time.perf_counter()
        pipeline.extract_claims([pipeline_source(s) for s in body["sources"]])
        claims_only.append(time.perf_counter() - started)
    naive_total = naive_seconds + statistics.median(claims_only)
    naive_report, _ = scorer.score(gold, texts, naive_payload)

    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"service   /v1/compare warm over {args.runs} runs: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"service   gold: {json.dumps(service_report)}")
    print(f"all-pairs NLI on the same claims: {naive_pairs} pairs x 2 directions, {naive_total * 1000:.0f} ms "
          f"(claims {statistics.median(claims_only) * 1000:.0f} ms + NLI {naive_seconds * 1000:.0f} ms)")
    print(f"all-pairs gold: {json.dumps(naive_report)}")
    print(f"speed-up (all-pairs / service p50): {naive_total / p50:.1f}x")
    print(json.dumps({"p50_ms": round(p50 * 1000, 1), "p95_ms": round(p95 * 1000, 1),
                      "all_pairs_ms": round(naive_total * 1000, 1), "all_pairs_pairs": naive_pairs,
                      "speedup": round(naive_total / p50, 2), "service_gold": service_report,
                      "all_pairs_gold": naive_report}))


def pipeline_source(source):
    from datetime import date

    from service.pipeline.types import Source

    published = date.fromisoformat(source["published_at"]) if source.get("published_at") else None
    return Source(source["id"], source["text"], published)


if __name__ == "__main__":
    main()
