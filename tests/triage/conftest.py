"""The reviewer workbench's tests run on the store fixtures: every test on SQLite and on a throwaway PostgreSQL."""
import re

import pytest

from tests.store.conftest import (as_role, cms, database_url, keys, post_article, reviewer,  # noqa: F401
                                  store_app, store_pipeline)

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    return CSRF.search(page).group(1)


def sign_in(app, key):
    """A browser-like client signed in to /review with a reviewer key (through the CSRF-protected form)."""
    client = app.test_client()
    token = csrf_token(client.get("/review").get_data(as_text=True))
    assert client.post("/review/login", data={"key": key, "csrf_token": token}).status_code == 302
    return client


@pytest.fixture()
def desk(store_app, keys):
    return sign_in(store_app, keys["reviewer"])
