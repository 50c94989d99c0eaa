"""Different dates for the same event, compared as resolved dates ("on Friday" = 12 September), not strings.

A date on a verb of saying is when something was said or reported ("authorities reported 89 deaths overnight
Tuesday"): outlets report one event on different days, so such dates are not compared. Nor is the date of a
dateline the claim opens with ("Brasilia, Oct 31 Lula has defeated …"): it dates the report, not the event."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register, same_event
from service.pipeline.extract.speech import SPEECH
from service.pipeline.types import Claim


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DATELINE = re.compile(r"^\W*(?!(?:on|in|at|by|from|since|until|after|before|last|this|next|\w+day)\b)"
                      r"[A-Z][\w.'’ -]{1,40},\s+(?P<month>(?:" + "|".join(MONTHS) + r")[a-z]*)\.?\s+(?P<day>\d{1,2})\b",
                      re.IGNORECASE)


def event_dates(claim: Claim) -> tuple[tuple[str, str], ...]:
    """The claim's dates less its dateline's ("Brasilia, Oct 31 …")."""
    line = DATELINE.match(claim.text)
    if line is None:
        return claim.dates
    month_day = f"-{MONTHS.index(line.group('month')[:3].lower()) + 1:02d}-{int(line.group('day')):02d}"
    return tuple(d for d in claim.dates if not (d[1] == "day" and d[0].endswith(month_day)))


def dates_compatible(a: Claim, b: Claim) -> bool:
    """No dates on one side, or some pair of dates that agree to the coarser one's precision."""
    if not a.dates or not b.dates:
        return True
    return any(x[:min(len(x), len(y))] == y[:min(len(x), len(y))] for x, _ in a.dates for y, _ in b.dates)


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    a, b = replace(a, dates=event_dates(a)), replace(b, dates=event_dates(b))
    if not a.dates or not b.dates or a.event != b.event or a.event in SPEECH or dates_compatible(a, b):
        return None
    (iso_a, grain_a), (iso_b, grain_b) = a.dates[0], b.dates[0]
    if grain_a != grain_b and {grain_a, grain_b} != {"month", "year"}:
        return None  # "Tuesday" vs "1985": a day against a year usually means different events; a month's year not
    return Discrepancy("date", "medium", 0.85,
                       f"{a.source} dates it {iso_a}, {b.source} dates it {iso_b} (dates resolved against publication).")


CHECK = register(Check(name="date", type="date", slot="date", severity="medium", order=30, compare=check,
                           comparable=same_event, value=lambda c: ", ".join(iso for iso, _ in event_dates(c)), shared_in_sentence=True))
