"""Start the service the README's way (make run) and compare the seed pair over real HTTP."""
import json
import os
import re
import signal
import subprocess
import threading
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
    proc = subprocess.Popen(["make", "run", f"PORT={port}", "WORKERS=1"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    lines = []   # read all along, so the server never blocks on a full pipe
    threading.Thread(target=lambda: lines.extend(line.decode(errors="replace") for line in proc.stdout),
                     daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("".join(lines))
            try:
                with urllib.request.urlopen(url + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not become ready")
        # make run printed a first admin key on this fresh store; a cms key the README's way: make key ROLE=cms.
        admin = [line.strip() for line in lines if line.startswith("fc_admin_")]
        key = subprocess.run(["make", "-s", "key", "ROLE=cms"], cwd=ROOT, env=env, capture_output=True, text=True,
                             check=True).stdout.strip()
        yield url, key, admin, env
    finally:
        os.killpg(proc.pid, signal.SIGKILL)   # thrown away: a graceful stop spends ~20 s (tests/attack/server.py)
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
    url, key, *_ = server
    body = {"sources": [{"id": k, "text": v, "published_at": "2025-09-15"} for k, v in seed_texts.items()]}
    status, payload = post(url + "/v1/compare", json.dumps(body).encode(), key=key)
    assert status == 200
    assert {"claims", "matches", "unique"} <= set(payload)
    assert any(m.get("type") == "causal" for m in payload["matches"])
    assert payload["unique"]


def test_bad_input_over_http_gets_the_error_shape(server):
    url, key, *_ = server
    status, payload = post(url + "/v1/compare", b"{broken", key=key)
    assert status == 400 and payload["error"]["code"] == "malformed_json"


def test_compare_without_a_key_is_401_over_http(server):
    url, *_ = server
    status, payload = post(url + "/v1/compare", b"{}")
    assert status == 401 and payload["error"]["code"] == "unauthorized"


def readme_block(starting: str) -> str:
    """The README's code block whose first line starts so, as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(" + re.escape(starting) + r".*?)```", text, re.S)
    assert block, starting
    return block.group(1)


def test_make_run_printed_a_first_admin_key_that_works(server):
    url, _, admin, _ = server
    assert len(admin) == 1 and admin[0].startswith("fc_admin_")
    status, payload = post(url + "/v1/keys", json.dumps({"role": "reviewer"}).encode(), key=admin[0])
    assert status == 201 and payload["key"].startswith("fc_reviewer_")


def test_the_readmes_first_answer_prints_findings(server):
    url, _, _, env = server
    script = readme_block("KEY=$(make -s key ROLE=cms)").replace("http://127.0.0.1:8000", url)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    findings = run.stdout.strip().splitlines()
    assert findings and all(line.split(" | ")[0] in ("high", "medium", "low") for line in findings), run.stdout
    assert any("Belavia" in line for line in findings)


def test_the_readmes_scorer_line_works_with_a_key(server):
    url, key, _, env = server
    line = next(line for line in readme_block("python3 ../shared/eval/score_compare.py live").splitlines() if line)
    run = subprocess.run(["bash", "-c", line.replace("http://127.0.0.1:8000", url)], cwd=ROOT,
                         env={**env, "KEY": key}, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.strip().splitlines()[-1])["discrepancies"].endswith("/4")
