"""Whether a named person died or lived: "the attack claimed the lives of senior Hamas figures Khaled Mashal, Khalil
al-Hayya, and Zaher Jabarin" vs "Khalil al-Hayya and Zaher Jabarin were among those who escaped the strike
unharmed". A person is named by a full name as the subject or object of the claim, not as whose relative or aide
was hit ("al-Hayya's son was killed"); a claim telling both fates ("killed two aides but he survived") or a guess
("may have been killed") tells none. Outlets tell a person's fate in claims no embedding brings into one fact, so
each source's first claim telling one is compared across the story (compare/timeline.py)."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import TOLD_AS_SO, Check, Discrepancy, first_difference, register
from service.pipeline.extract.normalize import fold, full_name
from service.pipeline.types import Claim

DEAD = re.compile(r"\b(?:killed|died|dead|slain|assassinated|lost (?:his|her|their) lives?|claimed the lives? of|"
                  r"among the (?:dead|victims|fatalities))\b")
ALIVE = re.compile(r"\b(?:survived|survives|survivors?|escaped|unharmed|unhurt|uninjured|alive)\b")


def fates(claim: Claim) -> dict[str, str]:
    """{person key: "dead" | "alive"} for each person the claim tells the fate of."""
    text = fold(claim.text)
    dead, alive = DEAD.search(text) is not None, ALIVE.search(text) is not None
    if dead == alive or claim.modality not in TOLD_AS_SO:
        return {}
    fate = "dead" if dead != claim.negated else "alive"
    told_of = f" {fold(claim.subject)} {fold(claim.object)} "
    return {key: fate for label, key, name in claim.named
            if label == "PERSON" and name and full_name(key) and f" {name.replace('-', ' ')}" in told_of
            and not re.search(rf"\b{re.escape(name)}\s*s\b", text)}   # "al-hayyas son" (fold drops the apostrophe)


def value(claim: Claim) -> str:
    return "; ".join(f"{key.title()} {fate}" for key, fate in sorted(fates(claim).items()))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    x, y = fates(a), fates(b)
    key = first_difference(x, y)
    if key is None:
        return None
    return Discrepancy("negation", "high", 0.75, f"{a.source} says {key.title()} is {x[key]}, {b.source} "
                                                 f"{'alive' if x[key] == 'dead' else 'dead'}.")


CHECK = register(Check(name="fate", type="negation", slot="fate", severity="high", order=14, compare=check, value=value,
                       comparable=lambda a, b: bool(set(fates(a)) & set(fates(b))), per_fact=False))
