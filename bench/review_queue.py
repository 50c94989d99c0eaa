"""Server time of the reviewer queue page (50 items) with 10,000 items in the store (goal: ≤ 200 ms).

Usage: .venv/bin/python bench/review_queue.py [--items 10000] [--runs 20] [--database-url URL]
Fills a fresh store (SQLite in a temporary folder unless --database-url) with --items findings and their
queue items over 200 stories of 4 outlets each, signs in with a reviewer key and times GET /review in process
(the whole Flask request: session lookup, the count per status, the page query, the outlets and rendering), first
unfiltered, then with filters (outlet + severity, a search over claim text, the last page). No model is loaded.
Prints each case's median and p95, and a JSON summary as the last line.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TYPES = ("numeric", "date", "entity", "location", "attribution", "modality", "negation", "causal")
SEVERITY = ("high", "medium", "low")
WORDS = ("prisoners", "sanctions", "airline", "envoy", "exercises", "troops", "border", "ministry", "drones",
         "election", "budget", "council", "minister", "embassy", "talks", "flights", "aircraft", "journalists")


def fill(session, n: int, stories: int = 200, outlets: int = 4, seed: int = 7) -> None:
    """n findings with open queue items (positions, outlets, searchable claim text) over `stories` stories."""
    from sqlalchemy import insert

    from service.store.models import (SEVERITY_RANK, Article, Finding, Story, TriageItem, TriageItemOutlet,
                                      utcnow)

    rng = random.Random(seed)
    now = utcnow()
    session.execute(insert(Story), [{"id": f"bench-{s}", "created_at": now, "facts": []} for s in range(stories)])
    session.flush()
    articles = [{"story_id": f"bench-{s}", "outlet": f"outlet-{o}", "version": 1, "text": "Text.",
                 "text_sha256": "0" * 64, "created_at": now} for s in range(stories) for o in range(outlets)]
    session.execute(insert(Article), articles)
    first_article = {row.story_id: row.id for row in session.query(Article.story_id, Article.id)
                     .filter(Article.outlet == "outlet-0")}
    findings, queue_rows, outlet_rows = [], [], []
    start = (session.query(Finding.id).order_by(Finding.id.desc()).limit(1).scalar() or 0) + 1
    for k in range(n):
        story = f"bench-{k % stories}"
        pair = rng.sample(range(outlets), 2)
        severity, type_ = rng.choice(SEVERITY), rng.choice(TYPES)
        confidence = round(rng.uniform(0.5, 0.99), 3)
        a, b = rng.randint(2, 90), rng.randint(2, 90)
        words = " ".join(rng.sample(WORDS, 3))
        explanation = f"The sources differ on the number of {words}: “{a}” (outlet-{pair[0]}); “{b}” (outlet-{pair[1]})."
        positions = [{"value": str(a), "sources": [f"outlet-{pair[0]}"], "claims": [f"cl_b{k}a"]},
                     {"value": str(b), "sources": [f"outlet-{pair[1]}"], "claims": [f"cl_b{k}b"]}]
        fid = start + k
        findings.append({"id": fid, "story_id": story, "signature": f"fd_bench{k}", "type": type_,
                         "severity": severity, "confidence": confidence, "explanation": explanation,
                         "claim_ids": [f"cl_b{k}a", f"cl_b{k}b"], "slot": "number", "facts": [f"f_b{k}"],
                         "positions": positions, "status": "open", "opened_by_article_id": first_article[story],
                         "created_at": now})
        queue_rows.append({"id": fid, "finding_id": fid, "story_id": story, "type": type_,
                           "severity_rank": SEVERITY_RANK[severity], "confidence": confidence, "status": "open",
                           "version": 1, "created_at": now, "updated_at": now,
                           "search_text": f"officials said {a} {words} on monday. {explanation}".casefold()})
        outlet_rows += [{"triage_item_id": fid, "outlet": f"outlet-{o}"} for o in sorted(pair)]
    for table, rows in ((Finding, findings), (TriageItem, queue_rows), (TriageItemOutlet, outlet_rows)):
        for i in range(0, len(rows), 2000):
            session.execute(insert(table), rows[i:i + 2000])
    session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    logging.disable(logging.INFO)

    from service import create_app
    from service.auth import create_key
    from service.settings import Settings
    from service.store import db

    folder = tempfile.mkdtemp(prefix="bench-queue-")
    url = args.database_url or f"sqlite:///{os.path.join(folder, 'store.db')}"
    settings = dataclasses.replace(Settings.from_env(), database_url=url, warm_on_start=False)
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "bench"}, settings=settings)
    with app.app_context():
        started = time.perf_counter()
        fill(db.session(), args.items)
        filled = time.perf_counter() - started
        key = create_key(db.session(), "reviewer")[1]
        db.session().commit()
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True)).group(1)
    assert client.post("/review/login", data={"key": key, "csrf_token": token}).status_code == 302

    cases = {"queue": "/review", "outlet+severity": "/review?outlet=outlet-2&severity=high",
             "search": "/review?q=prisoners+sanctions", "last page": f"/review?page={args.items // 50}"}
    summary = {"items": args.items, "database": url.split(":", 1)[0], "fill_s": round(filled, 2)}
    for name, path in cases.items():
        client.get(path)   # warm: templates compiled, statements prepared
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        rows = response.get_data(as_text=True).count('<tr id="item-')
        times.sort()
        p50, p95 = statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]
        print(f"{name:16s} {path:45s} rows {rows:3d}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
        summary[name] = {"rows": rows, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
    ok = summary["queue"]["rows"] == 50 and summary["queue"]["p95_ms"] <= 200
    print(f"queue page of 50 items with {args.items} in the store: p50 {summary['queue']['p50_ms']} ms, "
          f"p95 {summary['queue']['p95_ms']} ms (goal ≤ 200 ms: {'met' if ok else 'NOT met'})")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
