"""The project list under load: gunicorn with the production settings on loopback,
20 concurrent clients from ApacheBench (`ab`, Debian's apache2-utils: a small C client
that reports the 95th percentile and requests per second itself).

The same server also answers the two baselines of bench/views.py (bench/settings.py is
the production settings with their URLs added): the stack's floor and a naive Django
list of the same 50 projects. The naive list and the product's list are loaded in turn,
ROUNDS times each in short runs, each page first in every other round, so a drift of the
shared machine falls on both alike; their ratio is the median of the rounds' ratios.

While each list is loaded, the CPU each tier uses is read from /proc: the web
node (gunicorn), the database (PostgreSQL) and the client (ApacheBench). Per request, these
give what one machine can serve (its cores ÷ the sum, checked against the measured rate) and
what the layout of docs/SCALING.md serves with a second web node (`two_nodes_rps`)."""

import os
import re
import resource
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
REQUESTS = 1000
ROUNDS = 6


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
    """A gunicorn of `workers` sync workers on a free port: yields (base URL, its pid)."""
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
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields after the command name, or None for a process gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def process_cpu_ms(pid: int) -> float:
    """The user and system CPU a process and its finished children have used so far (0
    when it is gone). A PostgreSQL backend that ends during a run (a connection older
    than CONN_MAX_AGE is closed) leaves the tier; its parent, the postmaster, then counts
    its whole CPU among its finished children's, so the tier's sum stays right."""
    fields = _stat(pid)
    return sum(int(f) for f in fields[11:15]) * TICK_MS if fields else 0.0


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def tiers(server: int) -> dict[str, list[int]]:
    """The processes of each tier: the web node (gunicorn's master and its workers) and
    the database (every PostgreSQL process: the workers' backends, and the writers and
    vacuum that serve them)."""
    web, db = [server], []
    for pid in _pids():
        fields = _stat(pid)
        if fields and int(fields[1]) == server:
            web.append(pid)
        else:
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres":
                    db.append(pid)
            except OSError:
                pass
    return {"web": web, "db": db}


@contextmanager
def cpu_per_tier(server: int):
    """CPU used by each tier during the block, in ms: `web` and `db` from /proc, and
    `client` (ApacheBench, a finished child of this process) from getrusage."""
    before = {
        tier: {pid: process_cpu_ms(pid) for pid in pids} for tier, pids in tiers(server).items()
    }
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used: dict[str, float] = {}
    yield used
    for tier, pids in tiers(server).items():
        # Every process of the tier before or after: one that ended counts as 0 now, and
        # its parent's finished children's CPU holds its whole (process_cpu_ms).
        was = before[tier]
        used[tier] = sum(process_cpu_ms(pid) - was.get(pid, 0.0) for pid in {*pids, *was})
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    used["client"] = (done.ru_utime + done.ru_stime - children.ru_utime - children.ru_stime) * 1000


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
    cpu = {name: {"web": 0.0, "db": 0.0, "client": 0.0} for name in ("product", "bare")}
    with gunicorn(env, workers) as (base, server):
        urls = {
            "product": f"{base}/projects/?{query}",
            "bare": f"{base}/bench/bare/?{query}",
            "floor": f"{base}/bench/floor/",
        }
        for url in urls.values():  # warm-up: connections, caches
            ab(url, cookie, requests=200, clients=CLIENTS)
        runs = {name: [] for name in urls}
        for round_ in range(ROUNDS):
            # Bare, product, product, bare, …: neither page always runs first.
            for name in ("bare", "product")[:: 1 if round_ % 2 == 0 else -1]:
                with cpu_per_tier(server) as used:
                    runs[name].append(ab(urls[name], cookie, requests=REQUESTS, clients=CLIENTS))
                for tier, ms in used.items():
                    cpu[name][tier] += ms / (REQUESTS * ROUNDS)
        runs["floor"].append(ab(urls["floor"], cookie, requests=REQUESTS, clients=CLIENTS))
    p95 = {name: statistics.mean(r[0] for r in rs) for name, rs in runs.items()}
    rps = {name: statistics.mean(r[1] for r in rs) for name, rs in runs.items()}
    # Each round's two runs are next to each other in time: their ratio sees the same
    # machine. A run that the shared machine slowed moves one round's ratio, not the median.
    vs_bare = statistics.median(
        product[1] / bare[1] for product, bare in zip(runs["product"], runs["bare"], strict=True)
    )
    return {
        "p95_ms": p95["product"],
        "rps": rps["product"],
        "vs_bare": vs_bare,
        "bare_rps": rps["bare"],
        "bare_p95_ms": p95["bare"],
        "floor_rps": rps["floor"],
        "workers": workers,
        "cpu_ms": cpu["product"],
        "bare_cpu_ms": cpu["bare"],
    }


def two_nodes_rps(cpu_ms: dict[str, float], cores: int) -> float:
    """Requests a second of the layout of docs/SCALING.md with two web nodes: two nodes of
    `cores` cores each behind the proxy, PostgreSQL on `cores` of its own, the clients
    elsewhere. Each tier serves at most cores × 1000 ms ÷ its CPU per request (measured on
    this machine under the same load); the layout serves what its busiest tier allows."""
    web = 2 * cores * 1000 / cpu_ms["web"]
    db = cores * 1000 / cpu_ms["db"]
    return min(web, db)
