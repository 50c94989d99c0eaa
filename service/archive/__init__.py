"""The claim archive: every stored claim searchable, earlier reviews matched, articles assigned to stories.

index.py     the FAISS index, its model stamp and its file
vectors.py   the database rows it is a copy of (one per claim, by sequence number)
archive.py   one process's index: loaded, checked against the model, caught up before each search; rebuild
search.py    nearest stored claims with their story, article and findings (and their review decisions)
prior.py     earlier reviews of claims like a post's claims, in other stories
assign.py    a post without story_id: the recent story it shares most facts with, or a new one; moving an article
commands.py  `factcheck index rebuild`, `factcheck search`
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from service.archive.archive import ClaimArchive, stamp_of

EXTENSION = "factcheck.archive"
log = logging.getLogger(__name__)


def index_path(settings, instance_path: str) -> Path:
    """The setting; else beside a SQLite database's file; else claim-index.faiss in the instance folder."""
    if settings.archive_index_path:
        return Path(settings.archive_index_path)
    from service.store.db import database_url

    url = database_url(settings, instance_path)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///"):] + ".claim-index.faiss")
    return Path(instance_path) / "claim-index.faiss"


def make_archive(settings, embedder, instance_path: str) -> ClaimArchive:
    return ClaimArchive(stamp_of(embedder), index_path(settings, instance_path), settings.archive_exact_below,
                        settings.archive_nprobe, settings.archive_save_every)


def init_app(app: Flask, settings, pipeline) -> None:
    """With the archive on and the embedder loaded, open it now: a model mismatch stops the start (FC040), and a
    file behind the database catches up before the first request (before gunicorn forks the workers)."""
    if not settings.archive:
        return
    if pipeline.embedder is None:
        return   # weights not loaded at start (FACTCHECK_WARM_ON_START=false): opened on first use
    maker = app.extensions["factcheck.db"]
    archive = make_archive(settings, pipeline.embedder, app.instance_path)
    try:
        with maker() as session:
            archive.open(session)
    except SQLAlchemyError:
        log.warning("claim archive not opened at start (database unavailable); opened on first use", exc_info=True)
        return
    finally:
        maker.kw["bind"].dispose()   # no pooled connection crosses gunicorn's fork
    app.extensions[EXTENSION] = archive


def current() -> Optional[ClaimArchive]:
    """This app's archive (None with FACTCHECK_ARCHIVE off), opened on first use when the start did not."""
    app = current_app._get_current_object()
    settings = app.extensions["factcheck.settings"]
    if not settings.archive:
        return None
    if EXTENSION not in app.extensions:
        pipeline = app.extensions["factcheck.pipeline"]
        pipeline.load()
        from service.store import db

        app.extensions[EXTENSION] = make_archive(settings, pipeline.embedder, app.instance_path).open(db.session())
    return app.extensions[EXTENSION]


def record_post(session, embedder, story_id: str) -> None:
    """A post's new claims get their vectors in the post's own transaction (the caller commits both)."""
    found = current()
    if found is not None:
        from service.archive.vectors import record_story

        record_story(session, embedder, found.stamp.key, story_id)
