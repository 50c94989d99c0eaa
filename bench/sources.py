"""Cost against the number of sources: a story of 2, 4, 8 and 16 sources, time per claim (goal: within 1.5× of 2).

Usage: .venv/bin/python bench/sources.py [--sizes 2,4,8,16] [--runs 3] [--precisions auto,float32] [--profile]

The stories are built at run time from the texts of the development clusters (../shared/eval/clusters/*/,
read through their gold.json; nothing is copied into this repository): the clusters' sources in one list,
the largest cluster first, and a story of N sources is the first N of them. So up to 8 sources a story is one
event (Poland, 8 outlets); 16 adds the other clusters' outlets. Each story is run once to warm, then --runs
times in process; the figure is the median wall time of Pipeline.run divided by the story's claims. The
2-source story is the baseline, measured in the same run. With --profile, each size is also run once under
cProfile and the pipeline's functions (service/, callees included) whose time per claim grows most from the
smallest to the largest size are listed, with their time per claim at each size. The last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from clusters import load_cluster_scorer, sources_of  # noqa: E402  (bench/ is on the path when run as a script)

GOAL = 1.5
PROFILE_ROWS = 15


def cluster_sources() -> list:
    """Every development cluster's sources, the largest cluster first, ids prefixed by the cluster."""
    import dataclasses

    scorer = load_cluster_scorer()
    stories = []
    for folder in sorted((SHARED / "eval" / "clusters").iterdir()):
        if (folder / "gold.json").exists():
            gold, texts = scorer.load_gold(str(folder))
            prefix = folder.name.split("-")[0]
            stories.append([dataclasses.replace(s, id=f"{prefix}-{s.id}")
                            for s in sources_of(scorer.request_body(gold, texts))])
    stories.sort(key=len, reverse=True)
    return [source for story in stories for source in story]


def claim_count(report) -> int:
    return sum(1 for c in report.claims if "+" not in c.id)   # not the causal links' joined claims


def time_story(pipeline, sources, runs: int) -> tuple[int, list[float]]:
    claims = claim_count(pipeline.run(sources))   # warm this story's shapes
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        pipeline.run(sources)
        times.append(time.perf_counter() - started)
    return claims, times


def profile_story(pipeline, sources) -> dict[tuple, float]:
    """Seconds spent in each of this project's functions (callees included) in one run."""
    profiler = cProfile.Profile()
    profiler.enable()
    pipeline.run(sources)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    return {key: value[3] for key, value in stats.items() if key[0].startswith(str(ROOT / "service"))}


def function_name(key: tuple) -> str:
    path, line, name = key
    return f"{Path(path).relative_to(ROOT)}:{line}({name})"


def growth_table(profiles: dict[int, dict], claims: dict[int, int]) -> list[dict]:
    """The functions whose time per claim grows most from the smallest to the largest story."""
    small, large = min(profiles), max(profiles)
    floor = 0.01 * max(profiles[large].values())   # ignore functions under 1% of the largest run
    rows = []
    for key, seconds in profiles[large].items():
        if seconds < floor:
            continue
        per_claim = {n: profiles[n].get(key, 0.0) / claims[n] * 1000 for n in sorted(profiles)}
        base = per_claim[small]
        rows.append({"function": function_name(key), "ms_per_claim": {n: round(v, 3) for n, v in per_claim.items()},
                     "seconds_at_largest": round(seconds, 3),
                     "growth": round(per_claim[large] / base, 2) if base else None})
    rows.sort(key=lambda r: (r["growth"] is not None, r["growth"] or 0.0, r["seconds_at_largest"]), reverse=True)
    return rows[:PROFILE_ROWS]


def sweep(precision: str, pool: list, sizes: list[int], runs: int, profile: bool) -> dict:
    from service.pipeline.core import Pipeline
    from service.settings import Settings

    pipeline = Pipeline(Settings.from_env(embedder_precision=precision)).warm_up()
    print(f"\n== embedder precision {precision} ({pipeline.embedder.precision})", flush=True)
    results, claims, profiles = {}, {}, {}
    for n in sizes:
        sources = pool[:n]
        claims[n], times = time_story(pipeline, sources, runs)
        p50 = statistics.median(times)
        results[n] = {"sources": n, "claims": claims[n], "p50_s": round(p50, 3),
                      "ms_per_claim": round(p50 / claims[n] * 1000, 2)}
        if profile:
            profiles[n] = profile_story(pipeline, sources)
    base = results[sizes[0]]["ms_per_claim"]
    for n in sizes:
        results[n]["ratio_to_baseline"] = round(results[n]["ms_per_claim"] / base, 2)
        print(f"{n:3} sources: {results[n]['claims']:4} claims, p50 {results[n]['p50_s']:.3f} s, "
              f"{results[n]['ms_per_claim']:.2f} ms per claim, {results[n]['ratio_to_baseline']:.2f}× the "
              f"{sizes[0]}-source figure", flush=True)
    worst = max(r["ratio_to_baseline"] for r in results.values())
    print(f"worst ratio {worst:.2f}× (goal ≤ {GOAL}×): {'met' if worst <= GOAL else 'NOT met'}")
    summary = {"precision": precision, "resolved": pipeline.embedder.precision, "sizes": list(results.values()),
               "worst_ratio": worst, "met": worst <= GOAL}
    if profile:
        table = growth_table(profiles, claims)
        print(f"pipeline functions whose time per claim grows most ({min(sizes)} → {max(sizes)} sources; "
              "ms per claim, callees included):")
        for row in table:
            figures = "  ".join(f"{n}: {v:.3f}" for n, v in row["ms_per_claim"].items())
            growth = f"{row['growth']:.2f}×" if row["growth"] is not None else "new"
            print(f"  {growth:>7}  {figures}  {row['function']}")
        summary["profile"] = table
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2,4,8,16")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--precisions", default="auto,float32", help="embedder precisions, comma separated")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sizes = sorted(int(n) for n in args.sizes.split(","))
    pool = cluster_sources()
    if sizes[-1] > len(pool):
        raise SystemExit(f"the clusters hold {len(pool)} sources; --sizes asks for {sizes[-1]}")
    print(f"{len(pool)} sources in the development clusters; stories of {', '.join(map(str, sizes))}: "
          f"{', '.join(s.id for s in pool[:sizes[-1]])}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    summaries = [sweep(p, pool, sizes, args.runs, args.profile) for p in args.precisions.split(",")]
    print(json.dumps({"bench": "sources", "goal": GOAL, "runs": args.runs, "precisions": summaries,
                      "load_average": round(os.getloadavg()[0], 1)}))


if __name__ == "__main__":
    main()
