"""Typed checks on two claims of one fact, behind one protocol and one registry.

Each check module defines `compare(a, b) -> Discrepancy | None` and `value(claim) -> str` (what the claim
holds in the check's slot, "" when nothing) and registers them with their metadata where they are defined.
`registered()` gives every check in order: the first that separates two claims names their discrepancy.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Optional

from service.pipeline.types import Claim, DiscrepancyType, Severity, Slot

MODULES = ("negation", "fate", "state", "numeric", "vote", "age", "standing", "holder", "ages", "duration", "scope", "date",
           "tenure", "until", "clock", "elapsed", "modality", "location", "region", "attribution", "quotation",
           "entity", "agents")


# Modalities that tell a thing as so, not as planned, guessed or alleged.
TOLD_AS_SO = frozenset({"done", "stated", "reported"})
# Verbs that describe rather than tell an act: "there were 25 survivors", "UBS and Credit Suisse are systemically
# important banks".
COPULAS = frozenset({"be", "have"})


@dataclass(frozen=True)
class Discrepancy:
    type: DiscrepancyType
    severity: Severity
    confidence: float
    explanation: str


@dataclass(frozen=True)
class Check:
    name: str
    type: DiscrepancyType
    slot: Slot
    severity: Severity
    order: int
    compare: Callable[[Claim, Claim], Optional[Discrepancy]]
    value: Callable[[Claim], str]
    same_statement: bool = False    # compared only between claims that clearly report one statement
    close_only: Callable[[Claim, Claim], bool] = lambda a, b: False   # compared only between claims at least as
    # close as a shared specific joins
    comparable: Callable[[Claim, Claim], bool] = lambda a, b: True   # both speak of one thing in this slot
    partial_lists: bool = False     # an "including …" list holds a value ("including 230 passengers")
    shared_in_sentence: bool = False  # a clause without a value takes its sentence's ("killed on Wednesday when it crashed")
    settled: Callable[[list[Claim]], bool] = lambda claims: False   # the fact's claims together leave the slot undisputed
    per_fact: bool = True           # compared within each fact; else only across the story (compare/timeline.py)


_REGISTRY: dict[str, Check] = {}


def register(check: Check) -> Check:
    _REGISTRY[check.name] = check
    return check


def registered() -> list[Check]:
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return sorted(_REGISTRY.values(), key=lambda c: c.order)


def read_as_pair(read: Callable[[Claim], Optional[tuple]], joiner: str, type_: DiscrepancyType, severity: Severity,
                 confidence: float, what: str):
    """(value, compare) for a slot read as two numbers ("3-2", "2018–2022"): different pairs disagree."""
    def value(claim: Claim) -> str:
        found = read(claim)
        return f"{found[0]}{joiner}{found[1]}" if found else ""

    def compare(a: Claim, b: Claim) -> Optional[Discrepancy]:
        x, y = read(a), read(b)
        if x is None or y is None or x == y:
            return None
        return Discrepancy(type_, severity, confidence,
                           f"{a.source} gives {what} as {value(a)}, {b.source} as {value(b)}.")

    return value, compare


def first_difference(x: dict, y: dict, agree: Callable = lambda u, v: u == v):
    """The first key (in sorted order) two claims' readings share but disagree on, or None: one person's age, time or
    office as each claim gives it."""
    return next((key for key in sorted(set(x) & set(y)) if not agree(x[key], y[key])), None)


def same_event(a: Claim, b: Claim) -> bool:
    return a.event == b.event


def quote(text: str, limit: int = 60) -> str:
    """The text in quotation marks, shortened at a word boundary when over limit."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        text = cut + " …"
    return f"“{text}”"
