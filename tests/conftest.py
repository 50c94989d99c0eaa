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
def app(pipeline):
    from service import create_app

    # Rate limits off for the shared app (tests make many requests); tests/test_limits.py builds its own.
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False}, settings=pipeline.settings, pipeline=pipeline)


@pytest.fixture()
def client(app):
    return app.test_client()
