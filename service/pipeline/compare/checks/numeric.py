"""Different counts of the same thing ("52 prisoners" vs "25 prisoners"), with tolerance for approximations.

A hedged number is a range, not a value: "more than 20" allows 35, "under 155" does not allow 157, "about
300" allows ±15 %. Two mentions conflict only when no count satisfies both. When one claim gives several
counts of a unit ("89 % had ever drunk, 44 % in the last month") and the other fewer, each count of the
sparer claim must match one of the other's (or one of its numbers with no unit); a count the sparer claim does
not mention is no conflict, and neither is a total against the parts the other claim adds up to it, nor a
count the other claim gives under another noun.

A toll (the dead, the injured, the missing) is one count whatever noun carries it ("37 dead", "10 people were
killed"), and two floors of one toll far apart ("at least 37" vs "at least 10") are two headline figures, not one; so
are two different floors when either is an exact count ("at least 35" vs "at least 38"), where round estimates
("more than 260,000" vs "more than 270,000") are compared only when far apart.
A count given as of a moment ("as of 4 p.m. Monday, 411 aftershocks", "by Monday evening 422", "said at a news
conference Monday night that 422") is a reading of a running count: compared only with one as of the same moment;
and when a fact's sources give readings at two or more moments, its figures are that count rising, not a dispute.
A toll told as rising ("has climbed to 157", "raised the death toll to 157") is such a reading too: its figures
are not compared. A rival figure the other claim writes in its text counts as given there ("105 people killed in
Jajarkot and 52 in Rukum West" gives 52, whether or not the parse found what 52 counts). The seriously injured
("60 of them seriously injured", "26 in critical condition") are a count of their own, not the injured.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.compare.checks.clock import reading_moment
from service.pipeline.extract.normalize import (CURRENCIES, MEASURES, NUMBER_WORDS, SCALES, SERIOUS, fold, own_words,
                                               quantities_conflict, unit_of)
from service.pipeline.types import Claim, Quantity


RISING = re.compile(r"\b(?:climb(?:s|ed)?|r(?:ises|ose|isen)|(?:gone|went|goes) up|jump(?:s|ed)|increas(?:es|ed)|"
                    r"raise[sd]|mount(?:s|ed)|soar(?:s|ed)|swell(?:s|ed)|swollen)\b[^.;]{0,40}?\bto\s+"
                    r"(?:at least |more than |over |nearly |almost |about )?(?P<figure>\d[\d,.]*\d|\d)", re.IGNORECASE)
TOLL_FLOORS_APART = 0.75   # two round floors of one toll conflict when the lower is under this share of the higher
# Measures are rounded where counts are not: "72 kilometres" and "71 km" southwest of a city are one distance.
MEASURE_TOLERANCE = 0.05
# What a length measures when the claim says it is not a distance: "at a depth of 18.5 km", "185ft deep".
DIMENSION_BEFORE = re.compile(r"\b(depth|height|altitude|length|width)\s+of\s+"
                              r"(?:about\s+|some\s+|around\s+|nearly\s+)?$", re.IGNORECASE)
DIMENSION_AFTER = re.compile(r"^\s*(?:(deep|below|underground)|(high|tall)|(long)|(wide))\b", re.IGNORECASE)
DIMENSION_WORDS = {"altitude": "height", "deep": "depth", "below": "depth", "underground": "depth", "high": "height",
                   "tall": "height", "long": "length", "wide": "width"}


def compatible(q: Quantity, other: Quantity) -> bool:
    if q.unit == other.unit == "minute mark" and abs(q.value - other.value) <= 1:
        return True   # "in the 13th minute" is after 12 minutes and some seconds
    if q.unit in MEASURES and abs(q.value - other.value) <= MEASURE_TOLERANCE * max(abs(q.value), abs(other.value)):
        return True
    if q.unit == other.unit == "percent" and _rounds_to(q, other):
        return True   # "46 per cent" is "45.8%" rounded
    if quantities_conflict(q.value, q.bound, other.value, other.bound):
        return False
    floors = q.tally and other.tally and q.bound == other.bound == "lower" and max(q.value, other.value) > 0
    if floors and q.value != other.value and not (_round(q.value) and _round(other.value)):
        return False   # "at least 35 killed" vs "at least 38 killed": two counts, where "more than 260,000" and
        # "more than 270,000" displaced are two estimates of one
    return not (floors and min(q.value, other.value) < TOLL_FLOORS_APART * max(q.value, other.value))


def _rounds_to(q: Quantity, other: Quantity) -> bool:
    """One figure is the other rounded to the precision it is written with ("46" and "45.8", "29.6" and "29.64")."""
    def places(x: Quantity) -> int:
        digits = re.search(r"\d+(?:\.(\d+))?", x.text)
        return len(digits.group(1)) if digits and digits.group(1) else 0
    coarse, fine = sorted((q, other), key=places)
    return places(coarse) < places(fine) and round(fine.value, places(coarse)) == coarse.value


def _round(value: float) -> bool:
    """An estimate's figure: 100 or more, with two significant digits at most (260,000; 1,200; not 38 or 1,247)."""
    if value < 100 or value != int(value):
        return False
    digits = str(int(value)).rstrip("0")
    return len(digits) <= 2


