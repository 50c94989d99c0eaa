"""Throughput of `factcheck score`: articles per minute, local engine with 1 and 2 workers, and Ray.

Usage: .venv/bin/python bench/batch.py [--articles 200] [--per-story 4] [--batch-size 8] [--runs local:1,local:2,ray:2]

The input is built from real text, offline: every article is a shuffled draw of paragraphs from the two
seed articles (../shared/seeds), about as long as they are, so each story is a handful of outlets
reporting one event. Each configuration runs the real CLI in its own process on the same input. The
rate counts from models warm to the last line written (warm-up is shown apart), and the outputs of all
configurations are compared. Prints the figures; the last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_RUNS = "local:1,local:2,ray:2"


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    return paragraphs


def build_stories(articles: int, per_story: int, seed: int = 7) -> list[dict]:
    """Stories of real-length articles: shuffled draws of seed paragraphs, as long as a seed article."""
    pool = seed_paragraphs()
    target = min(len(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt"))
    rng = random.Random(seed)
    stories, made = [], 0
    while made < articles:
        story = {"story_id": f"bench-{len(stories):04d}", "articles": []}
        for outlet in range(max(2, min(per_story, articles - made))):
            chosen, length = [], 0
            for paragraph in rng.sample(pool, len(pool)):
                if length >= target:
                    break
                chosen.append(paragraph)
                length += len(paragraph) + 2
            story["articles"].append({"id": f"outlet{outlet}", "text": "\n\n".join(chosen),
                                      "published_at": "2025-09-15", "outlet": f"Outlet {outlet}"})
        made += len(story["articles"])
        stories.append(story)
    return stories


def code_state() -> str:
    """A hash of the scoring path's code and data: the repo is shared, and a commit landing mid-bench changes results."""
    digest = hashlib.sha256()
    scoring_path = [*ROOT.glob("service/pipeline/**/*.py"), *ROOT.glob("service/pipeline/**/*.json"),
                    *ROOT.glob("service/batch/*.py"), ROOT / "service" / "payload.py", *ROOT.glob("models/*.py"),
                    *ROOT.glob("models/calibration/*.json")]
    for path in sorted(scoring_path):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def run_config(in_path: Path, out_dir: Path, engine: str, workers: int, batch_size: int) -> dict:
    out = out_dir / f"{engine}-{workers}.jsonl"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-m", "service.batch", str(in_path), "--out", str(out), "--engine", engine,
               "--workers", str(workers), "--batch-size", str(batch_size), "--quiet"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{engine}:{workers} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    summary = json.loads(done.stderr.strip().splitlines()[-1])
    scoring = summary["seconds"] - summary["warm_up_seconds"]
    return {
        "engine": engine, "workers": workers, "stories": summary["scored"], "articles": summary["articles"],
        "failed": summary["failed"], "warm_up_seconds": summary["warm_up_seconds"],
        "scoring_seconds": round(scoring, 1), "wall_seconds": round(wall, 1),
        "articles_per_minute": round(summary["articles"] / scoring * 60, 1),
        "articles_per_minute_with_warm_up": round(summary["articles"] / wall * 60, 1),
        "output": str(out),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--per-story", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--runs", default=DEFAULT_RUNS, help="engine:workers, comma separated")
    args = parser.parse_args()

    stories = build_stories(args.articles, args.per_story)
    articles = sum(len(s["articles"]) for s in stories)
    chars = sum(len(a["text"]) for s in stories for a in s["articles"])
    print(f"input: {len(stories)} stories, {articles} articles, {chars // articles} characters per article "
          f"(seed paragraphs recombined); {os.cpu_count()} CPUs")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        in_path = Path(folder) / "stories.jsonl"
        in_path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
        states = [code_state()]
        for run in args.runs.split(","):
            engine, workers = run.split(":")
            result = run_config(in_path, Path(folder), engine, int(workers), args.batch_size)
            states.append(code_state())
            results.append(result)
            print(f"{engine:5} workers={workers}: {result['articles_per_minute']:7.1f} articles/min "
                  f"({result['articles']} articles in {result['scoring_seconds']} s after "
                  f"{result['warm_up_seconds']} s warm-up; {result['articles_per_minute_with_warm_up']} "
                  f"articles/min counting it)", flush=True)
        outputs = {Path(r.pop("output")).read_text(encoding="utf-8") for r in results}
    identical = len(outputs) == 1
    print(f"outputs identical across configurations: {identical}")
    stable = len(set(states)) == 1
    if not stable:
        print(f"WARNING: the pipeline's code changed during the bench ({' -> '.join(states)}); figures not comparable")
    print(json.dumps({"bench": "batch", "stories": len(stories), "articles": articles, "cpus": os.cpu_count(),
                      "per_story": args.per_story, "batch_size": args.batch_size,
                      "outputs_identical": identical, "code": states[0], "code_stable": stable, "runs": results}))


if __name__ == "__main__":
    main()
