"""What the reviewer pages show, read from the store: a finding in context, a story across outlets, page links.

A finding view gives the disputed fact and each position with its value, its outlets and each claim in its
sentence with the sentences before and after, the words that carry the difference marked (diff.py), and a link
to the article version it comes from. A story view gives each outlet's latest article with its boilerplate
greyed, each claim marked in its sentence and coloured by its fact, the findings pinned to the facts they dispute,
and the coverage matrix: for each fact and outlet, whether the outlet agrees, differs or is silent.

Everything returned here is plain data; the templates escape every text in it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.pipeline.extract.segment import content_blocks
from service.pipeline.types import DiscrepancyType
from service.store.models import Article, ArticleClaim, Claim, Finding, ReviewDecision, Story, TriageItem
from service.triage import diff

FILTERS = ("story", "type", "severity", "outlet", "status", "min_confidence", "q")
TYPES = DiscrepancyType.__args__
PER_PAGE = 50
PALETTE = 12          # fact colours in review.css (.fact-c0 … .fact-c11)
SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
ROUGH_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")


def page_links(page) -> list[Optional[int]]:
    """Page numbers to link: the first, the last and two either side of the current one; None marks a gap."""
    wanted = {1, page.pages} | set(range(max(1, page.page - 2), min(page.pages, page.page + 2) + 1))
    links, last = [], 0
    for number in sorted(wanted):
        if number > last + 1:
            links.append(None)
        links.append(number)
        last = number
    return links


def safe_url(url: Optional[str]) -> Optional[str]:
    """An article's URL as a link only when it is http(s); anything else is shown as text."""
    return url if url and SAFE_URL.match(url) else None


def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [tuple(s) for s in article.sentences]
    return [m.span() for m in ROUGH_SENTENCE.finditer(article.text) if m.group().strip()]   # stored before 0004


def _spans(session: Session, claim: Claim, article_id: int) -> list[tuple[int, int]]:
    row = session.get(ArticleClaim, (article_id, claim.id))
    spans = row.spans if row is not None else (claim.detail or {}).get("span") or []
    return [tuple(s) for s in spans]


@dataclass
class ClaimInContext:
    claim: Claim
    article: Article
    url: Optional[str]
    before: str
    chunks: list   # (text, css class) runs of the claim's sentence(s): "" | "claim" | "claim carrier"
    after: str


@dataclass
class PositionView:
    value: str
    outlets: list[str]
    claims: list[ClaimInContext] = field(default_factory=list)


def _in_context(session: Session, claim: Claim, marked: list) -> Optional[ClaimInContext]:
    article = session.get(Article, claim.last_article_id)
    if article is None:
        return None
    text, spans = article.text, _spans(session, claim, article.id)
    if not spans:
        return ClaimInContext(claim, article, safe_url(article.url), "", [(claim.text, "claim")], "")
    sentences = _sentences(article)
    covered = [i for i, (s, e) in enumerate(sentences) if s < spans[-1][1] and e > spans[0][0]]
    first, last = (covered[0], covered[-1]) if covered else (None, None)
    start = sentences[first][0] if covered else spans[0][0]
    end = sentences[last][1] if covered else spans[-1][1]
    # claim.text is its spans joined by single spaces: map each marked term back to article offsets.
    pieces, offset = [], 0
    for a, b in spans:
        pieces.append((offset, a, b))
        offset += (b - a) + 1
    carried = []
    for term in marked:
        for joined, a, b in pieces:
            if joined <= term.start < joined + (b - a):
                carried.append((a + term.start - joined, min(b, a + term.end - joined)))
    cuts = sorted({start, end, *(p for s in spans for p in s if start <= p <= end),
                   *(p for c in carried for p in c if start <= p <= end)})
    chunks = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        in_claim = any(s <= a and b <= e for s, e in spans)
        in_carrier = any(s <= a and b <= e for s, e in carried)
        chunks.append((text[a:b], ("claim carrier" if in_carrier else "claim") if in_claim else ""))
    before = text[slice(*sentences[first - 1])] if covered and first > 0 else ""
    after = text[slice(*sentences[last + 1])] if covered and last + 1 < len(sentences) else ""
    return ClaimInContext(claim, article, safe_url(article.url), before, chunks, after)


def finding_view(session: Session, finding: Finding) -> dict:
    story = session.get(Story, finding.story_id)
    facts = {f["id"]: f for f in (story.facts or [])} if story is not None else {}
    disputed = [facts[f]["text"] for f in finding.facts or () if f in facts]
    positions = finding.positions or _positions_by_outlet(session, finding)
    rows = [[session.get(Claim, c) for c in p["claims"]] for p in positions]
    rows = [[c for c in row if c is not None] for row in rows]
    marked = diff.carriers([[c.text for c in row] for row in rows], finding.slot, [p["value"] for p in positions])
    views = []
    for position, row, marks in zip(positions, rows, marked):
        view = PositionView(position["value"], list(position["sources"]))
        for claim, terms in zip(row, marks):
            shown = _in_context(session, claim, terms)
            if shown is not None:
                view.claims.append(shown)
        views.append(view)
    return {"facts": disputed, "positions": views}


