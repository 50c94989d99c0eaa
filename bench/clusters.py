"""Multi-outlet clusters through the pipeline in-process: each cluster's gold summary and warm latency.

Usage: .venv/bin/python bench/clusters.py [CLUSTER_DIR ...] [--runs N] [--save DIR] [--precision float32|bfloat16|int8]
Default clusters: ../shared/eval/clusters/*. Each cluster is scored by ../shared/eval/score_cluster.py
(the same scorer as a live server); with --runs > 1 the warm p50 of a run is printed beside the time of
the seed pair measured in the same process, as the baseline ratio. The last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from models.embedder import PRECISIONS  # noqa: E402


def load_cluster_scorer():
    spec = importlib.util.spec_from_file_location("score_cluster", SHARED / "eval" / "score_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sources_of(body):
    from service.pipeline.types import Source

    return [Source(id=s["id"], text=s["text"], outlet=s.get("outlet"),
                   published_at=date.fromisoformat(s["published_at"]) if s.get("published_at") else None)
            for s in body["sources"]]


def timed(pipeline, sources, runs):
    times = []
    report = None
    for _ in range(runs):
        started = time.perf_counter()
        report = pipeline.run(sources)
        times.append(time.perf_counter() - started)
    return report, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("clusters", nargs="*")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--save", default="")
    parser.add_argument("--precision", default="auto", choices=PRECISIONS)
    args = parser.parse_args()
    clusters = [Path(c) for c in args.clusters] or sorted(p for p in (SHARED / "eval" / "clusters").iterdir()
                                                           if (p / "gold.json").exists())
    from service.payload import report_payload
    from service.pipeline.core import Pipeline
    from service.settings import Settings
    from tests.support import load_scorer

    pipeline = Pipeline(Settings.from_env(embedder_precision=args.precision)).warm_up()
    scorer = load_cluster_scorer()
    seed_scorer = load_scorer()
    seed_gold, seed_texts = seed_scorer.load_gold(str(SHARED / "eval" / "seed_pair_gold.json"))
    seed_sources = sources_of(seed_scorer.request_body(seed_gold, seed_texts))
    pipeline.run(seed_sources)
    seed_report, seed_times = timed(pipeline, seed_sources, max(args.runs, 1))
    seed_summary, _ = seed_scorer.score(seed_gold, seed_texts, report_payload(seed_report))
    print(f"seed pair: {json.dumps(seed_summary)}  p50 {statistics.median(seed_times) * 1000:.0f} ms")
    summary = {"seed": seed_summary, "seed_p50_s": round(statistics.median(seed_times), 3), "clusters": {}}
    for cluster in clusters:
        gold, texts = scorer.load_gold(str(cluster))
        sources = sources_of(scorer.request_body(gold, texts))
        pipeline.run(sources)  # warm this story's shapes
        report, times = timed(pipeline, sources, max(args.runs, 1))
        payload = report_payload(report)
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            (Path(args.save) / f"{cluster.name}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1))
        result, lines = scorer.score(gold, texts, payload)
        p50 = statistics.median(times)
        print(f"\n== {cluster.name}: {len(sources)} sources, p50 {p50:.2f} s "
              f"({p50 / statistics.median(seed_times):.1f}× the seed pair)")
        print("\n".join(lines))
        print(json.dumps(result))
        summary["clusters"][cluster.name] = {"p50_s": round(p50, 3), **result}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
