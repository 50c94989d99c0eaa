"""--engine ray on a local Ray with 2 CPUs writes exactly what the local engine writes."""
import json

import pytest
from click.testing import CliRunner

from service.batch.command import score
from tests.batch.conftest import read_jsonl

pytestmark = pytest.mark.slow


def test_ray_engine_output_equals_local_engine_output(stories_file, tmp_path, session_scoring):
    path, _ = stories_file
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    result = CliRunner().invoke(score, [str(path), "--out", str(local), "--batch-size", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(score, [str(path), "--out", str(on_ray), "--batch-size", "2",
                                        "--engine", "ray", "--workers", "2"])   # not --quiet: the summary
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert summary["engine"] == "ray" and summary["workers"] == 2
    expected = read_jsonl(local)
    assert len(expected) >= 3
    assert on_ray.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    # Errors are written as found (bad lines while reading ahead, failures as chunks return): compare by line.
    by_line = lambda name: sorted(read_jsonl(tmp_path / name), key=lambda e: e["line"])  # noqa: E731
    assert by_line("ray.errors.jsonl") == by_line("local.errors.jsonl")

    import ray
    assert not ray.is_initialized(), "the engine shuts down the Ray it started"
