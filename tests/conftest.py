import gc
import ipaddress
import os
import socket
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# No request deadline in tests: on a loaded machine a correctness test must not become a timing test (speed is
# measured in bench/). The deadline's own tests set one (tests/api/test_request_budget.py, tests/e2e/test_big_story.py).
os.environ.setdefault("FACTCHECK_REQUEST_DEADLINE_S", "0")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and self.family in (socket.AF_INET, socket.AF_INET6):
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise OSError(f"outbound network blocked in tests: {address}")
    return _real_connect(self, address)


# `make test` runs `pytest -n 2 --dist loadscope` (pytest-xdist): each module's tests run in one worker, so a module's
# fixtures (a live server, a browser) start once. Modules that share the session's gunicorn (`served`, below) go to one
# worker too, so it starts once; so do the modules of the session's Chromium (`chromium`); the two Ray modules also
# share one, so that two Ray clusters never run at once.
# (--dist loadgroup and xdist_group marks would say the same, but xdist 3.8 cannot rename pytest 9's node ids.)
XDIST_GROUPS = {
    **dict.fromkeys(("tests/attack/test_hostile_inputs.py", "tests/attack/test_schemathesis.py",
                     "tests/e2e/test_faults.py", "tests/e2e/test_front_door.py"), "served"),
    **dict.fromkeys(("tests/batch/test_ray_engine.py", "tests/batch/test_ray_cluster.py"), "ray"),
    **dict.fromkeys(("tests/e2e/test_docs_page.py", "tests/e2e/test_review_page.py", "tests/triage/test_browser.py"),
                    "chromium"),
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleOrSharedServer(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return XDIST_GROUPS.get(module, module)

    return ModuleOrSharedServer(config, log)


def pytest_collection_modifyitems(config, items):
    strays = sorted({item.nodeid.split("::", 1)[0] for item in items if "served" in item.fixturenames}
                    - {module for module, group in XDIST_GROUPS.items() if group == "served"})
    if strays:   # under xdist, the worker that runs them would start a second server
        warnings.warn(pytest.PytestWarning(f"tests/conftest.py: add {', '.join(strays)} to XDIST_GROUPS as 'served'"))


def pytest_unconfigure(config):
    # The interpreter's last garbage collection walks every object of the loaded models (~4 s on 2 cores); frozen,
    # they are left to the process's exit.
    gc.freeze()


@pytest.fixture(autouse=True)
def block_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(scope="session")
def seed_texts():
    return {
        "A": (SEEDS / "eurointegration_zapad_2025-09-15.txt").read_text(encoding="utf-8"),
        "B": (SEEDS / "unn_zapad_2025-09-15.txt").read_text(encoding="utf-8"),
    }


@pytest.fixture(scope="session")
def served():
    """gunicorn with 2 workers on loopback, as `make serve` starts it, shared by the session's tests of a running
    service (tests/attack, tests/e2e/test_faults.py, tests/e2e/test_front_door.py); limits high enough never to 429."""
    from tests.attack.server import gunicorn

    with gunicorn(workers=2, env={"FACTCHECK_RATE_LIMIT": "100000/minute"}) as server:
        yield server


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """One headless Chromium (Debian's chromium + chromium-driver) for the session's browser tests. No host name but
    the loopback address resolves, so nothing from elsewhere (a CDN script) can load. A module takes it with
    `browser_for`, which sets the window and signs out of every server."""
    os.environ.setdefault("SE_OFFLINE", "true")   # never let Selenium Manager fetch a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def browser_for(chromium, width: int, height: int):
    """The session's Chromium at this window size, with no cookie of an earlier module's server (cookies are per host,
    not per port, and every live server is on 127.0.0.1)."""
    chromium.get("about:blank")
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chromium.set_window_size(width, height)
    return chromium


@pytest.fixture(scope="session")
def postgres_server():
    """One throwaway PostgreSQL for the session; each test that needs one gets a fresh database on it
    (tests/store/conftest.py's database_url)."""
    from tests.store.postgres import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pipeline():
    from service.pipeline.core import Pipeline
    from service.settings import Settings

    return Pipeline(Settings.from_env()).warm_up()


@pytest.fixture(scope="session")
def parser(pipeline):
    return pipeline.parser


@pytest.fixture(scope="session")
def app(pipeline, tmp_path_factory):
    import dataclasses

    from service import create_app

    # The story store of the shared app: a SQLite file of this test session.
    store = tmp_path_factory.mktemp("store") / "factcheck.db"
    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{store}")
    # Rate limits off for the shared app (tests make many requests); tests/test_limits.py builds its own.
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "test-secret"},
                      settings=settings, pipeline=pipeline)


@pytest.fixture(scope="session")
def api_keys(app):
    """One API key per role in the shared app's store: {"cms": key, "reviewer": key, "admin": key}."""
    from service.auth import ROLES, create_key
    from service.store import db

    with app.app_context():
        keys = {role: create_key(db.session(), role, name=f"tests {role}")[1] for role in ROLES}
        db.session().commit()
    return keys


@pytest.fixture()
def client(app, api_keys):
    """A test client that sends a cms key (every /v1 route but health and docs needs one)."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_keys['cms']}"
    return client


@pytest.fixture()
def anonymous_client(app):
    return app.test_client()
