"""POST /v1/articles (the CMS posts each article version) and GET /v1/stories/{id}."""
from __future__ import annotations

import logging

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from service import archive
from service.api import examples, openapi
from service.api.store_schemas import ArticleIn, ArticleMoveIn, ArticleMoveOut, ArticleOut, StoryOut
from service.archive.assign import MoveRefused, assign_story, move_article
from service.archive.prior import prior_reviews
from service.auth import current_caller, require_role
from service.errors import ApiError, TooLarge
from service.observability import metrics
from service.pipeline import budget
from service.store import db
from service.store.ingest import StoryMoved, ingest_article, latest_articles
from service.store.models import Article, ArticleClaim, Claim, Finding, Story, valid_id
from service.triage.queue import finding_payload

log = logging.getLogger(__name__)

blp = Blueprint("articles", __name__, url_prefix="/v1", description="The story store: articles, claims, findings")


def store_pipeline():
    """The pipeline with per-process caches (service/store/incremental.py), built on first use."""
    from service.store.incremental import cached_pipeline

    app = current_app._get_current_object()
    if "factcheck.store_pipeline" not in app.extensions:
        settings = app.extensions["factcheck.settings"]
        cached = cached_pipeline(app.extensions["factcheck.pipeline"], settings.store_cache_size)
        metrics.instrument_pipeline(cached)   # store runs show in the per-stage metrics too
        app.extensions["factcheck.store_pipeline"] = cached
    return app.extensions["factcheck.store_pipeline"]


@blp.route("/articles")
class Articles(MethodView):
    @require_role("cms")
    @openapi.requires_key(blp, *openapi.BODY_ERRORS, 403, 409)
    @blp.arguments(ArticleIn, example=examples.ARTICLE_REQUEST)
    @blp.response(201, ArticleOut, example=examples.ARTICLE_RESPONSE)
    @blp.alt_response(200, schema=ArticleOut, example=examples.ARTICLE_UNCHANGED, success=True,
                      description="The same text was posted before: nothing new stored (`created: false`); "
                                  "a corrected url or published_at is saved (`updated: true`)")
    def post(self, body):
        """Store an article (or a new version of it) and check it against the story's other articles."""
        limit = current_app.extensions["factcheck.settings"].max_source_chars
        if len(body["text"]) > limit:
            raise TooLarge(f"The text has {len(body['text'])} characters; the limit is {limit}.", field="text")
        session = db.session()
        caller = current_caller()
        settings = current_app.extensions["factcheck.settings"]
        found = archive.current()
        assignment = None
        try:
            with budget.limits(settings.request_deadline_s, settings.max_claims):
                story_id = body["story_id"]
                if story_id is None:
                    if found is None:
                        raise ApiError("story_id is required: the claim archive, which assigns stories, is off "
                                       "(FACTCHECK_ARCHIVE=false).", status=422, code="story_id_required",
                                       field="story_id")
                    assignment = assign_story(session, found, store_pipeline(), body["outlet"], body["text"],
                                              body["published_at"], settings.story_window_days)
                    session.rollback()   # end the read transaction before the story's run
                    story_id = assignment.story_id
                result = ingest_article(session, store_pipeline(), story_id, body["outlet"], body["text"],
                                        body["published_at"], body.get("url"), caller.key_id if caller else None)
                if result.created:
                    archive.record_post(session, store_pipeline().embedder, result.article.story_id)
            session.commit()
        except (IntegrityError, StoryMoved):
            # Two posts to one story at the same moment (the same new story, or the same outlet's next version),
            # or other posts kept landing while this one's pipeline ran.
            session.rollback()
            log.warning("concurrent post to story %r", body["story_id"], exc_info=True)
            raise ApiError("Another post to this story was stored at the same moment; post it again.",
                           status=409, code="conflict") from None
        article = result.article
        payload = {"id": article.id, "story_id": article.story_id, "outlet": article.outlet,
                   "version": article.version, "url": article.url, "published_at": article.published_at,
                   "created": result.created, "updated": result.updated, "claims": result.claim_ids,
                   "findings": [finding_payload(f) for f in result.new_findings],
                   "closed_findings": [f.id for f in result.closed_findings],
                   "assignment": assignment.payload() if assignment else None,
                   "prior_reviews": prior_reviews(session, found, store_pipeline(), article.story_id,
                                                  result.claim_ids) if found is not None else []}
        return payload, (201 if result.created else 200)


@blp.route("/articles/<int:article_id>/move")
class ArticleMove(MethodView):
    @require_role("cms", "reviewer")
    @openapi.requires_key(blp, *openapi.BODY_ERRORS, 403, 404, 409)
    @blp.arguments(ArticleMoveIn, example=examples.MOVE_REQUEST)
    @blp.response(200, ArticleMoveOut, example=examples.MOVE_RESPONSE)
    def post(self, body, article_id):
        """Move an outlet's article (every version) to another story: the old story's findings involving it
        close, both stories are re-checked, and the move is audited (`article_moved`)."""
        session = db.session()
        caller = current_caller()
        if not valid_id(article_id) or session.get(Article, article_id) is None:
            raise ApiError(f"No article {article_id}.", status=404, code="not_found")
        try:
            moved = move_article(session, store_pipeline(), article_id, body["story_id"],
                                 caller.key_id if caller else None)
            session.commit()
        except MoveRefused as refused:
            session.rollback()
            raise ApiError(str(refused), status=409, code="move_refused", field="story_id") from None
        except IntegrityError:
            session.rollback()
            raise ApiError("Another change to these stories was stored at the same moment; move it again.",
                           status=409, code="conflict") from None
        return {**moved, "findings": [finding_payload(f) for f in moved["findings"]],
                "closed_findings": [f.id for f in moved["closed_findings"]]}


@blp.route("/stories/<story_id>")
class Stories(MethodView):
    @openapi.requires_key(blp, 404)
    @blp.response(200, StoryOut, example=examples.STORY_RESPONSE)
    def get(self, story_id):
        """A story: every article version, the claims of the latest versions, and all findings."""
        session = db.session()
        story = session.get(Story, story_id)
        if story is None:
            raise ApiError(f"No story {story_id!r}.", status=404, code="not_found")
        latest = {a.id for a in latest_articles(session, story_id)}
        articles = session.scalars(select(Article).where(Article.story_id == story_id).order_by(Article.id))
        claims = session.execute(select(Claim, ArticleClaim.spans).join(ArticleClaim, ArticleClaim.claim_id == Claim.id)
                                 .where(ArticleClaim.article_id.in_(latest)).order_by(Claim.outlet, Claim.id))
        findings = session.scalars(select(Finding).where(Finding.story_id == story_id).order_by(Finding.id))
        return {"id": story.id,
                "articles": [{"id": a.id, "outlet": a.outlet, "version": a.version, "url": a.url,
                              "published_at": a.published_at, "latest": a.id in latest} for a in articles],
                "claims": [{"id": c.id, "outlet": c.outlet, "text": c.text, "active": c.active, "span": spans}
                           for c, spans in claims],
                "findings": [finding_payload(f) for f in findings]}
