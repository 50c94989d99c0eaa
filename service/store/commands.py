"""`factcheck keys …` and `factcheck db …`: the store's command-line commands (registered in service/cli.py)."""
from __future__ import annotations

import os

import click
from flask import Flask
from sqlalchemy import select

from service.settings import Settings


def _url() -> str:
    from service.store.db import database_url

    return database_url(Settings.from_env(), Flask("service").instance_path)


def _session():
    from sqlalchemy.orm import Session

    from service.store.db import make_engine, upgrade

    url = _url()
    if Settings.from_env().database_auto_migrate:
        upgrade(url)
    return Session(make_engine(url))


@click.group("keys")
def keys():
    """Manage API keys (stored hashed; a key is shown once, when created)."""


@keys.command("create")
@click.option("--role", required=True, type=click.Choice(["cms", "reviewer", "admin"]),
              help="cms posts articles, reviewer decides triage items, admin may do both and manages keys.")
@click.option("--name", default="", help="Who or what uses the key.")
def create_key(role: str, name: str):
    """Create a key and print it."""
    from service.auth import create_key as make
    from service.store import audit

    with _session() as session:
        row, key = make(session, role, name)
        audit.record(session, "key_created", "api_key", row.id, None, role=role, name=name, via="cli")
        session.commit()
    click.echo(key)


@keys.command("init")
def first_key():
    """Print a first admin key if the store has none.

    On a store without keys (a fresh one), create an admin key and print it, once; on a store that has keys,
    print nothing. `make run` calls this before it serves.
    """
    from service.auth import create_key as make
    from service.store import audit
    from service.store.models import ApiKey

    with _session() as session:
        if session.scalar(select(ApiKey.id).limit(1)) is not None:
            return
        row, key = make(session, "admin", "first admin key")
        audit.record(session, "key_created", "api_key", row.id, None, role="admin", name=row.name, via="cli init")
        session.commit()
    click.echo("A first admin key for this store (shown once; `make key ROLE=cms` makes more):", err=True)
    click.echo(key)


@keys.command("list")
def list_keys():
    """List keys under a header row: id, role, prefix, name, status."""
    from service.store.models import ApiKey

    click.echo("id\trole\tprefix\tname\tstatus")
    with _session() as session:
        for row in session.scalars(select(ApiKey).order_by(ApiKey.id)):
            click.echo(f"{row.id}\t{row.role}\t{row.prefix}…\t{row.name}\t{'revoked' if row.revoked_at else 'active'}")


@keys.command("revoke")
@click.argument("key_id", type=int)
def revoke_key(key_id: int):
    """Revoke a key by id."""
    from service.auth import revoke_key as revoke
    from service.store import audit
    from service.store.models import ApiKey

    with _session() as session:
        row = session.get(ApiKey, key_id)
        if row is None:
            raise click.ClickException(f"no key {key_id}")
        revoke(session, row)
        audit.record(session, "key_revoked", "api_key", key_id, None, via="cli")
        session.commit()
    click.echo(f"revoked {key_id}")


@click.group("db")
def database():
    """Schema migrations of the story store."""


@database.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str):
    """Upgrade the schema to REVISION (default: head)."""
    from service.store.db import upgrade

    upgrade(_url(), revision)
    click.echo(f"upgraded to {revision}")


@database.command("downgrade")
@click.argument("revision", default="base")
def db_downgrade(revision: str):
    """Downgrade the schema to REVISION (default: base).

    base drops every table of the store.
    """
    from service.store.db import downgrade

    downgrade(_url(), revision)
    click.echo(f"downgraded to {revision}")


@click.group("jobs")
def jobs():
    """Asynchronous compares (POST /v1/jobs): the store's database is their queue."""


@jobs.command("work")
@click.option("--once", is_flag=True, help="Exit when the queue is empty instead of waiting for more jobs.")
@click.option("--poll", "poll_s", default=1.0, show_default=True, type=float,
              help="Seconds between looks at an empty queue.")
@click.option("--max-jobs", default=0, show_default=True, type=int,
              help="Exit after this many jobs (0: no limit), so a supervisor starts a fresh process.")
@click.option("--lease", "lease_s", default=900.0, show_default=True, type=float,
              help="Seconds a claimed job stays this worker's; past it (the worker died) another worker runs it.")
def work(once: bool, poll_s: float, max_jobs: int, lease_s: float):
    """Run queued jobs with the pipeline, one at a time, until stopped (SIGTERM or Ctrl-C: after the current job).

    Run as many of these processes as the cores allow; each claims jobs with FOR UPDATE SKIP LOCKED on
    PostgreSQL (an atomic UPDATE on SQLite), so no job runs twice. A worker whose memory is over
    FACTCHECK_WORKER_MAX_RSS_MB after a job exits (status 0) for its supervisor to restart it.
    """
    import logging
    import signal

    from sqlalchemy.orm import sessionmaker

    from service.observability import configure_logging
    from service.pipeline.core import Pipeline
    from service.store import jobs as queue
    from service.store.db import make_engine, upgrade

    settings = Settings.from_env()
    configure_logging(settings.log_level)
    logging.getLogger().setLevel(settings.log_level)
    url = _url()
    if settings.database_auto_migrate:
        upgrade(url)
    sessions = sessionmaker(make_engine(url), expire_on_commit=False)
    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)
        click.echo("jobs worker: stopping after the current job", err=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pipeline = Pipeline(settings).warm_up()
    click.echo(f"jobs worker {os.getpid()}: ready, polling {url.split('@')[-1].split('://')[-1]}", err=True)
    count = queue.work(sessions, pipeline, once=once, poll_s=poll_s, lease_s=lease_s, max_jobs=max_jobs,
                       max_rss_mb=settings.worker_max_rss_mb, max_claims=settings.max_claims, should_stop=lambda: bool(stopping))
    click.echo(f"jobs worker {os.getpid()}: {count} jobs run", err=True)
