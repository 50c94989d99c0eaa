"""POST /v1/compare: N articles about one story → claims, matches with verdicts, and omissions."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from service.api import examples, openapi
from service.errors import InvalidRequest, TooLarge
from service.payload import report_payload
from service.pipeline import budget
from service.pipeline.types import Source
from service.schemas import CompareRequest, CompareResponse

blp = Blueprint("compare", __name__, url_prefix="/v1", description="Compare sources claim by claim")


def check_limits(sources: list[dict], settings) -> list[dict]:
    """422 over FACTCHECK_MAX_SOURCES sources, 413 for a text over FACTCHECK_MAX_SOURCE_CHARS (also POST /v1/jobs)."""
    if len(sources) > settings.max_sources:
        raise InvalidRequest(f"At most {settings.max_sources} sources per request; got {len(sources)}.",
                             field="sources")
    for i, source in enumerate(sources):
        if len(source["text"]) > settings.max_source_chars:
            raise TooLarge(f"Source {source['id']!r} has {len(source['text'])} characters; the limit is "
                           f"{settings.max_source_chars}.", field=f"sources[{i}].text")
    return sources


@blp.route("/compare")
class Compare(MethodView):
    @openapi.requires_key(blp, *openapi.BODY_ERRORS)
    @blp.arguments(CompareRequest, example=examples.COMPARE_REQUEST)
    @blp.response(200, CompareResponse, example=examples.COMPARE_RESPONSE)
    def post(self, body):
        """Compare 2 to N articles about one story."""
        settings = current_app.extensions["factcheck.settings"]
        sources = check_limits(body["sources"], settings)
        pipeline = current_app.extensions["factcheck.pipeline"]
        with budget.limits(settings.request_deadline_s, settings.max_claims):
            report = pipeline.run([Source(s["id"], s["text"], s.get("published_at"), s.get("outlet"))
                                   for s in sources])
        return report_payload(report)