GENERIC_NOUNS = {"", "people", "person", "death", "fatality", "life", "victim"}
# A count joined to a named one ("Bolsonaro and seven allies", "the former president and six others"): those with
# them, whatever the noun; "others" counts nothing else.
COMPANIONS = re.compile(r"\b[A-Z][\w’'-]+\s+and\s+(?:his\s+|her\s+|their\s+)?$")
# A sum of several ("fined Apple and Meta a combined €700 million ($797 million)"): not the count of one of them.
COMBINED = re.compile(r"\bcombined\b[^,;]{0,30}$", re.IGNORECASE)


def counted(q: Quantity, claim: Claim) -> set[str]:
    """What a figure counts: its noun, and its toll when the noun says no more ("37 dead", "10 people were
    killed"; "five passengers" is a count of passengers only); none when the parse found neither. A generic noun
    that is no toll counts only with what happened to them ("the remains of two people were recovered" and "the
    search for six people was suspended" count different people); a count joined to a name counts its companions,
    and a combined sum counts only against other combined sums."""
    if q.unit == "other":
        return {f"companions|{claim.event}"}   # "the former president and six others were convicted"
    if q.unit in GENERIC_NOUNS and q.unit and not q.tally:
        return {f"{q.unit}|{claim.event}"}
    if q.unit in MEASURES:
        return {f"{q.unit}|{dimension}" if dimension else q.unit for dimension in [_dimension(q, claim)]}
    before = claim.text[:max(claim.text.find(q.text), 0)]
    if q.unit and COMBINED.search(before):
        return {f"{q.unit}|combined"}
    found = {k for k in (q.unit, q.tally and q.unit in GENERIC_NOUNS and f"toll:{q.tally}") if k}
    if q.unit and COMPANIONS.search(before):
        found.add(f"companions|{claim.event}")   # "… convicted Bolsonaro and seven allies": who came with him
    return found


def _dimension(q: Quantity, claim: Claim) -> str:
    """What a measure measures when the claim says it is not a distance ("at a depth of 18.5 km", "185ft deep")."""
    at = claim.text.find(q.text)
    if at < 0:
        return ""
    before = DIMENSION_BEFORE.search(claim.text[:at])
    after = DIMENSION_AFTER.match(claim.text[at + len(q.text):])
    word = (before.group(1) if before else next((g for g in after.groups() if g), "") if after else "").lower()
    return DIMENSION_WORDS.get(word, word)


def counts_of(claim: Claim) -> set[str]:
    return set().union(*(counted(q, claim) for q in tallied(claim)))


TOLL_WORDS = {"death": "dead", "injury": "injured", "missing": "missing", "serious": "seriously injured",
              "evacuated": "evacuated", "displaced": "displaced"}


def figure(q: Quantity, claim: Claim | None = None) -> str:
    """A figure as a reviewer reads it: "52 prisoners", "37 dead", "about 500 km" (its own unit word kept, else the
    noun the claim writes after it, else its unit)."""
    if q.tally == "serious":
        return f"{q.text} {TOLL_WORDS['serious']}"
    if q.unit in CURRENCIES.values() and unit_of("MONEY", q.text) == q.unit:
        return q.text   # the sum writes its currency: "£289m", "105 million pounds"
    said = re.search(r"([^\W\d]+|%)$", q.text.strip())
    if said and said.group(0).lower() not in {*NUMBER_WORDS, *SCALES}:
        return q.text
    written = re.search(re.escape(q.text) + r"\s+([^\W\d][\w-]*)", claim.text) if claim is not None else None
    plurals = {q.unit + "s", q.unit[:-1] + "ies"} if q.unit.endswith("y") else {q.unit + "s"}
    if written and q.unit and (unit_of("CARDINAL", q.text, written.group(1).lower()) == q.unit
                               or written.group(1).lower() in plurals):
        return f"{q.text} {written.group(1)}"
    return f"{q.text} {q.unit or TOLL_WORDS.get(q.tally, '')}".strip()


