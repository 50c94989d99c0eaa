"""Different counts of the same thing ("52 prisoners" vs "25 prisoners"), with tolerance for approximations.

A hedged number is a range, not a value: "more than 20" allows 35, "under 155" does not allow 157, "about
300" allows ±15 %. Two mentions conflict only when no count satisfies both. When one claim gives several
counts of a unit ("89 % had ever drunk, 44 % in the last month") and the other fewer, each count of the
sparer claim must match one of the other's (or one of its numbers with no unit); a count the sparer claim does
not mention is no conflict.
"""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import quantities_conflict
from service.pipeline.types import Claim, Quantity


def compatible(q: Quantity, other: Quantity) -> bool:
    return not quantities_conflict(q.value, q.bound, other.value, other.bound)


def same_toll(q: Quantity, other: Quantity) -> bool:
    """'30 passengers injured' and 'four passengers killed' count one kind of thing but not one toll."""
    return not (q.tally and other.tally and q.tally != other.tally)


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    units = list(dict.fromkeys(q.unit for q in a.quantities if q.unit))
    for unit in units:
        of_a = [q for q in a.quantities if q.unit == unit]
        of_b = [q for q in b.quantities if q.unit == unit]
        if not of_b:
            continue
        # Counts whose unit the parse missed (a number with no noun) may be counts of this unit too.
        loose_a = [q for q in a.quantities if not q.unit]
        loose_b = [q for q in b.quantities if not q.unit]
        sparer = a if len(of_a) + len(loose_a) <= len(of_b) + len(loose_b) else b
        counted = of_a if sparer is a else of_b
        candidates = of_b + loose_b if sparer is a else of_a + loose_a
        for q in counted:
            rivals = [o for o in (of_b if sparer is a else of_a) if same_toll(q, o)]
            if not rivals or any(compatible(q, o) for o in candidates if same_toll(q, o)):
                continue
            other = rivals[0]
            qa, qb = (q, other) if sparer is a else (other, q)
            return Discrepancy("numeric", "high", 0.9,
                               f"Different counts of {unit}: {a.source} gives “{qa.text}”, {b.source} gives “{qb.text}”.")
    return None


CHECK = register(Check(name="numeric", type="numeric", slot="number", severity="high", order=20, compare=check,
                           value=lambda c: ", ".join(f"{q.text} {q.unit}".strip() for q in c.quantities if q.unit),
                           comparable=lambda a, b: bool({q.unit for q in a.quantities if q.unit}
                                                        & {q.unit for q in b.quantities if q.unit}),
                           partial_lists=True))
