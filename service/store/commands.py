"""`factcheck keys …` and `factcheck db …`: the store's command-line commands (registered in service/cli.py)."""
from __future__ import annotations

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
