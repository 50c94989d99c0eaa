# The store fixtures (a fresh SQLite file and a fresh database on the session's PostgreSQL, keys per role), so
# hostile inputs are tried in process against both databases. `served`, the session's gunicorn, is in tests/conftest.py.
from tests.store.conftest import cms, database_url, keys, reviewer, store_app, store_pipeline  # noqa: F401
