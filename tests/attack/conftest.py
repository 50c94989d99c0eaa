import pytest

from tests.attack.server import gunicorn
# The store fixtures (a fresh SQLite file and a fresh database on a PostgreSQL started here, keys per role), so
# hostile inputs are tried in process against both databases.
from tests.store.conftest import cms, database_url, keys, postgres_server, reviewer, store_app, store_pipeline  # noqa: F401


@pytest.fixture(scope="package")
def served():
    """gunicorn with 2 workers on loopback, shared by the attack tests; limits high enough never to 429."""
    with gunicorn(workers=2, env={"FACTCHECK_RATE_LIMIT": "100000/minute"}) as server:
        yield server
