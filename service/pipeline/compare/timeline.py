"""How long after one anchor event the story's event came, across the whole story: outlets time it in claims
an embedding does not bring into one fact ("crashed less than a minute after taking off from the airport" vs
"crashed into a residential area just five minutes after takeoff"), so the claims that time one event after one
anchor (the first of each source) are compared as a fact of their own, in the elapsed slot only."""
from __future__ import annotations

from service.pipeline.compare.checks import elapsed
from service.pipeline.compare.facts import fact_id
from service.pipeline.types import Claim, Fact


def anchored_facts(claims: list[Claim]) -> list[Fact]:
    first: dict[tuple[str, str], dict[str, Claim]] = {}
    for claim in sorted(claims, key=lambda c: (c.sentence, c.spans[0])):
        if not claim.event:
            continue
        for _, _, anchor in elapsed.spans(claim):
            first.setdefault((anchor, claim.event), {}).setdefault(claim.source, claim)
    facts = []
    for by_source in first.values():
        if len(by_source) < 2:
            continue
        carriers = [by_source[s] for s in sorted(by_source)]
        facts.append(Fact(id=fact_id(carriers), claims=tuple(c.id for c in carriers),
                          sources=tuple(c.source for c in carriers), text=carriers[0].statement or carriers[0].text))
    return facts
