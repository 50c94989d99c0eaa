"""Aligned pairs → verdicts: typed structured checks first, then the calibrated NLI score."""
from __future__ import annotations

from typing import Optional

import numpy as np

from service.pipeline.calibration import Calibration
from service.pipeline.checks import Discrepancy, attribution, causal, date, location, modality, negation, numeric, quote
from service.pipeline.types import Claim, Pair, Verdict

# Order matters: the first check that fires names the discrepancy.
TYPED_CHECKS = (negation.check, numeric.check, date.check, modality.check, location.check, attribution.check)
SAME_FACT = 0.6          # cosine similarity above which two claims are taken to report one fact
SAME_EVENT = 0.5         # lower bound when they also share the event verb or a named entity


def judge(pairs: list[Pair], claims: list[Claim], vectors: np.ndarray, nli, calibration: Calibration,
          nli_max_pairs: int) -> list[Verdict]:
    comparable = [p for p in pairs if _comparable(claims[p.a], claims[p.b], p.similarity)]
    typed = {(p.a, p.b): _typed(claims[p.a], claims[p.b]) for p in comparable}
    needs_nli = sorted((p for p in comparable if typed[(p.a, p.b)] is None),
                       key=lambda p: -p.similarity)[:nli_max_pairs]
    scores = _nli_scores(needs_nli, claims, nli)
    verdicts = []
    for pair in pairs:
        a, b = claims[pair.a], claims[pair.b]
        found = typed.get((pair.a, pair.b))
        if found is not None:
            verdicts.append(_discrepancy(a, b, pair.similarity, found))
            continue
        verdicts.append(_agree_or_related(a, b, pair.similarity, scores.get((pair.a, pair.b)), calibration))
    for pair in comparable:
        framing = causal.check(pair.a, pair.b, claims, vectors)
        if framing is not None and framing not in verdicts:
            verdicts.append(framing)
    return verdicts


def _comparable(a: Claim, b: Claim, similarity: float) -> bool:
    if similarity >= SAME_FACT:
        return True
    return similarity >= SAME_EVENT and (a.event == b.event or bool(set(a.entities) & set(b.entities)))


def _typed(a: Claim, b: Claim) -> Optional[Discrepancy]:
    for check in TYPED_CHECKS:
        found = check(a, b)
        if found is not None:
            return found
    return None


def _nli_scores(pairs: list[Pair], claims: list[Claim], nli) -> dict[tuple[int, int], tuple[float, float]]:
    if not pairs:
        return {}
    premises = [claims[p.a].text for p in pairs] + [claims[p.b].text for p in pairs]
    hypotheses = [claims[p.b].text for p in pairs] + [claims[p.a].text for p in pairs]
    raw = nli.score(premises, hypotheses)
    n = len(pairs)
    return {(p.a, p.b): (float(raw[i]), float(raw[n + i])) for i, p in enumerate(pairs)}


def _discrepancy(a: Claim, b: Claim, similarity: float, found: Discrepancy) -> Verdict:
    return Verdict(claims=(a.id, b.id), verdict="discrepancy", discrepancy_type=found.type, severity=found.severity,
                   confidence=found.confidence, explanation=found.explanation, similarity=round(similarity, 4))


def _agree_or_related(a: Claim, b: Claim, similarity: float, nli: Optional[tuple[float, float]],
                      calibration: Calibration) -> Verdict:
    label, confidence = calibration.decide(similarity, nli)
    shown = f"similarity {similarity:.2f}" + (f", NLI {max(nli):.2f}" if nli else "")
    if label == "discrepancy":
        return Verdict(claims=(a.id, b.id), verdict="discrepancy", discrepancy_type="other", severity="medium",
                       confidence=confidence, similarity=round(similarity, 4), nli=max(nli) if nli else None,
                       explanation=f"The NLI model reads {quote(b.text, 45)} as contradicting {quote(a.text, 45)} ({shown}).")
    if label == "agree":
        text = f"Both report the same fact: {quote(a.text, 45)} ≈ {quote(b.text, 45)} ({shown})."
    else:
        text = f"Compatible but different detail: {quote(a.text, 45)} vs {quote(b.text, 45)} ({shown})."
    return Verdict(claims=(a.id, b.id), verdict=label, discrepancy_type=None, severity=None, confidence=confidence,
                   explanation=text, similarity=round(similarity, 4), nli=max(nli) if nli else None)
