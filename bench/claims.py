"""Throughput of segmentation and claim decomposition on ~600-word articles, in 1 and 2 processes.

Usage: .venv/bin/python bench/claims.py [--articles 40] [--words 600] [--processes 1,2]

Articles are built offline from real text: shuffled draws of the seed articles' paragraphs
(../shared/seeds) mixed with news-style paragraphs written for this bench, until each article has
about --words words. Only the spaCy parser is loaded; the timed path is Pipeline.extract_claims
(segment → claims → relations), the same code a request runs. Each process parses every article once
untimed first. Prints the figures; the last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
GOAL_ARTICLES_PER_SECOND = 5.0

COMPOSED = [
    "The city council approved the new budget on Tuesday after a six-hour debate, while opposition members "
    "walked out in protest. The plan raises spending on schools by 4 percent and cuts road repairs.",
    '"We will rebuild every house in the valley," the governor said. "Nobody will be left behind."',
    "Anna Berg, the mayor of Oslo, opened the bridge on Friday, two days after engineers finished the last "
    "safety checks. The project cost $48 million, including 12 million from the national government.",
    "According to the Interior Ministry, the fire destroyed 12 buildings and damaged 40 more, most of them in "
    "the old town. Firefighters, who worked through the night, brought the blaze under control by morning.",
    "The company cut 300 jobs last year, allowing it to close two factories in the north. In response, the "
    "union called a strike at both plants, which lasted three weeks.",
    "Fuel prices rose sharply in March amid a long strike at the refineries. The government agreed to release "
    "emergency reserves because several regions ran out of diesel.",
    "The minister met Maria Lopez, who leads the national farmers union, and promised to review the import "
    "quotas. The union said the talks were constructive, Reuters reports.",
]


def paragraphs() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                  if len(line.split()) >= 12]
    return found + COMPOSED


def build_articles(count: int, words: int, seed: int = 7) -> list[str]:
    pool, rng, articles = paragraphs(), random.Random(seed), []
    for _ in range(count):
        chosen, total = [], 0
        while total < words:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            total += len(paragraph.split())
        articles.append("\n\n".join(chosen))
    return articles


_pipeline = None


def _parser_only_pipeline():
    """A Pipeline whose only model is the parser: extract_claims needs nothing else."""
    from models import registry
    from service.pipeline.core import Pipeline

    pipeline = Pipeline()
    pipeline.parser = registry.load("parser", pipeline.settings.parser)
    pipeline.warmup_seconds = 0.0
    return pipeline


def _init_worker():
    global _pipeline
    _pipeline = _parser_only_pipeline()


def _claims_in(article: str) -> tuple[int, float]:
    from service.pipeline.types import Source

    started = time.process_time()
    found = len(_pipeline.extract_claims([Source("A", article, date(2025, 9, 15))]))
    return found, time.process_time() - started


def run(articles: list[str], processes: int) -> dict:
    if processes == 1:
        _init_worker()
        for article in articles:
            _claims_in(article)
        started = time.perf_counter()
        done = [_claims_in(article) for article in articles]
        seconds = time.perf_counter() - started
    else:
        with multiprocessing.get_context("spawn").Pool(processes, initializer=_init_worker) as pool:
            pool.map(_claims_in, articles, chunksize=1)
            started = time.perf_counter()
            done = pool.map(_claims_in, articles, chunksize=1)
            seconds = time.perf_counter() - started
    claims, cpu = sum(n for n, _ in done), sum(c for _, c in done)
    return {"processes": processes, "articles": len(articles), "claims": claims, "seconds": round(seconds, 3),
            "articles_per_second": round(len(articles) / seconds, 2),
            "claims_per_second": round(claims / seconds, 1),
            # Wall-clock rates drop when other work shares the cores; CPU time per article does not.
            "cpu_seconds_per_article": round(cpu / len(articles), 4),
            "articles_per_cpu_second": round(len(articles) / cpu, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--processes", default="1,2")
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    articles = build_articles(args.articles, args.words)
    mean_words = sum(len(a.split()) for a in articles) / len(articles)
    print(f"{len(articles)} articles, {mean_words:.0f} words on average, {os.cpu_count()} cores visible")
    results = []
    for processes in (int(p) for p in args.processes.split(",")):
        result = run(articles, processes)
        results.append(result)
        print(f"{processes} process(es): {result['articles_per_second']:.2f} articles/s, "
              f"{result['claims_per_second']:.1f} claims/s ({result['claims']} claims in {result['seconds']:.2f} s); "
              f"{result['cpu_seconds_per_article'] * 1000:.0f} ms CPU per article, "
              f"{result['articles_per_cpu_second']:.2f} articles per CPU-second")
    best = max(r["articles_per_second"] for r in results)
    two_idle_cores = 2 * max(r["articles_per_cpu_second"] for r in results)
    print(f"goal {GOAL_ARTICLES_PER_SECOND} articles/s: {'met' if best >= GOAL_ARTICLES_PER_SECOND else 'missed'} "
          f"by wall clock here (load average {os.getloadavg()[0]:.1f}); two idle cores at the measured CPU cost "
          f"would give {two_idle_cores:.2f} articles/s")
    print(json.dumps({"bench": "claims", "mean_words": round(mean_words), "runs": results,
                      "load_average": round(os.getloadavg()[0], 1),
                      "goal_articles_per_second": GOAL_ARTICLES_PER_SECOND,
                      "goal_met": best >= GOAL_ARTICLES_PER_SECOND,
                      "two_idle_cores_articles_per_second": round(two_idle_cores, 2)}))


if __name__ == "__main__":
    main()
