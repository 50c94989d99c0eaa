"""Archive fixtures: the store's apps on SQLite and on the session's PostgreSQL, each with its own index file."""
from __future__ import annotations

import dataclasses

import pytest

from tests.store.conftest import as_role, database_url, post_article, store_pipeline  # noqa: F401


@pytest.fixture()
def index_file(tmp_path):
    return tmp_path / "claims.faiss"


def make_app(pipeline, store_pipeline, database_url, index_file, **overrides):
    from service import create_app

    settings = dataclasses.replace(pipeline.settings, database_url=database_url, archive_index_path=str(index_file),
                                   **overrides)
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "archive-tests"}, settings=settings,
                     pipeline=pipeline)
    app.extensions["factcheck.store_pipeline"] = store_pipeline
    return app


@pytest.fixture()
def archive_app(pipeline, store_pipeline, database_url, index_file):
    app = make_app(pipeline, store_pipeline, database_url, index_file)
    yield app
    app.extensions["factcheck.db"].kw["bind"].dispose()


@pytest.fixture()
def keys(archive_app):
    from service.auth import ROLES, create_key
    from service.store import db

    with archive_app.app_context():
        made = {role: create_key(db.session(), role)[1] for role in ROLES}
        db.session().commit()
    return made


@pytest.fixture()
def cms(archive_app, keys):
    return as_role(archive_app, keys, "cms")


@pytest.fixture()
def reviewer(archive_app, keys):
    return as_role(archive_app, keys, "reviewer")
