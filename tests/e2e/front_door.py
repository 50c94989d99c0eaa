"""nginx (Debian's package) in front of a test gunicorn, and the slow clients of the slowloris attack.

Shared by tests/e2e/test_front_door.py and bench/load.py.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator, Optional

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "factcheck.conf.template"


def nginx_binary() -> Optional[str]:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


@contextlib.contextmanager
def nginx(upstream_url: str) -> Iterator[str]:
    """nginx with deploy/nginx/factcheck.conf.template on a free loopback port, passing to upstream_url."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx not found: `make install-dev` installs Debian's nginx-light")
    folder = Path(tempfile.mkdtemp(prefix="factcheck-nginx-"))
    os.chmod(folder, 0o755)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir()
        os.chmod(folder / name, 0o777)    # nginx's workers run as nobody when the tests run as root
    port = free_port()
    conf = TEMPLATE.read_text().replace("@LISTEN@", f"127.0.0.1:{port}").replace(
        "@UPSTREAM@", upstream_url.split("://", 1)[-1]).replace("@PREFIX@", str(folder))
    (folder / "nginx.conf").write_text(conf)
    log = open(folder / "error.log", "wb")
    proc = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            if proc.poll() is not None:
                raise RuntimeError("nginx exited:\n" + (folder / "error.log").read_text(errors="replace"))
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not listen")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


class SlowClients:
    """The attack: `headers` connections sending one header line every `every` s (never ending the headers),
    `bodies` POSTs with a valid key sending a few body bytes every `every` s, and `idle` sockets that send nothing.
    Each slow connection that the server closes is opened again, so the pressure holds for the whole run."""

    def __init__(self, url: str, key_header: str = "", headers: int = 2, bodies: int = 0, idle: int = 0,
                 every: float = 5.0):
        host, port = url.split("://", 1)[-1].split(":")
        self.address = (host, int(port))
        self.key_header, self.every = key_header, every
        self.counts = {"headers": headers, "bodies": bodies, "idle": idle}
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.sockets: list[socket.socket] = []
        self.reopened = 0

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(self.address, timeout=30)
        self.sockets.append(sock)
        return sock

    def _slow(self, kind: str) -> None:
        while not self.stop.is_set():
            try:
                sock = self._connect()
                if kind == "headers":
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
                else:
                    sock.sendall(b"POST /v1/compare HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                                 b"\r\nContent-Length: 100000\r\n" + self.key_header.encode() + b"\r\n\r\n{")
                line = 0
                while not self.stop.wait(self.every):
                    line += 1
                    sock.sendall(f"X-Slow-{line}: {line}\r\n".encode() if kind == "headers" else b'"sources":'[:4])
            except OSError:
                self.reopened += 1     # the server gave up on it: come back with a new one
                self.stop.wait(0.2)

    def __enter__(self) -> "SlowClients":
        for _ in range(self.counts["idle"]):
            with contextlib.suppress(OSError):
                self._connect()
        for kind in ("headers", "bodies"):
            for _ in range(self.counts[kind]):
                thread = threading.Thread(target=self._slow, args=(kind,), daemon=True)
                thread.start()
                self.threads.append(thread)
        time.sleep(0.5)
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()
        for thread in self.threads:
            thread.join(timeout=10)


def probe(url: str, path: str = "/healthz", timeout: float = 30.0) -> float:
    """Seconds for one fresh-connection GET (a probe opens its own connection, as kubelet's does)."""
    import requests

    started = time.perf_counter()
    response = requests.get(url + path, timeout=timeout, headers={"Connection": "close"})
    response.raise_for_status()
    return time.perf_counter() - started
