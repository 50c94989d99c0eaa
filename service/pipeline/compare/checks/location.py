"""Different places for the same event: disjoint named places, or one country vs both."""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.types import Claim


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.place_scope and b.place_scope and a.place_scope != b.place_scope:
        single, multiple = (a, b) if a.place_scope == "single" else (b, a)
        return Discrepancy("location", "medium", 0.75,
                           f"{single.source} places it inside one country; {multiple.source} places it in several.")
    return None


CHECK = register(Check(name="location", type="location", slot="place", severity="medium", order=50, compare=check,
                           value=lambda c: {"single": "inside one country", "multiple": "in several countries"}.get(c.place_scope, "")))
