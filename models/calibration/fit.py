"""Fit the verdict layer's thresholds and confidence tables for the NLI model, on the fit part of each file.

    .venv/bin/python -m models.calibration.fit          (after `python3 ../shared/data/fetch.py .data`)

Nothing is trained: four to six thresholds are chosen by coordinate search and one monotone table per
verdict maps its raw score to the share of such verdicts that were right. The held-out part of each
file is never read here; models/calibration/evaluate.py reports on it.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields, replace
from datetime import date

import numpy as np
from sklearn.isotonic import IsotonicRegression

from models.calibration.datasets import HELD_OUT_SHARE, SAMPLE_SIZES, SEED, load_sample
from models.calibration.judge import judge_signals
from models.calibration.metrics import contradiction_objective, correct, file_figures, objective
from models.calibration.signals import SIGNALS_VERSION, TOP_PREMISE_UNITS, PairSignals, score_pairs
from service.pipeline.thresholds import CALIBRATION_DIR, Thresholds
from service.settings import Settings

FIT_FILES = ("vitaminc", "news_summary_faith", "presupposition_nli")
NLI_GRID = tuple(np.round(np.concatenate([np.arange(0.05, 0.9, 0.05), np.arange(0.9, 1.0, 0.005),
                                          [0.997, 0.999, 1.001]]), 4))
# The pipeline never joins claims into one fact below the fact floor, so no threshold goes lower.
SIMILARITY_GRID = tuple(np.round(np.arange(Thresholds().fact_floor, 1.001, 0.02), 3))
CONTRADICTION_GRIDS = {"contradiction": NLI_GRID, "contradiction_similarity": SIMILARITY_GRID}
AGREE_GRIDS = {"supported_low": NLI_GRID, "supported_high": NLI_GRID,
               "agree_similarity": SIMILARITY_GRID, "support_similarity": SIMILARITY_GRID}
# Agree thresholds that buy balanced accuracy by (almost) never answering agree are rejected: the service
# must still find agreements.
AGREE_RECALL_FLOOR = 0.2
MIN_TABLE_PAIRS = 20
# Isotonic ends rest on a handful of pairs; no verdict of this layer is reported as certain.
CONFIDENCE_RANGE = (0.02, 0.98)
# A threshold moves from its engineered default only for a real gain: on these sample sizes a smaller one is noise.
MIN_GAIN = 0.01
# A typed check's measured confidence replaces its fixed one only when the fit part holds this many of its
# discrepancies; below that the service keeps the check's own fixed value.
MIN_TYPED_PAIRS = 10


def ordered(c: Thresholds) -> bool:
    return c.supported_low < c.supported_high <= c.contradiction and c.support_similarity <= c.agree_similarity


def threshold_values(c: Thresholds) -> dict[str, float]:
    return {f.name: getattr(c, f.name) for f in fields(c) if f.name not in ("model", "confidence_tables", "typed_confidences")}


def score_by_file(signals: list[PairSignals], thresholds: Thresholds) -> dict[str, dict]:
    by_file: dict[str, dict] = {}
    for file in sorted({s.file for s in signals}):
        part = [s for s in signals if s.file == file]
        by_file[file] = file_figures(file, [s.expected for s in part], [judge_signals(s, calibration) for s in part])
    return by_file


def agree_recall(signals: list[PairSignals], thresholds: Thresholds) -> float:
    should = [s for s in signals if s.expected == "agree"]
    return float(np.mean([judge_signals(s, calibration).label == "agree" for s in should])) if should else 0.0


def search_thresholds(signals: list[PairSignals], start: Thresholds, grids: dict, goal,
                      rounds: int = 3) -> Thresholds:
    """Coordinate search: each threshold in turn moves to the grid value that maximises goal(by_file),
    if that beats the current value by at least MIN_GAIN."""
    names = [n for n in grids if n in {f.name for f in fields(start)}]
    best, best_score = start, goal(score_by_file(signals, start))
    for _ in range(rounds):
        improved = False
        for name in names:
            tried = [(goal(score_by_file(signals, c)), c) for c in
                     (replace(best, **{name: float(v)}) for v in grids[name]) if ordered(c)]
            score, candidate = max(tried, key=lambda t: t[0], default=(best_score, best))
            if score >= best_score + MIN_GAIN:
                best, best_score, improved = candidate, score, True
        print(f"  search round: objective {best_score:.4f}", file=sys.stderr, flush=True)
        if not improved:
            break
    return best


def fit_confidence(signals: list[PairSignals], thresholds: Thresholds) -> dict[str, dict]:
    """One isotonic table per verdict the NLI rule gives: raw score → P(that verdict is right)."""
    rows: dict[str, list[tuple[float, bool]]] = {}
    for s in signals:
        judged = judge_signals(s, calibration, typed_checks=False)
        rows.setdefault(judged.label, []).append((judged.raw, correct(s.expected, judged.label)))
    tables = {}
    for label, pairs in sorted(rows.items()):
        raw = np.array([r for r, _ in pairs])
        right = np.array([float(c) for _, c in pairs])
        if len(pairs) < MIN_TABLE_PAIRS:
            rate = float((right.sum() + 1) / (len(right) + 2))
            tables[label] = {"x": [0.0, 1.0], "y": [round(rate, 4)] * 2, "pairs": len(pairs)}
            continue
        iso = IsotonicRegression(increasing="auto", y_min=CONFIDENCE_RANGE[0], y_max=CONFIDENCE_RANGE[1],
                                 out_of_bounds="clip").fit(raw, right)
        x, y = iso.X_thresholds_, iso.y_thresholds_
        tables[label] = {"x": [round(float(v), 4) for v in x], "y": [round(float(v), 4) for v in y],
                         "pairs": len(pairs), "increasing": bool(iso.increasing_)}
    return tables


def fit_typed(signals: list[PairSignals]) -> dict[str, dict]:
    """Per typed check: how often its discrepancy was right on the fit part (the pair's gold label calls for a
    discrepancy, or for anything but agree), smoothed with a uniform Beta(1, 1) prior: (right + 1) / (pairs + 2)."""
    counts: dict[str, list[int]] = {}
    for s in signals:
        if s.typed:
            tally = counts.setdefault(s.typed, [0, 0])
            tally[0] += 1
            tally[1] += correct(s.expected, "discrepancy")
    typed = {}
    for kind, (pairs, right) in sorted(counts.items()):
        measured = round((right + 1) / (pairs + 2), 3)
        typed[kind] = {"pairs": pairs, "right": right, "smoothed_rate": measured,
                       "confidence": measured if pairs >= MIN_TYPED_PAIRS else None,
                       "by_file": {f: [sum(1 for s in signals if s.typed == kind and s.file == f),
                                       sum(1 for s in signals if s.typed == kind and s.file == f
                                           and correct(s.expected, "discrepancy"))]
                                   for f in sorted({s.file for s in signals if s.typed == kind})}}
    return typed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=None, help="where to write the calibration JSON")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    from service.pipeline.core import Pipeline

    pipeline = Pipeline(settings)
    signals = [s for f in FIT_FILES for s in score_pairs(load_sample(f), pipeline)]
    fit_part = [s for s in signals if s.part == "fit"]
    start = Thresholds(model=settings.nli_model)
    fitted = search_thresholds(fit_part, start, CONTRADICTION_GRIDS, contradiction_objective)
    searched = search_thresholds(fit_part, fitted, AGREE_GRIDS, objective)
    recall = agree_recall(fit_part, searched)
    agree_search = {"thresholds": {n: getattr(searched, n) for n in AGREE_GRIDS},
                    "objective": objective(score_by_file(fit_part, searched)),
                    "objective_before": objective(score_by_file(fit_part, fitted)),
                    "agree_recall": recall, "applied": recall >= AGREE_RECALL_FLOOR}
    if agree_search["applied"]:
        fitted = searched
    tables = fit_confidence(fit_part, fitted)
    typed = fit_typed(fit_part)
    thresholds = threshold_values(fitted)
    record = {
        "model": settings.nli_model,
        "version": date.today().isoformat(),
        "command": ".venv/bin/python -m models.calibration.fit",
        "data": {f: {"file": f".data/{f}.jsonl", "sampled": SAMPLE_SIZES[f],
                     "fit_pairs": sum(1 for s in fit_part if s.file == f)} for f in FIT_FILES},
        "seed": SEED,
        "split": f"by premise group (VitaminC page title, article), sha256(seed:group); "
                 f"{HELD_OUT_SHARE:.0%} held out, never read by the fit",
        "signals": {"version": SIGNALS_VERSION, "nearest_premise_units": TOP_PREMISE_UNITS},
        "start": threshold_values(start),
        "start_objective": objective(score_by_file(fit_part, start)),
        "min_gain": MIN_GAIN,
        "objective": {"contradiction, contradiction_similarity": "mean of VitaminC refuted-vs-rest and presupposition "
                      "contradiction-vs-rest balanced accuracy on the fit part",
                      "supported_low, supported_high, agree_similarity, support_similarity":
                      "mean of VitaminC refuted-vs-rest, news faithful-vs-unfaithful and presupposition three-way "
                      "balanced accuracy on the fit part; applied only if agree recall stays >= "
                      f"{AGREE_RECALL_FLOOR}"},
        "agree_search": agree_search,
        "fit_figures": score_by_file(fit_part, fitted),
        "thresholds": thresholds,
        "confidence": tables,
        "confidence_raw_score": "discrepancy: min of the NLI scores both ways; agree, related: cosine similarity",
        "typed": typed,
        "typed_note": "confidence of each typed check's discrepancies: (right + 1) / (pairs + 2) over the fit part's "
                      "pairs where that check fired first (right: the gold label calls for a discrepancy, or for "
                      f"anything but agree); by_file: [pairs, right]; null below {MIN_TYPED_PAIRS} pairs, where the "
                      "service keeps the check's fixed confidence. Measured on these public files, not on news "
                      "claim pairs.",
    }
    out = args.out or str(CALIBRATION_DIR / f"{settings.nli_model.replace('/', '__')}.json")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1)
        handle.write("\n")
    print(json.dumps({"written": out, "thresholds": thresholds}))


if __name__ == "__main__":
    main()
