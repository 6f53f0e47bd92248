"""The site as `make run` shows it: demo data loaded and the first deadline pass run."""

from emenscr.demo import DEMO_USERS, load_demo
from orgs.models import User
from reporting.tasks import deadlines_tick


def make_run_site() -> list[User]:
    """Load the demo data and run the deadline pass `make run` queues on start (here, in
    this process: the task is a plain function); the demo users, in the README's order."""
    load_demo()
    deadlines_tick()
    names = [d.username for d in DEMO_USERS]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    return [users[name] for name in names]
