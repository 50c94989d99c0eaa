"""`factcheck score IN.jsonl --out OUT.jsonl`: score an archive of stories, resumable, with progress."""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
import warnings

import click

from service.batch.output import errors_path_for
from service.batch.runner import run_scoring
from service.settings import Settings


def make_engine(engine: str, workers: int, address: str | None):
    if engine == "ray":
        from service.batch.ray_engine import RayEngine
        return RayEngine(workers=workers, address=address)
    from service.batch.local import LocalEngine
    return LocalEngine(workers=workers)


@click.command("score")
@click.argument("in_path", metavar="IN.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="Output JSONL: one /v1/compare response plus story_id per story. Re-running resumes it.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False), default=None,
              help="Where bad lines and failed stories go (default: OUT.errors.jsonl).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this process or --workers processes; ray: Ray actors (local Ray or --address).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local) or actors (ray, and the CPUs of a local Ray).")
@click.option("--address", default=None,
              help="Ray cluster to join (engine ray); default FACTCHECK_RAY_ADDRESS, else start a local Ray.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Stories per chunk, the unit of work sent to a worker (default FACTCHECK_BATCH_STORIES).")
@click.option("--strict", is_flag=True, help="Exit non-zero when any line was bad or any story failed.")
@click.option("--quiet", is_flag=True, help="Print only errors: no progress bars (ours or the models'), no summary.")
def score(in_path, out_path, errors_path, engine, workers, address, batch_size, strict, quiet):
    """Score each story of IN.jsonl ({"story_id", "articles": [{"id", "text", ...}]}) into --out.

    Run the same command again to resume: stories already in --out are skipped.
    """
    settings = Settings.from_env()
    errors_path = errors_path or errors_path_for(out_path)
    batch_size = batch_size or settings.batch_stories
    address = address or settings.ray_address or None
    started = time.perf_counter()
    try:
        with silenced_libraries() if quiet else contextlib.nullcontext(), \
                make_engine(engine, workers, address) as runner:
            warm = time.perf_counter() - started
            nodes = runner.nodes
            summary = run_scoring(runner, in_path, out_path, errors_path, chunk_stories=batch_size,
                                  max_sources=settings.max_sources, max_source_chars=settings.max_source_chars,
                                  progress=None if quiet else sys.stderr)
    except ConnectionError as error:   # a Ray cluster that cannot be joined (ray_engine.py says why)
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        click.echo(f"\nInterrupted. Every story scored so far is in {out_path}; run the same command again to "
                   "resume (those stories are skipped).", err=True)
        raise SystemExit(130) from None
    seconds = time.perf_counter() - started
    failed = strict and (summary.bad_lines or summary.failed)
    if failed:
        click.echo(f"Error: {summary.bad_lines} bad lines and {summary.failed} failed stories (--strict); "
                   f"see {errors_path}", err=True)
    if not quiet:
        line = {"engine": engine, "workers": workers, "nodes": nodes, "scored": summary.scored, "skipped": summary.skipped,
                "bad_lines": summary.bad_lines, "failed": summary.failed, "articles": summary.articles,
                "warm_up_seconds": round(warm, 2), "seconds": round(seconds, 2), "errors_file": errors_path}
        click.echo(json.dumps(line), err=True)
    if failed:
        raise SystemExit(1)


QUIET_ENV = {"HF_HUB_DISABLE_PROGRESS_BARS": "1", "TQDM_DISABLE": "1", "TRANSFORMERS_VERBOSITY": "error",
             "PYTHONWARNINGS": "ignore"}


@contextlib.contextmanager
def silenced_libraries():
    """--quiet: no progress bars, warnings or log lines below ERROR from the model libraries, here and in workers.

    The environment is what spawned workers and a local Ray inherit; transformers reads
    HF_HUB_DISABLE_PROGRESS_BARS when it is imported (its "Loading weights" bar). All is restored afterwards.
    """
    saved = {name: os.environ.get(name) for name in QUIET_ENV}
    previous = logging.root.manager.disable
    os.environ.update(QUIET_ENV)
    logging.disable(logging.WARNING)   # errors still show
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
