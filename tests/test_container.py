"""The container built and run with podman (`make container-test`), and the files that build it.

The build and run take minutes (an image of about 2 GB, then the models warm), so they run only with
FACTCHECK_CONTAINER_TESTS=1 and podman on PATH; `make test` checks the files.
"""
import importlib.util
import os
import shutil
import subprocess
import tomllib

import pytest
import yaml

from tests.conftest import ROOT

CONTAINERS = ROOT / "containers"


def container_test_module():
    spec = importlib.util.spec_from_file_location("container_test", CONTAINERS / "container_test.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_podman_settings_are_the_ones_this_machine_needs():
    conf = tomllib.loads((CONTAINERS / "containers.conf").read_text(encoding="utf-8"))
    assert conf["containers"]["default_ulimits"] == []      # limits cannot be raised here
    assert conf["engine"]["runtime"] == "runc"               # crun fails on the hybrid cgroup layout


def test_compose_override_only_swaps_images_of_compose_services():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    override = yaml.safe_load((CONTAINERS / "compose.podman.yaml").read_text(encoding="utf-8"))
    assert set(override["services"]) <= set(compose["services"])
    for name, service in override["services"].items():
        assert set(service) == {"image"} and service["image"].startswith("localhost/"), name
    for service in ("postgres", "redis"):
        assert (CONTAINERS / service / "Dockerfile").exists()


@pytest.mark.skipif(not shutil.which("sh"), reason="no sh")
def test_stand_in_entrypoints_parse():
    for script in (CONTAINERS / "postgres" / "entrypoint.sh", CONTAINERS / "redis" / "entrypoint.sh"):
        subprocess.run(["sh", "-n", str(script)], check=True)


def test_compose_environment_is_interpolated_as_compose_does(monkeypatch):
    module = container_test_module()
    monkeypatch.delenv("POSTGRES_PASSWORD", raising=False)
    monkeypatch.setenv("FACTCHECK_SECRET_KEY", "")
    assert module.interpolate("a:${POSTGRES_PASSWORD:-factcheck}@b") == "a:factcheck@b"
    assert module.interpolate("${FACTCHECK_SECRET_KEY:-}") == ""
    assert module.interpolate("${FACTCHECK_SECRET_KEY-x}") == ""
    monkeypatch.setenv("POSTGRES_PASSWORD", "s3")
    env = module.compose_api_environment()
    assert env["FACTCHECK_DATABASE_URL"] == "postgresql+psycopg://factcheck:s3@postgres:5432/factcheck"


def test_verdict_bar_is_the_seed_gold_tests():
    bar = container_test_module().verdict_bar
    good = {"agreements": "10/11", "discrepancies": "4/4", "discrepancies_typed": "3/4", "false_alarms": "0/6",
            "only_in_a": "3/3", "only_in_b": "6/7", "flags_total": 8, "boilerplate_claims": "0/4"}
    assert bar(good) == []
    assert bar({**good, "false_alarms": "1/6"}) and bar({**good, "agreements": "9/11"})


@pytest.mark.e2e
@pytest.mark.skipif(os.environ.get("FACTCHECK_CONTAINER_TESTS") != "1" or not shutil.which("podman"),
                    reason="builds and runs the image with podman: set FACTCHECK_CONTAINER_TESTS=1")
def test_make_container_test_builds_runs_and_scores_the_image():
    done = subprocess.run(["make", "--no-print-directory", "container-test"], cwd=ROOT, text=True,
                          capture_output=True, timeout=1800)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert output.count("verdict bar met") == 2, output[-4000:]
    assert "PostgreSQL api_keys rows: 1" in output
