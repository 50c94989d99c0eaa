"""Different dates for the same event, compared as resolved dates ("on Friday" = 12 September), not strings."""
from __future__ import annotations

from typing import Optional

from service.pipeline.checks import Discrepancy
from service.pipeline.types import Claim


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if not a.dates or not b.dates or a.event != b.event:
        return None
    for iso_a, grain_a in a.dates:
        for iso_b, grain_b in b.dates:
            shorter = min(len(iso_a), len(iso_b))
            if iso_a[:shorter] == iso_b[:shorter]:
                return None
    (iso_a, grain_a), (iso_b, grain_b) = a.dates[0], b.dates[0]
    if grain_a != grain_b:
        return None  # "Tuesday" vs "1985": different precision usually means different events
    return Discrepancy("date", "medium", 0.85,
                       f"{a.source} dates it {iso_a}, {b.source} dates it {iso_b} (dates resolved against publication).")
