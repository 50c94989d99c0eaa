"""Word-level differences between two claims, as (word, differs) runs for the reviewer page to highlight."""
from __future__ import annotations

import difflib
import re

TOKEN = re.compile(r"\w+|[^\w\s]+")


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def highlight(left: str, right: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Each side as a list of (word, differs); the template escapes the words and marks those that differ."""
    a, b = _tokens(left), _tokens(right)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b], autojunk=False)
    out_a, out_b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        same = tag == "equal"
        out_a += [(w, not same) for w in a[i1:i2]]
        out_b += [(w, not same) for w in b[j1:j2]]
    return out_a, out_b
