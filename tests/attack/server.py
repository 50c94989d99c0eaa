"""Start gunicorn the way `make serve` and the Dockerfile do, on a free loopback port; used by attack tests and bench/."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator, Optional

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


class Server:
    def __init__(self, proc: subprocess.Popen, url: str, log_path: Path, headers: dict, database_url: str):
        self.proc, self.url, self.log_path = proc, url, log_path
        self.headers = headers  # an admin key's Authorization header, when the service has API keys
        self.database_url = database_url

    def new_key_headers(self, role: str = "admin") -> dict:
        """The Authorization header of a new key of `role` in this server's store (for a test on a shared server,
        where an earlier test may have revoked the first key: schemathesis calls DELETE /v1/keys/{id})."""
        return {"Authorization": f"Bearer {create_key(self.database_url, role)}"}

    @property
    def master_pid(self) -> int:
        return self.proc.pid

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def create_key(url: str, role: str) -> str:
    from sqlalchemy.orm import Session

    from service import auth
    from service.store import db

    engine = db.make_engine(url)
    with Session(engine) as session:
        _, key = auth.create_key(session, role, "attack tests")
        session.commit()
    engine.dispose()
    return key


def provision_database(folder: Path, url: Optional[str] = None) -> tuple[dict, dict]:
    """A story store (a fresh SQLite file in folder unless url is given) and an admin key for it.

    Returns (environment for the server, headers for the client).
    """
    from service.store import db

    url = url or f"sqlite:///{folder / 'factcheck.db'}"
    env = {"FACTCHECK_DATABASE_URL": url, "FACTCHECK_SECRET_KEY": "attack-tests"}
    db.upgrade(url)
    return env, {"Authorization": f"Bearer {create_key(url, 'admin')}"}


def wait_ready(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log_path.read_text(errors="replace")[-4000:])
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not become ready:\n" + log_path.read_text(errors="replace")[-4000:])


@contextlib.contextmanager
def gunicorn(workers: int = 2, env: Optional[dict] = None, database_url: Optional[str] = None) -> Iterator[Server]:
    """gunicorn --config gunicorn.conf.py service.wsgi:app bound to 127.0.0.1 only; all workers ready on exit.

    The story store is a fresh SQLite file unless database_url names another (a throwaway PostgreSQL).
    """
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="factcheck-gunicorn-"))
    log_file = open(folder / "gunicorn.log", "wb")
    db_env, headers = provision_database(folder, database_url)
    full_env = dict(os.environ, PORT=str(port), WORKERS=str(workers), HF_HUB_OFFLINE="1",
                    TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    full_env.update(db_env)
    # Attack tests send many unknown keys from one address; the lockout has its own test (tests/test_limits_redis.py).
    full_env["FACTCHECK_AUTH_FAILURE_LIMIT"] = "100000/minute"
    full_env.update(env or {})
    full_env["PROMETHEUS_MULTIPROC_DIR"] = str(folder / "metrics")  # a fresh folder per server, removed with it
    proc = subprocess.Popen([str(GUNICORN), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                             "service.wsgi:app"], cwd=ROOT, env=full_env, stdout=log_file,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc, Path(log_file.name))
        server = Server(proc, url, Path(log_file.name), headers, db_env["FACTCHECK_DATABASE_URL"])
        deadline = time.monotonic() + 120  # /readyz answers as soon as one worker is warm; wait for all
        while len(server.worker_pids()) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        yield server
    finally:
        # Killed, not stopped: the server and its store are thrown away, and a graceful stop would cost ~20 s a server
        # (each forked worker's interpreter ends with a garbage collection over the models' objects, copying every
        # page it shares with the master; the master then does the same).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        log_file.close()
        shutil.rmtree(folder, ignore_errors=True)
