"""Different regions for one named place: the province, state or district a source puts a town in ("Jalalabad in
Kunar province" vs "Jalalabad, Nangarhar province" vs "Nangarhar province, which includes Jalalabad"). Only regions
of one kind are compared: a town is in a county and in a province at once ("Tangfang in Zhenxiong County" and
"Tangfang Town in the city of Zhaotong" do not disagree). Outlets say where a place lies where they first name it,
in claims no embedding brings into one fact, so each source's first claim placing it is compared across the story
(compare/timeline.py)."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, first_difference, register
from service.pipeline.extract.normalize import entity_key, fold, same_name
from service.pipeline.types import Claim

KINDS = "(?i:province|state|region|district|county|prefecture|oblast|governorate)"
NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
PLACE_IN = re.compile(rf"(?P<place>{NAME})(?:\s+(?:city|town|village))?(?:,\s*|,?\s+in\s+|,\s+the\s+capital\s+of\s+)"
                      r"(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent|eastern|western|northern|southern)\s+)?"
                      rf"(?P<region>{NAME})\s+(?P<kind>{KINDS})\b(?!\s+[A-Z])")
INCLUDES = re.compile(rf"(?P<region>{NAME})\s+(?P<kind>{KINDS}),?\s+(?:which|that)\s+"
                      rf"(?:includes|contains|is\s+home\s+to)\s+(?P<place>{NAME})")
PLACES = {"GPE", "LOC", "FAC"}


def regions(claim: Claim) -> dict[str, str]:
    """{"place key|kind": region as written} for each named place the claim puts in a region of a kind: "Jalalabad,
    Nangarhar province" → {"jalalabad|province": "Nangarhar province"}."""
    named = {key for label, key, _ in claim.named if label in PLACES and key}
    found: dict[str, str] = {}
    for pattern in (PLACE_IN, INCLUDES):
        for match in pattern.finditer(claim.text):
            place, region = _named_tail(match.group("place"), named), match.group("region")
            if not place or entity_key(place) == entity_key(region):
                continue
            key = entity_key(place)
            found.setdefault(f"{key}|{match.group('kind').lower()}", f"{region} {match.group('kind').lower()}")
    return found


def _named_tail(words: str, named: set[str]) -> str:
    """The longest tail of the capitalised words before a region that the claim names as a place ("In Jalalabad" →
    "Jalalabad"), "" when none."""
    split = words.split()
    return next((" ".join(split[i:]) for i in range(len(split)) if entity_key(" ".join(split[i:])) in named), "")


def _apart(x: str, y: str) -> bool:
    """Two regions of one kind with different names ("Nangahar" is "Nangarhar" misspelled)."""
    return not same_name(fold(x.rsplit(" ", 1)[0]), fold(y.rsplit(" ", 1)[0]))


def value(claim: Claim) -> str:
    return ", ".join(regions(claim).values())


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    x, y = regions(a), regions(b)
    key = first_difference(x, y, lambda u, v: not _apart(u, v))
    if key is None:
        return None
    return Discrepancy("location", "medium", 0.75,
                       f"{a.source} puts {key.split('|')[0].title()} in {x[key]}, {b.source} in {y[key]}.")


CHECK = register(Check(name="region", type="location", slot="place", severity="medium", order=51, compare=check,
                       value=value, comparable=lambda a, b: bool(set(regions(a)) & set(regions(b))), per_fact=False))