def noun(key: str) -> str:
    if key.startswith("companions|"):
        return "those named with them"
    if key.startswith("toll:"):
        return f"the {TOLL_WORDS[key[5:]]}"
    measure = re.fullmatch(r"[^|]+\|(\w+) of (.+)", key)
    return f"the {measure.group(1)} of the {measure.group(2)}" if measure else key.split("|")[0]


def same_toll(q: Quantity, other: Quantity) -> bool:
    """'30 passengers injured' and 'four passengers killed' count one kind of thing but not one toll; nor do '17 pupils
    dead' and 'cannot account for 70 pupils' (a toll and no toll of people named alike)."""
    if q.tally and other.tally:
        return q.tally == other.tally
    return not ((q.tally or other.tally) and q.unit not in GENERIC_NOUNS and other.unit not in GENERIC_NOUNS)


def total_of(q: Quantity, claim: Claim) -> bool:
    """Whether `q` is the sum of the claim's other counts: "242 passengers" against "230 passengers and 12 crew"."""
    parts = [o.value for o in claim.quantities if o is not q and o.unit and not o.bound and same_toll(q, o)]
    return len(parts) >= 2 and not q.bound and abs(sum(parts) - q.value) < 1e-9


def _accounted(q: Quantity, other: Claim) -> bool:
    """Whether the other claim gives the same figure under another noun ("169 passengers were Indian" against
    "169 Indians"), writes it ("… and 52 in Rukum West") or adds its counts up to it ("242 passengers" against
    "230 passengers and 12 crew")."""
    return (any(o.value == q.value and not o.bound for o in other.quantities if o is not q) or total_of(q, other)
            or (not q.bound and re.search(rf"(?<![\w.,:]){re.escape(q.text)}(?!\w|[.,:]\d)", other.text) is not None))


def _swapped(q: Quantity, other: Quantity, claim: Claim, other_claim: Claim) -> bool:
    """Two claims giving the same two figures to two nouns the other way round ("carrying 17 crew members and two
    passengers" vs "carrying two crew members and 17 technicians"): each figure of one noun stands under another noun
    in the other claim, which is no accounting for it but a swap."""
    if q.bound or other.bound or q.value == other.value or not q.unit or q.unit != other.unit:
        return False
    def elsewhere(value: float, where: Claim) -> bool:
        return any(o.value == value and o.unit and o.unit != q.unit and not o.bound for o in where.quantities)
    return elsewhere(other.value, claim) and elsewhere(q.value, other_claim)


def tallied(claim: Claim) -> list[Quantity]:
    """The claim's figures, the seriously injured told apart from the injured."""
    return [replace(q, tally="serious") if q.tally == "injury" and _serious(q, claim.text) else q
            for q in claim.quantities]


def _serious(q: Quantity, text: str) -> bool:
    at = text.find(q.text)
    return at >= 0 and SERIOUS.search(own_words(text[at + len(q.text):])) is not None


def counts(claim: Claim) -> list[Quantity]:
    """The claim's figures to compare: a toll told as rising to a figure is a reading of a running count, not compared."""
    risen = {m.group("figure") for m in RISING.finditer(claim.text)}
    return [q for q in tallied(claim) if not (q.tally and q.text.split()[-1] in risen)]


# What a sum or a share is of, in a company's or an election's figures: the metric named nearest before it ("US sales fell almost 3%",
# "net profit tumbled 94 percent"), else just after it ("a 90.2% drop in operating profit"); and whether it is a
# forecast or an estimate rather than a result ("an estimate of 66.8 billion yen", "cut its profit forecast by 70% to
# 150 billion yen").
METRICS = {"profit": "profit", "loss": "profit", "earnings": "profit", "income": "profit", "revenue": "revenue",
           "sales": "revenue", "turnover": "revenue", "dividend": "dividend", "debt": "debt", "shares": "shares",
           "stock": "shares", "share price": "shares", "valuation": "value", "market value": "value", "cost": "cost",
           "costs": "cost", "capacity": "capacity", "workforce": "jobs", "jobs": "jobs", "salary": "pay", "pay": "pay",
           # and in an election's: "Turnout was 46 per cent" is no share of "13 per cent of ballots were spoiled"
           "turnout": "turnout", "spoiled": "spoiled", "spoilt": "spoiled", "invalid": "spoiled"}
