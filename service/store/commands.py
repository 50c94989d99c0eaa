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
@click.option("--role", required=True, type=click.Choice(["cms", "reviewer", "admin"]))
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


@keys.command("list")
def list_keys():
    """List keys: id, role, prefix, name, revoked."""
    from service.store.models import ApiKey

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
    from service.store.db import upgrade

    upgrade(_url(), revision)
    click.echo(f"upgraded to {revision}")


@database.command("downgrade")
@click.argument("revision", default="base")
def db_downgrade(revision: str):
    from service.store.db import downgrade

    downgrade(_url(), revision)
    click.echo(f"downgraded to {revision}")
