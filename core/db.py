"""Reporting reads on a PostgreSQL read replica, when one is configured.

Scale-out (docs/SCALING.md): set DATABASE_REPLICA_URL and the settings add a
"replica" alias and this router. Reads made inside `reporting_reads()` (the
five-band and board pages, the exports) then go to the replica; everything
else, and any read inside a transaction, stays on the primary, so a user
always reads back what they have just saved. Without a replica the context
does nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

REPLICA = "replica"
_reporting = ContextVar("reporting_reads", default=False)


@contextmanager
def reporting_reads() -> Iterator[None]:
    """Let the reads within go to the replica (reporting that may lag by a moment)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def replica_in_use() -> bool:
    return (
        _reporting.get()
        and REPLICA in connections.settings
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReportingReplicaRouter:
    """Routes reporting reads to the replica; writes and migrations to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if replica_in_use() else None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def plain_rows(rows: QuerySet) -> list[tuple]:
    """A values_list query's rows as the database returns them, without the ORM's
    converters: for grouped counts of thousands of rows of ints and strings, where the
    converters cost more than reading the rows (issue 20)."""
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
