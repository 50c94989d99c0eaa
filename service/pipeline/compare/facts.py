"""Claims → the story's facts: one FAISS index over every claim, joined across sources by similarity and structure.

A fact is one proposition carried by at most one claim per source. Claims are joined greedily, closest pair
first (average-free complete linkage): two groups merge only when they share no source, every two of their
claims are structurally compatible and at least `fact_floor` apart (or share a specific: a count, a day, a
lead toll). A claim that repeats a fact its source already carries becomes a mention of that fact.
"""
from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter
from datetime import date
from itertools import combinations

import faiss
import numpy as np

from service.pipeline.compare import tolls
from service.pipeline.compare.checks.date import dates_compatible
from service.pipeline.extract.normalize import canonical_text, entity_key, fold, full_name, same_name
from service.pipeline.extract.speech import SPEECH
from service.pipeline.extract.structure import REQUESTS
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Claim, Fact

# Verbs that state a count rather than an event ("carrying 230 passengers", "242 people including 12 crew"),
# or the level a count stands at ("spending has surpassed £300m", "the total reached 52").
LIGHT_VERBS = {"be", "have", "do", "say", "make", "get", "include", "carry", "comprise", "contain", "number",
               "total", "count", "board", "involve", "reach", "surpass", "exceed", "top", "stand"}

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def fact_id(claims: list[Claim]) -> str:
    """Stable across re-posts: the same claims (by source and wording) give the same id."""
    keys = sorted(f"{c.source}\x00{canonical_text(c.text)}" for c in claims)
    return "f_" + hashlib.sha1("\x01".join(keys).encode("utf-8")).hexdigest()[:12]


def heavy_event(claim: Claim) -> str:
    return "" if claim.event in LIGHT_VERBS or claim.event in SPEECH else claim.event


def compatible(a: Claim, b: Claim, told_alike: frozenset[frozenset[str]] = frozenset()) -> bool:
    """Whether two claims can state one proposition at all, whatever their values.

    Never one fact: counts of one thing for different people ("sentenced Hortefeux to two years" vs "Sarkozy received
    five years"), a count asked for and one given ("prosecutors requested a €300,000 fine" vs "a €100,000 fine"),
    tolls of different kinds only ("nearly 1,000 were injured" vs "500 were evacuated"), counts of one thing under
    different tolls ("241 killed" vs "242 on board"), or under different events with no figure in common ("1,200
    remain behind bars" vs "52 were freed"; one toll told with two verbs is one count: "37 died", "10 were
    killed"), unless the story tells one count with both (`told_alike`: "three carriages derailed", "drove three
    carriages off the rails"), and dates of different precision that do not overlap ("June 2020" vs "2021": two
    events).
    """
    if a.source == b.source:
        return False
    tolls_a, tolls_b = {q.tally for q in a.quantities} - {""}, {q.tally for q in b.quantities} - {""}
    if tolls_a and tolls_b and tolls_a.isdisjoint(tolls_b):
        return False
    units = {q.unit for q in a.quantities if q.unit} & {q.unit for q in b.quantities if q.unit}
    if units and (_people_apart(a, b) or (a.event in REQUESTS) != (b.event in REQUESTS)):
        return False
    for unit in units:
        of_a = [q for q in a.quantities if q.unit == unit]
        of_b = [q for q in b.quantities if q.unit == unit]
        tolls = {q.tally for q in of_a} & {q.tally for q in of_b}
        if not tolls:
            return False
        events = heavy_event(a), heavy_event(b)
        if tolls == {""} and all(events) and events[0] != events[1] and frozenset(events) not in told_alike and not (
                {q.value for q in of_a} & {q.value for q in of_b}):
            return False
    if not dates_compatible(a, b) and {g for _, g in a.dates}.isdisjoint({g for _, g in b.dates}):
        return False
    return True


PERSONAL = {"he", "she", "him", "her"}
HONORIFIC = re.compile(r"\b(?:mr|mrs|ms|dr|sir|dame|lady|lord)\.?\s+$")


