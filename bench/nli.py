"""The int8 NLI model on each integer path onnxruntime can take: speed, scores, and whether its integer sums are exact.

Usage: .venv/bin/python bench/nli.py [--rounds 3] [--vitaminc 1000] [--record]
       .venv/bin/python bench/nli.py --sums-only          (also under an emulated CPU, see below)

Paths: u8s8 (onnxruntime's default kernels: exact with VNNI or AMX, saturating on AVX2 / AVX-512 without them)
and u8u8 (`session.x64quantprecision`, what OnnxNli runs on a CPU without VNNI or AMX; models/cpu.py). The
baseline is the path this CPU takes by default, measured in the same run. Prints, per path:
- ms per pair over the recorded pairs (tests/models/nli_reference_scores.json), and the largest score
  difference from the recorded scores;
- with --vitaminc N (needs .data/, `make data`): the forward score's refuted-vs-rest AUC on N VitaminC pairs
  (models/calibration/datasets.py sample) and the largest score difference between the paths;
- the integer sums of all 74 MatMulInteger nodes for one pair, against numpy's exact int64 products.
--record rewrites the recorded scores from the u8s8 path. --sums-only runs just the last check, which is
cheap enough to repeat on an emulated CPU without VNNI, e.g. `qemu-x86_64 -cpu EPYC-Milan .venv/bin/python
bench/nli.py --sums-only` (qemu-user; /proc/cpuinfo still shows the host there, so both paths are forced).
There is no float32 NLI model to compare with: the package ships only the int8 graph. The last line is JSON.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from models import cpu, registry  # noqa: E402
from models.nli import OnnxNli  # noqa: E402

REFERENCE = ROOT / "tests" / "models" / "nli_reference_scores.json"
PATHS = {"u8s8": False, "u8u8": True}


def integer_sums(nli: OnnxNli, premise: str, hypothesis: str) -> dict:
    """Every MatMulInteger of the model run alone on the activations one pair gives it, on both paths,
    against numpy's exact products: how many layers and entries come out wrong, and by how much."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(nli.model_path)
    weights = {i.name: i for i in model.graph.initializer}
    nodes = [n for n in model.graph.node if n.op_type == "MatMulInteger"]
    wanted = sorted({n.input[0] for n in nodes} | {n.input[2] for n in nodes})
    model.graph.output.extend(helper.make_tensor_value_info(name, TensorProto.UINT8, None) for name in wanted)
    probe = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    enc = nli.tokenizer.encode(premise, hypothesis)
    feed = {"input_ids": np.array([enc.ids]), "attention_mask": np.array([enc.attention_mask]),
            "token_type_ids": np.array([enc.type_ids])}
    values = dict(zip(wanted, probe.run(wanted, {n: feed[n] for n in nli.input_names})))
    graph_nodes, inputs, feeds, outputs, inits, exact = [], [], {}, [], [], []
    for k, node in enumerate(nodes):
        a = values[node.input[0]].reshape(-1, values[node.input[0]].shape[-1])
        zero = values[node.input[2]]
        w = numpy_helper.to_array(weights[node.input[1]])
        w_zero = numpy_helper.to_array(weights[node.input[3]]) if len(node.input) > 3 else np.array(0, w.dtype)
        feeds[f"a{k}"], feeds[f"z{k}"] = a, zero
        inputs += [helper.make_tensor_value_info(f"a{k}", TensorProto.UINT8, list(a.shape)),
                   helper.make_tensor_value_info(f"z{k}", TensorProto.UINT8, [])]
        inits += [numpy_helper.from_array(w, f"w{k}"), numpy_helper.from_array(w_zero, f"wz{k}")]
        graph_nodes.append(helper.make_node("MatMulInteger", [f"a{k}", f"w{k}", f"z{k}", f"wz{k}"], [f"y{k}"]))
        outputs.append(helper.make_tensor_value_info(f"y{k}", TensorProto.INT32, None))
        exact.append((a.astype(np.int64) - int(zero)) @ (w.astype(np.int64) - int(w_zero)))
    alone = helper.make_model(helper.make_graph(graph_nodes, "sums", inputs, outputs, inits),
                              opset_imports=[helper.make_opsetid("", 13)]).SerializeToString()
    found = {}
    for path, exact_u8u8 in PATHS.items():
        options, _ = cpu.int8_session_options(threads=1, exact_u8u8=exact_u8u8)
        sums = ort.InferenceSession(alone, options, providers=["CPUExecutionProvider"]).run(None, feeds)
        wrong = [(int((y != e).sum()), float(np.abs(y - e).max() / max(1, np.abs(e).max())))
                 for y, e in zip(sums, exact)]
        found[path] = {"layers": len(nodes), "wrong_layers": sum(1 for n, _ in wrong if n),
                       "wrong_entries": sum(n for n, _ in wrong), "entries": int(sum(e.size for e in exact)),
                       "worst_relative_error": round(max(r for _, r in wrong), 4)}
    return found


