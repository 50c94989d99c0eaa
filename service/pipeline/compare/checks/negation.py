"""One source affirms what the other denies, for the same event."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import COPULAS, TOLD_AS_SO, Check, Discrepancy, register, same_event
from service.pipeline.types import Claim


# What an event is taken as or charged with: "not being treated as terrorism" and "being treated as an isolated
# incident" deny and affirm two different things.
TAKEN_AS = re.compile(r"\b(?:(?:treated|regarded|considered|classified|seen|viewed|described|investigated)\s+as|"
                      r"(?:accused|suspected|convicted|acquitted|cleared|found guilty)\s+of|charged\s+with)\s+"
                      r"(?:an?\s+|the\s+)?([\w-]+(?:\s+[\w-]+)?)", re.IGNORECASE)


# A denial of the moment, which a later report may overtake: "had not immediately been charged", "has not yet
# entered a plea", "is yet to comment"; or of an earlier time only: "counting didn't start until 9am".
NOT_YET = re.compile(r"(?:\bnot|\bnever|\bno|n['’]t)\s+(?:\w+\s+){0,2}?(?:yet|immediately|so far|until)\b|\byet to\b|"
                     r"\b(?:not|n['’]t)\s+(?:\w+\s+){0,2}?(?:until now|as of)\b", re.IGNORECASE)


def _taken_as(claim: Claim) -> set[str]:
    found = TAKEN_AS.search(claim.text)
    return set(found.group(1).lower().split()) if found else set()


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.event != b.event or a.negated == b.negated or a.partial_list or b.partial_list or a.event in COPULAS:
        return None   # "there were 25 survivors" vs "none of those who survived were Kazakh": two descriptions
    if _taken_as(a) and _taken_as(b) and not _taken_as(a) & _taken_as(b):
        return None   # "accused of using the money" and "not accused of pocketing it" are two accusations
    if a.modality != b.modality and not {a.modality, b.modality} <= TOLD_AS_SO:
        return None   # a denied plan or guess ("will not be able to run", "could not be a leader") denies nothing done
    yes, no = (a, b) if b.negated else (b, a)
    if NOT_YET.search(no.text):
        return None
    return Discrepancy("negation", "high", 0.8,
                       f"{yes.source} states “{yes.event}” happened; {no.source} negates it.")


CHECK = register(Check(name="negation", type="negation", slot="negation", severity="high", order=10, compare=check,
                           comparable=same_event, value=lambda c: ("not " if c.negated else "") + (c.event or c.predicate) if c.event or c.predicate else ""))
