"""Marshmallow schemas of the story store and triage endpoints (the OpenAPI document reads them too)."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from service.schemas import DISCREPANCY_TYPES, SEVERITIES, ErrorDetail, PublishedAt, not_blank
from service.triage.queue import DECISIONS, STATUSES


def path_segment(value: str) -> None:
    """A story is read back at /v1/stories/{story_id}: its id must be one path segment."""
    if "/" in value or value in (".", ".."):
        raise ValidationError("Must not contain '/' nor be '.' or '..': the story is read back at "
                              "/v1/stories/{story_id}.")


class ArticleIn(Schema):
    story_id = fields.String(load_default=None, validate=[validate.Length(min=1, max=200), not_blank, path_segment],
                             metadata={"description": "omitted: the claim archive assigns the story (see assignment)"})
    outlet = fields.String(required=True, validate=[validate.Length(min=1, max=200), not_blank])
    url = fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    text = fields.String(required=True, validate=[validate.Length(min=1), not_blank])
    published_at = PublishedAt(required=True,
                               metadata={"description": "a date, or an RFC 3339 date-time (its date is kept)"})


class StoredFindingOut(Schema):
    id = fields.Integer(required=True)
    story_id = fields.String(required=True)
    type = fields.String(validate=validate.OneOf(DISCREPANCY_TYPES))
    severity = fields.String(validate=validate.OneOf(SEVERITIES))
    confidence = fields.Float()
    explanation = fields.String()
    claims = fields.List(fields.String(), metadata={"description": "persistent claim ids"})
    status = fields.String(metadata={"description": "open | closed"})
    review = fields.String(allow_none=True, metadata={"description": "confirmed | dismissed | edited"})
    reviewed_explanation = fields.String(allow_none=True)
    opened_by_article = fields.Integer()
    closed_by_article = fields.Integer(allow_none=True)


class ArticleOut(Schema):
    id = fields.Integer(required=True)
    story_id = fields.String(required=True)
    outlet = fields.String(required=True)
    version = fields.Integer(required=True)
    url = fields.String(allow_none=True)
    published_at = fields.Date(allow_none=True)
    created = fields.Boolean(metadata={"description": "false when the same text was posted before (idempotent)"})
    updated = fields.Boolean(metadata={"description": "true when the post corrected the url (saved in place) or "
                                                      "published_at (a new version, re-checked) of the same text"})
    claims = fields.List(fields.String(), metadata={"description": "persistent ids of this version's claims"})
    findings = fields.List(fields.Nested(StoredFindingOut), metadata={"description": "findings this post opened"})
    closed_findings = fields.List(fields.Integer(), metadata={"description": "findings this post closed"})
    assignment = fields.Nested("AssignmentOut", allow_none=True,
                               metadata={"description": "posted without story_id: which story and why"})
    prior_reviews = fields.List(fields.Nested("PriorReviewOut"),
                                metadata={"description": "reviewed findings of other stories on claims like this "
                                                         "post's claims"})


class SharedFactOut(Schema):
    claim = fields.String(metadata={"description": "the post's claim"})
    story_claim = fields.String(metadata={"description": "the story's claim it matches"})
    similarity = fields.Float()


class AssignmentOut(Schema):
    story_id = fields.String()
    created = fields.Boolean(metadata={"description": "true when the post started a new story"})
    reason = fields.String()
    shared = fields.List(fields.Nested(SharedFactOut), metadata={"description": "the facts shared, closest first"})


class PriorReviewOut(Schema):
    claim_id = fields.String()
    claim = fields.String()
    matched_claim_id = fields.String()
    matched_claim = fields.String()
    similarity = fields.Float()
    story_id = fields.String()
    finding_id = fields.Integer()
    review = fields.String(metadata={"description": "confirmed | dismissed | edited"})
    decided_at = fields.Date(allow_none=True)
    explanation = fields.String()
    claimreview = fields.String(allow_none=True)
    summary = fields.String(metadata={"description": "e.g. 'checked before: confirmed 2025-09-16 in story X: …'"})


class ArticleMoveIn(Schema):
    story_id = fields.String(required=True, validate=[validate.Length(min=1, max=200), not_blank, path_segment])


class ArticleMoveOut(Schema):
    article_id = fields.Integer()
    outlet = fields.String()
    from_story = fields.String()
    story_id = fields.String()
    findings = fields.List(fields.Nested(StoredFindingOut), metadata={"description": "findings opened in the target"})
    closed_findings = fields.List(fields.Integer(), metadata={"description": "findings closed in the old story"})


class StoryClaimOut(Schema):
    id = fields.String()
    outlet = fields.String()
    text = fields.String()
    active = fields.Boolean()
    span = fields.List(fields.List(fields.Integer()))


class StoryArticleOut(Schema):
    id = fields.Integer()
    outlet = fields.String()
    version = fields.Integer()
    url = fields.String(allow_none=True)
    published_at = fields.Date(allow_none=True)
    latest = fields.Boolean()


class StoryOut(Schema):
    id = fields.String(required=True)
    articles = fields.List(fields.Nested(StoryArticleOut))
    claims = fields.List(fields.Nested(StoryClaimOut))
    findings = fields.List(fields.Nested(StoredFindingOut))


class TriageQuery(Schema):
    story = fields.String(load_default=None)
    type = fields.String(load_default=None, validate=validate.OneOf(DISCREPANCY_TYPES))
    status = fields.String(load_default="open", validate=validate.OneOf(STATUSES))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=200))


class TriageItemOut(Schema):
    id = fields.Integer(required=True)
    story_id = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    version = fields.Integer(metadata={"description": "send it back as expected_version to decide"})
    type = fields.String()
    severity = fields.String()
    confidence = fields.Float()
    finding = fields.Nested(StoredFindingOut)
    updated_at = fields.String()


class TriagePage(Schema):
    items = fields.List(fields.Nested(TriageItemOut))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class DecisionIn(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(sorted(DECISIONS)))
    note = fields.String(load_default="", validate=validate.Length(max=5000))
    explanation = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=5000),
                                metadata={"description": "the corrected explanation; required for edit"})
    expected_version = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=2**31 - 1),
                                      metadata={"description": "the item version the reviewer saw"})


class DecisionConflictDetail(ErrorDetail):
    current = fields.Nested(TriageItemOut, metadata={"description": "the item as it now is"})


class DecisionConflictOut(Schema):
    error = fields.Nested(DecisionConflictDetail, required=True)


class ClaimSearchQuery(Schema):
    # Bounded so that the whole query, percent-encoded, fits gunicorn's request line (gunicorn.conf.py).
    q = fields.String(required=True, validate=[validate.Length(min=1, max=400), not_blank],
                      metadata={"description": "the text to find stored claims like"})
    k = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))
    since = fields.Date(load_default=None, metadata={"description": "only claims of articles published on or after"})
    story = fields.String(load_default=None, validate=validate.Length(min=1, max=100))
    outlet = fields.String(load_default=None, validate=validate.Length(min=1, max=100))


class ArchiveFindingOut(Schema):
    id = fields.Integer()
    story_id = fields.String()
    type = fields.String()
    status = fields.String(metadata={"description": "open | closed"})
    review = fields.String(allow_none=True, metadata={"description": "confirmed | dismissed | edited, or null"})
    decided_at = fields.Date(allow_none=True)
    explanation = fields.String(metadata={"description": "the reviewer's explanation when edited, else the finding's"})
    claimreview = fields.String(allow_none=True, metadata={"description": "the ClaimReview link once confirmed"})


class ClaimHitOut(Schema):
    claim_id = fields.String()
    text = fields.String()
    similarity = fields.Float(metadata={"description": "cosine similarity of the embeddings"})
    story_id = fields.String()
    outlet = fields.String()
    url = fields.String(allow_none=True)
    published_at = fields.Date(allow_none=True)
    article_id = fields.Integer()
    active = fields.Boolean(metadata={"description": "false when the outlet's latest version no longer carries it"})
    findings = fields.List(fields.Nested(ArchiveFindingOut))


class ClaimSearchOut(Schema):
    results = fields.List(fields.Nested(ClaimHitOut))
