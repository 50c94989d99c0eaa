"""Different splits of one vote or one score ("ruled 3-2" vs "by a vote of four to one" vs "four of the five
justices found him guilty"), read as (for, against) from the claim's words: a split written as two numbers beside
a word of voting or winning, or "N of the M justices" (any body that votes: judges, members, senators …). Outlets
put a vote in claims an embedding does not bring into one fact ("The court ruled 3-2 on Thursday that Bolsonaro was
guilty", "Four of the five justices found the far-right politician guilty"), so each source's first vote is compared
across the story (compare/timeline.py), not within facts."""
from __future__ import annotations

import re

from service.pipeline.compare.checks import Check, read_as_pair, register
from service.pipeline.extract.normalize import NUMBER_WORDS, parse_number
from service.pipeline.types import Claim

NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
VOTING = r"(?:vot(?:e|es|ed|ing)|rul(?:ed|ing)|decision|verdict|margin|majority|split|won|win|beat|lost|defeated|score)"
SPLIT = re.compile(rf"\b{VOTING}\b[^.;]{{0,25}}?\b(?P<a>{NUMBER})\s*(?:-|–|—|to)\s*(?P<b>{NUMBER})\b"
                   rf"|\b(?P<c>{NUMBER})\s*(?:-|–|—)\s*(?P<d>{NUMBER})\s+{VOTING}\b", re.IGNORECASE)
BODIES = (r"(?:justices|judges|jurors|members|senators|lawmakers|legislators|deputies|commissioners|directors|"
          r"ministers|votes)")
SHARE = re.compile(rf"\b(?P<n>{NUMBER})\s+(?:of|out of)\s+(?:the\s+|its\s+|all\s+)?(?P<m>{NUMBER})\s+"
                   rf"(?:[\w-]+\s+){{0,3}}?{BODIES}\b", re.IGNORECASE)


def _number(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def split(claim: Claim) -> tuple[int, int] | None:
    """The first vote or score the claim gives, larger side first."""
    found = []
    for match in SPLIT.finditer(claim.text):
        a, b = _number(match.group("a") or match.group("c")), _number(match.group("b") or match.group("d"))
        if a is not None and b is not None:
            found.append((match.start(), (max(a, b), min(a, b))))
    for match in SHARE.finditer(claim.text):
        n, m = _number(match.group("n")), _number(match.group("m"))
        if n is not None and m is not None and 0 < n <= m:
            found.append((match.start(), (max(n, m - n), min(n, m - n))))
    return min(found)[1] if found else None


value, check = read_as_pair(split, "-", "numeric", "high", 0.85, "the vote")


CHECK = register(Check(name="vote", type="numeric", slot="vote", severity="high", order=22, compare=check, value=value,
                       per_fact=False))
