"""Round membership (DESIGN.md section 5): who is in a quarter's round, and how."""

from datetime import date

import pytest

from approvals.models import ItemStatus
from core.fiscal import Quarter
from projects.models import Project
from reporting.rounds import due_q, round_projects
from tests.factories import ProjectFactory, QuarterlyReportFactory

pytestmark = pytest.mark.django_db

Q1_2566 = {"fiscal_year": 2566, "quarter": 1}  # 1 Oct 2022 – 31 Dec 2022


def approved(**fields):
    return ProjectFactory(status=ItemStatus.APPROVED, **fields)


def state(project, round_=Q1_2566):
    found = round_projects(**round_).filter(pk=project.pk).first()
    return found.round_state if found else None


def test_a_project_starting_on_the_quarters_last_day_is_due():
    project = approved(fiscal_year=2566, start_date=date(2022, 12, 31), end_date=date(2023, 9, 30))

    assert state(project) == "not_reported"


def test_a_project_of_the_year_starting_after_the_quarter_is_not_due():
    project = approved(fiscal_year=2566, start_date=date(2023, 1, 1), end_date=date(2023, 9, 30))

    assert state(project) == "not_due"


def test_an_earlier_project_ending_the_day_before_the_quarter_is_not_in_the_round():
    project = approved(fiscal_year=2565, start_date=date(2021, 10, 1), end_date=date(2022, 9, 30))

    assert state(project) is None


def test_a_multi_year_project_of_an_earlier_year_reports_in_every_quarter_it_spans():
    project = approved(fiscal_year=2565, start_date=date(2021, 10, 1), end_date=date(2023, 9, 30))

    assert state(project) == "not_reported"
    assert state(project, {"fiscal_year": 2567, "quarter": 1}) is None


def test_a_calendar_year_project_of_the_previous_year_reports_its_fourth_quarter_in_round_q1():
    project = approved(
        fiscal_year=2565, cycle="calendar", start_date=date(2022, 1, 1), end_date=date(2022, 12, 31)
    )

    assert state(project) == "not_reported"


def test_a_calendar_year_project_of_the_current_year_is_not_in_round_q1():
    project = approved(
        fiscal_year=2566, cycle="calendar", start_date=date(2023, 1, 1), end_date=date(2023, 12, 31)
    )

    assert state(project) == "calendar_not_in_round"
    assert state(project, {"fiscal_year": 2566, "quarter": 2}) == "not_reported"


def test_a_submitted_or_approved_report_counts_as_reported_and_a_draft_or_returned_one_does_not():
    projects = [
        approved(fiscal_year=2566, start_date=date(2022, 10, 1), end_date=date(2023, 9, 30))
        for _ in range(4)
    ]
    for project, status in zip(
        projects, ["submitted", "approved", "draft", "returned"], strict=True
    ):
        QuarterlyReportFactory(project=project, fiscal_year=2566, quarter=1, status=status)

    assert [state(p) for p in projects] == ["reported", "reported", "not_reported", "not_reported"]


def test_a_project_entry_not_yet_approved_is_not_in_the_population():
    project = ProjectFactory(
        fiscal_year=2566, start_date=date(2022, 10, 1), end_date=date(2023, 9, 30)
    )

    assert state(project) is None


def test_the_round_is_decided_in_one_query(django_assert_num_queries):
    for _ in range(20):
        approved(fiscal_year=2566, start_date=date(2022, 10, 1), end_date=date(2023, 9, 30))

    with django_assert_num_queries(1):
        states = [p.round_state for p in round_projects(**Q1_2566)]

    assert states == ["not_reported"] * 20


def test_a_calendar_year_project_sees_its_own_quarter_in_the_round_list(client, unit):
    from django.urls import reverse

    from orgs.models import Role
    from tests.factories import user_with_role

    approved(
        fiscal_year=2565,
        cycle="calendar",
        owner_unit=unit("SSO"),
        start_date=date(2022, 1, 1),
        end_date=date(2022, 12, 31),
    )
    client.force_login(user_with_role(Role.STAFF, "SSO"))

    page = client.get(
        reverse("reporting:rounds"), {"fiscal_year": 2566, "quarter": 1}
    ).content.decode()

    assert "ไตรมาส 4/2565 (ปีปฏิทิน)" in page


def test_the_due_filter_without_the_reports_join_finds_the_rounds_due_projects():
    for fiscal_year, start, end in (
        (2566, date(2022, 12, 31), date(2023, 9, 30)),  # due
        (2566, date(2023, 1, 1), date(2023, 9, 30)),  # not due yet
        (2565, date(2021, 10, 1), date(2022, 9, 30)),  # ended before
        (2565, date(2021, 10, 1), date(2023, 9, 30)),  # an earlier year's, still running
        (2567, date(2022, 10, 1), date(2024, 9, 30)),  # a later year's
    ):
        approved(fiscal_year=fiscal_year, start_date=start, end_date=end)
    ProjectFactory(fiscal_year=2566, start_date=date(2022, 10, 1), end_date=date(2023, 9, 30))

    due = round_projects(**Q1_2566).filter(round_state__in=["reported", "not_reported"])

    assert set(Project.objects.filter(due_q(Quarter(2566, 1)))) == set(due) != set()
