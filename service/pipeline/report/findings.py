"""Disputes → findings: one per disputed fact and slot (or causal link between two facts), positions by value,
a sentence a reviewer can check, a severity and a confidence; and one discrepancy match per two positions.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from itertools import combinations, permutations

from service.pipeline.compare.causal import CausalDispute
from service.pipeline.compare.facts import background
from service.pipeline.compare.slots import SlotDispute
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Claim, Finding, Position, Source, Verdict

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
SLOT_NAMES = {"number": "the figures", "vote": "the vote", "age": "a person's age",
              "standing": "whether a person still holds the office", "holder": "who holds the office",
              "ages": "the ages of those it counts", "duration": "a finishing time", "scope": "how many it applies to",
              "date": "the date", "tenure": "the years in office", "end": "when it ends", "time": "the time of day",
              "elapsed": "the time elapsed", "place": "where it happened", "agent": "who is named",
              "speaker": "who said it", "modality": "whether it happened or was only agreed, planned or alleged",
              "negation": "whether it happened", "fate": "whether a person died or lived",
              "quote": "the words quoted", "statement": "the statement"}
RELATION_NAMES = {"cause": "as cause and effect", "reverse": "with the cause the other way round",
                  "none": "side by side or apart, with no causal link"}


def finding_id(facts: tuple[str, ...], slot: str) -> str:
    """A finding's identity is its facts and slot, so a re-post that leaves it standing keeps it."""
    return "fd_" + hashlib.sha1(f"{'|'.join(facts)}#{slot}".encode("utf-8")).hexdigest()[:12]


def _sources(claims) -> str:
    return ", ".join(sorted({c.source for c in claims}))


def slot_finding(dispute: SlotDispute, thresholds: Thresholds, min_confidence: float,
                 facts: tuple[str, ...] = ()) -> Finding:
    """The finding of a fact's dispute; `facts`: the story's facts it disputes, when the dispute's fact is not one
    of them (a timeline across facts)."""
    check = dispute.check
    facts = facts or (dispute.fact.id,)
    valued = [(check.value(group[0]) or "(not stated)", list(group)) for group in dispute.groups]
    by_value: dict[str, list[Claim]] = {}
    for value, group in valued:   # groups the check could not join that read alike are one position
        by_value.setdefault(value, []).extend(group)
    groups = list(by_value.items()) if len(by_value) > 1 else valued
    positions = tuple(Position(value=value, sources=tuple(c.source for c in group), claims=tuple(c.id for c in group))
                      for value, group in groups)
    severity = check.severity
    if check.type == "numeric":
        lead = min(c.sentence for g in dispute.groups for c in g) < thresholds.lead_sentences
        severity = "high" if lead else "medium"
    confidence = thresholds.typed_confidence(check.type, dispute.example.confidence)
    held = "; ".join(f"“{p.value}” ({', '.join(p.sources)})" for p in positions)
    explanation = f"The sources differ on {SLOT_NAMES.get(check.slot, check.slot)} in “{_named(dispute)}”: {held}."
    return Finding(id=finding_id(facts, check.slot), facts=facts, type=check.type,
                   slot=check.slot, severity=severity, confidence=confidence, explanation=explanation,
                   positions=positions, low_confidence=confidence < min_confidence)


def _named(dispute: SlotDispute) -> str:
    """The fact as a reviewer finds it among the positions: its own text when a disputed claim states it, else the
    first disputed claim (a fact may be named by a claim that holds no value in the slot)."""
    disputed = [c.statement or c.text for group in dispute.groups for c in group]
    return dispute.fact.text if dispute.fact.text in disputed else disputed[0]


