"""Slots compared across the whole story, not within one fact: outlets put them in claims an embedding does not
bring into one fact. The time elapsed after an anchor ("crashed less than a minute after taking off from the
airport" vs "crashed into a residential area just five minutes after takeoff"), how much of what it names an event
acted on ("shooting down all the objects traced on radars" vs "those that posed a threat were shot down"), and the
split of a vote ("ruled 3-2" vs "four of the five justices found him guilty"), a person's age, whether they still
hold the office they are titled with, the minute a named person acted at ("scored in the 13th minute" vs "after
eight minutes"), the time of day a claim says something happened at ("the accident occurred at 9:03 a.m."), years
in office, who holds a company office ("CEO Kelly Ortberg" vs "the chief executive, David Calhoun"), the end of a
ban or term ("barred from office until 2033"), the ages of those counted ("ranging from 14 to 24"), a person's
finishing time ("in 2:02:44" vs "in two hours, two minutes and 43 seconds"), how many were named with someone
("convicted Bolsonaro and seven allies" vs "the former president and six others") and the province or state a
named town lies in ("Jalalabad in Kunar province" vs "Jalalabad, Nangarhar province") and the size of a thing
("a 200-metre section" vs "the 80-metre long collapsed section").
For each key (anchor and event, or event), the first claim of each source that holds it is one carrier of a fact
of its own, compared in that slot only."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from service.pipeline.compare.checks import (Check, age, ages, clock, duration, elapsed, fate, holder, numeric,
                                             region, scope, standing, tenure, until, vote)
from service.pipeline.compare.facts import fact_id
from service.pipeline.compare.slots import SlotDispute
from service.pipeline.extract.normalize import fold
from service.pipeline.extract.referents import GENERIC_EVENTS, SPECIFIC_EVENTS
from service.pipeline.types import Claim, Fact


def _elapsed_keys(claim: Claim) -> Iterable[str]:
    return [f"{anchor}|{claim.event}" for _, _, anchor in elapsed.spans(claim)] if claim.event else []


def _scope_keys(claim: Claim) -> Iterable[str]:
    return [event for event, _ in claim.scope]


def _vote_keys(claim: Claim) -> Iterable[str]:
    return ["vote"] if vote.split(claim) else []


def _age_keys(claim: Claim) -> Iterable[str]:
    return [f"age|{person}" for person in age.ages(claim)]


def _minute_keys(claim: Claim) -> Iterable[str]:
    """'Hakimi opened the scoring in the 13th minute' / 'Hakimi punctured his old club after eight minutes': the
    minute a person named as the subject acted at, whatever the verb."""
    if not any(q.unit == "minute mark" for q in claim.quantities):
        return []
    subject = f" {fold(claim.subject or ' '.join(claim.text.split()[:6]))} "   # a split adjunct: its opening words
    return sorted({f"minute|{key.split()[-1]}" for label, key, _ in claim.named
                   if label == "PERSON" and key and f" {key.split()[-1]} " in subject})


def _occurrence_keys(claim: Claim) -> Iterable[str]:
    """'The accident occurred at 9:03 a.m.' / 'The event took place at 9:07 local time' / 'The incident occurred
    Saturday afternoon' / 'The fire broke out around noon': the time or part of the day a claim that only says
    something happened, or that the story's event began, gives, whatever it calls the event."""
    return ["clock|occur"] if (claim.event in clock.HAPPENED - {"be"} or _event_began(claim)) and (
        clock.times(claim) or clock.parts_of_day(claim)) else []


EVENT_NOUNS = GENERIC_EVENTS | SPECIFIC_EVENTS


def _event_began(claim: Claim) -> bool:
    """'The fire at the complex started …', 'The blaze, which erupted …': an event noun heads the subject of a
    beginning (a relative clause's is in the statement it is rendered as)."""
    subject = claim.statement if claim.subject.lower() in ("which", "that") else claim.subject
    return claim.event == "begin" and any(word in EVENT_NOUNS for word in fold(subject).split()[:3])


def _fate_keys(claim: Claim) -> Iterable[str]:
    return [f"fate|{person}" for person in fate.fates(claim)]


def _until_keys(claim: Claim) -> Iterable[str]:
    return [f"until|{claim.event}|{fold(claim.object)}"] if claim.event and until.end(claim) else []


def _ages_keys(claim: Claim) -> Iterable[str]:
    return ["ages"] if ages.ages(claim) else []


def _duration_keys(claim: Claim) -> Iterable[str]:
    return [f"duration|{person}" for person in duration.times(claim)]


def _tenure_keys(claim: Claim) -> Iterable[str]:
    return ["tenure"] if tenure.years(claim) else []


def _region_keys(claim: Claim) -> Iterable[str]:
    return list(region.regions(claim))


AFTERSHOCK = re.compile(r"\baftershocks?\b", re.IGNORECASE)


def _depth_keys(claim: Claim) -> Iterable[str]:
    """'at a shallow depth of 8 kilometers (5 miles)' / 'It was just 8 kilometers deep': the depth of the story's
    quake, whatever fact the claim is in (an aftershock's is another's)."""
    if AFTERSHOCK.search(claim.text):
        return []
    return sorted(key for key in numeric.counts_of(claim) if key.endswith("|depth"))


MEASURE_OF_A_THING = re.compile(r"\|\w+ of ")


