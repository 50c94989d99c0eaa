"""The verdict layer applied to one labelled pair's signals, and end to end to one premise/hypothesis text pair.

A pair is a discrepancy when a typed check fires on its aligned claims or any hypothesis unit
contradicts its nearest premise unit; it agrees when every hypothesis unit agrees; otherwise related.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from models.calibration.datasets import LabelledPair
from models.calibration.nli_cache import CachedNli
from models.calibration.signals import PairSignals, plan_pairs
from service.pipeline.thresholds import Thresholds, raw_score


@dataclass(frozen=True)
class Judgement:
    label: str                 # agree | related | discrepancy
    confidence: float
    decided_by: str            # typed:<check> | nli
    raw: float                 # the raw score the confidence was read from (nan for typed checks)
    similarity: float
    nli: Optional[tuple[float, float]]


def judge_signals(signals: PairSignals, thresholds: Thresholds, typed_checks: bool = True) -> Judgement:
    if typed_checks and signals.typed:
        first = signals.units[0]
        confidence = calibration.typed_confidence(signals.typed, signals.typed_confidence)
        return Judgement("discrepancy", confidence, f"typed:{signals.typed}", float("nan"),
                         first.similarity, first.nli)
    decided = [(calibration.decide(u.similarity, u.nli), u) for u in signals.units]
    labels = [label for (label, _), _ in decided]
    if "discrepancy" in labels:
        (label, confidence), unit = max((d for d in decided if d[0][0] == "discrepancy"), key=lambda d: d[0][1])
    elif all(label == "agree" for label in labels):
        (label, confidence), unit = min(decided, key=lambda d: d[0][1])
    else:
        (label, confidence), unit = max((d for d in decided if d[0][0] == "related"), key=lambda d: d[0][1])
    return Judgement(label, confidence, "nli", raw_score(label, unit.similarity, unit.nli), unit.similarity, unit.nli)


def judge_text_pair(premise: str, hypothesis: str, pipeline, calibration: Optional[Thresholds] = None) -> Judgement:
    """Judge one premise/hypothesis text pair end to end with the loaded pipeline (no caching)."""
    pipeline.warm_up()
    pair = LabelledPair("adhoc", "adhoc", premise, hypothesis, "supported", "held-out")
    plan = plan_pairs([pair], pipeline)[0]
    nli = CachedNli(pipeline.nli)
    nli.score_all(plan.nli_requests())
    return judge_signals(plan.signals(nli), calibration or pipeline.thresholds)
