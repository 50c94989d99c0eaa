"""A throwaway PostgreSQL server for the storage tests: initdb + pg_ctl in a temporary folder.

As root (CI, the dev machines) the server runs as the `postgres` system user, since PostgreSQL refuses root.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support import free_port

CANDIDATE_BIN = ("/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in CANDIDATE_BIN:
        if os.access(os.path.join(folder, name), os.X_OK):
            return os.path.join(folder, name)
    raise RuntimeError(f"{name} not found: install PostgreSQL (Debian: postgresql) to run the storage tests")


class PostgresServer:
    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        self._as = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.base, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run(self._as + list(args), check=True, capture_output=True, cwd=self.base)

    def start(self) -> "PostgresServer":
        self._run(_binary("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
                  "-E", "UTF8", "--locale=C")
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.base / "log"), "-w", "start")
        return self

    def restart(self) -> None:
        """pg_ctl restart -m fast: open connections are terminated, new ones refused until it is back up."""
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.base / "log"), "-m", "fast", "-w", "restart")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