def people(claim: Claim) -> set[str]:
    """The people a claim names as its subject or object ("he" or "her" there counts as the name it stands for), each
    by a full name or a title ("Nicolas Sarkozy", "Mr Hortefeux")."""
    words = f" {fold(claim.subject)} {fold(claim.object)} "

    def a_person(key: str, text: str) -> bool:
        return full_name(key) or any(HONORIFIC.search(words[:at]) for at in _starts(words, f" {text} "))
    found = {key for label, key, text in claim.named
             if label == "PERSON" and key and text and f" {text} " in words and a_person(key, text)}
    return found | {entity_key(name) for surface, name in claim.refers_to
                    if fold(surface) in PERSONAL and f" {fold(surface)} " in words and full_name(entity_key(name))}


def _starts(text: str, needle: str) -> list[int]:
    return [m.start() + 1 for m in re.finditer(re.escape(needle), text)]


def _people_apart(a: Claim, b: Claim) -> bool:
    x, y = people(a), people(b)
    return bool(x and y) and not any(same_name(p, q) for p in x for q in y)


DESCRIPTIONS = {"appositive", "relative", "participial"}


def describes_differently(a: Claim, b: Claim) -> bool:
    """Two descriptions of one name ("Lukashenko, the self-proclaimed president" vs "Lukashenka, who holds talks
    with Putin") are close by the name alone; only nearly the same wording makes them one fact."""
    return bool({a.role, b.role} & DESCRIPTIONS) and heavy_event(a) != heavy_event(b)


def same_specifics(a: Claim, b: Claim) -> bool:
    """The same count of the same thing, or the same resolved day for one event: one fact, however worded."""
    counts = {(q.value, q.unit) for q in a.quantities if q.unit} & {(q.value, q.unit) for q in b.quantities if q.unit}
    days = {d for d, g in a.dates if g == "day"} & {d for d, g in b.dates if g == "day"}
    return bool(counts) or (bool(days) and bool(heavy_event(a)) and heavy_event(a) == heavy_event(b))


def share_specifics(a: Claim, b: Claim) -> bool:
    """The same count of the same thing, a count of one thing under one toll or event (whatever the figures), the
    same resolved day for one event, or one event with a shared name."""
    same_event = bool(heavy_event(a)) and heavy_event(a) == heavy_event(b)
    units = {q.unit for q in a.quantities if q.unit} & {q.unit for q in b.quantities if q.unit}
    tolls = {q.tally for q in a.quantities if q.unit in units} & {q.tally for q in b.quantities if q.unit in units}
    one_count = bool(units) and (bool(tolls - {""}) or same_event or not (heavy_event(a) or heavy_event(b)))
    return (same_specifics(a, b) or one_count or (same_event and bool(set(a.entities) & set(b.entities))))


def events_told_alike(claims: list[Claim]) -> frozenset[frozenset[str]]:
    """Pairs of events with which two sources tell one count of one thing ("three carriages derailed", "drove
    three carriages off the rails"): one event, worded two ways, in this story."""
    held: dict[tuple[float, str], set[tuple[str, str]]] = {}
    for c in claims:
        if heavy_event(c):
            for q in c.quantities:
                if q.unit and not q.tally:
                    held.setdefault((q.value, q.unit), set()).add((c.source, heavy_event(c)))
    return frozenset(frozenset((e, f)) for told in held.values() for (s, e), (t, f) in combinations(sorted(told), 2)
                     if s != t and e != f)


def counted_alike(a: Claim, b: Claim, told_alike: frozenset[frozenset[str]]) -> bool:
    """A count of one thing under one event, or under two events the story tells one count with (a figure whose unit
    the parse missed, "derailing at least three of the cars", counts as a figure of the other's unit)."""
    events = frozenset((heavy_event(a), heavy_event(b)))
    if "" in events or len(events) == 2 and events not in told_alike:
        return False
    of_a = [q for q in a.quantities if not q.tally]
    of_b = [q for q in b.quantities if not q.tally]
    return any(q.unit == r.unit or not (q.unit and r.unit) for q in of_a for r in of_b)


