#!/usr/bin/env python3
"""`make container-test`: the built image, run with podman and scored over HTTP.

Starts the image with its port mapped, waits for /readyz, creates a cms key inside the container
(`factcheck keys create`, the same store the server uses), then scores the seed pair with the shared scorer
(`../shared/eval/score_compare.py live URL --key KEY`) and holds its summary to the verdict bar of
tests/test_seed_gold.py. Exit status 0 only when all of that holds; the containers are removed either way.

With --compose, compose.yaml's PostgreSQL and Redis services are started too, by podman-compose with
containers/compose.podman.yaml over it (local stand-ins for the registry images postgres:15 and redis:7-alpine,
built here from Debian's packages), waited for with compose.yaml's own healthchecks, and the image runs on their
network with compose.yaml's api environment (its own host port, not compose's 8000); the test then also checks
that the key landed in PostgreSQL and the rate-limit counters in Redis.

  containers/container_test.py [--image localhost/factcheck:latest] [--port 18080] [--compose] [--keep]

podman reads CONTAINERS_CONF (the Makefile points it at containers/containers.conf: runc, no default ulimits).
"""
import argparse
import json
import os
import re
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


def interpolate(value: str) -> str:
    """compose's ${VAR}, ${VAR:-default} and ${VAR-default} from this environment."""
    def one(m):
        name, colon, default = m.group(1), m.group(2), m.group(3) or ""
        got = os.environ.get(name)
        return default if got is None or (colon and got == "") else got
    return re.sub(r"\$\{(\w+)(?:(:?)-([^}]*))?\}", one, str(value))


def compose_api_environment() -> dict[str, str]:
    import yaml

    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return {k: interpolate(v) for k, v in compose["services"]["api"]["environment"].items()}


def wait_healthy(name: str, timeout: float) -> float:
    """compose.yaml's healthcheck of a service, run by podman (no systemd timer runs it here)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if podman("healthcheck", "run", name, check=False).returncode == 0:
            return time.monotonic() - start
        time.sleep(1)
    raise SystemExit(f"{name} not healthy after {timeout:.0f} s:\n" + podman("logs", name, check=False).stderr)


def score_against(base: str, name: str, ready_timeout: float) -> int:
    ready = wait_ready(base, name, ready_timeout)
    print(f"{name}: /readyz 200 after {ready:.1f} s")
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
    print(f"compare of the seed pair over HTTP, scored: {took:.1f} s")
    if failed:
        print("verdict bar NOT met: " + "; ".join(failed), file=sys.stderr)
        return 1
    print("verdict bar met (tests/test_seed_gold.py)")
    return 0


def single(args) -> int:
    name = f"factcheck-test-{os.getpid()}"
    podman("run", "-d", "--name", name, "-p", f"127.0.0.1:{args.port}:8000", args.image)
    try:
        return score_against(f"http://127.0.0.1:{args.port}", name, args.ready_timeout)
    except BaseException:
        print(podman("logs", "--tail", "40", name, check=False).stderr, file=sys.stderr)
        raise
    finally:
        if not args.keep:
            podman("rm", "-f", "-t", "5", name, check=False)


def compose(args) -> int:
    project = f"factcheck-ctest{os.getpid()}"
    env = {**os.environ, "CONTAINERS_CONF": os.environ.get("CONTAINERS_CONF", str(CONF))}
    files = ["-f", str(ROOT / "compose.yaml"), "-f", str(ROOT / "containers" / "compose.podman.yaml")]
    run = lambda *a, **kw: subprocess.run(["podman-compose", "-p", project, *files, *a], env=env, cwd=ROOT,  # noqa
                                          text=True, capture_output=True, **kw)
    for service, tag in (("postgres", "localhost/factcheck-postgres:15"), ("redis", "localhost/factcheck-redis:7")):
        if podman("image", "exists", tag, check=False).returncode != 0:
            print(f"building {tag} (containers/{service}, Debian's packages)")
            podman("build", "-q", "--pull=never", "-t", tag, str(ROOT / "containers" / service))
    api = f"{project}_api_1"
    try:
        up = run("up", "-d", "--no-build", "postgres", "redis")
        if up.returncode != 0:
            raise SystemExit(f"podman-compose up failed:\n{up.stdout}{up.stderr}")
        for service in ("postgres", "redis"):
            took = wait_healthy(f"{project}_{service}_1", 120)
            print(f"compose service {service}: healthy (compose.yaml's healthcheck) after {took:.1f} s")
        environment = [f"--env={k}={v}" for k, v in compose_api_environment().items()]
        podman("run", "-d", "--name", api, f"--net={project}_default", "--network-alias=api",
               "-p", f"127.0.0.1:{args.port}:8000", *environment, args.image)
        status = score_against(f"http://127.0.0.1:{args.port}", api, args.ready_timeout)
        keys = podman("exec", f"{project}_postgres_1", "psql", "-U", "factcheck", "-d", "factcheck", "-tAc",
                      "select count(*) from api_keys").stdout.strip()
        counters = podman("exec", f"{project}_redis_1", "redis-cli", "--scan").stdout.split()
        print(f"PostgreSQL api_keys rows: {keys}; Redis keys: {len(counters)} (e.g. {counters[:1]})")
        if keys != "1" or not counters:
            print("the api did not use the compose PostgreSQL and Redis", file=sys.stderr)
            status = 1
        return status
    except BaseException:
        for name in (api, f"{project}_postgres_1", f"{project}_redis_1"):
            print(f"--- {name}\n" + podman("logs", "--tail", "30", name, check=False).stderr, file=sys.stderr)
        raise
    finally:
        if not args.keep:
            podman("rm", "-f", "-t", "5", api, check=False)
            run("down", "-v")
            podman("network", "rm", "-f", f"{project}_default", check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default="localhost/factcheck:latest")
    parser.add_argument("--port", type=int, default=18080, help="host port mapped to the container's 8000")
    parser.add_argument("--ready-timeout", type=float, default=300)
    parser.add_argument("--compose", action="store_true", help="with compose.yaml's PostgreSQL and Redis")
    parser.add_argument("--keep", action="store_true", help="leave the containers running")
    args = parser.parse_args()
    return compose(args) if args.compose else single(args)


if __name__ == "__main__":
    sys.exit(main())
