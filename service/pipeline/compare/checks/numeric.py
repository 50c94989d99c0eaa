"""Different counts of the same thing ("52 prisoners" vs "25 prisoners"), with tolerance for approximations.

A hedged number is a range, not a value: "more than 20" allows 35, "under 155" does not allow 157, "about
300" allows ±15 %. Two mentions conflict only when no count satisfies both. When one claim gives several
counts of a unit ("89 % had ever drunk, 44 % in the last month") and the other fewer, each count of the
sparer claim must match one of the other's (or one of its numbers with no unit); a count the sparer claim does
not mention is no conflict, and neither is a total against the parts the other claim adds up to it, nor a
count the other claim gives under another noun.
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


def total_of(q: Quantity, claim: Claim) -> bool:
    """Whether `q` is the sum of the claim's other counts: "242 passengers" against "230 passengers and 12 crew"."""
    parts = [o.value for o in claim.quantities if o is not q and o.unit and not o.bound and same_toll(q, o)]
    return len(parts) >= 2 and not q.bound and abs(sum(parts) - q.value) < 1e-9


def _accounted(q: Quantity, other: Claim) -> bool:
    """Whether the other claim gives the same figure under another noun ("169 passengers were Indian" against
    "169 Indians") or adds its counts up to it ("242 passengers" against "230 passengers and 12 crew")."""
    return any(o.value == q.value and not o.bound for o in other.quantities if o is not q) or total_of(q, other)


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
            other_claim = b if sparer is a else a
            rivals = [o for o in (of_b if sparer is a else of_a) if same_toll(q, o) and not _accounted(o, sparer)]
            if not rivals or any(compatible(q, o) for o in candidates if same_toll(q, o)) or _accounted(q, other_claim):
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
