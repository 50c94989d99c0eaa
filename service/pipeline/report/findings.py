"""Verdicts → the report: discrepancies grouped across sources, and the claims some sources do not carry."""
from __future__ import annotations

import dataclasses

from service.pipeline.types import Claim, Finding, Position, Source, Unique, Verdict

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
TIME_SENSITIVE = {"numeric"}    # counts (tolls, totals) change between reports of a running story

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


def group_discrepancies(claims: list[Claim], verdicts: list[Verdict]) -> list[Finding]:
    """Discrepancies of one type that share a claim are one finding, e.g. A's count disputed by B and by C."""
    source_of = {c.id: c.source for c in claims}
    flagged = [v for v in verdicts if v.verdict == "discrepancy"]
    parent = list(range(len(flagged)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, str], int] = {}
    for i, verdict in enumerate(flagged):
        for claim_id in verdict.claims:
            key = (verdict.discrepancy_type or "other", claim_id)
            if key in first_with:
                parent[root(i)] = root(first_with[key])
            else:
                first_with[key] = i
    groups: dict[int, list[Verdict]] = {}
    for i, verdict in enumerate(flagged):
        groups.setdefault(root(i), []).append(verdict)
    found = []
    for members in groups.values():
        by_source: dict[str, list[str]] = {}
        for verdict in members:
            for claim_id in verdict.claims:
                ids = by_source.setdefault(source_of.get(claim_id, ""), [])
                if claim_id not in ids:
                    ids.append(claim_id)
        lead = min(members, key=lambda v: (SEVERITY_RANK.get(v.severity or "", 3), -v.confidence))
        explanation = lead.explanation if len(by_source) <= 2 else f"{lead.explanation} ({len(by_source)} sources differ.)"
        found.append(Finding(type=lead.discrepancy_type or "other", severity=lead.severity or "medium",
                             confidence=max(v.confidence for v in members), explanation=explanation,
                             positions=tuple(Position(s, tuple(ids)) for s, ids in sorted(by_source.items()))))
    return sorted(found, key=lambda f: (SEVERITY_RANK.get(f.severity, 3), -f.confidence))


def note_publication_gaps(verdicts: list[Verdict], claims: list[Claim], sources: list[Source]) -> list[Verdict]:
    """Say so when differing counts come from reports published on different days: one may update the other."""
    published = {s.id: s.published_at for s in sources}
    source_of = {c.id: c.source for c in claims}
    noted = []
    for verdict in verdicts:
        days = sorted({(published.get(source_of.get(i)), source_of.get(i)) for i in verdict.claims
                       if published.get(source_of.get(i)) is not None})
        if verdict.discrepancy_type in TIME_SENSITIVE and len({d for d, _ in days}) > 1:
            dated = ", ".join(f"{source} on {day.isoformat()}" for day, source in days)
            verdict = dataclasses.replace(
                verdict, explanation=f"{verdict.explanation} Published {dated}: one figure may be an update of the other.")
        noted.append(verdict)
    return noted
