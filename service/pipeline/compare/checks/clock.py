"""Different times of day for one event ("at 12:42 p.m." vs "at 1:42 p.m. local time"), compared as minutes
after midnight in one time zone: "1:38 p.m.", "13:38" and "1338 hrs" are one time; a time given in another zone
(or in a zone against none) is not compared. A part of the day ("at dawn", "on Friday night") is the span of
times it names, so "at dawn" and "at 11:47 p.m." are apart while "late on Friday night" and "11:47 p.m." agree.
Times are compared only between claims of one event (or one that only says it happened: "the crash occurred at"): a
fact's claims may tell what happened after it, at another time."""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.types import Claim

CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)(?=\W|$)"
                   r"|(?<![\d:.])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?![:.]?\d)"
                   r"|\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?:\s*(?:hrs|hours|h)\b|(?=\s*\(?(?:GMT|UTC)\b))",
                   re.IGNORECASE)
ZONE = re.compile(r"\b(local(?: time)?|[ECMP][SD]?T|GMT|UTC|IST|BST|CET|CEST|EEST|MSK|"
                  r"[A-Z][a-z]+(?: [A-Z][a-z]+)? time)\b")   # "around 3 pm Indian time", "3:55 p.m. New York time"
# Parts of the day as spans of minutes after midnight, local time; a span past midnight wraps. Noon is the half
# hour either side of it, and the afternoon what follows: "around noon" and "in the afternoon" are two tellings.
PARTS = {"dawn": (270, 450), "daybreak": (270, 450), "sunrise": (270, 450), "morning": (300, 720),
         "midmorning": (540, 690), "noon": (690, 750), "midday": (690, 750), "afternoon": (751, 1080),
         "midafternoon": (810, 990), "evening": (1020, 1320),
         "dusk": (1020, 1260), "night": (1200, 240), "overnight": (1200, 360), "midnight": (1380, 60)}
# The moment a reading of a running count, a report or a share price is given at, not when the event happened: "as
# of 4 p.m. Monday", "by Monday evening", "at a news conference Monday night", "the first figures were", "in
# premarket trading", "at the close".
READING = re.compile(r"\b(?:as of|as at|by|until|till|at an? (?:news|press) (?:conference|briefing)(?: on)?)\s+(?:\w+day\s+)?"
                     r"(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b\.?|noon|midnight|morning|afternoon|evening|night|"
                     r"\w+day\s+(?:morning|afternoon|evening|night))"
                     r"|\b(?:first|initial|earlier|preliminary) (?:figures?|reports?|counts?|tolls?|estimates?)\b"
                     r"|\b(?:pre[- ]?market|after-hours|extended|early|late|morning|afternoon|midday) trading\b"
                     r"|\bat the (?:opening )?(?:open|close|bell)\b"
                     r"|\b(?:at the time of|as of) (?:writing|publication|going to press)\b"
                     # a partial count of the vote: "votes from 99.6% of all polling stations counted", "of the
                     # 99.97-percent counted ballot"
                     r"|\b\d+(?:\.\d+)?(?:\s*%|[\s-]*per[\s-]?cent)\s+(?:of\s+)?(?:all\s+|the\s+)?(?:counted\s+"
                     r"(?:votes?|ballots?)|(?:votes?|ballots?|polling stations|precincts|constituencies)\s+"
                     r"(?:were\s+|had been\s+)?counted)\b", re.IGNORECASE)
PLANNED = re.compile(r"\b(?:scheduled|due|expected|planned|set|slated)\s+(?:to|for)\b[^,;]*$", re.IGNORECASE)
PART = re.compile(r"\b(?:at|in the|on \w+|early|late|this|last|\w+day|around|about|near|after)\s+(?:\w+ )?(" + "|".join(PARTS)
                  + r")\b"
                  r"|\b(overnight|midnight|tonight|mid-?(?=morning|afternoon)\w+)\b", re.IGNORECASE)


def _readings(claim: Claim) -> list[tuple[int, int]]:
    return [m.span() for m in READING.finditer(claim.text)]


# A time given as near, not at: "shortly after 9 am" fits 9:03, "around 1:30 a.m." fits 1:45.
NEAR = re.compile(r"\b(?:(?P<after>(?:shortly|just|soon|some time|sometime|a little) after)|(?P<before>(?:shortly|just|a "
                  r"little) before)|(?P<around>around|about|approximately|roughly|circa|nearly|almost))\s*$", re.IGNORECASE)
NEAR_MINUTES = 30


