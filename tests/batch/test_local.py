"""The local engine's worker processes die with their parent, even when it is SIGKILLed, and hold OpenMP to their
share of the cores."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch.conftest import short_stories

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
FACTCHECK = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "factcheck"


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def workers_of(parent: int) -> set[int]:
    """The pool's spawned workers (not multiprocessing's resource tracker)."""
    found = set()
    for pid in children(parent):
        try:
            cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            found.add(pid)
    return found


def environment(pid: int) -> dict[str, str]:
    raw = (Path("/proc") / str(pid) / "environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode("utf-8", "replace").split("\0") if "=" in item)


def test_score_workers_die_when_their_parent_is_killed(tmp_path):
    stories = tmp_path / "stories.jsonl"
    stories.write_text("".join(json.dumps(s) + "\n" for s in short_stories()), encoding="utf-8")
    parent = subprocess.Popen([str(FACTCHECK), "score", str(stories), "--out", str(tmp_path / "out.jsonl"),
                               "--workers", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := workers_of(parent.pid)) < 2:
            assert parent.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(3)   # the workers are loading their models (well over 3 s)
        assert all(alive(pid) for pid in workers)
        # Their share of the cores for OpenMP (as Ray gives its actors), unless the caller chose a number.
        threads = os.environ.get("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // 2)))
        assert all(environment(pid).get("OMP_NUM_THREADS") == threads for pid in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)], "workers outlived their parent"
    finally:
        for pid in workers_of(parent.pid) | set(locals().get("workers", ())):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
