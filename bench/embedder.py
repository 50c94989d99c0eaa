"""The embedder in each precision, float32 the baseline in the same run: speed, cosine shift, gold, seed-pair p50.

Usage: .venv/bin/python bench/embedder.py [--precisions float32,bfloat16,int8] [--rounds 5] [--runs 10]

Claims: the pipeline's own claims of the seed pair and of each development cluster (../shared/eval), as
canonical texts, the way Pipeline.run hands them to the embedder (one call per story). Prints, per precision:
- ms to embed the seed pair's claims (median of --rounds; wall clock and process CPU time, which other jobs on
  the machine move less), and the ratio to float32;
- the cosine shift against float32 over every claim of the seed pair and the clusters: 1 - cos(vector, its
  float32 vector), and |similarity - float32 similarity| over every pair of claims within one story;
- whether a claim's vector depends on the texts embedded with it (alone vs in its story's call);
- the gold scores of the seed pair (../shared/eval/score_compare.py) and the clusters (score_cluster.py),
  through POST /v1/compare in-process;
- the seed pair's warm /v1/compare p50 and p95 over --runs, the precisions taking turns run by run.
int8 is also run with onnxruntime's u8u8 kernels forced (`int8/u8u8`), the path a CPU without VNNI or AMX
takes (models/cpu.py), for speed and shift only. The load average is printed with the figures; the last
line is a JSON summary.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.compare import bench_key, percentile, pipeline_source  # noqa: E402
from tests.support import load_scorer  # noqa: E402

CLUSTERS = SHARED / "eval" / "clusters"


def cluster_scorer():
    spec = importlib.util.spec_from_file_location("score_cluster", SHARED / "eval" / "score_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stories() -> dict[str, tuple]:
    """name → (scorer, gold, texts, request body) for the seed pair and every development cluster."""
    seed, clusters = load_scorer(), cluster_scorer()
    gold, texts = seed.load_gold(str(SHARED / "eval" / "seed_pair_gold.json"))
    found = {"seed pair": (seed, gold, texts, seed.request_body(gold, texts))}
    for folder in sorted(p for p in CLUSTERS.iterdir() if (p / "gold.json").exists()):
        gold, texts = clusters.load_gold(str(folder))
        found[folder.name] = (clusters, gold, texts, clusters.request_body(gold, texts))
    return found


def claim_texts(pipeline, body: dict) -> list[str]:
    from service.pipeline.extract.normalize import canonical_text

    return [canonical_text(c.text) for c in pipeline.extract_claims([pipeline_source(s) for s in body["sources"]])]


def timed(encode, texts: list[str], rounds: int) -> tuple[float, float]:
    encode(texts)
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        encode(texts)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def shifts(vectors: dict[str, np.ndarray], reference: dict[str, np.ndarray]) -> dict:
    own = np.concatenate([1 - (vectors[s] * reference[s]).sum(1) for s in vectors])
    pairs = np.concatenate([np.abs(vectors[s] @ vectors[s].T - reference[s] @ reference[s].T)[
        np.triu_indices(len(vectors[s]), 1)] for s in vectors])
    q = lambda values, p: round(float(np.quantile(values, p)), 4)  # noqa: E731
    return {"claims": int(own.size), "one_minus_cos": {"p50": q(own, .5), "p99": q(own, .99), "max": q(own, 1)},
            "similarity_pairs": int(pairs.size),
            "similarity_shift": {"p50": q(pairs, .5), "p99": q(pairs, .99), "max": q(pairs, 1)}}


def compare_clients(precisions: list[str]) -> dict:
    """precision → (test client, headers) of an app whose pipeline embeds in that precision."""
    from service import create_app
    from service.settings import Settings

    clients = {}
    for precision in precisions:
        store = tempfile.mkdtemp(prefix="factcheck-bench-")
        settings = Settings.from_env(embedder_precision=precision, rate_limit="100000/minute", request_deadline_s=0,
                                     database_url=f"sqlite:///{store}/bench.db")
        app = create_app({"TESTING": True}, settings=settings)
        app.extensions["factcheck.pipeline"].warm_up()
        clients[precision] = (app.test_client(), {"Authorization": f"Bearer {bench_key(app)}"})
    return clients


def gold(client, headers, named: dict) -> dict:
    found = {}
    for name, (scorer, story_gold, texts, body) in named.items():
        response = client.post("/v1/compare", json=body, headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        found[name] = scorer.score(story_gold, texts, response.get_json())[0]
    return found


def seed_latencies(clients: dict, body: dict, runs: int) -> dict:
    """Warm /v1/compare of the seed pair, the precisions taking turns, so a change of load hits them alike."""
    latencies = {precision: [] for precision in clients}
    for _ in range(runs):
        for precision, (client, headers) in clients.items():
            started = time.perf_counter()
            assert client.post("/v1/compare", json=body, headers=headers).status_code == 200
            latencies[precision].append(time.perf_counter() - started)
    return {precision: {"seed_p50_ms": round(percentile(values, 0.5) * 1000, 1),
                        "seed_p95_ms": round(percentile(values, 0.95) * 1000, 1)}
            for precision, values in latencies.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precisions", default="float32,bfloat16,int8")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    precisions = args.precisions.split(",")
    if precisions[0] != "float32":
        precisions = ["float32"] + [p for p in precisions if p != "float32"]

    from models import cpu, registry
    from models.embedder import load_embedder
    from models.onnx_embedder import OnnxInt8Embedder
    from bench.claims import _parser_only_pipeline

    ref = registry.resolve("embedder")
    parser_only = _parser_only_pipeline()
    named = stories()
    claims = {name: claim_texts(parser_only, story[-1]) for name, story in named.items()}
    print(f"{os.cpu_count()} cores, {cpu.model_name()}; bfloat16 in hardware: {cpu.native_bfloat16()}, "
          f"VNNI/AMX int8: {cpu.int8_dot_product()}; claims: "
          + ", ".join(f"{name} {len(texts)}" for name, texts in claims.items()))

    embedders = {p: load_embedder(ref, p, registry.cache_folder()) for p in precisions}
    if "int8" in embedders:
        embedders["int8/u8u8"] = OnnxInt8Embedder(ref, registry.cache_folder(), exact_u8u8=True)
    reference = {name: embedders["float32"].encode(texts) for name, texts in claims.items()}
    summary = {"bench": "embedder", "load_average_start": round(os.getloadavg()[0], 1), "precisions": {}}
    base_wall = None
    for name, embedder in embedders.items():
        wall, cpu_ms = timed(embedder.encode, claims["seed pair"], args.rounds)
        base_wall = base_wall or wall
        vectors = {story: embedder.encode(texts) for story, texts in claims.items()}
        texts = claims["seed pair"]
        alone = np.stack([embedder.encode([t])[0] for t in texts[:12]])
        company = float(np.abs(alone - vectors["seed pair"][:12]).max())
        figures = {"seed_claims_ms": round(wall, 1), "seed_claims_cpu_ms": round(cpu_ms, 1),
                   "ratio_to_float32": round(wall / base_wall, 2), "shift": shifts(vectors, reference),
                   "alone_vs_in_story_max_abs": company}
        s = figures["shift"]
        print(f"{name}: seed pair's {len(texts)} claims in {wall:.0f} ms (CPU {cpu_ms:.0f} ms; "
              f"{wall / base_wall:.2f}x float32); 1-cos vs float32 p50 {s['one_minus_cos']['p50']:.4f} p99 "
              f"{s['one_minus_cos']['p99']:.4f} max {s['one_minus_cos']['max']:.4f} over {s['claims']} claims; "
              f"similarity shift p50 {s['similarity_shift']['p50']:.4f} p99 {s['similarity_shift']['p99']:.4f} "
              f"max {s['similarity_shift']['max']:.4f} over {s['similarity_pairs']} pairs; alone vs in its "
              f"story's call: max |diff| {company:.2g}")
        summary["precisions"][name] = figures
    clients = compare_clients(precisions)
    found = {precision: gold(client, headers, named) for precision, (client, headers) in clients.items()}
    latency = seed_latencies(clients, named["seed pair"][3], args.runs)
    for precision in precisions:
        print(f"{precision}: seed pair /v1/compare warm p50 {latency[precision]['seed_p50_ms']:.0f} ms, p95 "
              f"{latency[precision]['seed_p95_ms']:.0f} ms over {args.runs} runs, precisions in turn "
              f"(load average {os.getloadavg()[0]:.1f})")
        for story, report in found[precision].items():
            print(f"  {precision} gold {story}: {json.dumps(report)}")
        summary["precisions"][precision].update(latency[precision], gold=found[precision])
    summary["load_average_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
