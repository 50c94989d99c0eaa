"""How long after an event something happened ("less than a minute after take-off" vs "five minutes after
takeoff"), as a range of seconds after a named anchor event: two claims conflict when they time one anchor and no
duration fits both. Vague spans ("moments after", "shortly after") give no duration."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import parse_number
from service.pipeline.types import Claim

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
ELAPSED = re.compile(
    r"\b(?P<bound>less than|under|within|more than|over|about|around|nearly|almost|some|roughly|just|only)?\s*"
    r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|\d+(?:\.\d+)?)\s+"
    r"(?P<unit>seconds?|minutes?|hours?|days?)\s+(?:after|into|following)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<anchor>taking[ -]off|take[ -]?off|departure|departing|lift[ -]?off|[a-z]+)", re.IGNORECASE)
TAKEOFF = {"taking off", "taking-off", "take off", "take-off", "takeoff", "departure", "departing", "lift off",
           "lift-off", "liftoff"}
LOWER, UPPER, ABOUT = {"more than", "over"}, {"less than", "under", "within"}, {"about", "around", "nearly",
                                                                                  "almost", "some", "roughly"}


def spans(claim: Claim) -> list[tuple[float, float, str]]:
    """(fewest seconds, most seconds, anchor) of each duration after an anchor event in the claim."""
    found = []
    for match in ELAPSED.finditer(claim.text):
        word = match.group("n").lower()
        value = 1.0 if word in ("a", "an") else parse_number(word)
        if value is None:
            continue
        seconds = value * UNITS[match.group("unit").lower().rstrip("s")]
        bound = (match.group("bound") or "").lower()
        low, high = (0.0, seconds) if bound in UPPER else (seconds, float("inf")) if bound in LOWER else \
            (0.75 * seconds, 1.25 * seconds) if bound in ABOUT else (seconds, seconds)
        anchor = match.group("anchor").lower()
        found.append((low, high, "takeoff" if anchor in TAKEOFF else anchor.rstrip("s")))
    return found


def value(claim: Claim) -> str:
    return ", ".join(m.group(0).strip() for m in ELAPSED.finditer(claim.text) if parse_number(m.group("n")) is not None
                     or m.group("n").lower() in ("a", "an"))


def comparable(a: Claim, b: Claim) -> bool:
    return bool({s[2] for s in spans(a)} & {s[2] for s in spans(b)})


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    pairs = [(x, y) for x in spans(a) for y in spans(b) if x[2] == y[2]]
    if not pairs or any(x[0] <= y[1] and y[0] <= x[1] for x, y in pairs):
        return None
    return Discrepancy("date", "medium", 0.7, f"{a.source} gives “{value(a)}”, {b.source} “{value(b)}”.")


CHECK = register(Check(name="elapsed", type="date", slot="elapsed", severity="medium", order=36, compare=check,
                       value=value, comparable=comparable))
