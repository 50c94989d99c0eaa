"""Different names in one role: the doer (or the thing done to) is named differently by the two sources.

Names are compared per role (the subject, the object) and per kind (person, organisation, nationality…),
and only when the two claims share no name of that kind in that role, so a claim that names more people
than its counterpart is not a conflict. Places are the location check's business.
"""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import COPULAS, Check, Discrepancy, register, same_event
from service.pipeline.extract.normalize import fold, same_name
from service.pipeline.types import Claim

COMPARED = ("PERSON", "ORG", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")
KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "nationality or group", "EVENT": "event",
         "PRODUCT": "product", "LAW": "law", "WORK_OF_ART": "work"}


def _names_in(claim: Claim, phrase: str, label: str) -> list[str]:
    words = fold(phrase)
    return sorted(key for kind, key, text in claim.named if kind == label and key and text and text in words)


def _named_by_surname(names: list[str], phrase: str) -> bool:
    """Whether the other phrase names one of these people by the last word of the name alone ("Parag Agrawal" and
    "… include Agrawal, Gadde …"), which the parse often leaves untagged."""
    words = set(fold(phrase).replace(",", " ").split())
    return any(len(name.split()) > 1 and name.split()[-1] in words for name in names)


def _named_in(claim: Claim, names: list[str]) -> bool:
    """Whether the claim names one of these elsewhere: "Ishiba's coalition, consisting of the LDP and …, lost" and
    "the LDP and its partner lost" frame one doer two ways."""
    return any(same_name(x, key) for x in names for _, key, _ in claim.named if key)


def _doer(claim: Claim) -> str:
    return "" if claim.passive else claim.subject


def _done_to(claim: Claim) -> str:
    """"Apple has been fined" and "the Commission fined Apple" both name Apple as the one fined; what a claim says a
    thing is ("are World Cup champions") is no thing done to."""
    if claim.event in COPULAS:
        return ""
    return claim.subject if claim.passive else claim.object


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.event != b.event or a.partial_list or b.partial_list:
        return None
    for role, phrase_a, phrase_b in (("doer", _doer(a), _doer(b)), ("thing done to", _done_to(a), _done_to(b))):
        if not phrase_a or not phrase_b:
            continue
        for label in COMPARED:
            names_a, names_b = _names_in(a, phrase_a, label), _names_in(b, phrase_b, label)
            if not names_a or not names_b or any(same_name(x, y) for x in names_a for y in names_b) \
                    or _named_by_surname(names_a, phrase_b) or _named_by_surname(names_b, phrase_a) \
                    or _named_in(b, names_a) or _named_in(a, names_b):
                continue
            return Discrepancy("entity", "medium", 0.55,   # 5 of 9 right on the calibration fit part
                               f"Different {KINDS[label]} as the {role}: {a.source} names {', '.join(names_a)}; "
                               f"{b.source} names {', '.join(names_b)}.")
    return None


CHECK = register(Check(name="entity", type="entity", slot="agent", severity="medium", order=70, compare=check,
                           comparable=same_event, value=lambda c: c.subject or c.object))
