"""A confirmed finding as schema.org ClaimReview JSON-LD."""
from __future__ import annotations

import json

from flask import Response

from service.store.models import Article, Claim, Finding, Story

# JSON-LD is pasted into <script type="application/ld+json">: no raw '<', '>' or '&' may end that element early.
# These characters only occur inside JSON strings, where their \u escapes mean the same.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def embeddable_json(document: dict) -> Response:
    return Response(json.dumps(document, ensure_ascii=False).translate(_HTML_SAFE), mimetype="application/json")


RATING = {"high": (1, "False"), "medium": (2, "Misleading"), "low": (3, "Mixed")}


def claimreview(finding: Finding, claims: list[Claim], articles: dict[int, Article], organisation: str) -> dict:
    """One ClaimReview per finding: the first claim is the one reviewed, the others are the contrasting sources."""
    first = claims[0]
    source = articles.get(first.last_article_id)
    value, label = RATING.get(finding.severity, (2, "Misleading"))
    explanation = finding.reviewed_explanation or finding.explanation
    appearances = []
    for claim in claims:
        article = articles.get(claim.last_article_id)
        work = {"@type": "CreativeWork", "author": {"@type": "Organization", "name": claim.outlet}}
        if article is not None and article.url:
            work["url"] = article.url
        if article is not None and article.published_at:
            work["datePublished"] = article.published_at.isoformat()
        appearances.append(work)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"finding-{finding.id}",
        "datePublished": (finding.created_at.date().isoformat() if finding.created_at else None),
        "claimReviewed": first.text,
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                         "alternateName": label, "ratingExplanation": explanation},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": first.outlet},
            "datePublished": source.published_at.isoformat() if source is not None and source.published_at else None,
            "appearance": appearances,
            "description": f"{finding.type} discrepancy between sources of story {finding.story_id}",
        },
    }
