"""The site as `make run` shows it: demo data loaded and the first deadline pass run."""

from django.db import connection

from emenscr.demo import DEMO_USERS, load_demo
from orgs.models import User
from reporting.tasks import deadlines_tick


def make_run_site() -> list[User]:
    """Load the demo data and run the deadline pass `make run` queues on start (here, in
    this process: the task is a plain function); the demo users, in the README's order."""
    load_demo()
    deadlines_tick()
    if connection.vendor == "postgresql":
        # The statistics autovacuum gathers after `make run` loads the demo: it cannot see
        # rows a test's transaction has not committed, and without them PostgreSQL plans
        # the linkage map's counts as if every table were empty (seconds a page).
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'ANALYZE "{table}"')
    names = [d.username for d in DEMO_USERS]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    return [users[name] for name in names]
