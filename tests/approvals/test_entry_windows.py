"""A project entry belongs to its entry window, so the inbox's round filter and its
รอบ/กำหนด columns show project entries too (issue 17, item 3)."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from approvals.models import Approval
from approvals.services.transitions import item_submit
from core.clock import freeze
from orgs.models import Role
from tests.factories import complete_project, user_with_role
from windows.models import Window, WindowKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry_window():
    return Window.objects.create(
        fiscal_year=2567,
        kind=WindowKind.PROJECT_ENTRY,
        name="นำเข้าโครงการประจำปี 2567",
        opens_on=date(2023, 10, 1),
        unit_deadline=date(2023, 12, 15),
        chain_deadline=date(2023, 12, 31),
    )


def test_a_submitted_project_entry_carries_its_entry_window(unit, entry_window):
    staff = user_with_role(Role.STAFF, "0209")
    project = complete_project(owner_unit=unit("0209"), fiscal_year=2567, created_by=staff)

    with freeze(datetime(2023, 11, 1, 10, 0)):
        item_submit(item=project, actor=staff)

    assert Approval.objects.get(object_id=project.pk, revision=1).window == entry_window


def test_the_inbox_round_filter_lists_the_entries_waiting_in_that_window(
    client, unit, entry_window
):
    staff = user_with_role(Role.STAFF, "0209")
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    project = complete_project(owner_unit=unit("0209"), fiscal_year=2567, created_by=staff)
    with freeze(datetime(2023, 11, 1, 10, 0)):
        item_submit(item=project, actor=staff)
    client.force_login(director)

    with freeze(datetime(2023, 11, 2, 10, 0)):
        page = client.get(reverse("approvals:inbox"), {"window": entry_window.pk})

    assert project.code in page.content.decode()


def test_a_report_made_without_its_window_is_filed_under_its_round(unit):
    from reporting.models import QuarterlyReport
    from tests.factories import ProjectFactory, WindowFactory

    window = WindowFactory(fiscal_year=2567, quarter=1)
    staff = user_with_role(Role.STAFF, "0209")
    project = ProjectFactory(
        owner_unit=unit("0209"),
        status="approved",
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    report = QuarterlyReport.objects.create(
        project=project, fiscal_year=2567, quarter=1, progress_percent=100, result="ผล"
    )

    with freeze(datetime(2024, 1, 10, 10, 0)):
        item_submit(item=report, actor=staff)

    assert (
        Approval.objects.get(object_id=report.pk, content_type__model="quarterlyreport").window
        == window
    )
