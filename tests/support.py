"""Helpers the tests and the benches share: a free loopback port, and the gold scorer in ../shared/eval/."""
from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_scorer():
    """../shared/eval/score_compare.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_compare", SHARED / "eval" / "score_compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
