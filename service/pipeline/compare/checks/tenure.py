"""Different years for a time in office ("governed Brazil between 2019 and 2022" vs "governed from 2018 to 2022"):
the years a claim gives with a verb of holding a post (govern, serve, rule, lead, preside, reign, head, run, hold
office, be in office). Outlets give it in asides no embedding brings into one fact, so each source's first is
compared across the story (compare/timeline.py), not within facts."""
from __future__ import annotations

import re

from service.pipeline.compare.checks import Check, read_as_pair, register
from service.pipeline.types import Claim

HOLDING = r"(?:govern(?:s|ed|ing)?|serv(?:e|es|ed|ing)|rul(?:e|es|ed|ing)|l(?:ed|eads?|eading)|presid(?:e|es|ed|ing)|" \
          r"reign(?:s|ed|ing)?|head(?:s|ed|ing)?|ran|runs?|running|held office|in office|in power|as (?:president|" \
          r"prime minister|chancellor|mayor|governor|ceo|chief executive|chair(?:man|woman)?))"
YEARS = re.compile(rf"\b{HOLDING}\b[^.;]{{0,40}}?\b(?:from|between)\s+(?P<start>(?:19|20)\d{{2}})\s*"
                   rf"(?:to|and|until|till|"
                   rf"through|-|–)\s*(?P<end>(?:19|20)\d{{2}})\b", re.IGNORECASE)


def years(claim: Claim) -> tuple[str, str] | None:
    found = YEARS.search(claim.text)
    return (found.group("start"), found.group("end")) if found else None


value, check = read_as_pair(years, "–", "date", "medium", 0.8, "the years in office")


CHECK = register(Check(name="tenure", type="date", slot="tenure", severity="medium", order=31, compare=check,
                       value=value, comparable=lambda a, b: years(a) is not None and years(b) is not None,
                       per_fact=False))
