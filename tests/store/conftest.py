"""Storage fixtures: every store test runs on SQLite and on a real PostgreSQL (the session's, tests/conftest.py)."""
from __future__ import annotations

import dataclasses
import itertools

import pytest

_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_server").create_database(f"store_{next(_names)}")


@pytest.fixture(scope="session")
def store_pipeline(pipeline):
    """The store's cached pipeline, shared by every store app of the session (as one process would)."""
    from service.store.incremental import cached_pipeline

    return cached_pipeline(pipeline, 4096)


@pytest.fixture()
def store_app(pipeline, store_pipeline, database_url):
    from service import create_app

    settings = dataclasses.replace(pipeline.settings, database_url=database_url)
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "store-tests"}, settings=settings,
                     pipeline=pipeline)
    app.extensions["factcheck.store_pipeline"] = store_pipeline
    yield app
    for maker in [app.extensions["factcheck.db"]]:
        maker.kw["bind"].dispose()


@pytest.fixture()
def keys(store_app):
    from service.auth import ROLES, create_key
    from service.store import db

    with store_app.app_context():
        made = {role: create_key(db.session(), role)[1] for role in ROLES}
        db.session().commit()
    return made


def as_role(app, keys, role):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {keys[role]}"
    return client


@pytest.fixture()
def cms(store_app, keys):
    return as_role(store_app, keys, "cms")


@pytest.fixture()
def reviewer(store_app, keys):
    return as_role(store_app, keys, "reviewer")


def post_article(client, story, outlet, text, published_at="2025-09-15", **extra):
    return client.post("/v1/articles", json={"story_id": story, "outlet": outlet, "text": text,
                                             "published_at": published_at, **extra})
