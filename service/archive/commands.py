"""`factcheck index rebuild` and `factcheck search "TEXT"` (registered in service/cli.py)."""
from __future__ import annotations

import json

import click
from flask import Flask

from service.settings import Settings


def _embedder(settings: Settings):
    from models import registry

    return registry.load("embedder", settings.embedder, precision=settings.embedder_precision)


@click.group("index")
def index():
    """The claim archive's FAISS index (this host's file; the database is its source of truth)."""


@index.command("rebuild")
def rebuild_index():
    """Re-embed the stored claims whose vectors another model made (or none), and write a new index file.

    Run it after changing FACTCHECK_EMBEDDER (the service refuses to start with FC040 until then), or to retrain
    the index once the archive has grown past FACTCHECK_ARCHIVE_EXACT_BELOW claims. Stop the service first when
    the model changed.
    """
    from service.archive import index_path
    from service.archive.archive import rebuild, stamp_of
    from service.store.commands import _session

    settings = Settings.from_env()
    embedder = _embedder(settings)
    path = index_path(settings, Flask("service").instance_path)
    with _session() as session:
        built = rebuild(session, embedder, stamp_of(embedder), path, settings.archive_exact_below,
                        settings.archive_nprobe)
    click.echo(f"{built.count} claims, {built.kind} index, model {built.stamp.key}: {path}")


@click.command("search")
@click.argument("text")
@click.option("-k", "--k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="How many claims.")
@click.option("--story", default=None, help="Only this story's claims.")
@click.option("--outlet", default=None, help="Only this outlet's claims.")
@click.option("--since", default=None, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only claims of articles published on or after this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of the table.")
def search(text: str, k: int, story, outlet, since, as_json: bool):
    """The stored claims nearest to TEXT, as GET /v1/claims/search answers."""
    from service.archive import make_archive
    from service.archive.search import Filters, search as nearest_claims
    from service.store.commands import _session

    settings = Settings.from_env()
    embedder = _embedder(settings)
    filters = Filters(since.date() if since else None, story, outlet)
    with _session() as session:
        archive = make_archive(settings, embedder, Flask("service").instance_path).open(session)
        results = nearest_claims(session, archive, embedder, text, k, filters)
    for hit in results:
        if as_json:
            click.echo(json.dumps(hit, default=str))
            continue
        reviews = "; ".join(f"finding {f['id']} {f['review'] or f['status']}" for f in hit["findings"])
        click.echo(f"{hit['similarity']:.3f}\t{hit['story_id']}\t{hit['outlet']}\t{hit['published_at'] or ''}\t"
                   f"{hit['text']}" + (f"\t[{reviews}]" if reviews else ""))
