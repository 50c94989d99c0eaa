"""Whether a person still holds the office the sources name: "U.S. President Donald Trump" vs "former U.S. President
Donald Trump", "Bolsonaro, the former president" vs "President Jair Bolsonaro". Outlets give a title where they
name someone, in claims no embedding brings into one fact, so each source's first claim titling a person in one
office is compared across the story (compare/timeline.py), not within facts."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import fold
from service.pipeline.types import Claim

OFFICES = ("prime minister", "chief minister", "first minister", "president", "vice president", "premier",
           "chancellor", "minister", "secretary", "governor", "senator", "mayor", "chief executive", "ceo", "chairman",
           "chairwoman", "leader", "king", "queen", "coach", "manager", "commissioner", "ambassador", "speaker",
           "director")
_OFFICE = "|".join(sorted(OFFICES, key=len, reverse=True))
# "(former) U.S. President NAME", "(ex-)Prime Minister NAME": the few words before the office say whether it is past
BEFORE = r"(?P<lead>(?:[\w.'’-]+\s+){{0,3}}(?:ex-)?)(?P<office>{office})\s+{name}\b"
# "NAME, the (former) (U.S.) president"
AFTER = r"\b{name},?\s+(?:the\s+|a\s+)?(?P<lead>(?:former\s+|ex-)?(?:[\w.'’-]+\s+){{0,2}}?)(?P<office>{office})\b"
FORMER = re.compile(r"\b(?:former|ex)\b")


def titles(claim: Claim) -> dict[tuple[str, str], bool]:
    """{(person, office): former?} for each person the claim names with an office title."""
    text = fold(claim.text)
    found: dict[tuple[str, str], bool] = {}
    for label, key, name in claim.named:
        if label != "PERSON" or not name:
            continue
        said = re.escape(name)
        for pattern in (BEFORE, AFTER):
            match = re.search(pattern.format(office=_OFFICE, name=said), text)
            if match:
                lead, office = match.group("lead"), match.group("office")
                longer = f"{lead.split()[-1]} {office}" if lead.split() else ""
                if longer in OFFICES:   # "Prime Minister", not "Prime" and "Minister"
                    office = longer
                found.setdefault((key.split()[-1], office), bool(FORMER.search(lead)))
    return found


# A claim telling that someone left office ("Home Minister Ramesh Lekhak had already resigned") dates the change
# within the story: "Home Minister Lekhak" and "former home minister Lekhak" are then both true at their times.
LEAVING = {"resign", "quit", "retire", "step", "oust", "sack", "dismiss", "remove", "depose", "topple",
           "impeach", "succeed", "replace"}


def left_office(claims: list[Claim]) -> set[str]:
    """The people (by surname) a claim of the story says left an office."""
    return {key.split()[-1] for c in claims if c.event in LEAVING for label, key, _ in c.named if label == "PERSON" and key}


def value(claim: Claim) -> str:
    return "; ".join(f"{'former ' if former else ''}{office} {person.title()}"
                     for (person, office), former in sorted(titles(claim).items()))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    x, y = titles(a), titles(b)
    differ = sorted(key for key in set(x) & set(y) if x[key] != y[key])
    if not differ:
        return None
    person, office = differ[0]
    now, was = (a, b) if not x[differ[0]] else (b, a)
    return Discrepancy("entity", "medium", 0.7, f"{now.source} calls {person.title()} {office}, {was.source} "
                                                f"former {office}.")


CHECK = register(Check(name="standing", type="entity", slot="standing", severity="medium", order=24, compare=check,
                       value=value, comparable=lambda a, b: bool(set(titles(a)) & set(titles(b))), per_fact=False))
