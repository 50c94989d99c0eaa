"""GET /v1/claims/search: the stored claims nearest to a text, across every story (the claim archive)."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from service import archive
from service.api import examples, openapi
from service.api.store_schemas import ClaimSearchOut, ClaimSearchQuery
from service.archive.search import Filters, search
from service.errors import ApiError
from service.store import db

blp = Blueprint("claims", __name__, url_prefix="/v1", description="The claim archive: every stored claim")


def archive_or_503():
    found = archive.current()
    if found is None:
        raise ApiError("The claim archive is off on this service (FACTCHECK_ARCHIVE=false).", status=503,
                       code="archive_off")
    return found


@blp.route("/claims/search")
class ClaimSearch(MethodView):
    @openapi.requires_key(blp, 422)
    @blp.arguments(ClaimSearchQuery, location="query")
    @blp.response(200, ClaimSearchOut, example=examples.CLAIM_SEARCH_RESPONSE)
    def get(self, query):
        """The k stored claims nearest to `q` (any role), each with its story, outlet, article and the findings
        it belongs to with their review decision; `since`, `story` and `outlet` narrow the claims searched."""
        found = archive_or_503()
        embedder = current_app.extensions["factcheck.pipeline"].embedder
        filters = Filters(query["since"], query["story"], query["outlet"])
        return {"results": search(db.session(), found, embedder, query["q"], query["k"], filters)}