METRIC = re.compile(r"\b(" + "|".join(sorted(METRICS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
FORECAST = re.compile(r"\b(?:forecasts?|outlook|guidance|estimates?|estimated|projections?|projected|consensus|"
                      r"target|expected|expects?)\b[^.;]{0,30}$", re.IGNORECASE)
# A figure in a condition is no report of one: "If it is longer than two years, …".
CONDITION = re.compile(r"^\W*(?:if|unless|should|were)\b", re.IGNORECASE)


def _metric(q: Quantity, claim: Claim) -> str:
    at = claim.text.find(q.text)
    if at < 0:
        return ""
    before = METRIC.findall(claim.text[:at])
    after = METRIC.search(claim.text[at + len(q.text):at + len(q.text) + 40])
    found = before[-1] if before else after.group(1) if after else ""
    return METRICS.get(found.lower(), "")


def _forecast(q: Quantity, claim: Claim) -> bool:
    at = claim.text.find(q.text)
    return at > 0 and FORECAST.search(claim.text[:at]) is not None


HOLDERS = {"PERSON", "ORG", "NORP", "GPE"}


def _holder(q: Quantity, claim: Claim) -> str:
    """Whose share a percentage is: the name written nearest before it ("the opposition Civic Democrats came in a
    distant second, with 11.3 per cent"), none when the claim names no one before it."""
    at = claim.text.find(q.text)
    before = fold(claim.text[:at]) if at > 0 else ""
    found = [(before.rfind(f" {text}"), key) for label, key, text in claim.named
             if label in HOLDERS and key and text and f" {text}" in f" {before}"]
    return max(found)[1] if found else ""


def _kind_apart(unit: str, q: Quantity, other: Quantity, a: Claim, b: Claim) -> bool:
    """Two sums or shares of different metrics or holders, or a forecast against a result: no two values of one
    figure."""
    if unit != "percent" and unit not in CURRENCIES.values():
        return False
    metric_q, metric_o = _metric(q, a), _metric(other, b)
    holder_q, holder_o = (_holder(q, a), _holder(other, b)) if unit == "percent" else ("", "")
    return bool(metric_q and metric_o and metric_q != metric_o) or _forecast(q, a) != _forecast(other, b) or bool(
        holder_q and holder_o and not _one_holder(holder_q, holder_o))


def _one_holder(x: str, y: str) -> bool:
    """'ano party' and 'ano', 'connolly' and 'catherine connolly'; not 'civic democrats' and 'social democrats'."""
    wx, wy = set(x.split()), set(y.split())
    return wx <= wy or wy <= wx


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if reading_moment(a) != reading_moment(b):
        return None   # readings of a running count at different moments
    if CONDITION.match(a.text) or CONDITION.match(b.text):
        return None
    # Counts whose unit the parse missed (a number with no noun) may be counts of any unit.
    keyed_a = [(q, counted(q, a)) for q in counts(a)]
    keyed_b = [(q, counted(q, b)) for q in counts(b)]
    loose_a = [q for q, keys in keyed_a if not keys]
    loose_b = [q for q, keys in keyed_b if not keys]
    for unit in dict.fromkeys(k for _, keys in keyed_a for k in sorted(keys)):
        of_a = [q for q, keys in keyed_a if unit in keys]
        of_b = [q for q, keys in keyed_b if unit in keys]
        if not of_b:
            continue
        sparer = a if len(of_a) + len(loose_a) <= len(of_b) + len(loose_b) else b
        figures = of_a if sparer is a else of_b
        candidates = of_b + loose_b if sparer is a else of_a + loose_a
        for q in figures:
            other_claim = b if sparer is a else a
            swapped = [o for o in (of_b if sparer is a else of_a) if _swapped(q, o, sparer, other_claim)]
            rivals = swapped or [o for o in (of_b if sparer is a else of_a) if same_toll(q, o) and not _accounted(o, sparer)]
            if not swapped and (not rivals or any(compatible(q, o) for o in candidates if same_toll(q, o))
                                or _accounted(q, other_claim)):
                continue
            rivals = [o for o in rivals if not _kind_apart(unit, *((q, o) if sparer is a else (o, q)), a, b)]
            if not rivals:
                continue
            other = rivals[0]
            qa, qb = (q, other) if sparer is a else (other, q)
            return Discrepancy("numeric", "high", 0.9, f"Different counts of {noun(unit)}: {a.source} gives "
                                                       f"“{qa.text}”, {b.source} gives “{qb.text}”.")
    return None


def _one_toll(a: Claim, b: Claim) -> bool:
    """Both claims give a figure of one toll: one thing, however far apart their wording ("37 dead", "10 were killed")."""
    return bool({q.tally for q in a.quantities} & {q.tally for q in b.quantities} - {""})


CHECK = register(Check(name="numeric", type="numeric", slot="number", severity="high", order=20, compare=check,
                           value=lambda c: ", ".join(figure(q, c) for q in tallied(c) if counted(q, c)),
                           comparable=lambda a, b: bool(counts_of(a) & counts_of(b)),
                           partial_lists=True, close_only=lambda a, b: not _one_toll(a, b), settled=lambda claims: len({reading_moment(c) for c in claims} - {""}) >= 2))
