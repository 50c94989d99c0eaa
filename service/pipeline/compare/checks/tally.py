"""Tolls in the lead: each source's first count of the dead, injured or missing, compared across sources.

Outlets phrase a toll in ways an embedding does not bring together ("leaving at least 37 dead" vs "at
least 10 people were killed": cosine 0.34), so this check compares the story's tolls directly rather than
aligned claims. Only a toll in a source's first sentences counts (the headline figure, not an earlier
disaster recalled further down), only for the same places, and only for claims whose dates agree.

Two figures conflict when no count satisfies both, or, when neither is a ceiling ("up to 33"), when one is
more than 25% above the other: an outlet's "at least 37" is its confirmed count, so "at least 10" elsewhere
is a different report even though both floors could hold.
"""
from __future__ import annotations

from itertools import combinations

from service.pipeline.compare.checks import Discrepancy, date
from service.pipeline.extract.normalize import quantities_conflict
from service.pipeline.types import Claim, Quantity

LEAD_SENTENCES = 5
FAR_APART = 1.25
NAMES = {"death": "the dead", "injury": "the injured", "missing": "the missing"}


def lead_tolls(claims: list[Claim]) -> dict[tuple[str, str], tuple[Claim, Quantity]]:
    """{(source, toll): (claim, figure)}: the first figure of each toll in each source's lead."""
    found: dict[tuple[str, str], tuple[Claim, Quantity]] = {}
    for claim in sorted(claims, key=lambda c: (c.sentence, c.spans[0])):
        if claim.sentence >= LEAD_SENTENCES:
            continue
        for q in claim.quantities:
            if q.tally:
                found.setdefault((claim.source, q.tally), (claim, q))
    return found


def figures_conflict(a: Quantity, b: Quantity) -> bool:
    if quantities_conflict(a.value, a.bound, b.value, b.bound):
        return True
    if "upper" in (a.bound, b.bound) or min(a.value, b.value) <= 0:
        return False
    return max(a.value, b.value) / min(a.value, b.value) > FAR_APART


def check(claims: list[Claim]) -> list[tuple[Claim, Claim, Discrepancy]]:
    tolls = lead_tolls(claims)
    sources = sorted({source for source, _ in tolls})
    found = []
    for first, second in combinations(sources, 2):
        for toll in NAMES:
            if (first, toll) not in tolls or (second, toll) not in tolls:
                continue
            (a, qa), (b, qb) = tolls[(first, toll)], tolls[(second, toll)]
            if a.places and b.places and set(a.places) != set(b.places):
                continue
            if not date.dates_compatible(a, b) or not figures_conflict(qa, qb):
                continue
            found.append((a, b, Discrepancy(
                "numeric", "high", 0.85,
                f"Different tolls of {NAMES[toll]} in the lead: {a.source} gives “{qa.text}”, "
                f"{b.source} gives “{qb.text}”.")))
    return found
