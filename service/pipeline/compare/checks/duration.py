"""Different finishing times for one person ("won the men's race in 2:02:44" vs "won the men's race in two hours, two
minutes and 43 seconds"), compared in seconds, however written. Outlets give them in claims no embedding brings into
one fact, so each source's first time for a person named before it is compared across the story
(compare/timeline.py). A personal best or a previous record is another time, not this one."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, first_difference, register
from service.pipeline.extract.normalize import fold, parse_number
from service.pipeline.types import Claim

_WORD = r"(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)"
TIME = re.compile(rf"(?<![\d:.])(?P<h>\d{{1,2}}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])"
                  rf"|\b(?P<hw>{_WORD})\s+hours?,?\s+(?P<mw>{_WORD})\s+minutes?,?\s+(?:and\s+)?(?P<sw>{_WORD})\s+seconds?\b",
                  re.IGNORECASE)
# A time that is not this finish: a personal best, an earlier record, a split on the way ("reached the halfway point
# in 1:04:16").
OTHER_TIME = re.compile(r"\b(?:personal best|previous|old|earlier|former|prior|pb|season's best|course record of|"
                        r"halfway|half-way|half way|split|passed|through|mark)\b[^.;]{0,40}$", re.IGNORECASE)


def times(claim: Claim) -> dict[str, int]:
    """{person's surname: seconds} for each person named before a finishing time the claim gives."""
    text = claim.text
    found: dict[str, int] = {}
    for match in TIME.finditer(text):
        if OTHER_TIME.search(text[:match.start()]):
            continue
        parts = [match.group(g) for g in ("h", "m", "s")] if match.group("h") else \
            [match.group(g) for g in ("hw", "mw", "sw")]
        values = [parse_number(p) for p in parts]
        if any(v is None for v in values):
            continue
        before = f" {fold(text[:match.start()])} "
        people = [key.split()[-1] for label, key, _ in claim.named if label == "PERSON" and key
                  and f" {key.split()[-1]} " in before]
        if people:
            found.setdefault(people[-1], int(values[0] * 3600 + values[1] * 60 + values[2]))
    return found


def _written(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def value(claim: Claim) -> str:
    return "; ".join(f"{person.title()} {_written(s)}" for person, s in sorted(times(claim).items()))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    x, y = times(a), times(b)
    person = first_difference(x, y)
    if person is None:
        return None
    return Discrepancy("numeric", "medium", 0.8, f"{a.source} gives {person.title()}'s time as {_written(x[person])}, "
                                                 f"{b.source} as {_written(y[person])}.")


CHECK = register(Check(name="duration", type="numeric", slot="duration", severity="medium", order=28, compare=check,
                       value=value, comparable=lambda a, b: bool(set(times(a)) & set(times(b))), per_fact=False))
