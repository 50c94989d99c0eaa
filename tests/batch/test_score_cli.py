"""`factcheck score` on a JSONL file of real text with bad lines in it."""
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.batch.command import score
from tests.batch.conftest import read_jsonl, short_stories

FACTCHECK = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "factcheck"

pytestmark = pytest.mark.slow


def test_score_writes_one_line_per_story_and_reports_bad_lines(stories_file, tmp_path, session_scoring):
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
    again = CliRunner().invoke(score, [str(path), "--out", str(out), "--strict"])
    assert again.exit_code == 1
    assert read_jsonl(out) == written
    assert read_jsonl(tmp_path / "scores.errors.jsonl") == errors
    assert json.loads(again.stderr.strip().splitlines()[-1])["skipped"] == len(written)
    assert "Error: 4 bad lines" in again.stderr
    # --quiet: only the error, no progress bar and no summary.
    quiet = CliRunner().invoke(score, [str(path), "--out", str(out), "--strict", "--quiet"])
    assert quiet.exit_code == 1
    assert quiet.stderr.strip().splitlines() == [f"Error: 4 bad lines and 0 failed stories (--strict); see "
                                                 f"{tmp_path / 'scores.errors.jsonl'}"]


def test_factcheck_group_has_the_score_command():
    from service.cli import cli

    assert cli.commands["score"] is score


def write_stories(path, copies):
    stories = [{**story, "story_id": f"{story['story_id']}-{n}"} for n in range(copies) for story in short_stories()]
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return len(stories)


def test_quiet_prints_nothing_not_even_the_models_loading_bars(tmp_path):
    stories = tmp_path / "stories.jsonl"
    total = write_stories(stories, 1)
    out = tmp_path / "out.jsonl"
    run = subprocess.run([str(FACTCHECK), "score", str(stories), "--out", str(out), "--quiet"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and run.stdout == ""
    assert len(read_jsonl(out)) == total


def test_an_interrupted_run_says_that_the_same_command_resumes(tmp_path):
    stories = tmp_path / "stories.jsonl"
    total = write_stories(stories, 20)
    out = tmp_path / "out.jsonl"
    command = [str(FACTCHECK), "score", str(stories), "--out", str(out), "--batch-size", "1"]
    # As from a terminal: a shell that started this suite in the background ignores SIGINT, and children inherit that.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while not (out.exists() and out.read_text(encoding="utf-8").count("\n") >= 1):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Aborted!" not in stderr and "Traceback" not in stderr
    assert f"Every story scored so far is in {out}; run the same command again to resume" in stderr
    done = read_jsonl(out)   # whole lines only
    assert 1 <= len(done) < total
