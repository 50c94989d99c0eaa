"""Liveness and readiness."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from service.api import examples, openapi
from service.errors import ApiError
from service.schemas import Health, Readiness

blp = Blueprint("health", __name__, description="Liveness and readiness")


@blp.route("/healthz")
class Healthz(MethodView):
    @blp.response(200, Health, example=examples.HEALTH)
    def get(self):
        """The process is up."""
        return {"status": "ok"}


@blp.route("/readyz")
class Readyz(MethodView):
    @blp.response(200, Readiness, example=examples.READINESS)
    @openapi.errors(blp, 503)
    def get(self):
        """The models are loaded and warm."""
        pipeline = current_app.extensions["factcheck.pipeline"]
        if not pipeline.warm:
            raise ApiError("Models are still loading.", status=503, code="not_ready")
        settings = pipeline.settings
        return {"status": "ready", "warmup_seconds": round(pipeline.warmup_seconds, 3),
                "models": {"embedder": settings.embedder, "nli": settings.nli_model, "parser": settings.parser}}
