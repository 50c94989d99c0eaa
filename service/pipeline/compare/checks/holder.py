"""Different people named as one company office's holder ("The company's chief executive, David Calhoun" vs "CEO
Kelly Ortberg"): a source naming one person chief executive of the company another source gives another chief
executive. A former, outgoing or late holder holds no office now. Outlets title people where they name them, in claims
no embedding brings into one fact, so sources are compared across the story (compare/timeline.py): each source that
titles exactly one person with the office, by its first claim doing so."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, first_difference, register
from service.pipeline.extract.normalize import fold, full_name
from service.pipeline.types import Claim

# Company offices one person holds at a time, by what outlets call them.
OFFICES = {"ceo": "chief executive", "chief executive": "chief executive", "chief executive officer": "chief executive",
           "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "cfo": "chief financial officer",
           "chief financial officer": "chief financial officer"}
_OFFICE = "|".join(sorted(OFFICES, key=len, reverse=True))
PAST = re.compile(r"\b(?:former|ex|outgoing|then|previous|late|departing|retiring|retired|founding)\b")
NOT_ORG = {"the", "a", "an", "its", "his", "her", "their", "new", "incoming", "acting", "interim", "current", "company",
           "companys", "firm", "firms", "group", "groups", "carrier", "carriers", "planemaker", "planemakers", "airline",
           "airlines", "automaker", "automakers", "bank", "banks", "giant", "giants", "retailer", "retailers", "and"}
# "(Boeing / the company's / former) CEO (,) NAME", "NAME, (the) (former) (Boeing) chief executive"
BEFORE = r"(?P<lead>(?:[\w.'’-]+\s+){{0,3}}?(?:ex-)?)(?P<office>{office}),?\s+{name}\b"
# "NAME, (the) (Boeing) chief executive", "NAME is chief executive officer of Kenvue"
AFTER = (r"\b{name},?\s+(?:(?:is|was|as|became|becomes|remains)\s+)?(?:the\s+|a\s+|its\s+)?"
         r"(?P<lead>(?:[\w.'’-]+\s+){{0,3}}?(?:ex-)?)(?P<office>{office})\b(?:\s+of\s+(?:the\s+)?(?P<of>[\w-]+))?")


def holders(claim: Claim) -> dict[str, tuple[str, str, bool]]:
    """{office: (person's surname, organisation as written or "", former?)} for each office the claim titles someone."""
    text = fold(claim.text)
    found: dict[str, tuple[str, str, bool]] = {}
    for label, key, name in claim.named:
        if label != "PERSON" or not name or not full_name(key):
            continue
        for pattern in (BEFORE, AFTER):
            match = re.search(pattern.format(office=_OFFICE, name=re.escape(name)), text)
            if match:
                lead = match.group("lead")
                org = " ".join(w for w in re.sub(r"[^\w\s-]", "", lead).split() if w not in NOT_ORG and not PAST.search(w))
                org = org or _written_org(match.groupdict().get("of") or "", claim.text)
                found.setdefault(OFFICES[match.group("office")], (key.split()[-1], org, bool(PAST.search(lead))))
                break
    return found


def _written_org(first: str, text: str) -> str:
    """The organisation after "of" with the capitalised words that follow its first ("CEO of Intel Products" is not
    the CEO of Intel)."""
    if not first:
        return ""
    written = re.search(rf"\bof\s+(?:the\s+)?((?i:{re.escape(first)})(?:\s+[A-Z][\w-]*)*)", text)
    return fold(written.group(1)) if written else first


def current(claim: Claim) -> dict[str, tuple[str, str]]:
    return {office: (person, org) for office, (person, org, past) in holders(claim).items() if not past}


def value(claim: Claim) -> str:
    return "; ".join(f"{office} {person.title()}" + (f" ({org})" if org else "")
                     for office, (person, org) in sorted(current(claim).items()))


def _one_company(x: str, y: str) -> bool:
    return not x or not y or x == y


def comparable(a: Claim, b: Claim) -> bool:
    x, y = current(a), current(b)
    return any(_one_company(x[o][1], y[o][1]) for o in set(x) & set(y))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    x, y = current(a), current(b)
    office = first_difference(x, y, lambda u, v: u[0] == v[0] or not _one_company(u[1], v[1]))
    if office is None:
        return None
    return Discrepancy("entity", "high", 0.7, f"{a.source} names {x[office][0].title()} as {office}, {b.source} "
                                              f"{y[office][0].title()}.")


CHECK = register(Check(name="holder", type="entity", slot="holder", severity="high", order=26, compare=check,
                       value=value, comparable=comparable, per_fact=False))
