"""The load test's baselines (bench/views.py) serve what the product's list serves."""

import copy
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import override_settings

from orgs.models import Role
from tests.factories import BudgetSourceFactory, ProjectFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def bench_templates() -> list[dict]:
    """The site's templates and the baselines' own directory, as bench/settings.py adds it."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], settings.BASE_DIR / "bench" / "templates"]
    return templates


@override_settings(TEMPLATES=bench_templates())
def test_the_naive_list_shows_the_projects_with_their_budget_totals(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"), status="approved")
    BudgetSourceFactory(project=project, amount=Decimal("1500.50"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(
        "/bench/bare/",
        {"fiscal_year": project.fiscal_year, "status": "approved", "unit": unit("OPS").pk},
    ).content.decode()

    assert project.code in page and "1500.50" in page


def test_the_stack_floor_answers_ok_behind_the_login(client):
    assert client.get("/bench/floor/").status_code == 302
    client.force_login(user_with_role(Role.STAFF, "0209"))
    assert client.get("/bench/floor/").content == b"ok"
