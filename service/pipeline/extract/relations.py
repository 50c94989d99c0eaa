"""Causal, temporal and side-by-side links between the claims of one source, as the text states them."""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from service.pipeline.types import Claim, Link, Sentence

CAUSAL_MARKERS = {"because", "since", "so", "in response to", "in reaction to", "in retaliation for",
                  "in exchange for", "in return for", "because of", "due to", "as a result of",
                  "as a consequence of", "thanks to", "owing to"}
TEMPORAL_MARKERS = {"after", "before", "following", "once", "when", "until", "during"}
JUXTAPOSITION_MARKERS = {"while", "whereas", "as", "amid", "and", "but", "although", "though", "despite"}
OPENING = re.compile(
    r"^\W*(in (response|reaction|retaliation|exchange|return)|as a (result|consequence)|consequently|"
    r"therefore|thus|hence|because of (this|that)|for this reason|in turn|"
    r"(meanwhile|at the same time)|(afterwards|later|then|subsequently)|"
    # "Because of Lukashenko's gesture, …": a cause named by a noun for what the sentence before told
    r"(?P<named>because of|in return for|in exchange for|in response to|in reaction to|thanks to|due to)\s+"
    r"(?:[\w'’-]+\s+){1,3}?"
    r"(?:gesture|move|decision|step|action|actions|release|announcement|deal|measure|measures|concession|"
    r"concessions|offer))\b",
    re.IGNORECASE,
)


def link_kind(marker: str) -> str:
    marker = marker.lower()
    if marker in CAUSAL_MARKERS:
        return "causal"
    if marker in TEMPORAL_MARKERS:
        return "temporal"
    return "juxtaposition"


def link_claims(claims: list[Claim], sentences: list[Sentence]) -> list[Claim]:
    """Attach each source's links: sub-clause markers ("while", "because") and sentence openers ("In response,")."""
    links: dict[str, list[Link]] = defaultdict(list)
    by_sentence: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_sentence[claim.sentence].append(claim)
    for claim in claims:
        if claim.marker and claim.parent and claim.role in ("adverbial", "adjunct", "coordinate"):
            links[claim.parent].append(Link(link_kind(claim.marker), claim.marker, (claim.id,)))
    for sentence in sentences:
        opener = OPENING.match(sentence.text)
        here = by_sentence.get(sentence.index)
        previous = by_sentence.get(sentence.index - 1)
        if not opener or not here or not previous:
            continue
        marker = (opener.group("named") or opener.group(1)).lower()
        kind = "causal" if opener.group(2) or opener.group(3) or opener.group("named") or marker.startswith(
            ("consequently", "therefore", "thus", "hence", "because", "for this", "in turn")) else (
            "juxtaposition" if opener.group(5) else "temporal")
        main = [c for c in here if c.role == "main"] or here[:1]
        for claim in main:
            links[claim.id].append(Link(kind, marker, tuple(c.id for c in previous)))
    return [dataclasses.replace(c, links=tuple(links[c.id])) if links.get(c.id) else c for c in claims]
