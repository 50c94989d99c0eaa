"""Who did it: one source names a collective actor the other leaves out ("Poland shot down the drones" vs
"Polish and NATO aircraft shot down the drones"). Actors are the countries, organisations and nationalities
named in the subject (a pronoun there counts as the name it stands for), joined there as co-actors ("X and Y",
"X with Y"); people are the entity check's."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import COPULAS, Check, Discrepancy, register, same_event
from service.pipeline.extract.normalize import entity_key, fold, same_name
from service.pipeline.types import Claim

ACTORS = {"GPE", "ORG", "NORP"}
COORDINATED = re.compile(r"\b(?:and|with|together with|alongside|along with|as well as)\b")
ATTACHED = re.compile(r"\b(?:to|in|from|for|on|at|with|by|near|over|en route|after|during|amid)\b")


def actors(claim: Claim) -> frozenset[str]:
    """The actors named in the subject, in each of its co-actors before a preposition other than "of" ("the plane en
    route to London" names no actor; "the US ambassador to Malaysia and the Chinese ambassador" names two)."""
    words = _unattached(fold(claim.subject))
    found = {key for label, key, text in claim.named if label in ACTORS and key and text and text in words}
    found |= {entity_key(name) for surface, name in claim.refers_to if fold(surface) in words.split()}
    return frozenset(found)


def _unattached(subject: str) -> str:
    """The subject without what its prepositions attach, each up to the next co-actor's joint."""
    kept, at = [], 0
    for attached in ATTACHED.finditer(subject):
        if attached.start() < at:
            continue
        kept.append(subject[at:attached.start()])
        joint = COORDINATED.search(subject, attached.end())
        at = joint.start() if joint else len(subject)
    kept.append(subject[at:])
    return " ".join(kept)


def _between_names(claim: Claim) -> str:
    """The subject less the names in it: "and" inside "the Competition and Markets Authority" joins no co-actors."""
    words = fold(claim.subject)
    for text in sorted({text for _, _, text in claim.named if text}, key=len, reverse=True):
        words = words.replace(text, " ")
    return words


def _covers(more: frozenset[str], fewer: frozenset[str]) -> bool:
    return all(any(same_name(x, y) for y in more) for x in fewer)


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if not same_event(a, b) or a.partial_list or b.partial_list or a.event in COPULAS:
        return None   # "UBS and Credit Suisse are systemically important banks" describes; it tells no act
    x, y = actors(a), actors(b)
    if not x or not y or len(x) == len(y):
        return None
    more, fewer = (a, b) if len(x) > len(y) else (b, a)
    if not COORDINATED.search(_between_names(more)):
        return None   # "An Air India Boeing 787-8 crashed": names in one noun phrase are no co-actors
    named, left = (x, y) if more is a else (y, x)
    if not _covers(named, left):
        return None   # different actors altogether: the entity check's business
    extra = sorted(n for n in named if not any(same_name(n, m) for m in left))
    return Discrepancy("entity", "medium", 0.55,
                       f"{more.source} has {', '.join(extra)} among who did it; {fewer.source} names only "
                       f"{', '.join(sorted(left))}.")


CHECK = register(Check(name="agents", type="entity", slot="agent", severity="medium", order=75, compare=check,
                       comparable=same_event, value=lambda c: ", ".join(sorted(actors(c)))))
