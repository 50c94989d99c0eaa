"""Facts only some sources carry: each claim of such a fact is missing from the sources that do not."""
from __future__ import annotations

from service.pipeline.types import Claim, Fact, Unique


def omissions(facts: list[Fact], claims: dict[str, Claim], sources: list[str]) -> list[Unique]:
    found = []
    for fact in facts:
        covering = set(fact.sources) | {claims[m].source for m in fact.mentions}
        missing = tuple(s for s in sources if s not in covering)
        if missing:
            found += [Unique(claim_id, missing) for claim_id in fact.claims]
    order = {claim_id: i for i, claim_id in enumerate(claims)}
    return sorted(found, key=lambda u: order[u.claim])