def _positions_by_outlet(session: Session, finding: Finding) -> list[dict]:
    """A finding stored before positions were kept: one position per outlet, valued by its claims."""
    by_outlet = defaultdict(list)
    for claim_id in finding.claim_ids:
        claim = session.get(Claim, claim_id)
        if claim is not None:
            by_outlet[claim.outlet].append(claim.id)
    return [{"value": "", "sources": [o], "claims": ids} for o, ids in by_outlet.items()]


def decisions(session: Session, item_id: int) -> list[ReviewDecision]:
    return list(session.scalars(select(ReviewDecision).where(ReviewDecision.triage_item_id == item_id)
                                .order_by(ReviewDecision.id)))


# ---- the story view -------------------------------------------------------------------------------------------

@dataclass
class Segment:
    text: str
    boilerplate: bool
    claim: Optional[str] = None
    fact: Optional[int] = None       # colour index of the claim's fact
    pins: list = field(default_factory=list)   # (item id, finding type) of findings on the claim's fact


def _segments(article: Article, spans: dict[str, list], fact_of: dict[str, int], pins: dict[int, list]) -> list:
    text = article.text
    blocks = [(b.start, b.end) for b in content_blocks(text)]
    claim_spans = [(a, b, cid) for cid, pieces in spans.items() for a, b in pieces if 0 <= a < b <= len(text)]
    cuts = sorted({0, len(text), *(p for b in blocks for p in b), *(p for a, b, _ in claim_spans for p in (a, b))})
    # A claim's pins stand after the first piece of text it covers, even where a shorter claim inside it owns the colour.
    pin_at = {}
    for s, e, cid in sorted(claim_spans):
        if cid not in pin_at and pins.get(fact_of.get(cid)):
            pin_at[cid] = s
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(e - s, cid) for s, e, cid in claim_spans if s <= a and b <= e]
        cid = min(covering)[1] if covering else None
        boiler = not any(s <= a and b <= e for s, e in blocks)
        fact = fact_of.get(cid) if cid else None
        due = [pin for _, other in sorted(covering) if pin_at.get(other) == a
               for pin in pins[fact_of[other]]]
        if out and out[-1].claim == cid and out[-1].boilerplate == boiler and not due:
            out[-1].text += text[a:b]
            continue
        segment = Segment(text[a:b], boiler, cid, fact)
        segment.pins = list({pin["item"]: pin for pin in due}.values())
        out.append(segment)
    return out


def story_view(session: Session, story_id: str) -> Optional[dict]:
    from service.store.ingest import latest_articles

    articles = latest_articles(session, story_id)
    if not articles:
        return None
    story = session.get(Story, story_id)
    facts = list(story.facts or []) if story is not None else []
    fact_index = {f["id"]: i for i, f in enumerate(facts)}
    fact_of = {c: i for i, f in enumerate(facts) for c in f["claims"] + f.get("mentions", [])}
    findings = list(session.execute(select(Finding, TriageItem).join(TriageItem, TriageItem.finding_id == Finding.id)
                                    .where(Finding.story_id == story_id, Finding.status == "open")
                                    .order_by(Finding.id)))
    pins: dict[int, list] = defaultdict(list)
    differs: dict[int, dict[str, str]] = defaultdict(dict)   # fact → outlet → the value it holds
    for finding, item in findings:
        for fact_id in finding.facts or ():
            if fact_id not in fact_index:
                continue
            pins[fact_index[fact_id]].append({"item": item.id, "type": finding.type, "status": item.status,
                                              "severity": finding.severity})
            if item.status == "dismissed":
                continue   # a reviewer judged it no discrepancy: the outlets agree
            for position in finding.positions or ():
                for outlet in position["sources"]:
                    differs[fact_index[fact_id]][outlet] = position["value"]
    outlet_claims = defaultdict(set)
    columns = []
    for article in articles:
        rows = session.execute(select(ArticleClaim.claim_id, ArticleClaim.spans)
                               .where(ArticleClaim.article_id == article.id))
        spans = {cid: [tuple(s) for s in pieces] for cid, pieces in rows}
        outlet_claims[article.outlet] = set(spans)
        columns.append({"article": article, "url": safe_url(article.url),
                        "segments": _segments(article, spans, fact_of, pins)})
    outlets = [a.outlet for a in articles]
    matrix = []
    for i, fact in enumerate(facts):
        cells = []
        for outlet in outlets:
            if outlet in differs[i]:
                cells.append(("differs", differs[i][outlet]))
            elif outlet in fact["sources"]:
                cells.append(("agrees", ""))
            else:
                cells.append(("silent", ""))
        matrix.append({"index": i, "colour": i % PALETTE, "fact": fact, "cells": cells, "pins": pins.get(i, []),
                       "carried": sum(c[0] != "silent" for c in cells)})
    matrix.sort(key=lambda r: (not r["pins"], -r["carried"], r["index"]))
    return {"columns": columns, "outlets": outlets, "matrix": matrix, "palette": PALETTE}
