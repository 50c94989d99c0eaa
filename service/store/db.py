"""One database lifecycle: the engine per app, a session per request, migrations to head at start-up."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(settings, instance_path: str) -> str:
    """The configured URL, or a SQLite file in the instance folder."""
    if settings.database_url:
        return settings.database_url
    os.makedirs(instance_path, exist_ok=True)
    return f"sqlite:///{os.path.join(instance_path, 'factcheck.db')}"


SQLITE_BUSY_TIMEOUT_MS = 10_000   # a writer waits this long for another's write lock (writes are short), then 503


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):
            # WAL: readers never wait for the writer, nor the writer for readers.
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def init_app(app: Flask, settings) -> None:
    url = database_url(settings, app.instance_path)
    if settings.database_auto_migrate:
        upgrade(url)
    engine = make_engine(url)
    app.extensions["factcheck.db"] = sessionmaker(engine, expire_on_commit=False)

    @app.teardown_appcontext
    def close_session(_error: Optional[BaseException]) -> None:
        session = g.pop("db_session", None)
        if session is None:
            return
        try:
            session.close()
        except DBAPIError as error:
            # The answer is already made; a connection the database dropped (a restart) cannot be returned to the
            # pool, and letting this escape would have gunicorn answer in its own HTML page instead.
            log.warning("closing the request's session failed: %s", str(error).splitlines()[0] if str(error) else
                        type(error).__name__)
            session.invalidate()


def session() -> Session:
    """The request's session, opened on first use and closed when the app context ends."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["factcheck.db"]()
    return g.db_session
