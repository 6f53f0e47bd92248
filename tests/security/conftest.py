"""Bad-input tests: a modest Hypothesis profile, and one savepoint per example.

Hypothesis runs many examples inside one test (one database transaction), so each
example runs in a savepoint rolled back at its end: every example starts from the
fixtures' state, and a refused save is compared with exactly that state.
"""

import os
from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, settings

settings.register_profile(
    "bad_input",
    max_examples=30,
    deadline=None,  # a request to the real view takes tens of milliseconds, sometimes more
    database=None,  # no .hypothesis/ directory in the checkout
    # CI (CI=true) runs the same examples every time, so a red build is reproducible;
    # local runs draw new ones and keep exploring.
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BAD_INPUT = settings.get_profile("bad_input")


@contextmanager
def rolled_back():
    """Run one example in a savepoint and undo whatever it wrote."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
