"""The Ray engine: one actor per worker, each holding one warm pipeline, scoring the same chunks as local.

Without an address it starts a local Ray with num_cpus = workers; with one (the head's "HOST:6379", or
"auto" on a node of the cluster) it joins that cluster, whose nodes must have this package installed. Chunks come back in input
order with a bounded number in flight.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional

from service.batch.scoring import Scored, score_chunk, threads_per_worker, warm_pipeline
from service.batch.stories import Story

# Passed to every actor, so workers on any node load models the way this process does.
FORWARDED_ENV_PREFIXES = ("FACTCHECK_", "HF_", "TRANSFORMERS_", "TOKENIZERS_")


def join_cluster(address: str, options: dict) -> None:
    """ray.init on a running cluster, or a ConnectionError that says what to check."""
    import ray

    try:
        ray.init(address=address, **options)
    except Exception as error:   # Ray raises a ConnectionError, or on some paths its own error, for a missing token
        cause = str(error.__cause__ or error)
        refused = "InvalidAuthToken" in cause or "token authentication" in cause.lower()
        if not (isinstance(error, ConnectionError) or refused):
            raise
        reason = "the cluster refused this process's token" if refused else (cause.splitlines() or [""])[0]
        raise ConnectionError(
            f"[FC032] could not join the Ray cluster at {address} ({reason}); check the head's address "
            "(HEAD_IP:6379) and that RAY_AUTH_TOKEN, or ~/.ray/auth_token, holds the cluster's token "
            "(`ray get-auth-token` on the head prints it)") from error


class ScoringActor:
    def __init__(self, threads: int):
        self.pipeline = warm_pipeline(threads)

    def node(self) -> str:
        """The id of the Ray node this actor runs on."""
        import ray

        return ray.get_runtime_context().get_node_id()

    def score(self, chunk: list[Story]) -> list[Scored]:
        return score_chunk(self.pipeline, chunk)


class RayEngine:
    name = "ray"

    def __init__(self, workers: int = 1, address: Optional[str] = None):
        self.workers = max(1, workers)
        self.address = address or None
        self._pool = None
        self._started_ray = False
        self.nodes = 0   # distinct Ray nodes the actors landed on, known once started

    def start(self) -> "RayEngine":
        import ray
        from ray.util import ActorPool

        env = {k: v for k, v in os.environ.items() if k.startswith(FORWARDED_ENV_PREFIXES)}
        env.setdefault("HF_HUB_OFFLINE", "1")
        if not ray.is_initialized():
            options = dict(runtime_env={"env_vars": env}, include_dashboard=False, log_to_driver=False,
                           configure_logging=False)
            if self.address:
                join_cluster(self.address, options)
            else:
                ray.init(num_cpus=self.workers, **options)
            self._started_ray = True
        # Locally each actor gets its share of this machine's cores; on a cluster, one CPU each.
        threads = 1 if self.address else threads_per_worker(self.workers)
        actor_class = ray.remote(num_cpus=1)(ScoringActor)
        actors = [actor_class.remote(threads) for _ in range(self.workers)]
        self.nodes = len(set(ray.get([a.node.remote() for a in actors])))   # also waits until each is warm
        self._pool = ActorPool(actors)
        return self

    def score(self, chunks: Iterable[list[Story]]) -> Iterator[list[Scored]]:
        pending = 0
        for chunk in chunks:
            self._pool.submit(lambda actor, value: actor.score.remote(value), chunk)
            pending += 1
            if pending >= 2 * self.workers:
                yield self._pool.get_next()
                pending -= 1
        while pending:
            yield self._pool.get_next()
            pending -= 1

    def close(self) -> None:
        import ray

        self._pool = None
        if self._started_ray and ray.is_initialized():
            ray.shutdown()
            self._started_ray = False

    def __enter__(self) -> "RayEngine":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()
