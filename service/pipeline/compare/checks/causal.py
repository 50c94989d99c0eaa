"""Causal framing: one source links two facts causally, the other only places them side by side.

This compares links between claim pairs, not single sentences: for an aligned pair of claims (X in
source A, X' in source B), find what each source ties X to and how. If B says X' happened "in
response to" Y', and A also reports Y (similar to Y') but ties it to X only by "while", "as",
"after" or not at all, the framing differs. The finding names one link claim per source: the two
facts as that source connects them.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from service.pipeline.compare.checks import quote
from service.pipeline.types import Claim, Link, Verdict

SAME_FACT = 0.5


def check(a: int, b: int, claims: list[Claim], vectors: np.ndarray) -> Optional[tuple[Verdict, list[Claim]]]:
    for x, y in ((a, b), (b, a)):
        found = _framing_differs(x, y, claims, vectors)
        if found:
            return found
    return None


def link_claim(first: Claim, second: Claim, source_text_marker: str) -> Claim:
    """One claim for two facts as a source connects them; its spans are both facts' spans."""
    spans = tuple(sorted(set(first.spans) | set(second.spans)))
    ordered = sorted((first, second), key=lambda c: c.spans[0])
    return Claim(id=f"{ordered[0].id}+{ordered[1].id.split('#')[-1]}", source=first.source,
                 text=" … ".join(c.text for c in ordered), spans=spans, sentence=min(first.sentence, second.sentence),
                 role="link", marker=source_text_marker, entities=tuple(sorted(set(first.entities) | set(second.entities))))


def _framing_differs(causal_i: int, other_i: int, claims: list[Claim],
                     vectors: np.ndarray) -> Optional[tuple[Verdict, list[Claim]]]:
    causal_claim, other = claims[causal_i], claims[other_i]
    if not any(link.kind == "causal" for link in causal_claim.links):
        return None
    index = {c.id: i for i, c in enumerate(claims)}
    for link in causal_claim.links:
        if link.kind != "causal":
            continue
        causes = [index[t] for t in link.targets if t in index]
        candidates = [i for i, c in enumerate(claims) if c.source == other.source and i != other_i]
        if not causes or not candidates:
            continue
        sims = vectors[candidates] @ vectors[causes].T
        best = np.unravel_index(int(np.argmax(sims)), sims.shape)
        if sims[best] < SAME_FACT:
            continue
        counterpart, cause = candidates[best[0]], causes[best[1]]
        relation = _relation(other_i, counterpart, claims)
        if relation is not None and relation.kind == "causal":
            continue
        if relation is not None and relation.marker == "same sentence":
            continue   # one sentence ties them in words no marker names ("bribed … in anticipation of favours")
        how = f"only places them side by side (“{relation.marker}”)" if relation else "reports both without linking them"
        explanation = (f"{causal_claim.source} presents {quote(causal_claim.text, 50)} as a result of "
                       f"{quote(claims[cause].text, 50)} (“{link.marker}”); {other.source} {how}.")
        confidence = float(min(0.95, 0.6 + 0.5 * (sims[best] - SAME_FACT)))
        framed = link_claim(causal_claim, claims[cause], link.marker)
        plain = link_claim(other, claims[counterpart], relation.marker if relation else "")
        verdict = Verdict(claims=(plain.id, framed.id), verdict="discrepancy", discrepancy_type="causal",
                          severity="high", confidence=round(confidence, 3), explanation=explanation,
                          similarity=round(float(vectors[causal_i] @ vectors[other_i]), 4))
        return verdict, [plain, framed]
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
