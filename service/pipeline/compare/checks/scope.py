"""All or only some: one source has the event act on all of what it names ("shooting down all the objects traced
on radars"), another on a restricted part ("those that posed a threat were shot down")."""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.types import Claim

NAMES = {"all": "all of them", "some": "only some"}


def value(claim: Claim) -> str:
    return "; ".join(f"{event}: {NAMES[found]}" for event, found in claim.scope)


def comparable(a: Claim, b: Claim) -> bool:
    return bool({e for e, _ in a.scope} & {e for e, _ in b.scope})


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    of_b = dict(b.scope)
    for event, found in a.scope:
        if event in of_b and of_b[event] != found:
            return Discrepancy("numeric", "medium", 0.6,
                               f"{a.source} has “{event}” on {NAMES[found]}, {b.source} on {NAMES[of_b[event]]}.")
    return None


CHECK = register(Check(name="scope", type="numeric", slot="scope", severity="medium", order=25, compare=check,
                       value=value, comparable=comparable, close_only=lambda a, b: True))
