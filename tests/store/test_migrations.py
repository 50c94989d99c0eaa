"""Alembic: an empty database upgrades to head (the models' tables) and downgrades back to empty."""
from sqlalchemy import create_engine, inspect

from service.store.db import downgrade, upgrade
from service.store.models import Base


def tables(url):
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_and_downgrade_to_base(database_url):
    assert tables(database_url) == set()
    upgrade(database_url)
    assert tables(database_url) == set(Base.metadata.tables) == {
        "stories", "articles", "claims", "article_claims", "findings", "triage_items", "review_decisions",
        "api_keys", "audit_log", "review_sessions", "jobs", "triage_item_outlets", "claim_vectors"}
    downgrade(database_url)
    assert tables(database_url) == set()
    upgrade(database_url)   # and up again: the downgrade left nothing behind that blocks it
    assert tables(database_url) == set(Base.metadata.tables)
