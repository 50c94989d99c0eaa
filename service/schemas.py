"""Marshmallow schemas for every request and response; also the source of the OpenAPI document."""
from __future__ import annotations

import datetime as dt
import re
from typing import get_args

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from service.pipeline.types import DiscrepancyType, Severity, Slot, VerdictLabel

VERDICTS = get_args(VerdictLabel)
DISCREPANCY_TYPES = get_args(DiscrepancyType)
SEVERITIES = get_args(Severity)
SLOTS = get_args(Slot)


def not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must contain more than whitespace.")


class PublishedAt(fields.Date):
    """A date (2025-09-15) or an RFC 3339 date-time (2025-09-15T10:00:00Z), kept as the date it names."""

    RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
    default_error_messages = {"invalid": "Not a valid date: send YYYY-MM-DD or an RFC 3339 date-time such as "
                                         "2025-09-15T10:00:00Z."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and self.RFC3339.fullmatch(value):
            try:
                return dt.datetime.fromisoformat(value.upper()).date()
            except ValueError:
                raise self.make_error("invalid") from None
        return super()._deserialize(value, attr, data, **kwargs)


class SourceIn(Schema):
    id = fields.String(required=True, validate=validate.Length(min=1, max=200))
    text = fields.String(required=True, validate=[validate.Length(min=1), not_blank])
    published_at = PublishedAt(load_default=None, allow_none=True,
                               metadata={"description": "a date, or an RFC 3339 date-time (its date is kept)"})
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
    finding = fields.String(metadata={"description": "discrepancies only: the id of the finding this pair belongs to"})


class FactOut(Schema):
    id = fields.String(required=True, metadata={"description": "stable: the same claims give the same id"})
    claims = fields.List(fields.String(), required=True, metadata={"description": "at most one claim per source"})
    sources = fields.List(fields.String(), required=True)
    text = fields.String(required=True)
    mentions = fields.List(fields.String(), metadata={"description": "other claims of these sources stating it again"})


class UniqueOut(Schema):
    claim = fields.String(required=True)
    missing_from = fields.List(fields.String(), required=True)


class PositionOut(Schema):
    value = fields.String(required=True, metadata={"description": "what these sources hold in the slot"})
    sources = fields.List(fields.String(), required=True)
    claims = fields.List(fields.String(), required=True)
    texts = fields.List(fields.String(), required=True, metadata={"description": "each claim's full statement"})


class FindingOut(Schema):
    id = fields.String(required=True, metadata={"description": "stable: its facts and slot"})
    facts = fields.List(fields.String(), required=True)
    type = fields.String(required=True, validate=validate.OneOf(DISCREPANCY_TYPES))
    slot = fields.String(required=True, validate=validate.OneOf(SLOTS))
    low_confidence = fields.Boolean(required=True, metadata={
        "description": "below FACTCHECK_FINDING_MIN_CONFIDENCE: kept out of the triage queue"})
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    confidence = fields.Float(required=True, validate=validate.Range(0, 1))
    explanation = fields.String(required=True)
    positions = fields.List(fields.Nested(PositionOut), required=True,
                            metadata={"description": "the sources grouped by the value they hold"})


class CompareResponse(Schema):
    claims = fields.List(fields.Nested(ClaimOut), required=True)
    facts = fields.List(fields.Nested(FactOut), required=True)
    matches = fields.List(fields.Nested(MatchOut), required=True)
    unique = fields.List(fields.Nested(UniqueOut), required=True)
    findings = fields.List(fields.Nested(FindingOut), metadata={
        "description": "one per disputed fact and slot, positions by value; highest severity first"})


class Health(Schema):
    status = fields.String(required=True)


class Readiness(Schema):
    status = fields.String(required=True)
    models = fields.Dict(keys=fields.String(), values=fields.String())
    warmup_seconds = fields.Float(allow_none=True)


class FieldError(Schema):
    field = fields.String(metadata={"description": "the invalid field, e.g. sources[1].text"})
    message = fields.String(required=True)


class ErrorDetail(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    field = fields.String()
    errors = fields.List(fields.Nested(FieldError), metadata={"description": "422: every invalid field, not just the first"})


class ErrorOut(Schema):
    error = fields.Nested(ErrorDetail, required=True)
