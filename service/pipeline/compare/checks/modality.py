"""Done vs agreed vs planned, stated vs alleged, for the same event: an event, not a description ("Edgett has been
general counsel since 2012" and "Edgett is reportedly the fourth executive shown the exit" say different things), told
of the same things: claims naming none of each other's names tell two events ("the injured are being shifted to
Surkhet" and "some injured may be shifted to Indian hospitals")."""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register, same_event
from service.pipeline.compare.facts import heavy_event
from service.pipeline.types import Claim

FACTUAL = {"done", "stated"}
WEAKER = {"agreed": "agreed to", "planned": "planned or expected", "alleged": "alleged"}


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.event != b.event or a.negated != b.negated or not heavy_event(a):
        return None
    if a.entities and b.entities and not set(a.entities) & set(b.entities):
        return None
    for first, second in ((a, b), (b, a)):
        if first.modality == "stated" and second.modality == "planned":
            continue   # "is lifting" and "will lift" both announce one measure; only "done" is past a plan
        if first.modality in FACTUAL and second.modality in WEAKER:
            return Discrepancy(
                "modality", "medium", 0.85,
                f"{first.source} reports “{first.event}” as having happened; {second.source} says it was only "
                f"{WEAKER[second.modality]}.")
    return None


CHECK = register(Check(name="modality", type="modality", slot="modality", severity="medium", order=40, compare=check,
                           comparable=same_event, value=lambda c: c.modality if c.event else ""))
