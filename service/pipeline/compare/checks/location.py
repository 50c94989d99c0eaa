"""Different places for the same event: one country vs several, or two regions of one place on opposite sides
("in northern Syria" vs "in southern Syria"; "northeast" and "northwest" are opposite across east and west).
Regions are vague ("north-central" and "northeast" Missouri, "central" and "northwest" China can each describe
one place), so only opposite sides conflict. A region is a compass word in lower case before a capitalised place
("North Korea" and "West Bengal" are names, not regions).
"""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import entity_key
from service.pipeline.types import Claim

REGION = re.compile(r"\b(?P<direction>(?:north|south)(?:-?(?:east|west|central))?|east|west|central)(?:ern)?\s+"
                    r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def regions(claim: Claim) -> dict[str, tuple[str, str]]:
    """{place key: (compass direction, the region as written)} of each region the claim names: "northwest China" →
    {"china": ("northwest", "northwest China")}."""
    return {entity_key(m.group("place")): (m.group("direction").replace("-", ""), m.group(0))
            for m in REGION.finditer(claim.text)}


def _axes(direction: str) -> tuple[str, str]:
    """(north/south, east/west) a direction points along, "" where it names no side."""
    return (next((d for d in ("north", "south") if direction.startswith(d)), ""),
            next((d for d in ("east", "west") if direction.endswith(d)), ""))


def overlap(x: str, y: str) -> bool:
    return all(p == q or not p or not q for p, q in zip(_axes(x), _axes(y)))


def _apart(a: Claim, b: Claim) -> list[tuple[str, str, str]]:
    ra, rb = regions(a), regions(b)
    return [(place, ra[place][1], rb[place][1]) for place in sorted(ra.keys() & rb.keys())
            if not overlap(ra[place][0], rb[place][0])]


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.place_scope and b.place_scope and a.place_scope != b.place_scope:
        single, multiple = (a, b) if a.place_scope == "single" else (b, a)
        return Discrepancy("location", "medium", 0.75,
                           f"{single.source} places it inside one country; {multiple.source} places it in several.")
    apart = _apart(a, b)
    if apart:
        _, x, y = apart[0]
        return Discrepancy("location", "medium", 0.75, f"{a.source} places it in {x}, {b.source} in {y}.")
    return None


def value(claim: Claim) -> str:
    scope = {"single": "inside one country", "multiple": "in several countries"}.get(claim.place_scope, "")
    return scope or ", ".join(written for _, written in regions(claim).values())


CHECK = register(Check(name="location", type="location", slot="place", severity="medium", order=50, compare=check,
                       value=value))
