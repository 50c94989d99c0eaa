"""Opposite states of one thing: open against closed ("Tribhuvan Airport has been shut down" vs "Kathmandu airport
remained operational"), under way against over ("Rescue operations are ongoing" vs "rescue operations were
completed at 10.18 a.m."). The state is what the claim's subject is said to be or to have become, read right after
the subject; "not" turns it over ("was not closed" is open). Two claims speak of one thing when their subjects
share a noun ("airport"), and not when they date it on different days: a place closed on Monday may reopen on
Tuesday."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import fold
from service.pipeline.types import Claim

BEFORE = (r"(?:has|have|had|will|would|could|may|might|is|are|was|were|be|been|being|remain(?:s|ed)?|stay(?:s|ed)?|"
          r"kept|keep|reportedly|still|fully|partially|temporarily|also|now|then|not|n't|\s)*")
STATES = {"open": r"(?:re)?open(?:ed|s)?|operational|functioning|resumed|back in operation"
                 r"|(?:operating|running)\s+(?:normally|as\s+(?:usual|normal)|again)",
          "closed": r"clos(?:ed|es)|shut(?:\s+down)?|suspended|halted|out of (?:service|operation)",
          "under way": r"ongoing|under\s?way|in progress|continuing|still going on",
          "over": r"completed|ended|concluded|finished|over|called off"}
# Not a state when an object or a price follows: "opened fire", "opened a branch", "closed 2% higher", "closed at
# $5" (a time may: "were completed at 10.18 a.m.").
NOT_AFTER = r"(?!\s+(?:fire|an?|the|its|his|her|their|up|down|higher|lower|flat)\b|\s*\d|\s+at\s+(?![\d.:]+\s*[ap]\.?\s?m\b))"
STATE = re.compile(rf"^\s*(?P<before>{BEFORE})(?P<state>{'|'.join(STATES.values())})\b{NOT_AFTER}", re.IGNORECASE)
OPPOSITE = {"open": "closed", "closed": "open", "under way": "over", "over": "under way"}
SMALL_WORDS = {"the", "a", "an", "of", "its", "their", "main", "international", "all", "some"}


def state(claim: Claim) -> str:
    """"open", "closed", "under way" or "over": the state the claim gives its subject, "" when it gives none."""
    words = claim.subject.split()
    subject = re.search(r"[\s-]+".join(map(re.escape, words)), claim.text, re.IGNORECASE) if words else None
    if subject is None:
        return ""
    found = STATE.match(claim.text[subject.end():])
    if found is None:
        return ""
    said = next(name for name, pattern in STATES.items() if re.fullmatch(pattern, found.group("state"), re.IGNORECASE))
    negated = bool(re.search(r"\bnot\b|n't", found.group("before"), re.IGNORECASE))
    return OPPOSITE[said] if negated else said


def _nouns(claim: Claim) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", fold(claim.subject)) if w not in SMALL_WORDS and len(w) > 2}


def comparable(a: Claim, b: Claim) -> bool:
    days_a, days_b = {d for d, g in a.dates if g == "day"}, {d for d, g in b.dates if g == "day"}
    return bool(state(a) and state(b) in (state(a), OPPOSITE[state(a)]) and _nouns(a) & _nouns(b)) and \
        not (days_a and days_b and days_a != days_b)


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if not comparable(a, b) or state(a) == state(b):
        return None
    return Discrepancy("negation", "high", 0.7, f"{a.source} says {a.subject} is {state(a)}, {b.source} that "
                                                f"{b.subject} is {state(b)}.")


CHECK = register(Check(name="state", type="negation", slot="negation", severity="high", order=11, compare=check,
                       value=state, comparable=comparable))
