"""The round status board: where every due project stands, per unit."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from approvals.models import ChainLevel
from core.clock import freeze
from orgs.models import Role
from reporting.board import round_status_board
from tests.conftest import queries_of
from tests.factories import (
    ApprovalFactory,
    ProjectFactory,
    QuarterlyReportFactory,
    WindowFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def due_project(unit, report_status=None, level_role=None, late=False):
    project = ProjectFactory(
        owner_unit=unit, status="approved", start_date=date(2023, 10, 1), end_date=date(2024, 9, 30)
    )
    if report_status:
        report = QuarterlyReportFactory(
            project=project, fiscal_year=2567, quarter=1, status=report_status
        )
        if level_role:
            level = ChainLevel.objects.get(chain__root_unit__code="MOL", role=level_role)
            ApprovalFactory(
                item=report, unit=unit, status=report_status, current_level=level, is_late=late
            )
    return project


def test_the_board_counts_each_units_projects_by_where_they_stand(unit):
    for status, role, late in [
        (None, None, False),
        ("draft", None, False),
        ("submitted", "division_director", True),
        ("submitted", "pyp_officer", False),
        ("approved", None, False),
    ]:
        due_project(unit("0209"), status, role, late)
    due_project(unit("DOE"))

    rows = {
        r["owner_unit__abbr"]: r
        for r in round_status_board(
            fiscal_year=2567, quarter=1, unit_deadline=date(2024, 1, 16), on=date(2024, 1, 20)
        )
    }

    spd = rows["สตป."]
    assert (spd["due"], spd["not_started"], spd["drafted"], spd["submitted"], spd["approved"]) == (
        5,
        1,
        1,
        2,
        1,
    )
    assert (spd["step_1"], spd["step_3"]) == (1, 1)
    assert spd["late"] == 2  # one marked late, one not started after the unit deadline
    assert rows["กกจ."]["late"] == 1


def test_before_the_unit_deadline_nothing_unstarted_is_late(unit):
    due_project(unit("0209"))

    rows = round_status_board(
        fiscal_year=2567, quarter=1, unit_deadline=date(2024, 1, 16), on=date(2024, 1, 10)
    )

    assert rows[0]["late"] == 0


def test_the_board_runs_the_same_queries_for_few_or_many_projects(client, unit):
    WindowFactory(fiscal_year=2567, quarter=1)
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))
    url = reverse("reporting:board") + "?fiscal_year=2567&quarter=1"
    due_project(unit("0209"), "submitted", "division_director")
    with freeze(datetime(2024, 1, 20, 9, 0)):
        client.get(url)
        few = queries_of(lambda: client.get(url))
        for code in ["0206", "0207", "DOE", "SSO"]:
            for status in [None, "draft", "approved"]:
                due_project(unit(code), status)
        assert queries_of(lambda: client.get(url)) == few


def test_staff_may_not_open_the_board(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert client.get(reverse("reporting:board")).status_code == 403
