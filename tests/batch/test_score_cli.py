"""`factcheck score` on a JSONL file of real text with bad lines in it."""
import json

import pytest
from click.testing import CliRunner

from service.batch.command import score
from tests.batch.conftest import read_jsonl

pytestmark = pytest.mark.slow


def test_score_writes_one_line_per_story_and_reports_bad_lines(stories_file, tmp_path, pipeline):
    path, bad = stories_file
    out = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(score, [str(path), "--out", str(out), "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    written = read_jsonl(out)
    errors = read_jsonl(tmp_path / "scores.errors.jsonl")
    failed = {e["story_id"] for e in errors if e["reason"].startswith("scoring failed")}
    expected = ["port-strike", 42, "flood-warning", "zapad-seed"]
    assert [r["story_id"] for r in written] == [s for s in expected if s not in failed]
    assert "zapad-seed" in [r["story_id"] for r in written] and 42 in [r["story_id"] for r in written]
    for record in written:
        assert set(record) == {"story_id", "claims", "facts", "matches", "unique", "findings"} and record["claims"]
    # The seed pair's causal-framing finding is in its line.
    seed = next(r for r in written if r["story_id"] == "zapad-seed")
    causal = [m for m in seed["matches"] if m.get("type") == "causal"]
    assert causal and causal[0]["verdict"] == "discrepancy"
    # Every bad line is in the errors file with its line number and reason.
    by_line = {e["line"]: e["reason"] for e in errors}
    for reason, line in bad.items():
        assert reason in by_line[line]
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert summary["bad_lines"] == 4 and summary["scored"] == len(written)
    assert "story/s" in result.stderr or "s/story" in result.stderr

    # Resuming a finished run writes nothing new; --strict turns the bad lines into a failing exit.
    again = CliRunner().invoke(score, [str(path), "--out", str(out), "--strict", "--quiet"])
    assert again.exit_code == 1
    assert read_jsonl(out) == written
    assert read_jsonl(tmp_path / "scores.errors.jsonl") == errors
    assert json.loads(again.stderr.strip().splitlines()[-1])["skipped"] == len(written)


def test_factcheck_group_has_the_score_command():
    from service.cli import cli

    assert cli.commands["score"] is score