def causal_finding(dispute: CausalDispute, thresholds: Thresholds, min_confidence: float) -> Finding:
    by_relation: dict[str, list] = {}
    for stance in dispute.stances:
        by_relation.setdefault(stance.relation, []).append(stance)
    positions = []
    for relation in ("cause", "reverse", "none"):
        stances = by_relation.get(relation, [])
        if not stances:
            continue
        markers = sorted({s.marker for s in stances if s.marker})
        value = RELATION_NAMES[relation] + (f" ({', '.join(f'“{m}”' for m in markers)})" if markers else "")
        positions.append(Position(value=value, sources=tuple(s.source for s in stances),
                                  claims=tuple(s.link.id for s in stances)))
    held = "; ".join(f"{p.value}: {', '.join(p.sources)}" for p in positions)
    explanation = (f"The sources link “{dispute.effect.text}” and “{dispute.cause.text}” differently: {held}.")
    facts = (dispute.cause.id, dispute.effect.id)
    return Finding(id=finding_id(facts, "link"), facts=facts, type="causal", slot="link", severity="high",
                   confidence=thresholds.causal_confidence, explanation=explanation, positions=tuple(positions),
                   low_confidence=thresholds.causal_confidence < min_confidence)


def position_matches(finding: Finding, similarity) -> list[Verdict]:
    """Discrepancy matches naming the finding: for every two positions, each claim of the smaller one against the
    first claim of the other (every source that holds a value is in a flagged pair, and pairs grow linearly)."""
    out = []
    for p, q in combinations(finding.positions, 2):
        small, large = sorted((p, q), key=lambda x: len(x.claims))
        for a in small.claims:
            b = large.claims[0]
            out.append(Verdict(claims=(a, b), verdict="discrepancy", discrepancy_type=finding.type,
                               severity=finding.severity, confidence=finding.confidence,
                               explanation=finding.explanation, similarity=round(similarity(a, b), 4),
                               finding=finding.id))
    return out


def contradiction_findings(verdicts: list[Verdict], facts, claims: dict[str, Claim],
                           min_confidence: float) -> list[Finding]:
    """An NLI contradiction between two claims of one fact (only with FACTCHECK_NLI_CONTRADICTIONS)."""
    fact_of = {c: f for f in facts for c in f.claims + f.mentions}
    found = []
    for v in verdicts:
        if v.verdict != "discrepancy":
            continue
        fact = fact_of[v.claims[0]]
        positions = tuple(Position(value="as stated", sources=(claims[c].source,), claims=(c,)) for c in v.claims)
        found.append(Finding(id=finding_id((fact.id,), "statement"), facts=(fact.id,), type="other", slot="statement",
                             severity="medium", confidence=v.confidence, explanation=v.explanation,
                             positions=positions, low_confidence=v.confidence < min_confidence))
    return found


def with_positions(verdicts: list[Verdict], findings: list[Finding], similarity) -> list[Verdict]:
    """The pairs within facts, with pairs that a finding sets apart as related, plus the findings' own matches."""
    apart: dict[frozenset, Finding] = {}
    for finding in findings:
        for p, q in combinations(finding.positions, 2):
            for a in p.claims:
                for b in q.claims:
                    apart.setdefault(frozenset((a, b)), finding)
    out = []
    for v in verdicts:
        if v.verdict == "discrepancy":
            continue
        finding = apart.get(frozenset(v.claims))
        if finding is not None:
            v = dataclasses.replace(v, verdict="related", confidence=finding.confidence,
                                    explanation=f"One fact told differently (finding {finding.id}): {v.explanation}")
        out.append(v)
    for finding in findings:
        out += position_matches(finding, similarity)
    return out


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.low_confidence, SEVERITY_RANK[f.severity], -f.confidence, f.id))


def rising_toll(finding: Finding, claims: dict[str, Claim], published: dict) -> bool:
    """A numeric finding whose positions are a toll as reported on successive days, each higher figure first told
    on a later day than the figures below it ("81 injured" on 4 November, "more than 160 injured" on the 5th, while
    another outlet still gives 81 on the 5th): one count rising, not a dispute. A toll that falls, two figures
    first told on one day, or a lower figure first told after a higher one ("23 injured" on the 4th, "21" on the
    5th: a correction, not a lagging outlet) stays a finding."""
    if finding.type != "numeric":
        return False
    readings = []
    for position in finding.positions:
        first: dict[float, object] = {}
        for claim_id in position.claims:
            day = published.get(claims[claim_id].source)
            if day is None:
                return False
            for q in claims[claim_id].quantities:
                if q.tally:
                    first[q.value] = min(first.get(q.value, day), day)
        if not first:
            return False
        readings.append((min(first), max(first), min(first.values()), first))
    readings.sort(key=lambda r: r[:3])
    return all(lower[1] <= higher[0] and all(day < higher[2] for day in lower[3].values())
               for lower, higher in zip(readings, readings[1:]))


