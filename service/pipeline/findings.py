"""Verdicts → the report: matches as found, and the claims some sources do not carry."""
from __future__ import annotations

from service.pipeline.types import Claim, Unique, Verdict

COVERING = {"agree", "discrepancy"}


def omissions(claims: list[Claim], verdicts: list[Verdict], sources: list[str]) -> list[Unique]:
    """A claim is missing from a source when no claim of that source agrees with it or disputes it."""
    source_of = {c.id: c.source for c in claims}
    covered: dict[str, set[str]] = {c.id: {c.source} for c in claims}
    for verdict in verdicts:
        if verdict.verdict not in COVERING:
            continue
        ids = verdict.claims
        involved = {source_of[i] for i in ids if i in source_of}
        for claim_id in ids:
            if claim_id in covered:
                covered[claim_id] |= involved
    found = []
    for claim in claims:
        missing = tuple(s for s in sources if s not in covered[claim.id])
        if missing:
            found.append(Unique(claim.id, missing))
    return found
