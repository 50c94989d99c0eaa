"""The fact-checking service: create_app() wires settings → models → pipeline → blueprints → errors."""
from __future__ import annotations

import logging
from typing import Optional

from flask import Flask
from flask_smorest import Api

from service import auth, errors, inputs, limits, observability, security
from service.store import db as store_db
from service.triage import views as review_views
from service.schemas import ErrorOut
from service.settings import Settings

__version__ = "0.1.0"
API_DESCRIPTION = ("Claims, facts and typed discrepancies across news sources. Every `/v1` route needs an API key, "
                   "sent as `Authorization: Bearer KEY` or `X-API-Key: KEY`: `make key ROLE=cms` prints one.")


def create_app(config: Optional[dict] = None, settings: Optional[Settings] = None, pipeline=None) -> Flask:
    from service import archive
    from service.api import articles, claims, compare, health, jobs, keys, openapi, triage
    from service.pipeline.core import Pipeline

    settings = settings or Settings.from_env()
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(
        API_TITLE="Claim-level fact-checking service",
        API_VERSION=__version__,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"info": {"description": API_DESCRIPTION}},
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        JSON_SORT_KEYS=False,
    )
    app.config.update(config or {})
    observability.configure_logging(settings.log_level)
    logging.basicConfig(level=settings.log_level)

    pipeline = pipeline or Pipeline(settings)
    if settings.warm_on_start:
        pipeline.load()
    app.extensions["factcheck.settings"] = settings
    app.extensions["factcheck.pipeline"] = pipeline

    observability.init_app(app)
    security.init_app(app, settings)
    limits.init_app(app, settings)
    store_db.init_app(app, settings)
    archive.init_app(app, settings, pipeline)
    auth.init_app(app)
    review_views.init_app(app, settings)
    api = Api()
    api.ERROR_SCHEMA = ErrorOut  # document the one JSON error shape, not flask-smorest's own
    api.init_app(app)
    openapi.init_spec(api)
    openapi.init_app(app)   # /docs: Swagger UI from the swagger-ui-bundle package, no CDN
    api.register_blueprint(health.blp)
    api.register_blueprint(compare.blp)
    api.register_blueprint(jobs.blp)
    api.register_blueprint(articles.blp)
    api.register_blueprint(triage.blp)
    api.register_blueprint(claims.blp)
    api.register_blueprint(keys.blp)
    errors.register(app)
    inputs.init_app(app)
    return app
