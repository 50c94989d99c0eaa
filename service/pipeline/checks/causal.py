"""Causal framing: one source links two facts causally, the other only places them side by side.

This compares links between claim pairs, not single sentences: for an aligned pair of claims (X in
source A, X' in source B), find what each source ties X to and how. If B says X' happened "in
response to" Y', and A also reports Y (similar to Y') but ties it to X only by "while", "as",
"after" or not at all, the framing differs.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from service.pipeline.checks import Discrepancy, quote
from service.pipeline.types import Claim, Link, Verdict

SAME_FACT = 0.5


def check(a: int, b: int, claims: list[Claim], vectors: np.ndarray) -> Optional[Verdict]:
    for x, y in ((a, b), (b, a)):
        verdict = _framing_differs(x, y, claims, vectors)
        if verdict:
            return verdict
    return None


def _framing_differs(causal_i: int, other_i: int, claims: list[Claim], vectors: np.ndarray) -> Optional[Verdict]:
    causal_claim, other = claims[causal_i], claims[other_i]
    index = {c.id: i for i, c in enumerate(claims)}
    for link in causal_claim.links:
        if link.kind != "causal":
            continue
        causes = [index[t] for t in link.targets if t in index]
        if not causes:
            continue
        candidates = [i for i, c in enumerate(claims) if c.source == other.source and i != other_i]
        if not candidates:
            continue
        sims = vectors[candidates] @ vectors[causes].T
        best = np.unravel_index(int(np.argmax(sims)), sims.shape)
        if sims[best] < SAME_FACT:
            continue
        counterpart = candidates[best[0]]
        cause = causes[best[1]]
        relation = _relation(other_i, counterpart, claims)
        if relation is not None and relation.kind == "causal":
            continue
        how = f"only places them side by side (“{relation.marker}”)" if relation else "reports both without linking them"
        explanation = (f"{causal_claim.source} presents {quote(causal_claim.text, 50)} as caused by "
                       f"{quote(claims[cause].text, 50)} (“{link.marker}”); {other.source} {how}.")
        confidence = float(min(0.95, 0.6 + 0.5 * (sims[best] - SAME_FACT)))
        ids = (other.id, claims[counterpart].id, causal_claim.id, claims[cause].id)
        return Verdict(claims=ids, verdict="discrepancy", discrepancy_type="causal", severity="high",
                       confidence=round(confidence, 3), explanation=explanation,
                       similarity=float(vectors[causal_i] @ vectors[other_i]))
    return None


def _relation(x: int, y: int, claims: list[Claim]) -> Optional[Link]:
    """How the source links claim x and claim y, if it does, in either direction or through a shared parent."""
    cx, cy = claims[x], claims[y]
    for first, second in ((cx, cy), (cy, cx)):
        for link in first.links:
            if second.id in link.targets:
                return link
    for first, second in ((cx, cy), (cy, cx)):
        if second.parent:
            parent = next((c for c in claims if c.id == second.parent), None)
            if parent is not None and parent.parent == first.id:
                for link in first.links:
                    if parent.id in link.targets:
                        return link
    if cx.sentence == cy.sentence:
        return Link("juxtaposition", "same sentence", (cy.id,))
    return None
