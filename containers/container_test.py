#!/usr/bin/env python3
"""`make container-test`: the built image, run with podman and scored over HTTP.

Starts the image with its port mapped, waits for /readyz, creates a cms key inside the container
(`factcheck keys create`, the same store the server uses), then scores the seed pair with the shared scorer
(`../shared/eval/score_compare.py live URL --key KEY`) and holds its summary to the verdict bar of
tests/test_seed_gold.py. Exit status 0 only when all of that holds; the container is removed either way.

  containers/container_test.py [--image localhost/factcheck:latest] [--port 18080] [--keep]

podman reads CONTAINERS_CONF (the Makefile points it at containers/containers.conf: runc, no default ulimits).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_compare.py"
CONF = ROOT / "containers" / "containers.conf"


def podman(*args: str, check: bool = True, capture: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONTAINERS_CONF": os.environ.get("CONTAINERS_CONF", str(CONF))}
    return subprocess.run(["podman", *args], env=env, check=check, text=True,
                          stdout=subprocess.PIPE if capture else None, stderr=subprocess.PIPE if capture else None)


def fraction(value: str) -> tuple[int, int]:
    got, total = value.split("/")
    return int(got), int(total)


def verdict_bar(report: dict) -> list[str]:
    """What of tests/test_seed_gold.py's bar the summary misses (empty: it holds)."""
    failed = []

    def need(ok: bool, what: str):
        if not ok:
            failed.append(what)

    need(fraction(report["agreements"])[0] >= 10, f"agreements {report['agreements']} < 10")
    need(report["discrepancies"] == "4/4", f"discrepancies {report['discrepancies']} != 4/4")
    need(fraction(report["discrepancies_typed"])[0] >= 3, f"discrepancies_typed {report['discrepancies_typed']} < 3")
    need(report["false_alarms"] == "0/6", f"false_alarms {report['false_alarms']} != 0/6")
    only_in = fraction(report["only_in_a"])[0] + fraction(report["only_in_b"])[0]
    need(only_in >= 9, f"only_in_a + only_in_b = {only_in} < 9")
    need(report["flags_total"] <= 8, f"flags_total {report['flags_total']} > 8")
    need(report["boilerplate_claims"].startswith("0/"), f"boilerplate_claims {report['boilerplate_claims']}")
    return failed


def wait_ready(base: str, name: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        state = podman("inspect", "--format", "{{.State.Status}}", name, check=False).stdout.strip()
        if state not in ("running", "created", "configured"):
            raise SystemExit(f"container {name} is {state or 'gone'}:\n" + podman("logs", name, check=False).stderr)
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=3) as r:
                if r.status == 200:
                    return time.monotonic() - start
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(1)
    raise SystemExit(f"/readyz not 200 after {timeout:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default="localhost/factcheck:latest")
    parser.add_argument("--port", type=int, default=18080, help="host port mapped to the container's 8000")
    parser.add_argument("--ready-timeout", type=float, default=300)
    parser.add_argument("--keep", action="store_true", help="leave the container running")
    args = parser.parse_args()

    name = f"factcheck-test-{os.getpid()}"
    base = f"http://127.0.0.1:{args.port}"
    podman("run", "-d", "--name", name, "-p", f"127.0.0.1:{args.port}:8000", args.image)
    try:
        ready = wait_ready(base, name, args.ready_timeout)
        print(f"/readyz 200 after {ready:.1f} s")
        created = podman("exec", name, "factcheck", "keys", "create", "--role", "cms", "--name", "container-test")
        lines = created.stdout.split()   # the key alone on stdout
        if not lines:
            raise SystemExit(f"no key from factcheck keys create:\n{created.stderr}")
        key = lines[-1]
        started = time.monotonic()
        scored = subprocess.run([sys.executable, str(SCORER), "live", f"{base}/v1/compare", "--key", key],
                                text=True, capture_output=True)
        took = time.monotonic() - started
        print(scored.stdout, end="")
        if scored.returncode != 0:
            print(scored.stderr, file=sys.stderr)
            raise SystemExit("the scorer failed")
        report = json.loads(scored.stdout.strip().splitlines()[-1])
        failed = verdict_bar(report)
        print(f"compare over HTTP with scoring: {took:.1f} s")
        if failed:
            print("verdict bar NOT met: " + "; ".join(failed), file=sys.stderr)
            return 1
        print("verdict bar met (tests/test_seed_gold.py)")
        return 0
    except BaseException:
        print(podman("logs", "--tail", "40", name, check=False).stderr, file=sys.stderr)
        raise
    finally:
        if not args.keep:
            podman("rm", "-f", "-t", "5", name, check=False)


if __name__ == "__main__":
    sys.exit(main())
