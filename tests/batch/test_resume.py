"""A run killed with SIGKILL halfway, then resumed, loses no story and duplicates none."""
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from service.batch.command import score
from tests.batch.conftest import read_jsonl
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def wait_for_lines(path, at_least: int, process, timeout: float = 400) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= at_least:
            return path.read_bytes().count(b"\n")
        assert process.poll() is None, f"scoring exited early with {process.returncode}"
        time.sleep(0.05)
    raise AssertionError("no output line in time")


def test_resume_after_sigkill_loses_and_duplicates_nothing(stories_file, tmp_path, session_scoring):
    path, _ = stories_file
    reference = tmp_path / "reference.jsonl"
    result = CliRunner().invoke(score, [str(path), "--out", str(reference), "--batch-size", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    expected = read_jsonl(reference)
    assert len(expected) >= 3

    out = tmp_path / "killed.jsonl"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    process = subprocess.Popen([sys.executable, "-m", "service.batch", str(path), "--out", str(out),
                                "--batch-size", "1", "--workers", "2", "--quiet"],
                               cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_lines(out, 1, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)   # the run and its worker processes, mid-run
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    before = read_jsonl(out)
    assert 1 <= len(before) < len(expected), "the kill must land halfway"
    # A write cut short by the kill leaves a torn last line; resuming must drop it, not keep or duplicate it.
    with open(out, "ab") as handle:
        handle.write(b'{"story_id": "zapad-seed", "claims": [{"id": "A#0", "sou')

    resumed = CliRunner().invoke(score, [str(path), "--out", str(out), "--batch-size", "1"])
    assert resumed.exit_code == 0, resumed.output
    after = read_jsonl(out)
    assert after[:len(before)] == before
    assert [r["story_id"] for r in after] == [r["story_id"] for r in expected]
    assert after == expected
    errors = read_jsonl(tmp_path / "killed.errors.jsonl")
    assert len({e["line"] for e in errors}) == len(errors), "no error reported twice"
