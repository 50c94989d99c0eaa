import pytest

from tests.attack.server import gunicorn


@pytest.fixture(scope="package")
def served():
    """gunicorn with 2 workers on loopback, shared by the attack tests; limits high enough never to 429."""
    with gunicorn(workers=2, env={"FACTCHECK_RATE_LIMIT": "100000/minute"}) as server:
        yield server
