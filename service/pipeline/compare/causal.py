"""Causal framing between facts: one source says fact Y happened because of (or in exchange for) fact X; another
source carries both facts without that link, or with the reverse one.

Each source's relation between its claims of two facts is read from the links extraction found: a cause
(with its direction), a sequence ("after"), a juxtaposition ("while", "as") or none (the facts stated apart).
A link claim per source (its two claims' spans) stands for the two facts as that source connects them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

import numpy as np

from service.pipeline.compare.facts import heavy_event
from service.pipeline.types import Claim, Fact, Link

Relation = Literal["cause", "reverse", "none"]
NOT_CAUSES = {"since"}        # "since the invasion began" is time, not cause
STRENGTH = {"cause": 0, "reverse": 1, "none": 2}   # a source's strongest relation between two facts counts
HEDGE = re.compile(r"\b(?:possibly|probably|likely|perhaps|may have|might have|could have|suspect(?:s|ed)?|theory|"
                   r"possible)\b", re.IGNORECASE)
CAUSE_FIRST = {"so"}          # "X, so Y": the linked clause is the effect
# An effect told as a response is caused by what it answers, whatever links them: "Washington will respond after the
# court sentenced him" and "vowed that the U.S. would respond accordingly" frame it as "in response to the sentence".
RESPONDING = re.compile(r"\b(?:respon(?:d|ds|ded|ding|se)|react(?:s|ed|ing|ion)?|retaliat\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Stance:
    source: str
    relation: Relation
    marker: str               # the words that link them, "" when stated apart
    link: Claim               # the two facts as this source states them
    of_cause: str = ""        # its claim of the cause fact
    of_effect: str = ""       # and of the effect fact
    hedged: bool = False      # a cause told as a guess ("a failure possibly due to a bird strike may have caused it")


@dataclass(frozen=True)
class CausalDispute:
    cause: Fact
    effect: Fact
    stances: tuple[Stance, ...]


def link_claim(first: Claim, second: Claim, marker: str) -> Claim:
    """One claim for two facts as a source connects them; its spans are both claims' spans."""
    ordered = sorted((first, second), key=lambda c: c.spans[0])
    return Claim(id=f"{ordered[0].id}+{ordered[1].id.split('#')[-1]}", source=first.source,
                 text=" … ".join(c.text for c in ordered), spans=_merged(first.spans + second.spans),
                 sentence=min(first.sentence, second.sentence), role="link", marker=marker,
                 entities=tuple(sorted(set(first.entities) | set(second.entities))))


def _merged(spans) -> tuple:
    """The spans as disjoint ranges: a clause's span inside its sentence's claim is read once."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def causes_of(claim: Claim) -> list[tuple[Link, str, bool]]:
    """(link, target claim id, target is the cause) for each causal link the claim states."""
    out = []
    for link in claim.links:
        if link.kind != "causal" or link.marker.lower() in NOT_CAUSES:
            continue
        out += [(link, target, link.marker.lower() not in CAUSE_FIRST) for target in link.targets]
    return out


def relation(x: Claim, y: Claim, by_id: dict[str, Claim]) -> tuple[Relation, str, bool]:
    """How one source relates claim x (of the cause fact) to claim y (of the effect fact):
    (relation, marker, stated in one sentence with no marker)."""
    for owner, other, other_is_x in ((y, x, True), (x, y, False)):
        for link, target, target_is_cause in causes_of(owner):
            if target == other.id or by_id.get(target, Claim("", "", "", (), 0)).parent == other.id:
                forward = target_is_cause == other_is_x
                return ("cause" if forward else "reverse"), link.marker, False
    responding = RESPONDING.search(y.text)
    if responding:
        return "cause", responding.group(0).lower(), False
    for owner, other in ((x, y), (y, x)):
        for link in owner.links:
            if other.id in link.targets:
                return "none", link.marker, False
    return "none", "", x.sentence == y.sentence


def causal_disputes(facts: list[Fact], claims: list[Claim], nearby: int = 1,
                    vectors: Optional[dict[str, np.ndarray]] = None) -> list[CausalDispute]:
    """With the claims' vectors, a source's stance counts only where its two claims line up with a cause's."""
    by_id = {c.id: c for c in claims}
    fact_of: dict[str, Fact] = {}
    held: dict[str, dict[str, list[Claim]]] = {}    # fact id → source → its claims of the fact
    for fact in facts:
        for claim_id in fact.claims + fact.mentions:
            fact_of[claim_id] = fact
            held.setdefault(fact.id, {}).setdefault(by_id[claim_id].source, []).append(by_id[claim_id])
    for fact in facts:
        if len(fact.sources) == 1:
            for claim_id in fact.claims + fact.mentions:
                restated = _restated_fact(by_id[claim_id], facts, by_id)
                if restated is not None:
                    fact_of[claim_id] = restated
                    held[restated.id][by_id[claim_id].source].append(by_id[claim_id])

    facts_by_id = {f.id: f for f in facts}
    order = {f.id: i for i, f in enumerate(facts)}
    disputes, seen = [], set()
    for claim in claims:
        if claim.id not in fact_of:
            continue
        candidates = []
        for link, target, target_is_cause in causes_of(claim):
            here, there = fact_of[claim.id], fact_of.get(target)
            if there is None or here.id == there.id:
                continue
            cause, effect = (there, here) if target_is_cause else (here, there)
            both = set(held[cause.id]) & set(held[effect.id])
            if len(both) >= 2:
                # "Belarus released 52 prisoners, including an EU employee. In exchange, …": the sentence's main
                # clause is what the link points back to, before its side clauses.
                main = by_id[target].role == "main"
                # Ties go to the facts the story tells first, not to their ids (which depend on the sources' names).
                candidates.append((-main, -len(both), -(target in there.claims), order[cause.id], order[effect.id],
                                   cause.id, effect.id))
        for *_, cause_id, effect_id in sorted(candidates):
            if frozenset((cause_id, effect_id)) in seen:
                break
            stances = [s for s in (_stance(source, held[cause_id][source], held[effect_id][source], by_id, nearby)
                                   for source in sorted(set(held[cause_id]) & set(held[effect_id]))) if s is not None]
            if vectors is not None:
                stances = _lined_up(stances, vectors)
            if _disagree(stances):
                seen.add(frozenset((cause_id, effect_id)))
                disputes.append(CausalDispute(facts_by_id[cause_id], facts_by_id[effect_id], tuple(stances)))
                break
    return _one_per_effect(disputes)


