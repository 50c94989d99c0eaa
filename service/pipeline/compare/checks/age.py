"""Different ages for one person ("Hamish Harding, 58" vs "58-year-old Hamish Harding" vs "Harding (59)"), the
person named by the same full name in both claims. Outlets give an age where they first name someone, in claims no
embedding brings into one fact, so each source's first claim giving a person's age is compared across the story
(compare/timeline.py), not within facts."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, first_difference, register
from service.pipeline.extract.normalize import fold
from service.pipeline.types import Claim


def ages(claim: Claim) -> dict[str, int]:
    """{person key: age} for each person the claim gives an age: "NAME, 58,", "NAME (58)", "NAME, aged 58",
    "NAME, a 58-year-old …", "the 58-year-old (British billionaire) NAME". A surname alone is a key too ("Mr. Lee
    (33)" / "Lee, a 32-year-old flight attendant")."""
    text = fold(claim.text)
    found: dict[str, int] = {}
    for label, key, name in claim.named:
        if label != "PERSON" or not key or not name:
            continue
        said = re.escape(name)
        match = (re.search(rf"\b{said}\s*(?:,\s*(?:aged\s+)?(?P<a>\d{{1,3}})\s*(?:[,;)]|$)"
                           rf"|\(\s*(?:aged\s+)?(?P<b>\d{{1,3}})\s*\)|(?:,|\s+(?:is|was))?\s+an?\s+(?P<d>\d{{1,3}})-year-old\b)", text)
                 or re.search(rf"\b(?P<c>\d{{1,3}})-year-old\s+(?:(?!of\b)[a-z-]+,?\s+){{0,4}}?{said}\b", text))
        if match:
            found.setdefault(key, int(next(g for g in match.groups() if g)))
    return found


def value(claim: Claim) -> str:
    """ "Hamish Harding, 58": each name as the claim writes it where it can be found, with its age."""
    def written(key: str) -> str:
        found = re.search(re.escape(key).replace(r"\ ", r"\s+"), claim.text, re.IGNORECASE)
        return found.group(0) if found else key
    return "; ".join(f"{written(key)}, {age}" for key, age in sorted(ages(claim).items()))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    x, y = ages(a), ages(b)
    key = first_difference(x, y)
    if key is None:
        return None
    return Discrepancy("numeric", "medium", 0.8, f"{a.source} gives {key}'s age as {x[key]}, {b.source} as {y[key]}.")


CHECK = register(Check(name="age", type="numeric", slot="age", severity="medium", order=23, compare=check, value=value,
                       comparable=lambda a, b: bool(set(ages(a)) & set(ages(b))), per_fact=False))
