"""Throughput of `factcheck score`: articles per minute, local engine with 1 and 2 workers, and Ray.

Usage: .venv/bin/python bench/batch.py [--articles 200] [--per-story 4] [--batch-size 8] [--runs local:1,local:2,ray:2]
                                      [--precisions auto,float32]

The input is built from real text, offline: every article is a shuffled draw of paragraphs from the two
seed articles (../shared/seeds), about as long as they are, so each story is a handful of outlets
reporting one event. Each configuration runs the real CLI in its own process on the same input. The
rate counts from models warm to the last line written (warm-up is shown apart), and the outputs of all
configurations are compared: the bench exits 1 when they differ (within one embedder precision; each
precision is a run of every configuration). Prints the figures; the last line is a JSON summary.
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


def run_config(in_path: Path, out_dir: Path, engine: str, workers: int, batch_size: int, precision: str) -> dict:
    out = out_dir / f"{precision}-{engine}-{workers}.jsonl"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "HF_HUB_DISABLE_PROGRESS_BARS": "1", "FACTCHECK_EMBEDDER_PRECISION": precision}
    # Not --quiet: the summary line on stderr carries the warm-up and scoring seconds.
    command = [sys.executable, "-m", "service.batch", str(in_path), "--out", str(out), "--engine", engine,
               "--workers", str(workers), "--batch-size", str(batch_size)]
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
    parser.add_argument("--precisions", default="auto,float32", help="embedder precisions, comma separated")
    args = parser.parse_args()

    stories = build_stories(args.articles, args.per_story)
    articles = sum(len(s["articles"]) for s in stories)
    chars = sum(len(a["text"]) for s in stories for a in s["articles"])
    print(f"input: {len(stories)} stories, {articles} articles, {chars // articles} characters per article "
          f"(seed paragraphs recombined); {os.cpu_count()} CPUs")
    runs = [(engine, int(workers)) for engine, workers in (run.split(":") for run in args.runs.split(","))]
    by_precision, states, identical = {}, [code_state()], True
    with tempfile.TemporaryDirectory() as folder:
        in_path = Path(folder) / "stories.jsonl"
        in_path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
        for precision in args.precisions.split(","):
            print(f"== embedder precision {precision}", flush=True)
            results = []
            for engine, workers in runs:
                result = run_config(in_path, Path(folder), engine, workers, args.batch_size, precision)
                states.append(code_state())
                results.append(result)
                print(f"{engine:5} workers={workers}: {result['articles_per_minute']:7.1f} articles/min "
                      f"({result['articles']} articles in {result['scoring_seconds']} s after "
                      f"{result['warm_up_seconds']} s warm-up; {result['articles_per_minute_with_warm_up']} "
                      f"articles/min counting it)", flush=True)
            base = results[0]["articles_per_minute"]
            print(f"against {runs[0][0]}:{runs[0][1]} (the baseline): " + ", ".join(
                f"{r['engine']}:{r['workers']} {r['articles_per_minute'] / base:.2f}×" for r in results[1:]))
            same = first_difference(results)
            identical = identical and same is None
            print(f"outputs identical across {', '.join(f'{e}:{w}' for e, w in runs)}: "
                  f"{'yes' if same is None else 'NO, ' + same}", flush=True)
            for result in results:
                result.pop("output")
            by_precision[precision] = {"outputs_identical": same is None, "runs": results}
    stable = len(set(states)) == 1
    if not stable:
        print(f"WARNING: the pipeline's code changed during the bench ({' -> '.join(states)}); figures not comparable")
    print(json.dumps({"bench": "batch", "stories": len(stories), "articles": articles, "cpus": os.cpu_count(),
                      "per_story": args.per_story, "batch_size": args.batch_size, "outputs_identical": identical,
                      "code": states[0], "code_stable": stable, "load_average": round(os.getloadavg()[0], 1),
                      "precisions": by_precision}))
    if not identical:
        raise SystemExit("outputs differ between configurations")


def first_difference(results: list[dict]) -> str | None:
    """None when every configuration wrote the same file; else which story first differs, and where."""
    outputs = [Path(r["output"]).read_text(encoding="utf-8").splitlines() for r in results]
    names = [f"{r['engine']}:{r['workers']}" for r in results]
    for name, lines in zip(names[1:], outputs[1:]):
        if lines == outputs[0]:
            continue
        if len(lines) != len(outputs[0]):
            return f"{name} wrote {len(lines)} lines, {names[0]} {len(outputs[0])}"
        number = next(i for i, (a, b) in enumerate(zip(outputs[0], lines)) if a != b)
        return f"story {json.loads(lines[number])['story_id']} differs between {names[0]} and {name}"
    return None


if __name__ == "__main__":
    main()
