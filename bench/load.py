"""The project list under load: gunicorn with the production settings on loopback,
20 concurrent clients from ApacheBench (`ab`, Debian's apache2-utils: a small C client
that reports the 95th percentile and requests per second itself).

The same server also answers the two baselines of bench/views.py (bench/settings.py is
the production settings with their URLs added): the stack's floor and a naive Django
list of the same 50 projects. The naive list and the product's list are loaded in turn,
ROUNDS times each, so a drift of the shared machine falls on both alike."""

import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLIENTS = 20
REQUESTS = 2000
ROUNDS = 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str) -> dict:
    static = ROOT / "var" / "bench-static"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static),
    }


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def session_cookie(env: dict, username: str) -> str:
    """A logged-in session of `username`, made with the server's own settings and key."""
    code = (
        "from django.conf import settings; from django.contrib.auth import "
        "BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY; "
        "from django.contrib.sessions.backends.db import SessionStore; "
        "from orgs.models import User; "
        f"u = User.objects.get(username={username!r}); s = SessionStore(); "
        "s[SESSION_KEY] = str(u.pk); "
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'; "
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); "
        "print(f'{settings.SESSION_COOKIE_NAME}={s.session_key}')"
    )
    return _manage(env, "shell", "-c", code).splitlines()[-1]


@contextmanager
def gunicorn(env: dict, workers: int):
    port = _free_port()
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "emenscr.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def ab(url: str, cookie: str, *, requests: int, clients: int) -> tuple[float, float]:
    """(95th percentile ms, requests per second); refuses a run with any non-200 answer."""
    out = subprocess.run(
        ["ab", "-q", "-n", str(requests), "-c", str(clients), "-C", cookie, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx responses" in out or not re.search(r"Failed requests:\s+0\b", out):
        raise RuntimeError(f"the project list failed under load:\n{out}")
    p95 = float(re.search(r"^\s*95%\s+(\d+)", out, re.M).group(1))
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    return p95, rps


def project_list_under_load(database_url: str, *, username: str, query: str) -> dict:
    env = production_env(database_url)
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    cookie = session_cookie(env, username)
    workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's advice for sync workers
    with gunicorn(env, workers) as base:
        urls = {
            "product": f"{base}/projects/?{query}",
            "bare": f"{base}/bench/bare/?{query}",
            "floor": f"{base}/bench/floor/",
        }
        for url in urls.values():  # warm-up: connections, caches
            ab(url, cookie, requests=200, clients=CLIENTS)
        runs = {name: [] for name in urls}
        for _ in range(ROUNDS):
            for name in ("bare", "product"):
                runs[name].append(ab(urls[name], cookie, requests=REQUESTS, clients=CLIENTS))
        runs["floor"].append(ab(urls["floor"], cookie, requests=REQUESTS, clients=CLIENTS))
    p95 = {name: statistics.mean(r[0] for r in rs) for name, rs in runs.items()}
    rps = {name: statistics.mean(r[1] for r in rs) for name, rs in runs.items()}
    return {
        "p95_ms": p95["product"],
        "rps": rps["product"],
        "bare_rps": rps["bare"],
        "bare_p95_ms": p95["bare"],
        "floor_rps": rps["floor"],
        "workers": workers,
    }
