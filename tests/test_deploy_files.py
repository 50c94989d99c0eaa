"""The container runs the same command and settings as `make serve`.

Read from the files here; tests/test_container.py builds and runs the image with podman
(FACTCHECK_CONTAINER_TESTS=1, or `make container-test`)."""
import json
import re
import shlex

import yaml

from service.settings import Settings
from tests.conftest import ROOT


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def instructions(keyword: str) -> list[str]:
    return [rest for kw, rest in dockerfile_instructions() if kw == keyword]


def makefile_serve_command() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", text, re.M).group(1)
    words = shlex.split(recipe)
    start = next(i for i, w in enumerate(words) if w.endswith("/gunicorn"))
    return ["gunicorn"] + words[start + 1:]


def test_cmd_is_the_makefiles_gunicorn_invocation():
    (cmd,) = instructions("CMD")
    assert json.loads(cmd) == makefile_serve_command() == ["gunicorn", "--config", "gunicorn.conf.py",
                                                           "service.wsgi:app"]
    assert (ROOT / "gunicorn.conf.py").exists()
    assert any("gunicorn.conf.py" in c for c in instructions("COPY"))


def arg_defaults() -> dict[str, str]:
    return dict(arg.split("=", 1) for arg in instructions("ARG") if "=" in arg)


def test_image_is_slim_python_311_from_a_base_argument_with_cpu_torch_first():
    (base,) = instructions("FROM")
    argument = re.fullmatch(r"\$\{?(\w+)\}?", base)
    assert argument, "the base image is a build argument (podman builds on a local Debian base)"
    assert arg_defaults()[argument.group(1)].startswith("python:3.11-slim")
    runs = instructions("RUN")
    torch_at = next(i for i, r in enumerate(runs) if "torch==" in r)
    project_at = next(i for i, r in enumerate(runs) if re.search(r"pip install [^&]*-e \.", r))
    assert torch_at < project_at
    pinned = re.search(r"torch==([\w.]+)", runs[torch_at]).group(1)
    assert f'"torch=={pinned}"' in (ROOT / "pyproject.toml").read_text()
    # The build reaches no network: every pip install takes wheels from the mounted wheelhouse, which
    # `make wheelhouse` fills with the pinned CPU torch (the check for a +cpu wheel is in that recipe).
    for run in runs:
        if "pip install" in run:
            assert "--no-index" in run and "source=wheelhouse" in run, run
    recipe = re.search(r"^wheelhouse/\.done:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert "+cpu" in recipe and "pip wheel" in recipe.replace("$(PIP)", "pip")
    assert "wheelhouse" not in (ROOT / ".dockerignore").read_text().split()


def test_runs_as_non_root_with_a_readiness_healthcheck():
    users = instructions("USER")
    assert users and users[-1] not in ("root", "0")
    (healthcheck,) = instructions("HEALTHCHECK")
    assert "/readyz" in healthcheck


def test_every_copied_path_exists_and_models_load_offline_at_build():
    for copy in instructions("COPY"):
        for source in copy.split()[:-1]:
            assert (ROOT / source).exists(), source
    env = " ".join(instructions("ENV"))
    assert "HF_HUB_OFFLINE=1" in env and "PROMETHEUS_MULTIPROC_DIR=" in env
    assert any("warm_up()" in r for r in instructions("RUN")), "the build must prove the models load offline"


def test_compose_wires_postgres_15_and_redis_through_settings():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis")
    env = services["api"]["environment"]
    names = {name for name, _, _ in Settings.documented()}
    assert {k for k in env if k.startswith("FACTCHECK_")} <= names
    assert env["FACTCHECK_DATABASE_URL"].startswith("postgresql") and "@postgres:" in env["FACTCHECK_DATABASE_URL"]
    assert env["FACTCHECK_REDIS_URL"].startswith("redis://redis:")
    assert set(services["api"]["depends_on"]) == {"postgres", "redis"}


def test_compose_serves_through_nginx_and_runs_a_jobs_worker():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["proxy"]["build"] == "deploy/nginx" and services["proxy"]["ports"] == ["8000:8080"]
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    assert services["api"]["environment"]["FACTCHECK_TRUSTED_PROXIES"] == "1"
    assert services["worker"]["command"] == ["factcheck", "jobs", "work"]
    assert services["worker"]["environment"] == services["api"]["environment"]
    nginx_dockerfile = (ROOT / "deploy" / "nginx" / "Dockerfile").read_text()
    assert "apt-get install" in nginx_dockerfile and "nginx" in nginx_dockerfile    # Debian's package
    template = (ROOT / "deploy" / "nginx" / "factcheck.conf.template").read_text()
    for directive in ("client_header_timeout", "client_body_timeout", "proxy_request_buffering on",
                      "proxy_set_header X-Forwarded-For $remote_addr"):
        assert directive in template