def timed_scores(nli: OnnxNli, pairs: list[dict], rounds: int) -> tuple[np.ndarray, float]:
    premises, hypotheses = [p["premise"] for p in pairs], [p["hypothesis"] for p in pairs]
    scores = nli.score(premises, hypotheses)
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        nli.score(premises, hypotheses)
        seconds.append(time.perf_counter() - started)
    return scores, statistics.median(seconds) / len(pairs)


def vitaminc_figures(sessions: dict, size: int) -> dict:
    from models.calibration.datasets import load_sample
    from models.calibration.metrics import auc

    sample = load_sample("vitaminc", size=size)
    truth = [p.label == "refuted" for p in sample]
    scores = {path: nli.score([p.premise for p in sample], [p.hypothesis for p in sample])
              for path, nli in sessions.items()}
    base = scores["u8s8"]
    return {path: {"pairs": size, "refuted_auc": round(auc(truth, list(s)), 4),
                   "max_diff_from_u8s8": round(float(np.abs(s - base).max()), 6)} for path, s in scores.items()}


def model_sha256(nli: OnnxNli) -> str:
    digest = hashlib.sha256()
    with open(nli.model_path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vitaminc", type=int, default=0, help="also score this many VitaminC pairs per path")
    parser.add_argument("--record", action="store_true", help="rewrite the recorded scores from the u8s8 path")
    parser.add_argument("--sums-only", action="store_true")
    args = parser.parse_args()

    ref = registry.resolve("nli")
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    pairs = reference["pairs"]
    default_path = "u8s8" if cpu.int8_dot_product() else "u8u8"
    features = sorted(cpu.flags() & (cpu.INT8_DOT_FLAGS | {"avx2", "avx512f"}))
    print(f"CPU {cpu.model_name()}, flags {' '.join(features) or '(none read)'}; "
          f"OnnxNli's default path here: {default_path}; load average {os.getloadavg()[0]:.1f}")
    sessions = {path: OnnxNli(ref, threads=2, exact_u8u8=exact) for path, exact in PATHS.items()}
    sums = integer_sums(sessions["u8s8"], pairs[0]["premise"], pairs[0]["hypothesis"])
    for path, found in sums.items():
        print(f"{path}: integer sums of one pair: {found['wrong_layers']} of {found['layers']} layers wrong, "
              f"{found['wrong_entries']} of {found['entries']} entries, worst error "
              f"{found['worst_relative_error']:.1%} of the layer's largest sum")
    summary = {"bench": "nli", "default_path": default_path, "cpu_flags": features, "integer_sums": sums,
               "load_average": round(os.getloadavg()[0], 1)}
    if args.sums_only:
        print(json.dumps(summary))
        return

    results = {}
    for path, nli in sessions.items():
        scores, per_pair = timed_scores(nli, pairs, args.rounds)
        recorded = np.array([p["score"] for p in pairs]) if "score" in pairs[0] else scores
        results[path] = {"ms_per_pair": round(per_pair * 1000, 1), "scores": scores,
                         "max_diff_from_recorded": round(float(np.abs(scores - recorded).max()), 6)}
    base = results[default_path]["ms_per_pair"]
    for path, r in results.items():
        print(f"{path}: {r['ms_per_pair']:.1f} ms per pair over {len(pairs)} pairs x {args.rounds} "
              f"(2 pairs at a time; {r['ms_per_pair'] / base:.2f}x the default path's {base:.1f} ms); "
              f"largest difference from the recorded scores {r['max_diff_from_recorded']:.6f}")
        summary[path] = {k: v for k, v in r.items() if k != "scores"}
    if args.vitaminc:
        for path, figures in vitaminc_figures(sessions, args.vitaminc).items():
            print(f"{path}: VitaminC {figures['pairs']} pairs, forward score refuted-vs-rest AUC "
                  f"{figures['refuted_auc']:.4f}, largest difference from u8s8 {figures['max_diff_from_u8s8']:.6f}")
            summary[path]["vitaminc"] = figures
    if args.record:
        for pair, score in zip(pairs, results["u8s8"]["scores"]):
            pair["score"] = round(float(score), 6)
        reference["recorded"] = {"path": "u8s8", "cpu": cpu.model_name(),
                                 "cpu_flags": features, "model_sha256": model_sha256(sessions["u8s8"])}
        REFERENCE.write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"recorded {len(pairs)} scores in {REFERENCE.relative_to(ROOT)}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
