"""Different ends for one ban, term or measure ("barred from public office until 2033" vs "until 2060"): the year (and
month, when given) a claim says its event lasts until. Compared only between claims of one event on one object;
outlets give it in claims no embedding brings into one fact, so each source's first is also compared across the
story (compare/timeline.py). "Until at least 2030" is a floor, which any later end fits."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.compare.checks.date import MONTHS
from service.pipeline.extract.normalize import MONTH
from service.pipeline.types import Claim

UNTIL = re.compile(r"\b(?:until|till|through)\s+(?P<floor>at least\s+)?"
                   r"(?:(?P<month>[A-Z][a-z]+\.?)\s+(?:\d{1,2},?\s+)?)?(?P<year>(?:19|20)\d{2})\b")


def end(claim: Claim) -> Optional[tuple[int, int, bool]]:
    """(year, month or 0, whether a floor) the claim's event lasts until."""
    found = UNTIL.search(claim.text)
    if found is None:
        return None
    month = MONTH.fullmatch((found.group("month") or "").rstrip("."))
    return (int(found.group("year")), MONTHS.index(month.group(1).lower()) + 1 if month else 0,
            bool(found.group("floor")))


def value(claim: Claim) -> str:
    found = end(claim)
    if found is None:
        return ""
    year, month, floor = found
    return ("at least " if floor else "") + (f"{MONTHS[month - 1].title()} {year}" if month else str(year))


def _fits(x: tuple[int, int, bool], y: tuple[int, int, bool]) -> bool:
    if x[2] and (y[0], y[1]) >= (x[0], x[1]) or y[2] and (x[0], x[1]) >= (y[0], y[1]):
        return True
    return x[0] == y[0] and (not x[1] or not y[1] or x[1] == y[1])


def comparable(a: Claim, b: Claim) -> bool:
    return a.event == b.event and end(a) is not None and end(b) is not None


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if not comparable(a, b) or _fits(end(a), end(b)):
        return None
    return Discrepancy("date", "medium", 0.8, f"{a.source} says it lasts until {value(a)}, {b.source} until {value(b)}.")


CHECK = register(Check(name="until", type="date", slot="end", severity="medium", order=32, compare=check, value=value,
                       comparable=comparable))
