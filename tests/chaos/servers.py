"""Servers of the fault tests' own: Redis, PostgreSQL, Celery workers and gunicorn.

Each runs as a child process (or a cluster of its own) on a port nobody else uses,
so the tests may kill and restart it without touching the shared PostgreSQL on 5432
or the shared Redis on 6379. Every helper stops what it started, also on failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import wait_until

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """A redis-server of our own (no persistence) that a test may stop and start again."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--daemonize", "yes"]
            + [
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                "/tmp",
                "--dbfilename",
                "emenscr-chaos.rdb",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        assert wait_until(lambda: self.cli("ping") == "PONG", timeout=10), "Redis did not start"

    def stop(self) -> None:
        self.cli("shutdown", "nosave")
        wait_until(lambda: not port_open(self.port), timeout=10)

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True
        )
        return done.stdout.strip()

    def queued(self, queue: str = "celery") -> int:
        """Messages waiting in a Celery queue (published, not yet taken by a worker)."""
        answer = self.cli("llen", queue)
        return int(answer) if answer.isdigit() else 0


class Process:
    """A child process in a session of its own, so `kill_all` reaches its children too."""

    def __init__(self, args: list[str], *, env: dict, log: Path):
        self.log = log
        self._out = open(log, "ab")  # noqa: SIM115 (closed in stop())
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill_all(self, sig: int = signal.SIGKILL) -> None:
        """kill -9 the process and everything it started (a crashed host, an OOM kill)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill_all()
            except ProcessLookupError:
                pass
        self._out.close()


def celery_worker(env: dict, log: Path, *, pool: str = "prefork") -> Process:
    """A real `celery -A emenscr worker` (one process at a time, prefetch 1), ready to take tasks."""
    worker = Process(
        [str(BIN / "celery"), "-A", "emenscr", "worker", f"--pool={pool}", "--concurrency=1"]
        + ["--without-mingle", "--without-gossip", "--loglevel=INFO"],
        env=env,
        log=log,
    )
    ready = wait_until(
        lambda: " ready." in worker.output() or worker.popen.poll() is not None, timeout=60
    )
    assert ready and worker.popen.poll() is None, worker.output()[-3000:]
    return worker


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


class PostgresCluster:
    """A PostgreSQL 15 cluster of our own (pg_createcluster), created once and reused.

    Never the shared cluster "main" on 5432: this one is named `chaos` and listens on
    its own port, so restarting it disturbs nobody.
    """

    def __init__(self, *, name: str = "chaos", port: int = 5440, version: str = "15"):
        self.name, self.port, self.version = name, port, version

    @staticmethod
    def available() -> bool:
        return shutil.which("pg_createcluster") is not None and os.geteuid() == 0

    def _ctl(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", self.version, self.name, action],
            check=True,
            capture_output=True,
        )

    def exists(self) -> bool:
        return Path(f"/etc/postgresql/{self.version}/{self.name}").exists()

    def ready(self) -> bool:
        done = subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-q"], capture_output=True
        )
        return done.returncode == 0

    def start(self) -> None:
        if not self.exists():
            subprocess.run(
                ["pg_createcluster", self.version, self.name, "--port", str(self.port)],
                check=True,
                capture_output=True,
            )
        if not self.ready():
            self._ctl("start")
        assert wait_until(self.ready, timeout=30), "the chaos PostgreSQL did not start"
        self.psql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'emenscr') THEN "
            "CREATE ROLE emenscr LOGIN CREATEDB PASSWORD 'emenscr'; END IF; END $$;"
        )

    def restart(self) -> None:
        """pg_ctlcluster restart: the server goes down (connections cut) and comes back."""
        self._ctl("restart")

    def stop(self) -> None:
        if self.exists() and self.ready():
            self._ctl("stop")

    def psql(self, sql: str, *, database: str = "postgres") -> str:
        done = subprocess.run(
            ["runuser", "-u", "postgres", "--", "psql", "-p", str(self.port), "-d", database]
            + ["-v", "ON_ERROR_STOP=1", "-tAc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()

    def recreate_database(self, name: str) -> str:
        """An empty database owned by emenscr; returns its DATABASE_URL."""
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql(f'CREATE DATABASE "{name}" OWNER emenscr')
        return f"postgres://emenscr:emenscr@127.0.0.1:{self.port}/{name}"


def gunicorn(env: dict, log: Path, *, port: int, workers: int = 2) -> Process:
    web = Process(
        [str(BIN / "gunicorn"), "emenscr.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--timeout", "60"],
        env=env,
        log=log,
    )
    up = wait_until(lambda: port_open(port) or web.popen.poll() is not None, timeout=60)
    assert up and web.popen.poll() is None, web.output()[-3000:]
    return web


def elapsed(since: float) -> float:
    return round(time.monotonic() - since, 2)
