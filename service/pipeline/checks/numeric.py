"""Different counts of the same thing ("52 prisoners" vs "25 prisoners"), with tolerance for approximations."""
from __future__ import annotations

from typing import Optional

from service.pipeline.checks import Discrepancy
from service.pipeline.normalize import numbers_conflict
from service.pipeline.types import Claim


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    for qa in a.quantities:
        same_unit = [qb for qb in b.quantities if qb.unit and qb.unit == qa.unit]
        if not qa.unit or not same_unit:
            continue
        if any(not numbers_conflict(qa.value, qb.value, qa.approximate or qb.approximate) for qb in same_unit):
            continue
        qb = same_unit[0]
        return Discrepancy("numeric", "high", 0.9,
                           f"Different counts of {qa.unit}: {a.source} gives “{qa.text}”, {b.source} gives “{qb.text}”.")
    return None