def background(claims: list[Claim], days_apart: int = 7) -> set[int]:
    """An earlier event told as background, which joins only claims that give a date too (the date slot then
    compares them): tolls dated only in another year than the story's (the year most of its dates fall in), an
    earlier disaster's dead; and figures dated only on days at least `days_apart` from the story's day ("in the
    first round held on Oct. 2, Lula garnered 48.3 percent" in a story of the 30 October run-off) or in other
    months than its ("joined Benfica for £10m in August" in a story of 31 January). A clause without
    a date takes its sentence's ("the worst since 2015, when about 9,000 were killed"). A claim that only mentions
    an old date ("under restrictions since August 2023") is not one."""
    years = Counter(iso[:4] for c in claims for iso, _ in c.dates)
    if not years:
        return set()
    story_year = years.most_common(1)[0][0]
    days = Counter(iso for c in claims for iso, grain in c.dates if grain == "day")
    story_day = date.fromisoformat(days.most_common(1)[0][0]) if days else None
    by_id = {c.id: c for c in claims}

    def away_from_story_day(c: Claim) -> bool:
        return (story_day is not None and bool(c.quantities) and bool(c.dates)
                and all((grain == "day" and abs((date.fromisoformat(iso) - story_day).days) >= days_apart)
                        or (grain == "month" and iso[:7] != story_day.isoformat()[:7]) for iso, grain in c.dates))

    def dated(c: Claim) -> set[str]:
        """The years the claim is dated in; a clause without a date takes its sentence's ("… since 2015, when about
        9,000 people were killed"), a year written there when the parse dated nothing."""
        if c.dates:
            return {iso[:4] for iso, _ in c.dates}
        parent = by_id.get(c.parent)
        if parent is None or parent.sentence != c.sentence:
            return set()
        return {iso[:4] for iso, _ in parent.dates} or set(YEAR.findall(parent.text))
    return {i for i, c in enumerate(claims) if (any(q.tally for q in c.quantities) and dated(c)
                                                 and story_year not in dated(c)) or away_from_story_day(c)}


def build_facts(claims: list[Claim], vectors: np.ndarray, thresholds: Thresholds) -> list[Fact]:
    """Every claim in exactly one fact (as its carrier or a mention); facts most widely carried first."""
    n = len(claims)
    if n == 0:
        return []
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    sims, ids = index.search(vectors, min(n, thresholds.fact_neighbours + 1))
    neighbours = [[(float(s), int(j)) for s, j in zip(sims[i], ids[i]) if j >= 0 and j != i] for i in range(n)]

    specific: set[tuple[int, int]] = set()
    edges: dict[tuple[int, int], float] = {}
    best_in: dict[tuple[int, str], int] = {}
    for i in range(n):
        for sim, j in neighbours[i]:
            best_in.setdefault((i, claims[j].source), j)
    for i in range(n):
        for sim, j in neighbours[i]:
            a, b = min(i, j), max(i, j)
            if claims[a].source == claims[b].source or (a, b) in edges or sim < thresholds.fact_specific_similarity:
                continue
            mutual = best_in.get((i, claims[j].source)) == j and best_in.get((j, claims[i].source)) == i
            if sim >= thresholds.fact_similarity or (mutual and sim >= thresholds.fact_mutual_similarity):
                edges[(a, b)] = sim
            elif share_specifics(claims[a], claims[b]):
                edges[(a, b)] = sim
                specific.add((a, b))
    told_alike = events_told_alike(claims)
    for a, b, sim in _counted_alike_pairs(claims, vectors, thresholds.fact_specific_similarity):
        if (a, b) not in edges and (share_specifics(claims[a], claims[b]) or counted_alike(claims[a], claims[b], told_alike)):
            edges[(a, b)] = sim    # a count of one thing beyond the nearest neighbours ("four compartments derailed")
            specific.add((a, b))
    position = {c.id: i for i, c in enumerate(claims)}
    by_toll: dict[str, list[int]] = {}
    for (_, toll), (claim, _) in tolls.lead_tolls(claims, thresholds.lead_sentences).items():
        by_toll.setdefault(toll, []).append(position[claim.id])
    for members in by_toll.values():
        for a, b in combinations(sorted(members), 2):
            if claims[a].places and claims[b].places and set(claims[a].places) != set(claims[b].places):
                continue   # Syria's toll is not Turkey's
            specific.add((a, b))
            edges.setdefault((a, b), max(float(vectors[a] @ vectors[b]), thresholds.fact_specific_similarity))

    group = {i: [i] for i in range(n)}
    root = list(range(n))
    earlier = background(claims, thresholds.background_days)

    def earlier_apart(x: int, y: int) -> bool:
        """"a 7.9 temblor killed 70,000 people in May 2008" is not this story's toll."""
        return (x in earlier or y in earlier) and not (claims[x].dates and claims[y].dates)

    def close(x: int, y: int) -> bool:
        if earlier_apart(x, y):
            return False
        pair = (min(x, y), max(x, y))
        if pair in specific or counted_alike(claims[x], claims[y], told_alike):
            return True
        sim = float(vectors[x] @ vectors[y])
        if describes_differently(claims[x], claims[y]):
            return sim >= thresholds.fact_description_similarity
        return sim >= thresholds.fact_floor

    for (a, b), _ in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        ra, rb = root[a], root[b]
        if ra == rb:
            continue
        left, right = group[ra], group[rb]
        if {claims[x].source for x in left} & {claims[y].source for y in right}:
            continue
        if not all(compatible(claims[x], claims[y], told_alike) and close(x, y) for x in left for y in right):
            continue
        group[ra] = left + right
        for y in right:
            root[y] = ra
        del group[rb]

    mentions: dict[int, list[int]] = {r: [] for r in group}
    _consolidate(group, root, mentions, claims, vectors, thresholds, earlier_apart)
    for r in [r for r, members in group.items() if len(members) == 1]:
        i = group[r][0]
        target = _restated(i, group, mentions, root, neighbours, claims, thresholds)
        if target is not None:
            mentions[target].append(i)
            root[i] = target
            del group[r], mentions[r]

    facts = []
    for r, members in group.items():
        members = sorted(members, key=lambda x: (claims[x].source, x))
        carriers = [claims[x] for x in members]
        centre = max(members, key=lambda x: sum(float(vectors[x] @ vectors[y]) for y in members))
        facts.append(Fact(id=fact_id(carriers), claims=tuple(c.id for c in carriers),
                          sources=tuple(c.source for c in carriers), text=claims[centre].statement or claims[centre].text,
                          mentions=tuple(claims[x].id for x in sorted(mentions.get(r, [])))))
    first = {c.id: i for i, c in enumerate(claims)}
    return sorted(facts, key=lambda f: (-len(f.sources), min(first[c] for c in f.claims)))


