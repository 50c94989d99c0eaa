"""The `factcheck` command: a thin click group; each area adds its own subcommands here."""
from __future__ import annotations

import click

from service.archive.commands import index, search
from service.batch.command import score
from service.store.commands import database, jobs, keys


@click.group()
@click.version_option(package_name="factcheck-service", prog_name="factcheck")
def cli():
    """Claim-level fact-checking service."""


cli.add_command(keys)
cli.add_command(database)
cli.add_command(score)
cli.add_command(jobs)
cli.add_command(index)
cli.add_command(search)


if __name__ == "__main__":
    cli()
