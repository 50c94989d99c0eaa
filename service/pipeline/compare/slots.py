"""Slots compared within a fact: for each registered check, the fact's sources split into compatible groups.

For one check, each source holding a value in its slot takes part; sources are joined whenever that check
does not set their claims apart, and two or more groups left apart make one dispute: every source of one
group conflicts with every source of another. Claims a check (in registry order) sets apart are not
compared again by later checks through the same two claims, so one difference is one finding.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from service.pipeline.compare.checks import Check, Discrepancy, registered
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Claim, Fact


@dataclass(frozen=True)
class SlotDispute:
    fact: Fact
    check: Check
    groups: tuple[tuple[Claim, ...], ...]     # compatible groups, largest first
    example: Discrepancy                        # the check's own reading of one conflicting pair


def first_separating(a: Claim, b: Claim, similarity: float, checks: list[Check],
                     thresholds: Thresholds) -> tuple[Check, Discrepancy] | None:
    for check in checks:
        if _too_far(check, a, b, similarity, thresholds):
            continue
        found = check.compare(a, b)
        if found is not None:
            return check, found
    return None


def _too_far(check: Check, a: Claim, b: Claim, similarity: float, thresholds: Thresholds) -> bool:
    """Two claims too far apart for this check to compare: a speaker only between claims of one statement, a figure
    only between claims of one thing ("scoring seven runs in just three balls" vs "with just two runs required"), unless
    the check tells that thing by itself (one toll, however worded)."""
    return (check.same_statement and similarity < thresholds.same_speaker_fact) or (
        similarity < thresholds.fact_specific_similarity and check.close_only(a, b))


def fact_disputes(fact: Fact, claims: dict[str, Claim], vectors: dict[str, np.ndarray],
                  thresholds: Thresholds, checks: list[Check] | None = None) -> list[SlotDispute]:
    """For each check in order, each source's claim holding the slot (its carrier, else a mention, else a clause
    split from them that holds it); two claims an earlier check already set apart are not compared again."""
    if len(fact.sources) < 2:
        return []
    said: dict[str, list[Claim]] = {}
    for claim_id in fact.claims + fact.mentions:
        said.setdefault(claims[claim_id].source, []).append(claims[claim_id])
    for source, own in said.items():
        # Then the clauses split from them in their sentences ("… at training grounds located deep inside the country").
        ids = {c.id for c in own}
        own += [c for c in claims.values() if c.parent in ids and c.source == source and c.id not in ids
                and c.sentence == claims[c.parent].sentence]
    separated: set[frozenset] = set()
    disputes = []
    for check in [c for c in registered() if c.per_fact] if checks is None else checks:
        if any(d.check.slot == check.slot for d in disputes):
            continue   # one finding per fact and slot
        holder = {s: _holder(check, cs, claims) for s, cs in said.items()}
        holders = {s: c for s, c in holder.items() if c is not None}
        if check.settled(list(holders.values())):
            continue
        named: dict[frozenset, Discrepancy] = {}
        for (s, a), (t, b) in combinations(sorted(holders.items()), 2):
            if frozenset((a.id, b.id)) in separated:
                continue
            if _too_far(check, a, b, float(vectors[a.id] @ vectors[b.id]), thresholds):
                continue
            found = check.compare(a, b)
            if found is not None:
                named[frozenset((s, t))] = found
        if not named:
            continue
        groups = _compatible_groups(sorted(holders), named, lambda s, t: check.comparable(holders[s], holders[t])
                                    and frozenset((holders[s].id, holders[t].id)) not in separated)
        if len(groups) < 2:
            continue
        separated |= {frozenset((holders[s].id, holders[t].id)) for g, h in combinations(groups, 2) for s in g for t in h}
        ordered = [tuple(holders[s] for s in g) for g in groups]
        example = next(named[frozenset((s, t))] for s in groups[0] for g in groups[1:] for t in g
                       if frozenset((s, t)) in named)
        disputes.append(SlotDispute(fact, check, tuple(ordered), example))
    return disputes


def _holder(check: Check, said: list[Claim], claims: dict[str, Claim]):
    """The first of a source's claims of the fact that holds the slot; for a slot shared within a sentence, else
    the first of them with the value of the clause it was split from."""
    found = next((c for c in said if check.value(c) and (check.partial_lists or not c.partial_list)), None)
    if found is not None or not check.shared_in_sentence:
        return found
    for claim in said:
        parent = claims.get(claim.parent)
        if parent is not None and parent.sentence == claim.sentence and parent.dates and \
                parent.modality not in UNHAPPENED and claim.event not in STATES and not OWN_TIME.search(claim.text):
            return dataclasses.replace(claim, dates=parent.dates)
    return None


# A clause does not take the date of a plan ("is to appear in court Sunday after being arrested for offenses
# related to …"), nor does a state of things happen on its sentence's day ("offenses related to the app").
UNHAPPENED = {"planned", "agreed", "possible"}
STATES = {"be", "relate", "include", "involve", "have", "remain", "hold", "contain", "concern"}
# Nor does a clause that tells its own time ("who had set the record a year earlier").
OWN_TIME = re.compile(r"\b(?:earlier|later|ago|previously|before|afterwards|since|until|last|next)\b", re.IGNORECASE)


def _compatible_groups(sources: list[str], conflicts: dict[frozenset, Discrepancy], comparable) -> list[list[str]]:
    """Sources grouped so that no two of a group conflict: the sources in most conflicts first, each joining the
    largest group it speaks of one thing with and conflicts with none of (a vague value, such as a floor that
    fits two rival figures, joins one side rather than bridging both) and takes no position when it conflicts with
    none. Only groups in conflict with another are positions (a source comparable with none takes no position);
    largest group first."""
    clashes = {s: sum(s in pair for pair in conflicts) for s in sources}
    groups: list[list[str]] = []
    for s in sorted(sources, key=lambda x: (-clashes[x], sources.index(x))):
        fits = [g for g in groups if any(comparable(s, t) for t in g)
                and not any(frozenset((s, t)) in conflicts for t in g)]
        if fits:
            max(fits, key=len).append(s)
        else:
            groups.append([s])
    # A source in no conflict (a vague "on Sunday morning" beside "9:03" and "9:07") takes no position.
    disputed = [[s for s in g if clashes[s]] for g in groups]
    disputed = [g for g in disputed if any(frozenset((s, t)) in conflicts for s in g for h in disputed if h is not g
                                           for t in h)]
    for g in disputed:
        g.sort(key=sources.index)
    return sorted(disputed, key=lambda g: (-len(g), sources.index(g[0])))