def _counted_alike_pairs(claims: list[Claim], vectors: np.ndarray, floor: float):
    """(a, b, similarity) for claims of two sources that count one thing (a unit in common) and are at least `floor`
    close: candidates the nearest-neighbour search can miss in a long story."""
    by_unit: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        for unit in {q.unit for q in c.quantities if q.unit}:
            by_unit.setdefault(unit, []).append(i)
    seen = set()
    for members in by_unit.values():
        if len(members) < 2:
            continue
        sims = vectors[members] @ vectors[members].T
        for x, y in zip(*np.nonzero(np.triu(sims >= floor, 1))):
            a, b = members[x], members[y]
            if claims[a].source != claims[b].source and (a, b) not in seen:
                seen.add((a, b))
                yield a, b, float(sims[x, y])


def _count_other_things(x: list[int], y: list[int], claims: list[Claim]) -> bool:
    """Two facts that each count, but count nothing in common ("carrying 67 people" vs "37 Azerbaijani citizens
    among the passengers"): two propositions, however close their wording."""
    units = [{q.unit for i in members for q in claims[i].quantities if q.unit} for members in (x, y)]
    return all(units) and units[0].isdisjoint(units[1])


def _restated(i: int, group: dict[int, list[int]], mentions: dict[int, list[int]], root: list[int], neighbours,
              claims: list[Claim], thresholds: Thresholds):
    """The fact claim i states again: a fact of several sources, one of them i's, whose claim from i's source
    (in another sentence) is nearly i's wording, or whose claim from another source gives the same count or
    day; None if there is none."""
    claim = claims[i]
    if claim.partial_list:
        return None
    for sim, j in neighbours[i]:
        if sim < thresholds.fact_specific_similarity:
            break
        target = root[j]
        members = group.get(target, [])
        if len(members) < 2 or j not in members + mentions.get(target, []) or claim.source not in {
                claims[x].source for x in members + mentions.get(target, [])}:
            continue
        if claims[j].source == claim.source:
            if sim < thresholds.fact_restated_similarity or claims[j].sentence == claim.sentence:
                continue
        elif not same_specifics(claim, claims[j]):
            continue
        if all(compatible(claim, claims[x]) for x in members if claims[x].source != claim.source):
            return target
    return None


