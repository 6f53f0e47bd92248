"""Project lists with their M1 links as Excel: the list page's rows, fixed queries, scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from orgs.models import Role
from projects.models import PlanNode
from reporting.exports.services import export_request, export_run
from reporting.models import ExportJob
from tests.factories import BudgetSourceFactory, ProjectFactory, user_with_role
from tests.reporting.test_exports import media, run_export, sheet_rows  # noqa: F401

pytestmark = pytest.mark.django_db
HEADER = "รหัสโครงการ"


def linked_project(unit, **fields):
    project = ProjectFactory(owner_unit=unit, **fields)
    project.plan_nodes.add(PlanNode.objects.get(code="110401"))
    BudgetSourceFactory(project=project, amount=Decimal("1250000.50"))
    return project


def test_the_export_holds_the_rows_the_list_page_shows_for_the_same_filters(client, unit):
    staff = user_with_role(Role.STAFF, "0209")
    for year in [2567, 2567, 2568]:
        linked_project(unit("0209"), fiscal_year=year)
    ProjectFactory(owner_unit=unit("DOE"))  # not the user's
    client.force_login(staff)
    filters = {"fiscal_year": "2567", "sort": "-code"}

    page = client.get(reverse("projects:list"), filters).context["page"]
    job = run_export(staff, "projects", filters)

    rows = sheet_rows(job, header=HEADER)
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [
        (p["code"], p["name"], p["fiscal_year"], p["budget_total"]) for p in page
    ]


def test_each_row_carries_the_projects_m1_links_and_period(unit):
    target = PlanNode.objects.get(code="110401")
    target.name_th = "แรงงานมีทักษะสูงขึ้น"
    target.save(update_fields=["name_th"])
    project = linked_project(unit("0209"), start_date=date(2023, 10, 1), end_date=date(2024, 9, 30))

    job = run_export(user_with_role(Role.STAFF, "0209"), "projects")

    [row] = sheet_rows(job, header=HEADER)
    assert row[:3] == [project.code, project.name, "สตป."]
    assert row[6].date() == date(2023, 10, 1) and row[7].date() == date(2024, 9, 30)
    assert row[9] == str(target.parent.parent)  # master plan 11
    assert row[10] == str(target.parent)  # sub-plan 1104
    assert (row[13], row[14]) == ("110401", "แรงงานมีทักษะสูงขึ้น")


def test_numbers_and_dates_are_formatted_for_thai_officials(unit):
    linked_project(unit("0209"))

    job = run_export(user_with_role(Role.STAFF, "0209"), "projects")

    sheet = load_workbook(job.file.path).active
    assert sheet.freeze_panes == "A3"
    assert [sheet.cell(3, c).number_format for c in (4, 6, 7)] == [
        "0",
        "#,##0.00",
        "[$-107041E]d mmm yyyy",
    ]


def test_the_export_runs_the_same_queries_for_few_or_many_projects(unit):
    staff = user_with_role(Role.STAFF, "0209")

    def queries_for_export() -> int:
        job = export_request(user=staff, kind="projects", params={})
        with CaptureQueriesContext(connection) as captured:
            export_run(job_id=job.pk)
        return len(captured.captured_queries)

    linked_project(unit("0209"))
    few = queries_for_export()
    for _ in range(12):
        linked_project(unit("0209"))
    assert queries_for_export() == few


def test_a_division_user_may_not_export_another_units_list(client, unit):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(
        reverse("reporting:export_request", args=["projects"]) + f"?unit={unit('DOE').pk}"
    )

    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_a_division_users_list_holds_only_their_units_projects(unit):
    mine = ProjectFactory(owner_unit=unit("0209"))
    ProjectFactory(owner_unit=unit("DOE"))

    job = run_export(user_with_role(Role.STAFF, "0209"), "projects")

    assert [r[0] for r in sheet_rows(job, header=HEADER)] == [mine.code]


def test_the_list_button_posts_the_page_filters(client, unit):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("projects:list"), {"fiscal_year": "2567"}).content.decode()
    client.post(reverse("reporting:export_request", args=["projects"]) + "?fiscal_year=2567")

    assert reverse("reporting:export_request", args=["projects"]) + "?fiscal_year=2567" in page
    assert ExportJob.objects.get().params == {"fiscal_year": "2567"}