def times(claim: Claim) -> list[tuple[int, str]]:
    """(minutes after midnight, zone as written or "") of each clock time the claim says something happened at (not a
    planned one, "scheduled to arrive at 18:25", nor the moment of a reading, "as of 4 p.m.")."""
    return [(minutes, zone) for minutes, _, _, zone in _windows(claim)]


def _windows(claim: Claim) -> list[tuple[int, int, int, str]]:
    """(minute, earliest, latest minute, zone) of each time: one minute when exact, a half hour beside it when near
    (and so is the same time in another zone, in brackets after it: "shortly after 9 am (0000 GMT)")."""
    found, near, last_end = [], None, -1
    readings = _readings(claim)
    for match in CLOCK.finditer(claim.text):
        if PLANNED.search(claim.text[:match.start()]) or any(s <= match.start() < e for s, e in readings):
            continue
        if match.group("hh"):
            minutes = int(match.group("hh")) * 60 + int(match.group("mm"))
        elif match.group("h24"):
            minutes = int(match.group("h24")) * 60 + int(match.group("m24"))
        else:
            hour = int(match.group("h")) % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
            minutes = hour * 60 + int(match.group("m") or 0)
        zone = ZONE.match(claim.text[match.end():].lstrip(" (")) if claim.text[match.end():].strip() else None
        if not (found and re.fullmatch(r"[^\d()]*\(\s*", claim.text[last_end:match.start()])):
            near = NEAR.search(claim.text[:match.start()].removesuffix("at ").rstrip())
        last_end = match.end()
        low = minutes - (NEAR_MINUTES if near and not near.group("after") else 0)
        high = minutes + (NEAR_MINUTES if near and not near.group("before") else 0)
        found.append((minutes, low, high, (zone.group(1).lower().replace(" time", "") if zone else "")))
    return found


def parts_of_day(claim: Claim) -> list[str]:
    """The parts of the day the claim names for its event ("at dawn", "on Friday night", "overnight")."""
    readings = _readings(claim)
    named = [(m.group(1) or m.group(2)).lower() for m in PART.finditer(claim.text)
             if not any(s <= m.start(m.lastindex) < e for s, e in readings)]
    return list(dict.fromkeys("night" if part == "tonight" else part.replace("-", "") for part in named))


def reading_moment(claim: Claim) -> str:
    """The moment a count or report is given as of ("as of 4 p.m. monday"), "" when none is said."""
    found = READING.search(claim.text)
    return re.sub(r"pre[- ]?market", "premarket", " ".join(found.group(0).lower().split())) if found else ""


def _within(minutes: int, part: str) -> bool:
    start, end = PARTS[part]
    return start <= minutes <= end if start <= end else minutes >= start or minutes <= end


def _overlap(x: str, y: str) -> bool:
    return any(_within(m, y) for m in range(0, 24 * 60, 15) if _within(m, x))


def value(claim: Claim) -> str:
    clocks = [f"{m // 60:02d}:{m % 60:02d}" + (f" {z}" if z else "") for m, z in times(claim)]
    return ", ".join(clocks or parts_of_day(claim))


def _comparisons(a: Claim, b: Claim) -> list[bool]:
    """For each two times of day of one zone in a and b, whether they agree."""
    windows_a, windows_b = _windows(a), _windows(b)
    clocks = [x[1] <= y[2] and y[1] <= x[2] for x in windows_a for y in windows_b if x[3] == y[3]]
    if clocks:
        return clocks
    times_a, times_b = [(m, z) for m, _, _, z in windows_a], [(m, z) for m, _, _, z in windows_b]
    parts_a, parts_b = parts_of_day(a), parts_of_day(b)
    return ([_within(m, p) for m, z in times_a if not z for p in parts_b]
            + [_within(m, p) for m, z in times_b if not z for p in parts_a]
            + [_overlap(p, q) for p in parts_a for q in parts_b])


# Verbs that only say something happened: "the crash occurred at 9:03 a.m." times the crash.
HAPPENED = {"occur", "happen", "take place", "be"}


def one_happening(a: Claim, b: Claim) -> bool:
    return a.event == b.event or a.event in HAPPENED or b.event in HAPPENED


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if not one_happening(a, b):
        return None   # "crashed around 1:30 a.m." and "a state of emergency was declared on Tuesday morning"
    compared = _comparisons(a, b)
    if not compared or any(compared):
        return None
    return Discrepancy("date", "medium", 0.7, f"{a.source} gives the time {value(a)}, {b.source} {value(b)}.")


CHECK = register(Check(name="clock", type="date", slot="time", severity="medium", order=35, compare=check,
                       value=value, comparable=lambda a, b: one_happening(a, b) and bool(_comparisons(a, b))))
