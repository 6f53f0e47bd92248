"""Shared fixtures. The test database is migrated (empty), then the reference
data (the real unit tree, strategy tree and chain) is loaded once, as
`manage.py load_reference` loads it, so tests pick units by their real codes."""

import pytest

from emenscr.reference import load_reference_data
from orgs.models import OrgUnit


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, with the reference data loaded after migrating."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def unit(db):
    """unit("0209") → the OrgUnit with that code from the reference data."""

    def get(code: str) -> OrgUnit:
        return OrgUnit.objects.get(code=code)

    return get


@pytest.fixture
def open_entry_windows(db):
    """Project-entry windows of FY 2567–2570 that stay open, for tests about the chain itself."""
    from datetime import date

    from windows.models import Window, WindowKind

    for year in range(2567, 2571):
        Window.objects.create(
            fiscal_year=year,
            kind=WindowKind.PROJECT_ENTRY,
            name=f"นำเข้าโครงการ {year}",
            opens_on=date(2020, 1, 1),
            unit_deadline=date(2099, 1, 1),
            chain_deadline=date(2099, 12, 31),
        )


@pytest.fixture
def committed_reference_data(transactional_db):
    """For tests with committed transactions (threads, workers, live_server).

    Such tests flush the database when they end, taking the reference data
    loaded at the session's start with it; this loads it again when it is missing.
    (Django's serialized_rollback is not used: once Playwright's event loop
    runs, Django's context-local connections lose the serialized copy.)
    """
    if not OrgUnit.objects.exists():
        load_reference_data()


@pytest.fixture
def celery_worker_thread(committed_reference_data):
    """A real Celery worker (in a thread of this process) consuming from Redis.

    Tasks it runs see committed rows only, so tests using it run with
    transactions committed (and the reference data loaded again).
    """
    from celery.contrib.testing.worker import start_worker

    from emenscr.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def wait_until(predicate, *, timeout: float = 20.0, interval: float = 0.1) -> bool:
    """Poll until predicate() is true (for work done by another process or thread)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def queries_of(call) -> int:
    """How many SQL queries `call()` runs (to compare a page with few and many rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as its database starts without its rows (the
    public portal caches pages and the API counts calls in it)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
