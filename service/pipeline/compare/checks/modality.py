"""Done vs agreed vs planned, stated vs alleged, for the same event: an event, not a description ("Edgett has been
general counsel since 2012" and "Edgett is reportedly the fourth executive shown the exit" say different things), told
of the same things: claims naming none of each other's names tell two events ("the injured are being shifted to
Surkhet" and "some injured may be shifted to Indian hospitals")."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register, same_event
from service.pipeline.compare.facts import heavy_event
from service.pipeline.extract.normalize import fold
from service.pipeline.types import Claim

FACTUAL = {"done", "stated"}
WEAKER = {"agreed": "agreed to", "planned": "planned or expected", "alleged": "alleged", "possible": "possible"}
# An outlet's own hedge on what it could not confirm ("the tremors were reportedly felt in Rabat") is how it tells
# the fact, not an allegation: only a claim or an accusation ("allegedly", "accused of", "claimed") is.
REPORTING_HEDGE = re.compile(r"\b(?:reportedly|apparently)\b", re.IGNORECASE)
ALLEGING = re.compile(r"\b(?:alleg\w*|accus\w*|suspect\w*|claim\w*|purport\w*|supposedly)\b", re.IGNORECASE)


def modality(claim: Claim) -> str:
    if claim.modality == "alleged" and REPORTING_HEDGE.search(claim.text) and not ALLEGING.search(claim.text):
        return "stated"
    return claim.modality


ANYONE = re.compile(r"^(?:anyone|anybody|everyone|everybody|whoever|any\b)", re.IGNORECASE)


def _anyone(claim: Claim) -> bool:
    """Whether what the claim acts on is anyone at all: a rule or a warning, not one act."""
    return bool(ANYONE.match(claim.object.strip())) or bool(ANYONE.match(claim.subject.strip()))


# Words that name nothing by themselves ("arrested those", "more of them").
EMPTY = {"those", "these", "this", "that", "them", "their", "they", "which", "what", "some", "more", "most", "other",
         "others", "there", "such", "many", "much", "each", "every", "with", "from", "into", "over", "about"}


def _content(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) > 3 and w not in EMPTY}


def _acts_on_other_things(a: Claim, b: Claim) -> bool:
    """Both claims name what the event acts on, and share no word of it: two acts of one verb."""
    x, y = _content(a.object), _content(b.object)
    return bool(x and y) and x.isdisjoint(y)


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.event != b.event or a.negated != b.negated or not heavy_event(a):
        return None
    if a.quoted and b.quoted:
        return None   # "you could hear the bumps" vs "we heard the bumps": a speaker's words (the quote slot)
    if a.entities and b.entities and not set(a.entities) & set(b.entities):
        return None
    if _acts_on_other_things(a, b):
        return None   # "performed groundbreaking technology demonstrations" vs "is scheduled to perform surface commissioning"
    if _anyone(a) or _anyone(b):
        return None   # "would arrest anyone expressing support" is a warning of what is done to all, not a plan of one act
    for first, second in ((a, b), (b, a)):
        told, weaker = modality(first), modality(second)
        if told == "stated" and weaker in ("planned", "possible"):
            continue   # "is lifting" and "will lift" both announce one measure; only "done" is past a plan, and past a
            # guess ("were killed" vs "might have died"; "are still missing" vs "could still be missing" is no dispute)
        if told in FACTUAL and weaker in WEAKER:
            return Discrepancy(
                "modality", "medium", 0.85,
                f"{first.source} reports “{first.event}” as having happened; {second.source} says it was only "
                f"{WEAKER[weaker]}.")
    return None


CHECK = register(Check(name="modality", type="modality", slot="modality", severity="medium", order=40, compare=check,
                           comparable=same_event, value=lambda c: modality(c) if c.event else ""))
