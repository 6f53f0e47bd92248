"""Scale-out switches: a read replica for reporting reads, a queue for heavy tasks."""

import secrets

import pytest
from django.db import connections, transaction

from core.db import REPLICA, ReportingReplicaRouter, reporting_reads
from emenscr.celery import route_task
from projects.models import Project
from tests.emenscr.test_production_settings import PRODUCTION_ENV, manage


@pytest.fixture
def replica_configured(monkeypatch):
    """A "replica" alias as production.py adds it (here the same database)."""
    monkeypatch.setitem(connections.settings, REPLICA, connections.settings["default"])


def test_reporting_reads_go_to_the_replica_when_one_is_configured(replica_configured):
    router = ReportingReplicaRouter()

    with reporting_reads():
        assert router.db_for_read(Project) == REPLICA
    assert router.db_for_read(Project) is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(replica_configured):
    router = ReportingReplicaRouter()

    with transaction.atomic(), reporting_reads():
        assert router.db_for_read(Project) is None


def test_without_a_replica_reporting_reads_stay_on_the_primary():
    with reporting_reads():
        assert ReportingReplicaRouter().db_for_read(Project) is None


def test_writes_and_migrations_go_to_the_primary(replica_configured):
    router = ReportingReplicaRouter()

    with reporting_reads():
        assert router.db_for_write(Project) == "default"
    assert router.allow_migrate("default", "projects") is True
    assert router.allow_migrate(REPLICA, "projects") is False


def test_production_settings_add_the_replica_from_its_url():
    code = "from django.conf import settings; print(sorted(settings.DATABASES))"
    result = manage(
        "shell",
        "-c",
        code,
        **PRODUCTION_ENV,
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_REPLICA_URL="postgres://emenscr:emenscr@replica:5432/emenscr",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['default', 'replica']"


def test_heavy_tasks_go_to_their_queue_when_one_is_set(settings):
    settings.CELERY_HEAVY_QUEUE = "heavy"

    assert route_task("reporting.tasks.export_job_run", (), {}, {}) == {"queue": "heavy"}
    assert route_task("memos.tasks.memo_render_pdf", (), {}, {}) == {"queue": "heavy"}
    assert route_task("reporting.tasks.deadlines_tick", (), {}, {}) is None


def test_one_queue_serves_all_when_no_heavy_queue_is_set(settings):
    settings.CELERY_HEAVY_QUEUE = ""

    assert route_task("reporting.tasks.export_job_run", (), {}, {}) is None
