"""GET /v1/triage, POST /v1/triage/{id}/decision and GET /v1/findings/{id}/claimreview."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from service.api import examples, openapi
from service.api.store_schemas import DecisionConflictOut, DecisionIn, TriageItemOut, TriagePage, TriageQuery
from service.auth import current_caller, require_role
from service.errors import ApiError, error_body
from service.store import db
from service.store.models import Article, Claim, Finding, TriageItem, valid_id
from service.triage import queue
from service.triage.claimreview import claimreview, embeddable_json

blp = Blueprint("triage", __name__, url_prefix="/v1", description="The reviewers' queue and confirmed findings")


def _item(session, item_id: int) -> TriageItem:
    item = session.get(TriageItem, item_id) if valid_id(item_id) else None
    if item is None:
        raise ApiError(f"No triage item {item_id}.", status=404, code="not_found")
    return item


@blp.route("/triage")
class Triage(MethodView):
    @require_role("reviewer")
    @openapi.requires_key(blp, 403, 422)
    @blp.arguments(TriageQuery, location="query")
    @blp.response(200, TriagePage, example=examples.TRIAGE_PAGE)
    def get(self, query):
        """Queue items, highest severity then confidence first; open ones unless `status` says otherwise."""
        page = queue.list_items(db.session(), query["status"], query["story"], query["type"], query["page"],
                                query["per_page"])
        return {"items": [queue.item_payload(i) for i in page.items], "total": page.total, "page": page.page,
                "per_page": page.per_page}


@blp.route("/triage/<int:item_id>")
class TriageEntry(MethodView):
    @require_role("reviewer")
    @openapi.requires_key(blp, 403, 404)
    @blp.response(200, TriageItemOut, example=examples.TRIAGE_ITEM)
    def get(self, item_id):
        """One queue item with its finding."""
        return queue.item_payload(_item(db.session(), item_id))


@blp.route("/triage/<int:item_id>/decision")
class Decision(MethodView):
    @require_role("reviewer")
    @openapi.requires_key(blp, *openapi.BODY_ERRORS, 403, 404)
    @blp.arguments(DecisionIn, example=examples.DECISION_REQUEST)
    @blp.response(200, TriageItemOut, example=examples.DECIDED_ITEM)
    @blp.alt_response(409, schema=DecisionConflictOut, example=examples.DECISION_CONFLICT,
                      description="Someone decided first (`conflict`): `error.current` is the item as it now is")
    def post(self, body, item_id):
        """Confirm, dismiss or edit an open item; a concurrent second decision gets 409 and the current state."""
        if body["decision"] == "edit" and not body.get("explanation"):
            raise ApiError("An edit needs the corrected explanation.", status=422, code="invalid_request",
                           field="explanation")
        session = db.session()
        _item(session, item_id)
        caller = current_caller()
        try:
            item = queue.decide(session, item_id, body["decision"], body["note"], body.get("explanation"),
                                body.get("expected_version"), caller.key_id if caller else None)
        except queue.DecisionConflict as conflict:
            body = error_body("conflict", conflict.reason)
            body["error"]["current"] = queue.item_payload(conflict.item)
            response = jsonify(body)
            response.status_code = 409
            return response
        return queue.item_payload(item)


@blp.route("/findings/<int:finding_id>/claimreview")
class FindingClaimReview(MethodView):
    @openapi.requires_key(blp, 404, 409)
    @blp.response(200, example=examples.CLAIMREVIEW,
                  description="schema.org ClaimReview JSON-LD (409 `not_confirmed` before a reviewer confirms)")
    def get(self, finding_id):
        """A confirmed (or edited) finding as schema.org ClaimReview JSON-LD."""
        session = db.session()
        finding = session.get(Finding, finding_id) if valid_id(finding_id) else None
        if finding is None:
            raise ApiError(f"No finding {finding_id}.", status=404, code="not_found")
        if finding.review not in ("confirmed", "edited"):
            raise ApiError(f"Finding {finding_id} is not confirmed by a reviewer (review: {finding.review}).",
                           status=409, code="not_confirmed")
        claims = [session.get(Claim, cid) for cid in finding.claim_ids]
        claims = [c for c in claims if c is not None]
        articles = {a.id: a for a in session.scalars(select(Article).where(
            Article.id.in_({c.last_article_id for c in claims})))}
        return embeddable_json(claimreview(finding, claims, articles, organisation="factcheck-service"))