def _consolidate(group: dict[int, list[int]], root: list[int], mentions: dict[int, list[int]], claims: list[Claim],
                 vectors: np.ndarray, thresholds: Thresholds, apart=lambda x, y: False) -> None:
    """Two groups that state one proposition, split only because some sources state it twice, become one fact:
    on average as close as one fact's claims, and every two of their claims compatible. Where both groups hold
    a claim of one source, the larger group's stays the carrier and the other becomes a mention. Two groups that each
    count, but count nothing in common, stay two facts.

    The closest compatible pair merges first, ties in the groups' order, until none is left. Linear in practice:
    each group's summed vector screens its pairs (a dot product per pair, one matrix product per changed
    group), only pairs near the bar get their exact mean similarity, and a heap keeps them closest first, so a
    merge re-scores only the group it changed (not every pair again).
    """
    floor = thresholds.fact_consolidate_similarity
    margin = 1e-4   # the summed vectors' float64 screen vs the exact float32 mean: far below this

    def mean_similarity(a: list[int], b: list[int]) -> float:
        return float(np.mean(vectors[a] @ vectors[b].T))

    multi = [r for r, members in group.items() if len(members) > 1]
    if len(multi) < 2:
        return
    rank = {r: k for k, r in enumerate(multi)}    # combinations order: ties go to the earlier pair
    wide = vectors.astype(np.float64)
    sums = np.stack([wide[group[r]].sum(axis=0) for r in multi])
    sizes = np.array([len(group[r]) for r in multi], dtype=np.float64)
    version = dict.fromkeys(multi, 0)
    alive = np.ones(len(multi), dtype=bool)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(r: int, candidates: np.ndarray) -> None:
        """Exact mean similarities of r's screened pairs; those at the bar go on the heap."""
        for j in candidates:
            y = multi[int(j)]
            x, y = (r, y) if rank[r] < rank[y] else (y, r)
            sim = mean_similarity(group[x], group[y])
            if sim >= floor:
                heapq.heappush(heap, (-sim, rank[x], rank[y], version[x], version[y]))

    block = 256   # rows of the screen at a time: memory stays block × groups
    for start in range(0, len(multi), block):
        screen = (sums[start:start + block] @ sums.T) / np.outer(sizes[start:start + block], sizes)
        for row in range(screen.shape[0]):
            k = start + row
            later = np.nonzero(screen[row, k + 1:] >= floor - margin)[0] + k + 1
            push(multi[k], later)
    while heap:
        _, kx, ky, vx, vy = heapq.heappop(heap)
        x, y = multi[kx], multi[ky]
        if not (alive[kx] and alive[ky]) or version[x] != vx or version[y] != vy:
            continue   # a group merged or changed since this pair was scored
        if not all(claims[i].source == claims[j].source or (compatible(claims[i], claims[j]) and not apart(i, j))
                   for i in group[x] for j in group[y]):
            continue   # stays incompatible until one of them changes, and then it is scored again
        if _count_other_things(group[x], group[y], claims):
            continue
        keep, fold = (x, y) if len(group[x]) >= len(group[y]) else (y, x)
        sources = {claims[i].source for i in group[keep]}
        before = len(group[keep])
        for i in group[fold]:
            (mentions[keep] if claims[i].source in sources else group[keep]).append(i)
            root[i] = keep
        mentions[keep] += mentions.pop(fold, [])
        del group[fold]
        alive[rank[fold]] = False
        if len(group[keep]) != before:   # its members changed: its pairs are scored again
            version[keep] += 1
            k = rank[keep]
            sums[k] = wide[group[keep]].sum(axis=0)
            sizes[k] = len(group[keep])
            screen = (sums @ sums[k]) / (sizes * sizes[k])
            screen[k] = -np.inf
            push(keep, np.nonzero(alive & (screen >= floor - margin))[0])
