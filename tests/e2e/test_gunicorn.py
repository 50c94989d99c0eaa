"""Start the service the README's way (make run) and compare the seed pair over real HTTP."""
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.support import free_port

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    store = tmp_path_factory.mktemp("e2e-store") / "factcheck.db"
    env = dict(os.environ, PORT=str(port), WORKERS="1", FACTCHECK_DATABASE_URL=f"sqlite:///{store}")
    # A cms key in the server's store, made the way an operator does: factcheck keys create --role cms.
    key = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "service.cli", "keys", "create", "--role", "cms"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    proc = subprocess.Popen(["make", "run", f"PORT={port}", "WORKERS=1"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode(errors="replace"))
            try:
                with urllib.request.urlopen(url + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not become ready")
        yield url, key
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def post(url, body, content_type="application/json", key=None):
    headers = {"Content-Type": content_type, **({"Authorization": f"Bearer {key}"} if key else {})}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_seed_pair_over_http(server, seed_texts):
    url, key = server
    body = {"sources": [{"id": k, "text": v, "published_at": "2025-09-15"} for k, v in seed_texts.items()]}
    status, payload = post(url + "/v1/compare", json.dumps(body).encode(), key=key)
    assert status == 200
    assert {"claims", "matches", "unique"} <= set(payload)
    assert any(m.get("type") == "causal" for m in payload["matches"])
    assert payload["unique"]


def test_bad_input_over_http_gets_the_error_shape(server):
    url, key = server
    status, payload = post(url + "/v1/compare", b"{broken", key=key)
    assert status == 400 and payload["error"]["code"] == "malformed_json"


def test_compare_without_a_key_is_401_over_http(server):
    url, _ = server
    status, payload = post(url + "/v1/compare", b"{}")
    assert status == 401 and payload["error"]["code"] == "unauthorized"
