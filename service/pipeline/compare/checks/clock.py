"""Different times of day for one event ("at 12:42 p.m." vs "at 1:42 p.m. local time"), compared as minutes
after midnight in one time zone: "1:38 p.m." and "1338 hrs" are one time; a time given in another zone (or
in a zone against none) is not compared."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.types import Claim

CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)(?=\W|$)|\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hrs|hours|h)\b",
                   re.IGNORECASE)
ZONE = re.compile(r"\b(local(?: time)?|[ECMP][SD]?T|GMT|UTC|IST|BST|CET|CEST|EEST|MSK)\b")


def times(claim: Claim) -> list[tuple[int, str]]:
    """(minutes after midnight, zone as written or "") of each clock time in the claim."""
    found = []
    for match in CLOCK.finditer(claim.text):
        if match.group("hh"):
            minutes = int(match.group("hh")) * 60 + int(match.group("mm"))
        else:
            hour = int(match.group("h")) % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
            minutes = hour * 60 + int(match.group("m") or 0)
        zone = ZONE.match(claim.text[match.end():].lstrip(" (")) if claim.text[match.end():].strip() else None
        found.append((minutes, (zone.group(1).lower().replace(" time", "") if zone else "")))
    return found


def value(claim: Claim) -> str:
    return ", ".join(f"{m // 60:02d}:{m % 60:02d}" + (f" {z}" if z else "") for m, z in times(claim))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    pairs = [(x, y) for x in times(a) for y in times(b) if x[1] == y[1]]
    if not pairs or any(x[0] == y[0] for x, y in pairs):
        return None
    return Discrepancy("date", "medium", 0.7, f"{a.source} gives the time {value(a)}, {b.source} {value(b)}.")


CHECK = register(Check(name="clock", type="date", slot="time", severity="medium", order=35, compare=check,
                       value=value, comparable=lambda a, b: any(x[1] == y[1] for x in times(a) for y in times(b))))
