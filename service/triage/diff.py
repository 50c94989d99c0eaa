"""The words that carry a finding's difference, for the reviewer page to highlight.

A finding's positions state one fact differently. What a reviewer must see is the part that differs: the
number (52 vs 25), the name, the date, the link marker ("in response" vs "while"), the negation or the modal
verb. So each claim's text is read into *terms* of those kinds, and a term is marked when some other position
has no equivalent term: numbers are compared by value (`parse_number`: "52" = "fifty-two"), names by the
pipeline's entity keys and `same_name` ("United States" = "US", "Lukashenka" = "Lukashenko"), markers, dates
and negations by their words. Only the kinds the finding's slot is about are marked (a causal finding marks its
markers, not every name), unless none of them differs. Words that differ otherwise (spelling, word order, other
wording) are not marked.

`mark(text, terms)` cuts a text into (chunk, marked) runs covering it exactly; the template escapes each chunk.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from service.pipeline.extract.normalize import NUMBER_WORDS, SCALES, entity_key, parse_number, same_name
from service.pipeline.extract.relations import CAUSAL_MARKERS, JUXTAPOSITION_MARKERS, TEMPORAL_MARKERS

WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
NUMBER = re.compile(r"\d[\d,.]*\d|\d", re.UNICODE)
NEGATIONS = {"not", "no", "never", "n't", "without", "nor", "none", "neither", "denied", "denies", "deny"}
MODALS = {"agreed", "agree", "agrees", "plan", "plans", "planned", "planning", "may", "might", "could", "would",
          "will", "should", "alleged", "allegedly", "reportedly", "expected", "promised", "promises", "pledged",
          "intends", "intended", "proposed", "considering", "threatened", "claimed", "suspected", "possible",
          "possibly", "likely"}
MARKERS = (CAUSAL_MARKERS | TEMPORAL_MARKERS | (JUXTAPOSITION_MARKERS - {"and", "as", "but"})
           | {"in response", "in reaction", "in retaliation", "in exchange", "in return", "as a result",
              "as a consequence", "consequently", "therefore", "thus", "hence", "for this reason", "in turn",
              "meanwhile", "at the same time", "afterwards", "later", "then", "subsequently"})
DATE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
              "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
              "yesterday", "tomorrow", "tonight", "morning", "evening", "night", "afternoon", "week", "month", "year"}
NAME_JOINERS = {"of", "de", "del", "da", "al", "el", "von", "van", "bin", "ibn", "la", "le", "du"}
NOT_NAMES = {"the", "a", "an", "in", "on", "at", "as", "while", "after", "before", "but", "and", "it", "its", "this",
             "that", "these", "those", "he", "she", "they", "we", "i", "his", "her", "their", "our", "when", "then",
             "following", "meanwhile", "according", "earlier", "later", "also", "however", "since", "because"}
# Which kinds of term carry each slot's difference, tried in order (a place's reach before its names).
SLOT_KINDS = {"number": [{"number"}], "vote": [{"number"}], "age": [{"number"}], "standing": [{"name"}],
              "holder": [{"name"}], "ages": [{"number"}], "duration": [{"number"}], "date": [{"date", "number"}],
              "tenure": [{"date", "number"}], "end": [{"date", "number"}], "time": [{"date", "number"}],
              "elapsed": [{"number", "date", "marker"}], "place": [{"scope"}, {"name"}], "agent": [{"name"}],
              "speaker": [{"name"}], "modality": [{"modal", "negation"}], "negation": [{"negation"}],
              "link": [{"marker"}], "quote": [{"name", "number", "negation"}]}
# How far a place reaches: "inside the country", "in both countries", "across the region".
SCOPE = re.compile(r"\b(?:(?:inside|across|outside|throughout|in|within)\s+)?(?:the|both|several|many|all|its|their|"
                   r"neighbouring|neighboring|two|three|other)\s+(?:countries|country|regions?|nations?|borders?|"
                   r"territory|territories|states)\b", re.IGNORECASE)
QUOTED = re.compile(r"[“\"]([^”\"]{1,60})[”\"]")


@dataclass(frozen=True)
class Term:
    start: int
    end: int
    kind: str      # number | name | date | marker | negation | modal | scope
    key: object    # what equivalence compares: a value, an entity key or the words

    def same(self, other: "Term") -> bool:
        if self.kind != other.kind:
            return False
        if self.kind == "name":
            return same_name(self.key, other.key)
        return self.key == other.key


def _phrase_terms(text: str, folded: str, phrases: Iterable[str], kind: str) -> list[Term]:
    found = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded):
            found.append(Term(match.start(), match.end(), kind, phrase))
    return found


def terms(text: str, markers: Iterable[str] = ()) -> list[Term]:
    """The text's numbers, names, dates, markers, negations and modal words, longest first where they overlap."""
    folded = text.casefold()
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    found: list[Term] = []
    found += _phrase_terms(text, folded, MARKERS | {m.casefold() for m in markers}, "marker")
    found += _phrase_terms(text, folded, NEGATIONS, "negation")
    found += _phrase_terms(text, folded, MODALS - {"may"}, "modal")
    found += [Term(m.start(), m.end(), "scope", " ".join(m.group().casefold().split())) for m in SCOPE.finditer(text)]
    i = 0
    while i < len(words):
        start, end, word = words[i]
        low = word.casefold()
        split = re.fullmatch(r"(\d+)([-–])(\d+)", word)
        if split:   # a vote or a score, "3-2": two numbers
            found += [Term(start, start + len(split.group(1)), "number", float(split.group(1))),
                      Term(end - len(split.group(3)), end, "number", float(split.group(3)))]
            i += 1
            continue
        if NUMBER.fullmatch(word) or low in NUMBER_WORDS or all(p in NUMBER_WORDS for p in low.split("-")):
            j = i
            while j + 1 < len(words) and (words[j + 1][2].casefold() in SCALES or
                                          words[j + 1][2].casefold() in NUMBER_WORDS):
                j += 1
            value = parse_number(text[start:words[j][1]])
            if value is not None:
                found.append(Term(start, words[j][1], "number", value))
                i = j + 1
                continue
        if low in DATE_WORDS and (low != "may" or word[0].isupper()):
            found.append(Term(start, end, "date", low))
        elif word[0].isupper() and low not in NOT_NAMES and low not in MARKERS and low not in DATE_WORDS:
            j = i
            while j + 1 < len(words) and (words[j + 1][2][0].isupper() or (
                    words[j + 1][2] in NAME_JOINERS and j + 2 < len(words) and words[j + 2][2][0].isupper())):
                if text[words[j][1]:words[j + 1][0]].strip(" -"):
                    break   # a comma or a stop between two capitalised words ends the name
                j += 1
            found.append(Term(start, words[j][1], "name", entity_key(text[start:words[j][1]])))
            i = j + 1
            continue
        i += 1
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept, reach = [], -1
    for term in found:   # the longest term at each place wins ("in response to" over "in response")
        if term.start >= reach:
            kept.append(term)
            reach = term.end
    return kept


