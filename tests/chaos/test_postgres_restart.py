"""PostgreSQL restarted under a running gunicorn: the app recovers by itself within 30 s
and every approval committed before the restart is still there.

Runs against a PostgreSQL cluster of its own (`chaos`, port CHAOS_PG_PORT or 5440), never
the shared one on 5432. The web server keeps its connections (CONN_MAX_AGE=60) and checks
them before use (CONN_HEALTH_CHECKS), as production does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .conftest import record
from .servers import ROOT, PostgresCluster, elapsed, free_port, gunicorn

pytestmark = pytest.mark.chaos
ITEMS = 50
RECOVERY_LIMIT_S = 30


def call(base: str, token: str, path: str, *, post: bool = False) -> int:
    request = urllib.request.Request(
        base + path,
        data=b"{}" if post else None,
        method="POST" if post else "GET",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # no answer at all


def approve(base: str, token: str, project_id: int) -> int:
    return call(base, token, f"/api/v1/approvals/items/project/{project_id}/approve/", post=True)


@pytest.fixture
def cluster():
    if not PostgresCluster.available():
        pytest.skip("needs root and pg_createcluster for a PostgreSQL cluster of its own")
    cluster = PostgresCluster(port=int(os.environ.get("CHAOS_PG_PORT", "5440")))
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_app_recovers_from_a_postgres_restart_and_keeps_every_approval(
    cluster, chaos_redis, tmp_path
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.chaos.pg_settings",
        "DATABASE_URL": cluster.recreate_database("emenscr_chaos"),
        "TEST_CELERY_BROKER_URL": chaos_redis.url,
    }
    manage(env, "manage.py", "migrate", "--noinput")
    manage(env, "manage.py", "load_reference")
    seeded = json.loads(manage(env, "-m", "tests.chaos.pg_seed", str(ITEMS)))
    token, projects = seeded["token"], seeded["projects"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web = gunicorn(env, tmp_path / "gunicorn.log", port=port)
    try:
        before = [approve(base, token, pk) for pk in projects[: ITEMS // 2]]
        assert before == [200] * (ITEMS // 2)

        restart_at = time.monotonic()
        cluster.restart()
        restarted_in = elapsed(restart_at)
        answers = []
        while time.monotonic() - restart_at < RECOVERY_LIMIT_S:
            answers.append(call(base, token, "/api/v1/approvals/inbox/"))
            if answers[-1] == 200:
                break
            time.sleep(0.2)
        recovered_in = elapsed(restart_at)
        # Once the server is back, no request fails on a connection the restart broke.
        assert answers[-1] == 200, answers
        assert set(answers) == {200}, answers

        after = [approve(base, token, pk) for pk in projects[ITEMS // 2 :]]
        assert after == [200] * (ITEMS - ITEMS // 2)
    finally:
        web.stop()

    approved = cluster.psql(
        "SELECT count(*) FROM approvals_transition WHERE action = 'approve' "
        f"AND actor_id = {seeded['actor']}",
        database="emenscr_chaos",
    )
    assert int(approved) == ITEMS
    record(
        "postgres_restart",
        {
            "restart_s": restarted_in,
            "recovered_s": recovered_in,
            "failed_requests_after_restart": len([a for a in answers if a != 200]),
            "approvals_before": ITEMS // 2,
            "approvals_present": int(approved),
            "approvals_total": ITEMS,
        },
    )
