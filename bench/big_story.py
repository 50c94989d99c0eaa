"""A big story from real article texts, and what the pipeline pays for it as it grows.

    .venv/bin/python bench/big_story.py [--chars 25000 50000 100000 200000] [--profile 200000]

Each source is the shared cluster articles and seeds joined end to end (source B in the reverse order), then
their sentences regrouped into new paragraphs (see big_text), cut to N characters at a paragraph break. Prints seconds, claims and peak RSS per size, the seconds per 1,000 characters
(flat when cost is linear) and, with --profile, the top cProfile entries by cumulative time of Pipeline.run at
that size. The last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def article_texts() -> list[str]:
    paths = sorted((SHARED / "eval" / "clusters").glob("*/*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8").strip() for p in paths]


def big_text(chars: int, reverse: bool = False) -> str:
    """Real paragraphs joined by blank lines, cut to at most `chars` at a paragraph break. The first round is the
    articles as written; each later round regroups their sentences (shuffled, three to a paragraph), since the
    pipeline keeps a paragraph repeated word for word only once: the text grows, its sentences recur."""
    texts = article_texts()
    if reverse:
        texts = texts[::-1]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", " ".join(t.split())) if len(s) > 20]
    out: list[str] = []
    size = 0
    for round_ in range(10_000):
        if round_ == 0:
            paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
        else:
            order = sentences[:]
            random.Random(round_ * 2 + reverse).shuffle(order)
            paragraphs = [" ".join(order[i:i + 3]) for i in range(0, len(order), 3)]
        for paragraph in paragraphs:
            if size + len(paragraph) + 2 > chars:
                return "\n\n".join(out)
            out.append(paragraph)
            size += len(paragraph) + 2
    return "\n\n".join(out)


def big_story(chars: int) -> list[dict]:
    return [{"id": "A", "text": big_text(chars), "published_at": "2025-09-15"},
            {"id": "B", "text": big_text(chars, reverse=True), "published_at": "2025-09-15"}]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, nargs="*", default=[25_000, 50_000, 100_000, 200_000])
    parser.add_argument("--profile", type=int, default=0, help="profile Pipeline.run at this size")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    from service.pipeline.core import Pipeline
    from service.pipeline.types import Source
    from service.settings import Settings

    pipeline = Pipeline(Settings()).warm_up()
    rows = []
    for chars in args.chars:
        sources = [Source(s["id"], s["text"], date(2025, 9, 15)) for s in big_story(chars)]
        started = time.perf_counter()
        report = pipeline.run(sources)
        seconds = time.perf_counter() - started
        row = {"chars": chars, "seconds": round(seconds, 2), "claims": len(report.claims),
               "facts": len(report.facts), "findings": len(report.findings),
               "s_per_1k_chars": round(seconds / (2 * chars / 1000), 4), "peak_rss_mb": round(rss_mb()),
               "stages": {k: round(v, 2) for k, v in report.timings.items()}}
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.profile:
        sources = [Source(s["id"], s["text"], date(2025, 9, 15)) for s in big_story(args.profile)]
        profiler = cProfile.Profile()
        profiler.enable()
        pipeline.run(sources)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
    print(json.dumps({"bench": "big_story", "rows": rows}))


if __name__ == "__main__":
    main()
