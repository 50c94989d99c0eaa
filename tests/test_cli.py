"""The `factcheck` command itself: --version, and help text on every command and option."""
import subprocess
from pathlib import Path

import click
from click.testing import CliRunner

from service.cli import cli

FACTCHECK = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "factcheck"


def walk(command, path=("factcheck",)):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, path + (name,))


def test_version():
    from importlib.metadata import version

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"factcheck, version {version('factcheck-service')}"


def test_every_command_and_option_has_help():
    commands = dict(walk(cli))
    assert {("factcheck", "db", "upgrade"), ("factcheck", "db", "downgrade"), ("factcheck", "keys", "list"),
            ("factcheck", "keys", "init"), ("factcheck", "score")} <= set(commands)
    for path, command in commands.items():
        assert (command.help or "").strip(), " ".join(path)
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert (param.help or "").strip(), f"{' '.join(path)} {param.opts[0]}"
        listed = CliRunner().invoke(cli, [*path[1:], "--help"])
        short = " ".join(command.get_short_help_str(limit=200).rstrip(".").split())
        assert listed.exit_code == 0 and short in " ".join(listed.output.split()), " ".join(path)


def test_the_installed_script_answers_version():
    result = subprocess.run([str(FACTCHECK), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("factcheck, version ")
