"""Marshmallow schemas for every request and response; also the source of the OpenAPI document."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

VERDICTS = ("agree", "related", "discrepancy")
DISCREPANCY_TYPES = ("numeric", "date", "entity", "location", "attribution", "modality", "negation", "causal",
                     "quote", "other")
SEVERITIES = ("high", "medium", "low")


class SourceIn(Schema):
    id = fields.String(required=True, validate=validate.Length(min=1, max=200))
    text = fields.String(required=True, validate=validate.Length(min=1))
    published_at = fields.Date(load_default=None, allow_none=True)
    outlet = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class CompareRequest(Schema):
    sources = fields.List(fields.Nested(SourceIn), required=True, validate=validate.Length(min=2))

    @validates_schema
    def distinct_ids(self, data, **kwargs):
        seen = set()
        for i, source in enumerate(data.get("sources", [])):
            if source["id"] in seen:
                raise ValidationError({"sources": {i: {"id": [f"Duplicate source id {source['id']!r}."]}}})
            seen.add(source["id"])


class ClaimOut(Schema):
    id = fields.String(required=True)
    source = fields.String(required=True)
    text = fields.String(required=True)
    span = fields.List(fields.List(fields.Integer()), required=True,
                       metadata={"description": "[[start, end], ...] character offsets into the source text as sent"})
    statement = fields.String(metadata={
        "description": "the claim as a whole sentence: its shared subject, named referents and 'X said' when reported"})
    role = fields.String()
    modality = fields.String()
    negated = fields.Boolean()
    speaker = fields.String(allow_none=True)
    reported = fields.Boolean(metadata={"description": "the article attributes the claim to its speaker"})
    refers_to = fields.List(fields.Dict(keys=fields.String(), values=fields.String()), metadata={
        "description": "[{text, name}]: a pronoun or description in the claim and the name it stands for"})
    dates = fields.List(fields.String())
    entities = fields.List(fields.String())


class MatchOut(Schema):
    claims = fields.List(fields.String(), required=True)
    verdict = fields.String(required=True, validate=validate.OneOf(VERDICTS))
    type = fields.String(validate=validate.OneOf(DISCREPANCY_TYPES), metadata={"description": "discrepancies only"})
    severity = fields.String(validate=validate.OneOf(SEVERITIES), metadata={"description": "discrepancies only"})
    confidence = fields.Float(required=True, validate=validate.Range(0, 1))
    explanation = fields.String(required=True)


class UniqueOut(Schema):
    claim = fields.String(required=True)
    missing_from = fields.List(fields.String(), required=True)


class PositionOut(Schema):
    source = fields.String(required=True)
    claims = fields.List(fields.String(), required=True)


class FindingOut(Schema):
    type = fields.String(required=True, validate=validate.OneOf(DISCREPANCY_TYPES))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    confidence = fields.Float(required=True, validate=validate.Range(0, 1))
    explanation = fields.String(required=True)
    positions = fields.List(fields.Nested(PositionOut), required=True,
                            metadata={"description": "each source's claims in this discrepancy"})


class CompareResponse(Schema):
    claims = fields.List(fields.Nested(ClaimOut), required=True)
    matches = fields.List(fields.Nested(MatchOut), required=True)
    unique = fields.List(fields.Nested(UniqueOut), required=True)
    findings = fields.List(fields.Nested(FindingOut), metadata={
        "description": "discrepancies grouped across sources, highest severity first"})


class Health(Schema):
    status = fields.String(required=True)


class Readiness(Schema):
    status = fields.String(required=True)
    models = fields.Dict(keys=fields.String(), values=fields.String())
    warmup_seconds = fields.Float(allow_none=True)


class ErrorDetail(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    field = fields.String()


class ErrorOut(Schema):
    error = fields.Nested(ErrorDetail, required=True)
