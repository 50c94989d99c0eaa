"""`factcheck score --engine ray --address` against a real two-node Ray cluster, both nodes on loopback.

A head and a second node are started with `ray start`, as a newsroom would on two hosts, with token
authentication on: the token is in the environment of both nodes and of the driver (the CLI). Each node has
one CPU, so the two scoring actors land one on each node. Ray rewrites 127.0.0.1 and localhost to the
machine's interface address (ray._private.services.resolve_ip_for_localhost), so the nodes use 127.0.0.2,
another loopback address, which Ray keeps. The cluster is stopped in teardown, by its own process groups
(`ray stop` would also stop every other Ray on this machine).
"""
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.batch.command import score
from tests.batch.conftest import short_stories

pytestmark = pytest.mark.slow

RAY = Path(sys.executable).with_name("ray")
FACTCHECK = Path(sys.executable).with_name("factcheck")
LOOPBACK = "127.0.0.2"
OBJECT_STORE_BYTES = 80 * 1024 * 1024
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def cluster_env(token: str) -> dict:
    """This environment without Ray's own variables, plus the cluster's token and no drain on SIGTERM."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=token, RAY_USAGE_STATS_ENABLED="0",
               RAY_GRACEFUL_SHUTDOWN_DRAIN_TIMEOUT_S="0", HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def start_node(env: dict, temp_dir: Path, log: Path, *head_or_join: str) -> subprocess.Popen:
    command = [str(RAY), "start", "--block", *head_or_join, "--node-ip-address", LOOPBACK, "--num-cpus", "1",
               "--object-store-memory", str(OBJECT_STORE_BYTES), "--dashboard-agent-listen-port", str(free_port()),
               "--temp-dir", str(temp_dir), "--disable-usage-stats"]
    # A process group of its own: teardown ends exactly this node's processes.
    return subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


class LoopbackCluster:
    """A head and a second node, started in the background (tests do other work meanwhile); ready() waits."""

    def __init__(self, logs: Path):
        self.temp_dir = Path(f"/tmp/fc-ray-{secrets.token_hex(4)}")   # short: Ray's socket paths fit 107 bytes
        self.env = cluster_env(secrets.token_hex(32))
        self.address = f"{LOOPBACK}:{free_port()}"
        self.logs = logs
        self.nodes: list[subprocess.Popen] = []
        self.failure: str | None = None
        self._booting = threading.Thread(target=self._boot, name="ray-cluster-boot", daemon=True)
        self._booting.start()

    def _boot(self) -> None:
        self._start("head", "--head", "--port", self.address.rsplit(":", 1)[1], "--include-dashboard", "false")
        if self.failure is None:
            self._start("node", "--address", self.address)

    def _start(self, name: str, *head_or_join: str) -> None:
        log = self.logs / f"{name}.log"
        self.nodes.append(start_node(self.env, self.temp_dir, log, *head_or_join))
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while "Ray runtime started" not in log.read_text():
            if self.nodes[-1].poll() is not None or time.monotonic() > deadline:
                self.failure = f"the {name} did not start:\n{log.read_text()[-3000:]}"
                return
            time.sleep(0.2)

    def ready(self) -> "LoopbackCluster":
        self._booting.join()
        assert self.failure is None, self.failure
        return self

    def stop(self) -> None:
        self._booting.join()
        for node in self.nodes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(node.pid, signal.SIGTERM)
        for node in self.nodes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                node.wait(timeout=20)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(node.pid, signal.SIGKILL)   # whatever of the group outlived its node process
        shutil.rmtree(self.temp_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory):
    """A head + worker node on loopback, booting; stopped after the module's tests, even when they fail."""
    cluster = LoopbackCluster(tmp_path_factory.mktemp("ray-logs"))
    try:
        yield cluster
    finally:
        cluster.stop()


def test_score_on_a_two_node_cluster_equals_the_local_engine(ray_cluster, tmp_path, session_scoring):
    stories = tmp_path / "stories.jsonl"
    stories.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in short_stories()), encoding="utf-8")
    local, on_cluster = tmp_path / "local.jsonl", tmp_path / "cluster.jsonl"
    result = CliRunner().invoke(score, [str(stories), "--out", str(local), "--batch-size", "1", "--quiet"])
    assert result.exit_code == 0, result.output

    address = ray_cluster.ready().address
    command = [str(FACTCHECK), "score", str(stories), "--out", str(on_cluster), "--engine", "ray",
               "--address", address, "--workers", "2", "--batch-size", "1"]
    run = subprocess.run(command, env=ray_cluster.env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-4000:]
    summary = json.loads(run.stderr.strip().splitlines()[-1])
    assert summary["engine"] == "ray" and summary["workers"] == 2
    assert summary["nodes"] == 2, "one actor on each node (one CPU each)"
    assert summary["scored"] == len(short_stories()) and summary["failed"] == 0
    assert on_cluster.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


def test_a_driver_without_the_cluster_token_is_refused(ray_cluster, tmp_path):
    address = ray_cluster.ready().address
    stories = tmp_path / "stories.jsonl"
    stories.write_text(json.dumps(short_stories()[0]) + "\n", encoding="utf-8")
    no_token = {k: v for k, v in ray_cluster.env.items() if k != "RAY_AUTH_TOKEN"}
    no_token["RAY_gcs_server_port_wait_time_s"] = "2"   # give up after 2 tries, not Ray's default 20
    run = subprocess.run([str(FACTCHECK), "score", str(stories), "--out", str(tmp_path / "out.jsonl"),
                          "--engine", "ray", "--address", address, "--quiet"],
                         env=no_token, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr[-3000:]
    assert f"Error: [FC032] could not join the Ray cluster at {address}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out.jsonl").exists()
