"""Who said it: a named person in one source, a named organisation in the other.

Only two named speakers can conflict: "officials", "the authorities", "a senior railway official", "the company"
or "he" may be anyone the other outlet names, and a news agency or broadcaster ("Xinhua said", "the BBC said") relays what its
sources said. A direct quotation is one statement with another claim only when that claim repeats most of its
words: two speakers' similar remarks ("the most destructive hurricane to hit the Florida Panhandle" in the
governor's quoted words, the hurricane centre's "strongest hurricane ever to strike" the coast) are two statements.
"""
from __future__ import annotations

import re
from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import entity_key, same_name
from service.pipeline.extract.speech import ORG_WORDS
from service.pipeline.types import Claim

NAMED = {"person", "organisation"}
GENERIC_HEADS = {"official", "officials", "authority", "authorities", "police", "spokesman", "spokeswoman",
                 "spokesperson", "source", "sources", "witness", "witnesses", "eyewitness", "eyewitnesses", "resident", "residents", "expert",
                 "experts", "analyst", "analysts", "media", "report", "reports", "statement", "officer", "officers"}
NEWS_AGENCIES = {"reuters", "afp", "ap", "associated press", "agence france-presse", "xinhua", "tass", "ria novosti",
                 "interfax", "pti", "ani", "ians", "yonhap", "kyodo", "anadolu", "efe", "ansa", "dpa", "bernama",
                 "wam", "ukrinform", "belta", "unian", "bloomberg", "bbc", "cnn", "al jazeera", "sky news", "fox news",
                 "nbc", "cbs", "abc", "npr", "pbs", "dw", "deutsche welle", "france 24", "rfi", "euronews", "nhk",
                 # outlets whose names carry no media word: citing them is sourcing, not a speaker of the statement
                 "politico", "axios", "semafor", "cnbc", "msnbc", "usa today", "the hill", "economist", "le monde",
                 "spiegel", "el pais", "rtp", "tvn24", "ndtv", "the hindu", "dawn", "haaretz", "nikkei", "rt",
                 "sputnik", "kommersant", "izvestia", "vedomosti", "meduza", "kyiv independent", "wion", "techcrunch",
                 "the verge", "wired"}
MEDIA_HEADS = {"news", "times", "post", "tv", "television", "radio", "broadcaster", "broadcasting", "newspaper",
               "daily", "journal", "herald", "tribune", "gazette", "telegraph", "guardian", "agency", "channel"}
# An outlet's name written as one word with its media word ("Azernews", "RTTNews", "Newsmax", "Interpress").
MEDIA_NAME = re.compile(r"^(?:\w+(?:news|press|tv)|news\w+)$", re.IGNORECASE)
QUOTE_SHARED = 0.5    # share of a quotation's words the other claim must repeat to report the same statement
QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]?")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "this", "that"}
INSTITUTIONS = ORG_WORDS - GENERIC_HEADS
BACK_REFERENCE = re.compile(r"^(?:the|this|that)\s+[a-z]+$")


def named(speaker: str) -> bool:
    """Whether the speaker is named: its head word (before any "of", "at", "in" or comma) a proper noun or an
    institution ("the foreign ministry"), not a description ("an official at the bureau") or a news agency."""
    key = " ".join(w.lower().strip(".,") for w in speaker.split())
    if not key or any(re.search(rf"(^| ){re.escape(a)}( |$)", key) for a in NEWS_AGENCIES):
        return False
    if BACK_REFERENCE.match(speaker.strip()):
        return False   # "the company said": whichever company the other outlet names
    head = re.split(r",| of | at | in | from | for ", f" {speaker} ")[0].split()
    if not head or head[-1].lower() in GENERIC_HEADS | MEDIA_HEADS | PRONOUNS or MEDIA_NAME.search(head[-1]):
        return False
    return head[-1][:1].isupper() or head[-1].lower() in INSTITUTIONS


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


def _same_statement(a: Claim, b: Claim) -> bool:
    for quoting, other in ((a, b), (b, a)):
        quoted = _words(" ".join(QUOTED.findall(quoting.text))) if quoting.quoted else set()
        if quoted and len(quoted & _words(other.text)) < QUOTE_SHARED * len(quoted):
            return False
    return True


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if not _same_statement(a, b) or "relative" in (a.role, b.role):
        return None   # "Nangarhar, which contains Jalalabad": the sentence's speaker did not say what the place is
    if a.speaker_kind not in NAMED or b.speaker_kind not in NAMED or not a.speaker or not b.speaker:
        return None
    if a.speaker_kind == b.speaker_kind or not (named(a.speaker) and named(b.speaker)):
        return None
    if same_name(entity_key(a.speaker), entity_key(b.speaker)):
        return None
    return Discrepancy("attribution", "low", 0.7,
                       f"{a.source} attributes it to {a.speaker} ({a.speaker_kind}); "
                       f"{b.source} to {b.speaker} ({b.speaker_kind}).")


CHECK = register(Check(name="attribution", type="attribution", slot="speaker", severity="low", order=60, compare=check,
                           value=lambda c: f"{c.speaker} ({c.speaker_kind})" if c.speaker and c.speaker_kind else "", same_statement=True))