def _measure_keys(claim: Claim) -> Iterable[str]:
    """'a 200-metre section of the bridge' / 'the 80-metre long collapsed section': one dimension of one thing the
    story names, whatever fact the claim is in."""
    return sorted(key for key in numeric.counts_of(claim) if MEASURE_OF_A_THING.search(key))


def _companion_keys(claim: Claim) -> Iterable[str]:
    return sorted(key for key in numeric.counts_of(claim) if key.startswith("companions|"))


STORY_WIDE: list[tuple[Check, Callable[[Claim], Iterable[str]]]] = [
    (elapsed.CHECK, _elapsed_keys), (scope.CHECK, _scope_keys), (vote.CHECK, _vote_keys), (age.CHECK, _age_keys),
    (tenure.CHECK, _tenure_keys), (numeric.CHECK, _companion_keys), (numeric.CHECK, _depth_keys), (numeric.CHECK, _measure_keys),
    (numeric.CHECK, _minute_keys), (clock.CHECK, _occurrence_keys),
    (until.CHECK, _until_keys), (fate.CHECK, _fate_keys), (ages.CHECK, _ages_keys),
    (duration.CHECK, _duration_keys), (region.CHECK, _region_keys)]


def holder_facts(claims: list[Claim]) -> list[Fact]:
    """For each company office, each source that titles exactly one person with it now, by its first claim doing so:
    a source naming two chief executives (of two companies, say) takes no position."""
    offices = {c.id: holder.current(c) for c in claims}
    named: dict[str, dict[str, set[str]]] = {}
    for claim in claims:
        for office, (person, _) in offices[claim.id].items():
            named.setdefault(office, {}).setdefault(claim.source, set()).add(person)
    return story_facts(claims, lambda c: [f"holder|{o}" for o in offices[c.id] if len(named[o][c.source]) == 1])


def standing_facts(claims: list[Claim]) -> list[Fact]:
    """Each person's title in one office, present or former, unless the story tells of them leaving office."""
    left = standing.left_office(claims)
    return story_facts(claims, lambda c: [f"standing|{person}|{office}" for person, office in standing.titles(c)
                                          if person not in left])


def story_facts(claims: list[Claim], keys: Callable[[Claim], Iterable[str]]) -> list[Fact]:
    first: dict[str, dict[str, Claim]] = {}
    for claim in sorted(claims, key=lambda c: (c.sentence, c.spans[0])):
        for key in keys(claim):
            first.setdefault(key, {}).setdefault(claim.source, claim)
    facts = []
    for by_source in first.values():
        if len(by_source) < 2:
            continue
        carriers = [by_source[s] for s in sorted(by_source)]
        facts.append(Fact(id=fact_id(carriers), claims=tuple(c.id for c in carriers),
                          sources=tuple(c.source for c in carriers), text=carriers[0].statement or carriers[0].text))
    return facts


# Slots whose story-wide carriers depend on all of a source's claims, not on one claim at a time.
STORY_BUILT: list[tuple[Check, Callable[[list[Claim]], list[Fact]]]] = [(holder.CHECK, holder_facts),
                                                                        (standing.CHECK, standing_facts)]


def anchored_facts(claims: list[Claim]) -> list[Fact]:
    return story_facts(claims, _elapsed_keys)


def _within(d: SlotDispute, e: SlotDispute) -> bool:
    return d.check is e.check and {c.id for g in d.groups for c in g} <= {c.id for g in e.groups for c in g}


def _lone(d: SlotDispute) -> set[tuple[str, str]]:
    return {(d.check.slot, g[0].id) for g in d.groups if len(g) == 1}


def _one_alone(d: SlotDispute, e: SlotDispute) -> bool:
    """Two disputes in one slot that set one claim alone against others: one difference."""
    return bool(_lone(d) & _lone(e))


def _reach(d: SlotDispute) -> int:
    return sum(len(g) for g in d.groups)


def one_per_difference(per_fact: list[SlotDispute],
                       story_wide: list[SlotDispute]) -> tuple[list[SlotDispute], list[SlotDispute]]:
    """One difference is one finding: a story-wide dispute whose claims a fact's own dispute holds is that fact's; a
    fact's dispute that a story-wide one holds (with more positions) is the story-wide one's; and a claim standing
    alone against two facts in one slot is disputed once, in the first, and against its fact and the story
    ("occurred Saturday afternoon" against "at 7.39pm" in its fact and "on Saturday night" across the story) once,
    in the dispute with more claims."""
    story_wide = [d for d in story_wide if not any(_within(d, e) or (_one_alone(d, e) and _reach(e) >= _reach(d))
                                                   for e in per_fact)]
    # One pair of claims disputed under two keys (two people's fates told in the same two claims) is one finding.
    story_wide = [d for k, d in enumerate(story_wide) if not any(_within(d, e) for e in story_wide[:k])]
    kept, alone = [], set()
    for e in per_fact:
        if any(_within(e, d) or _one_alone(e, d) for d in story_wide):
            continue
        single = {(e.check.name, g[0].id) for g in e.groups if len(g) == 1}
        if single & alone:
            continue   # one claim set against its fact in two facts ("claimed 5 lives" vs two tolls of 35): one finding
        alone |= single
        kept.append(e)
    return kept, story_wide