def quoted_markers(value: str) -> list[str]:
    """The words a position's value quotes ('as cause and effect (“in response”)' → ['in response'])."""
    return [m.group(1).strip() for m in QUOTED.finditer(value or "")]


def carriers(positions: Sequence[Sequence[str]], slot: Optional[str] = None,
             values: Sequence[str] = ()) -> list[list[list[Term]]]:
    """For each position, for each of its texts, the terms to mark: those some other position has no
    equivalent of, restricted to the kinds the slot is about when any of those differ."""
    extra = [m for v in values for m in quoted_markers(v)]
    read = [[terms(text, extra) for text in texts] for texts in positions]
    pooled = [[t for found in position for t in found] for position in read]

    def differing(p: int, term: Term) -> bool:
        return any(not any(term.same(o) for o in pooled[q]) for q in range(len(read)) if q != p)

    marked = [[[t for t in found if differing(p, t)] for found in position] for p, position in enumerate(read)]
    for kinds in SLOT_KINDS.get(slot or "", []):
        focused = [[[t for t in found if t.kind in kinds] for found in position] for position in marked]
        if any(t for position in focused for found in position for t in found):
            return focused
    return marked


def mark(text: str, marked: Iterable[Term], offset: int = 0) -> list[tuple[str, bool]]:
    """(chunk, marked) runs covering text exactly; terms index a text that starts `offset` characters earlier."""
    out, position = [], 0
    for term in sorted(marked, key=lambda t: t.start):
        start, end = max(term.start - offset, 0), min(term.end - offset, len(text))
        if end <= position or start >= len(text):
            continue
        start = max(start, position)
        if start > position:
            out.append((text[position:start], False))
        out.append((text[start:end], True))
        position = end
    if position < len(text):
        out.append((text[position:], False))
    return out
