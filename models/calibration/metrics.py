"""The figures the calibration is judged by, computed on PairSignals judged by a Thresholds."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

from models.calibration.judge import Judgement


def correct(expected: str, label: str) -> bool:
    if expected == "not-agree":
        return label != "agree"
    return expected == label


def balanced_accuracy(truth: list, predicted: list) -> float:
    if len(set(truth)) < 2:
        return float("nan")
    return float(balanced_accuracy_score(truth, predicted))


def auc(truth: list[bool], score: list[float]) -> float:
    if len(set(truth)) < 2:
        return float("nan")
    return float(roc_auc_score(truth, score))


def expected_calibration_error(confidence: list[float], right: list[bool], bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by the share in each bin."""
    confidence, right = np.asarray(confidence, float), np.asarray(right, float)
    if not len(confidence):
        return float("nan")
    index = np.minimum((confidence * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            total += mask.sum() * abs(right[mask].mean() - confidence[mask].mean())
    return float(total / len(confidence))


def file_figures(file: str, expected: list[str], judged: list[Judgement]) -> dict:
    """Balanced accuracy on the question each file asks, and ECE of the reported confidence."""
    labels = [j.label for j in judged]
    figures = {"pairs": len(judged)}
    if file == "vitaminc":
        figures["refuted_vs_rest_balanced_accuracy"] = balanced_accuracy(
            [e == "discrepancy" for e in expected], [label == "discrepancy" for label in labels])
        figures["three_way_balanced_accuracy"] = balanced_accuracy(expected, labels)
    elif file == "presupposition_nli":
        figures["three_way_balanced_accuracy"] = balanced_accuracy(expected, labels)
        figures["contradiction_vs_rest_balanced_accuracy"] = balanced_accuracy(
            [e == "discrepancy" for e in expected], [label == "discrepancy" for label in labels])
    else:
        figures["faithful_vs_unfaithful_balanced_accuracy"] = balanced_accuracy(
            [e == "agree" for e in expected], [label == "agree" for label in labels])
    right = [correct(e, j.label) for e, j in zip(expected, judged)]
    figures["verdict_accuracy"] = float(np.mean(right)) if right else float("nan")
    figures["ece"] = expected_calibration_error([j.confidence for j in judged], right)
    return figures


def objective(by_file: dict[str, dict]) -> float:
    """What the thresholds are fitted to maximise: the mean of each file's headline balanced accuracy."""
    keys = {"vitaminc": "refuted_vs_rest_balanced_accuracy",
            "news_summary_faith": "faithful_vs_unfaithful_balanced_accuracy",
            "presupposition_nli": "three_way_balanced_accuracy"}
    return float(np.mean([by_file[f][k] for f, k in keys.items() if f in by_file]))


def contradiction_objective(by_file: dict[str, dict]) -> float:
    """What the contradiction thresholds are fitted to: refuted / contradiction vs the rest."""
    keys = {"vitaminc": "refuted_vs_rest_balanced_accuracy",
            "presupposition_nli": "contradiction_vs_rest_balanced_accuracy"}
    return float(np.mean([by_file[f][k] for f, k in keys.items() if f in by_file]))
