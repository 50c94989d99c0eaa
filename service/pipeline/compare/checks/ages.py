"""Different age ranges for the people a story counts ("the ages of the victims range from 16 to 24" vs "with the
ages ranging from 14 to 24", "aged between 14 and 24"). Outlets give them in asides no embedding brings into one
fact, so each source's first is compared across the story (compare/timeline.py), not within facts."""
from __future__ import annotations

import re

from service.pipeline.compare.checks import Check, read_as_pair, register
from service.pipeline.types import Claim

RANGE = re.compile(r"\b(?:ages?\b[^.;]{0,40}?\brang(?:e|es|ed|ing)\s+(?:from\s+)?|aged\s+(?:between\s+|from\s+)?)"
                   r"(?P<low>\d{1,3})\s+(?:to|and|-|–)\s+(?P<high>\d{1,3})\b", re.IGNORECASE)


def ages(claim: Claim) -> tuple[str, str] | None:
    found = RANGE.search(claim.text)
    return (found.group("low"), found.group("high")) if found else None


value, check = read_as_pair(ages, "–", "numeric", "medium", 0.8, "the ages")


CHECK = register(Check(name="ages", type="numeric", slot="ages", severity="medium", order=27, compare=check,
                       value=value, comparable=lambda a, b: ages(a) is not None and ages(b) is not None,
                       per_fact=False))
