"""Held-out quality of the raw NLI score and of the verdict layer, side by side.

    .venv/bin/python -m models.calibration.evaluate [--with-halueval]

Reads only the held-out part of each file (the fit never sees it). Prints a table and, last, one JSON line.
Raw NLI: the premise → hypothesis score of the nearest premise unit, with cut-offs chosen on the fit part
(refuted if ≥ t; supported / entailed inside a band [low, high), neutral below, contradiction above).
Verdict layer: typed checks, then Thresholds.decide, with the class defaults (before fitting) and with
models/calibration/<model>.json (fitted).
"""
from __future__ import annotations

import argparse
import json
import math

import numpy as np

from models.calibration.datasets import load_sample
from models.calibration.fit import FIT_FILES, NLI_GRID
from models.calibration.judge import Judgement, judge_signals
from models.calibration.metrics import auc, correct, expected_calibration_error, file_figures
from models.calibration.signals import PairSignals, score_pairs
from service.pipeline.thresholds import Thresholds
from service.settings import Settings

HEADLINE = {"vitaminc": "refuted_vs_rest_balanced_accuracy",
            "news_summary_faith": "faithful_vs_unfaithful_balanced_accuracy",
            "halueval_summ": "faithful_vs_unfaithful_balanced_accuracy",
            "presupposition_nli": "three_way_balanced_accuracy"}
GOALS = {"vitaminc": 0.85, "news_summary_faith": 0.80}


def raw_label(s: PairSignals, low: float, high: float) -> str:
    forward = [u.nli[0] for u in s.units]
    if any(f >= high for f in forward):
        return "discrepancy"
    return "agree" if all(low <= f for f in forward) else "related"


def fit_raw_band(fit: list[PairSignals], file: str) -> tuple[float, float]:
    """The raw-score cut-offs that maximise the file's headline balanced accuracy on the fit part."""
    best, best_score = (0.0, 1.001), -1.0
    for high in NLI_GRID:
        lows = NLI_GRID if file != "vitaminc" else (0.0,)
        for low in lows:
            if low >= high:
                continue
            judged = [Judgement(raw_label(s, low, high), 0.5, "raw", 0.0, 0.0, None) for s in fit]
            score = file_figures(file, [s.expected for s in fit], judged)[HEADLINE[file]]
            if score > best_score:
                best, best_score = (float(low), float(high)), score
    return best


def nli_only(s: PairSignals, thresholds: Thresholds) -> Judgement:
    return judge_signals(s, calibration, typed_checks=False)


def evaluate(signals: list[PairSignals], fitted: Thresholds, defaults: Thresholds) -> dict:
    report: dict = {"files": {}}
    pooled: dict[str, tuple[list, list]] = {"defaults": ([], []), "fitted": ([], []), "fitted_nli_decided": ([], [])}
    for file in sorted({s.file for s in signals}):
        fit = [s for s in signals if s.file == file and s.part == "fit"]
        held = [s for s in signals if s.file == file and s.part == "held-out"]
        expected = [s.expected for s in held]
        low, high = fit_raw_band(fit, file)
        raw = [Judgement(raw_label(s, low, high), float("nan"), "raw", 0.0, 0.0, None) for s in held]
        row = {"held_out_pairs": len(held), "fit_pairs": len(fit),
               "raw_nli": {**file_figures(file, expected, raw), "cut_offs": [low, high], "ece": None}}
        row["raw_nli"]["auc_similarity_for_expected_agree"] = auc(
            [e == "agree" for e in expected], [min(u.similarity for u in s.units) for s in held])
        if file == "vitaminc":
            refuted = [e == "discrepancy" for e in expected]
            row["raw_nli"]["auc_forward"] = auc(refuted, [s.units[0].nli[0] for s in held])
            row["raw_nli"]["auc_min_both_ways"] = auc(refuted, [min(s.units[0].nli) for s in held])
        for name, calibration in (("defaults", defaults), ("fitted", fitted)):
            judged = [judge_signals(s, calibration) for s in held]
            row[name] = file_figures(file, expected, judged)
            row[name]["typed_check_discrepancies"] = sum(j.decided_by.startswith("typed") for j in judged)
            pooled[name][0].extend(j.confidence for j in judged)
            pooled[name][1].extend(correct(e, j.label) for e, j in zip(expected, judged))
            if name == "fitted":
                by_nli = [(e, j) for e, j in zip(expected, judged) if j.decided_by == "nli"]
                row[name]["ece_nli_decided"] = expected_calibration_error(
                    [j.confidence for _, j in by_nli], [correct(e, j.label) for e, j in by_nli])
                pooled["fitted_nli_decided"][0].extend(j.confidence for _, j in by_nli)
                pooled["fitted_nli_decided"][1].extend(correct(e, j.label) for e, j in by_nli)
        fitted_nli = [nli_only(s, fitted) for s in held]
        row["fitted_without_typed_checks"] = file_figures(file, expected, fitted_nli)
        report["files"][file] = row
    report["pooled_ece"] = {k: expected_calibration_error(c, r) for k, (c, r) in pooled.items()}
    return report


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "  -  "
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def print_table(report: dict) -> None:
    columns = ("raw_nli", "defaults", "fitted_without_typed_checks", "fitted")
    print(f"{'file / figure (held-out)':58}" + "".join(f"{c[:14]:>16}" for c in columns))
    for file, row in report["files"].items():
        print(f"{file}  (held-out {row['held_out_pairs']}, fit {row['fit_pairs']})")
        keys = [k for k in row["fitted"] if k != "pairs"] + [k for k in row["raw_nli"] if k.startswith("auc")]
        for key in keys:
            print(f"  {key:56}" + "".join(f"{_fmt(row[c].get(key)):>16}" for c in columns))
    print("pooled ECE (10 bins): " + ", ".join(f"{k} {_fmt(v)}" for k, v in report["pooled_ece"].items()))
    for file, goal in GOALS.items():
        if file in report["files"]:
            got = report["files"][file]["fitted"][HEADLINE[file]]
            print(f"goal {file} {HEADLINE[file]} >= {goal}: {_fmt(got)} {'met' if got >= goal else 'NOT met'}")
    ece = report["pooled_ece"]["fitted"]
    print(f"goal pooled ECE <= 0.05: {_fmt(ece)} {'met' if ece <= 0.05 else 'NOT met'}")


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--with-halueval", action="store_true", help="also score a small HaluEval sample")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    from service.pipeline.core import Pipeline

    pipeline = Pipeline(settings)
    files = FIT_FILES + (("halueval_summ",) if args.with_halueval else ())
    signals = [s for f in files for s in score_pairs(load_sample(f), pipeline)]
    report = evaluate(signals, Thresholds.for_model(settings.nli_model), Thresholds(model=settings.nli_model))
    print_table(report)
    print(json.dumps(_clean(report), sort_keys=True))


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