# Words that give a toll as it stands at a moment: "So far, two rescued and 47 confirmed dead", "Currently, 124 people
# have been confirmed dead", "the toll rose to 89".
RUNNING = re.compile(r"\b(?:so far|currently|as of|as at|at last count|latest|rose to|risen to|has risen|climbed|"
                     r"jumped to|provisional|preliminary|initial(?:ly)?|at the time of writing)\b", re.IGNORECASE)


def running_toll(finding: Finding, claims: dict[str, Claim], earlier: set[str] = frozenset()) -> bool:
    """A numeric finding on a toll the story tells as it stands at a moment ("so far", "currently", "rose to"): the
    outlets' figures are readings at their own moments, not a dispute. Tolls of earlier events told as background
    (`earlier`: "in 2016, a fire at the Ghost Ship venue claimed 36 lives") say nothing of it."""
    if finding.type != "numeric":
        return False
    held = [{q.tally for q in claims[c].quantities if q.tally} for p in finding.positions for c in p.claims if c in claims]
    kinds = set.intersection(*held) if held else set()
    if len(kinds) != 1:
        return False   # every claim of the finding tells one toll; else the figures disputed are no toll
    kind = kinds.pop()
    return any(RUNNING.search(claim.text) for claim in claims.values() if claim.id not in earlier
               and any(q.tally == kind for q in claim.quantities))


def without_updates(findings: list[Finding], claims: dict[str, Claim], sources: list[Source]) -> list[Finding]:
    published = {s.id: s.published_at for s in sources}
    listed = list(claims.values())
    earlier = {listed[i].id for i in background(listed)}
    return [f for f in findings if not rising_toll(f, claims, published) and not running_toll(f, claims, earlier)]


def _figures(position: Position, claims: dict[str, Claim]) -> set[float]:
    return {q.value for c in position.claims if c in claims for q in claims[c].quantities}


def _repeats(finding: Finding, kept: Finding, claims: dict[str, Claim]) -> bool:
    """Whether a numeric finding splits sources as a kept one does, on the same figures: two of its positions each
    within one of two of the kept one's, sharing a figure with it ("six personnel" against "five personnel aboard"
    in two facts of one crash)."""
    if finding.type != "numeric" or (finding.type, finding.slot) != (kept.type, kept.slot):
        return False

    def within(p: Position, q: Position) -> bool:
        return set(p.sources) <= set(q.sources) and bool(_figures(p, claims) & _figures(q, claims))
    return any(within(p, q) and within(r, t) for p, r in combinations(finding.positions, 2)
               for q, t in permutations(kept.positions, 2))


def one_per_split(findings: list[Finding], claims: dict[str, Claim]) -> list[Finding]:
    """One numeric difference is one finding: of two that set the same sources apart on the same figures, the one with
    more sources stays."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: -sum(len(p.sources) for p in f.positions)):
        if not any(_repeats(finding, k, claims) for k in kept):
            kept.append(finding)
    return [f for f in findings if f in kept]


def note_publication_gaps(findings: list[Finding], claims: dict[str, Claim], sources: list[Source]) -> list[Finding]:
    """Say so when differing counts come from reports published on different days: one may update the other."""
    published = {s.id: s.published_at for s in sources}
    noted = []
    for finding in findings:
        days = sorted({(published[s], s) for p in finding.positions for s in p.sources if published.get(s)})
        if finding.type == "numeric" and finding.slot == "number" and len({d for d, _ in days}) > 1:
            dated = ", ".join(f"{source} on {day.isoformat()}" for day, source in days)
            finding = dataclasses.replace(
                finding, explanation=f"{finding.explanation} Published {dated}: one figure may be an update of the other.")
        noted.append(finding)
    return noted
