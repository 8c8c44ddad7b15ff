"""Real services for the tests: a private Redis and a PostgreSQL database, started when missing.

Never skips: a test that needs a service and cannot get one fails with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PG_HOST, PG_PORT = "127.0.0.1", 5432


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout} s")


@contextmanager
def private_redis(port: int | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Redis of our own on a free port, keeping nothing on disk (as the machine's does)."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    port = port or free_port()
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0", proc
    finally:
        proc.kill()
        proc.wait()


def ensure_postgres() -> None:
    with socket.socket() as s:
        if s.connect_ex((PG_HOST, PG_PORT)) == 0:
            return
    clusters = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
    if not clusters:
        raise RuntimeError("PostgreSQL is not running on 127.0.0.1:5432 and no cluster is installed")
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main", "start"], check=True)
    wait_for_port(PG_PORT, 30)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database for one test session, dropped afterwards."""
    import psycopg

    ensure_postgres()
    name = f"newsqa_test_{uuid.uuid4().hex[:10]}"
    admin = f"host={PG_HOST} port={PG_PORT} dbname=postgres user=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