def _restated_fact(claim: Claim, facts: list[Fact], by_id: dict[str, Claim]) -> Optional[Fact]:
    """A claim only its source carries that reports, with a verb of saying, an event it names as a noun ("Belarus
    later confirmed their release") restates the fact of that event its source carries ("Belarus has released 52
    prisoners"), so a link to it ("In return for Lukashenko's gesture, …") is a link to that fact."""
    if heavy_event(claim) or not claim.object:
        return None
    named = claim.object.split()[-1].lower()
    found = [f for f in facts if len(f.sources) >= 2 and claim.source in f.sources
             and any(by_id[c].source == claim.source and heavy_event(by_id[c]) == named for c in f.claims + f.mentions)]
    return found[0] if len(found) == 1 else None


def _one_per_effect(disputes: list[CausalDispute]) -> list[CausalDispute]:
    """Sources that tie one effect to causes the facts split apart ("in return for the gesture", "in exchange
    for the release") dispute one framing: one dispute per effect, each source's strongest stance, the cause the
    most sources carry."""
    merged: dict[str, list[CausalDispute]] = {}
    for dispute in disputes:
        merged.setdefault(dispute.effect.id, []).append(dispute)
    out = []
    for group in merged.values():
        best: dict[str, Stance] = {}
        for dispute in group:
            for stance in dispute.stances:
                if stance.source not in best or STRENGTH[stance.relation] < STRENGTH[best[stance.source].relation]:
                    best[stance.source] = stance
        cause = max((d.cause for d in group), key=lambda f: len(f.sources))
        stances = tuple(best[s] for s in sorted(best))
        if _disagree(stances):
            out.append(CausalDispute(cause, group[0].effect, stances))
    return out


def _lined_up(stances: list[Stance], vectors: dict[str, np.ndarray]) -> list[Stance]:
    """The stances whose claims of the two facts are each closer to a cause's claim of the same fact than to its
    claim of the other: loose facts can pair one source's cause with another's effect ("aborted the landing due to
    interference from birds" against "a bird strike warning … the pilots attempted to land")."""
    causes = [s for s in stances if s.relation == "cause"]

    def lined_up(s: Stance, t: Stance) -> bool:
        same = [float(vectors[s.of_cause] @ vectors[t.of_cause]), float(vectors[s.of_effect] @ vectors[t.of_effect])]
        crossed = [float(vectors[s.of_cause] @ vectors[t.of_effect]), float(vectors[s.of_effect] @ vectors[t.of_cause])]
        return min(same) > max(crossed)

    return [s for s in stances if s.relation == "cause" or any(lined_up(s, c) for c in causes)]


def _disagree(stances) -> bool:
    """A cause against no link or the reverse, or the reverse against the rest; a cause told only as a guess disputes
    no source that states the facts apart (it does not say the cause is not so)."""
    if all(s.hedged for s in stances if s.relation == "cause") and not any(s.relation == "reverse" for s in stances):
        stances = [s for s in stances if s.relation != "none"]
    relations = {s.relation for s in stances}
    return ("cause" in relations and bool(relations - {"cause"})) or (
        "reverse" in relations and bool(relations - {"reverse"}))


def _stance(source: str, of_cause: list[Claim], of_effect: list[Claim], by_id: dict[str, Claim],
           nearby: int) -> Optional[Stance]:
    """The source's strongest relation between the two facts; None when it takes no position against a cause:
    it ties them in one sentence in words no marker names ("bribed … in anticipation of favours"), or states
    them sentences apart with nothing between them (it reports both, it does not put them side by side)."""
    readings = [(relation(x, y, by_id), x, y) for x in of_cause for y in of_effect if x.id != y.id]
    if not readings:
        return None
    (kind, marker, one_sentence), x, y = min(readings, key=lambda r: (STRENGTH[r[0][0]], not r[0][1], r[1].spans[0]))
    if kind == "none" and not marker and (one_sentence or abs(x.sentence - y.sentence) > nearby):
        return None
    hedged = kind != "none" and (x.modality == "possible" or y.modality == "possible" or bool(
        HEDGE.search(f"{x.text} {y.text}")))
    return Stance(source, kind, marker, link_claim(x, y, marker), x.id, y.id, hedged)
