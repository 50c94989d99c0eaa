"""Words one claim has and the other lacks, as (chunk, differs) runs for the reviewer page to highlight.

Claims of two outlets often state the same fact in a different order, so a word differs when the other
side lacks it anywhere (case-folded), not when it sits in another position. The chunks cover the text
exactly, spaces and punctuation included; the template escapes each chunk and marks the differing ones.
"""
from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)


def _chunks(text: str, other_words: set[str]) -> list[tuple[str, bool]]:
    out, position = [], 0
    for match in WORD.finditer(text):
        if match.start() > position:
            out.append((text[position:match.start()], False))
        out.append((match.group(), match.group().casefold() not in other_words))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out


def highlight(left: str, right: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    left_words = {w.casefold() for w in WORD.findall(left)}
    right_words = {w.casefold() for w in WORD.findall(right)}
    return _chunks(left, right_words), _chunks(right, left_words)
