"""One source affirms what the other denies, for the same event."""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register, same_event
from service.pipeline.types import Claim


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.event != b.event or a.negated == b.negated or a.partial_list or b.partial_list:
        return None
    yes, no = (a, b) if b.negated else (b, a)
    return Discrepancy("negation", "high", 0.8,
                       f"{yes.source} states “{yes.event}” happened; {no.source} negates it.")


CHECK = register(Check(name="negation", type="negation", slot="negation", severity="high", order=10, compare=check,
                           comparable=same_event, value=lambda c: ("not " if c.negated else "") + (c.event or c.predicate) if c.event or c.predicate else ""))
