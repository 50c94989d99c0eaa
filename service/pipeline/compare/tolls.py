"""Tolls in the lead: each source's first count of the dead, injured or missing.

Outlets phrase a toll in ways an embedding does not bring together ("leaving at least 37 dead" vs "at
least 10 people were killed": cosine 0.34), so the first toll of one kind in each source's lead is offered
to fact building as one candidate fact, whatever its wording; the number slot then compares the figures.
"""
from __future__ import annotations

from service.pipeline.types import Claim, Quantity


def lead_tolls(claims: list[Claim], lead_sentences: int) -> dict[tuple[str, str], tuple[Claim, Quantity]]:
    """{(source, toll): (claim, figure)}: the first figure of each toll in each source's lead."""
    found: dict[tuple[str, str], tuple[Claim, Quantity]] = {}
    for claim in sorted(claims, key=lambda c: (c.sentence, c.spans[0])):
        if claim.sentence >= lead_sentences:
            continue
        for q in claim.quantities:
            if q.tally:
                found.setdefault((claim.source, q.tally), (claim, q))
    return found
