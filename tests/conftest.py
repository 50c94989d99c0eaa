import ipaddress
import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and self.family in (socket.AF_INET, socket.AF_INET6):
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise OSError(f"outbound network blocked in tests: {address}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def block_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(scope="session")
def seed_texts():
    return {
        "A": (SEEDS / "eurointegration_zapad_2025-09-15.txt").read_text(encoding="utf-8"),
        "B": (SEEDS / "unn_zapad_2025-09-15.txt").read_text(encoding="utf-8"),
    }


@pytest.fixture(scope="session")
def pipeline():
    from service.pipeline.core import Pipeline
    from service.settings import Settings

    return Pipeline(Settings.from_env()).warm_up()


@pytest.fixture(scope="session")
def parser(pipeline):
    return pipeline.parser


@pytest.fixture(scope="session")
def app(pipeline, tmp_path_factory):
    import dataclasses

    from service import create_app

    # The story store of the shared app: a SQLite file of this test session.
    store = tmp_path_factory.mktemp("store") / "factcheck.db"
    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{store}")
    # Rate limits off for the shared app (tests make many requests); tests/test_limits.py builds its own.
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "test-secret"},
                      settings=settings, pipeline=pipeline)


@pytest.fixture(scope="session")
def api_keys(app):
    """One API key per role in the shared app's store: {"cms": key, "reviewer": key, "admin": key}."""
    from service.auth import ROLES, create_key
    from service.store import db

    with app.app_context():
        keys = {role: create_key(db.session(), role, name=f"tests {role}")[1] for role in ROLES}
        db.session().commit()
    return keys


@pytest.fixture()
def client(app, api_keys):
    """A test client that sends a cms key (every /v1 route but health and docs needs one)."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_keys['cms']}"
    return client


@pytest.fixture()
def anonymous_client(app):
    return app.test_client()
