"""The words quoted: one statement quoted in different words ("the bird is freed" vs "the bird has been freed").

Only short, near-identical quotations conflict: quotes sharing most of their words but neither holding the other
(a shorter excerpt of one quote, or one with words left out, is the same words, however spelt). A quote
is compared with the run of a longer one it quotes. Quotes with little in common are different statements, and a
long passage told in other words is a translation or transcript of one speech ("the Zapad-2025 exercise" /
"the 'West-2025' exercises"), not a misquotation.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.speech import quote_regions
from service.pipeline.types import Claim

ONE_STATEMENT = 0.6    # share of words two quotations have in common (difflib ratio over words) to quote one statement
SHORT_QUOTE = 12       # words: the longest quotation whose rewording is a misquotation rather than a translation
LONG_QUOTE_CHANGED = 2  # words a longer quotation may differ by and still be one statement misquoted
QUOTED_PHRASE = 4      # words: the longest quotation that is a phrase an outlet quotes in part, not a statement


def quotes(claim: Claim) -> list[str]:
    """The claim's quotations as written (ends trimmed of punctuation): closed ones, and a statement the claim ends in
    before its quotation closes ("“Leading Intel has been the honour of my lifetime — this group of people is …")."""
    inside = [claim.text[start + 1:end].strip(" ,.;:!?") for start, end in quote_regions(claim.text)
              if (end < len(claim.text) or len(_words(claim.text[start + 1:])) > SHORT_QUOTE) and end - start > 3]
    return [quote for quote in inside if quote]


# British and American spellings of one word ("revitalise" / "revitalize", "honour" / "honor") are one word as quoted.
SPELLINGS = ((re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"), (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
             (re.compile(r"our(s|ed|ing|able)?$"), r"or\1"), (re.compile(r"tre(s)?$"), r"ter\1"),
             (re.compile(r"ogue(s)?$"), r"og\1"), (re.compile(r"ll(ed|ing|er)$"), r"l\1"),
             (re.compile(r"^(to|after|up|down|back|for|on|in|out)wards$"), r"\1ward"))   # "towards" / "toward"


def _word(word: str) -> str:
    if len(word) > 4:
        for pattern, american in SPELLINGS:
            word = pattern.sub(american, word)
    return word


# Words an outlet drops or adds in transcribing without changing what was said ("the decision that I'm sharing" /
# "the decision I'm sharing", "in next election" / "in the next election"), and ordinal endings ("March 24th").
SLIGHT = {"the", "a", "an", "that"}


def _words(quote: str) -> list[str]:
    quote = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", quote.lower().replace("’", "'"))
    return [_word(w) for w in re.findall(r"[\w']+", quote)]


def _bare(words: list[str]) -> list[str]:
    return [w for w in words if w not in SLIGHT]


def _same_words(x: str, y: str) -> bool:
    wx, wy = _bare(_words(x)), _bare(_words(y))
    return [w.strip("'") for w in wx] == [w.strip("'") for w in wy]   # "‘Never Tell Me The Odds’ had" / "Never Tell …"


def _names_added(x: str, y: str) -> bool:
    """One quotation is the other with a name's word or two added ("12841 Shalimar-Chennai Coromandel Express" /
    "… Shalimar-Chennai Central Coromandel Express"): the same words, the name written in full."""
    cased = {w.strip("'").lower(): w for w in re.findall(r"[\w']+", f"{x} {y}")}
    wx, wy = _words(x), _words(y)
    ops = [op for op in SequenceMatcher(None, wx, wy, autojunk=False).get_opcodes() if op[0] != "equal"]
    added = [w for op, i1, i2, j1, j2 in ops for w in wx[i1:i2] + wy[j1:j2]]
    return bool(ops) and all(op[0] in ("insert", "delete") for op in ops) and len(added) <= LONG_QUOTE_CHANGED and all(
        cased.get(w, w)[:1].isupper() for w in added)


def _excerpt(part: list[str], whole: list[str]) -> bool:
    """Whether the words of one quotation run unchanged within the other's."""
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _elided(part: list[str], whole: list[str]) -> bool:
    """Whether one quoted phrase is the other with words left out ("precise strike" of "a precise targeted strike"); a
    statement with a word left out is misquoted ("… expression and assembly" of "… expression and peaceful assembly")."""
    rest = iter(whole)
    return len(part) <= QUOTED_PHRASE and len(part) < len(whole) and all(word in rest for word in part)


def _aligned(short: list[str], long: list[str]) -> list[str]:
    """The run of a longer quotation that the shorter one quotes, when the longer runs on past it ("Leading Intel has
    been an honor of a lifetime" against "Leading Intel has been the honour of my lifetime — this group of …")."""
    if len(long) <= len(short) + LONG_QUOTE_CHANGED:
        return long
    # The run opens or closes as the shorter one does: a phrase shared by two sentences of one speech ("Together we
    # can shape a new republic that values everybody" / "… that we can shape a new republic together, and …") is no
    # quotation of one.
    windows = [w for w in (long[i:i + len(short)] for i in range(len(long) - len(short) + 1))
               if w[0] == short[0] or w[-1] == short[-1]]
    return max(windows, key=lambda w: SequenceMatcher(None, short, w, autojunk=False).ratio()) if windows else []


def _one_statement_reworded(x: str, y: str) -> bool:
    wx, wy = _words(x), _words(y)
    if not wx or not wy or _same_words(x, y) or _names_added(x, y) or _excerpt(wx, wy) or _excerpt(wy, wx) or _elided(wx, wy) or _elided(wy, wx):
        return False
    wx, wy = (wx, _aligned(wx, wy)) if len(wx) <= len(wy) else (_aligned(wy, wx), wy)
    if wx == wy or not wx or not wy:
        return False
    matcher = SequenceMatcher(None, wx, wy, autojunk=False)
    if max(len(wx), len(wy)) > SHORT_QUOTE:
        # A long quotation is a misquotation only when a word or two differ ("freedom of expression and assembly" vs
        # "… and peaceful assembly"); more, and it is a translation or a transcript told in other words.
        changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
        return changed <= LONG_QUOTE_CHANGED
    return matcher.ratio() >= ONE_STATEMENT


def _pairs(a: Claim, b: Claim) -> list[tuple[str, str]]:
    return [(x, y) for x in quotes(a) for y in quotes(b)]


def comparable(a: Claim, b: Claim) -> bool:
    return any(_same_words(x, y) or _one_statement_reworded(x, y) for x, y in _pairs(a, b))


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    pairs = _pairs(a, b)
    if any(_same_words(x, y) for x, y in pairs):
        return None
    reworded = [(x, y) for x, y in pairs if _one_statement_reworded(x, y)]
    if not reworded:
        return None
    x, y = reworded[0]
    return Discrepancy("quote", "low", 0.6, f"{a.source} quotes “{x}”, {b.source} “{y}”.")


CHECK = register(Check(name="quotation", type="quote", slot="quote", severity="low", order=65, compare=check,
                       value=lambda c: " / ".join(quotes(c)), comparable=comparable))
