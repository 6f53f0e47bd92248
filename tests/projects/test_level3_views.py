"""Level-3 plan pages: the list and its filters, the plan page with its linked
projects' progress, the Excel export read back, and fixed query counts."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from approvals.models import ItemStatus
from orgs.models import Role
from tests.conftest import queries_of
from tests.factories import ProjectFactory, QuarterlyReportFactory, user_with_role
from tests.projects.level3_factories import (
    Level3PlanFactory,
    add_document,
    complete_plan,
    media_root,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


def plans(unit, n: int):
    """n plans of 0209, each shared with 0206, with 2 indicators, a document and 2 projects."""
    made = []
    for _ in range(n):
        plan = complete_plan(owner_unit=unit("0209"), co_units=[unit("0206")], indicators=2)
        add_document(plan, version=2)
        for _ in range(2):
            project = ProjectFactory(owner_unit=unit("0209"))
            project.level3_plans.add(plan)
            QuarterlyReportFactory(project=project, status=ItemStatus.APPROVED)
        made.append(plan)
    return made


def test_the_list_filters_by_year_unit_and_type(client, staff, unit):
    current = Level3PlanFactory(owner_unit=unit("0209"), start_year=2567, end_year=2570)
    Level3PlanFactory(owner_unit=unit("0209"), start_year=2561, end_year=2565)
    annual = Level3PlanFactory(
        owner_unit=unit("0209-3"), plan_type="annual", start_year=2567, end_year=2567
    )
    client.force_login(staff)
    url = reverse("projects:level3:list")

    assert set(client.get(url, {"year": 2567}).context["page"]) == {current, annual}
    assert list(client.get(url, {"unit": unit("0209-3").pk}).context["page"]) == [annual]
    assert list(client.get(url, {"plan_type": "annual"}).context["page"]) == [annual]


def test_the_unit_filter_also_finds_plans_the_unit_shares(client, unit):
    shared = Level3PlanFactory(owner_unit=unit("0209"))
    shared.co_units.add(unit("0206"))
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))

    page = client.get(reverse("projects:level3:list"), {"unit": unit("0206").pk}).context["page"]

    assert list(page) == [shared]


def test_the_plan_page_shows_each_linked_projects_latest_reported_progress(client, staff, unit):
    plan = complete_plan(owner_unit=unit("0209"))
    project = ProjectFactory(owner_unit=unit("0209"))
    project.level3_plans.add(plan)
    QuarterlyReportFactory(
        project=project, quarter=1, progress_percent=Decimal(25), status=ItemStatus.APPROVED
    )
    QuarterlyReportFactory(
        project=project, quarter=2, progress_percent=Decimal(60), status=ItemStatus.SUBMITTED
    )
    QuarterlyReportFactory(
        project=project, quarter=3, progress_percent=Decimal(90), status=ItemStatus.DRAFT
    )
    client.force_login(staff)

    response = client.get(reverse("projects:level3:detail", args=[plan.pk]))

    row = list(response.context["projects"])[0]
    assert (row.latest_progress, row.latest_quarter, row.may_open) == (Decimal(60), 2, True)
    assert "ไตรมาส 2/2567" in response.content.decode()


def test_a_co_responsible_user_sees_linked_projects_of_the_owner_without_links(client, unit):
    plan = complete_plan(owner_unit=unit("0209"), co_units=[unit("0206")])
    project = ProjectFactory(owner_unit=unit("0209"))
    project.level3_plans.add(plan)
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.get(reverse("projects:level3:detail", args=[plan.pk]))

    assert list(response.context["projects"])[0].may_open is False
    assert reverse("projects:detail", args=[project.pk]) not in response.content.decode()


def test_the_export_holds_the_filtered_plans_and_their_yearly_targets(client, staff, unit):
    plan = complete_plan(
        owner_unit=unit("0209"), co_units=[unit("0206")], start_year=2567, end_year=2568
    )
    Level3PlanFactory(owner_unit=unit("0209"), start_year=2561, end_year=2565)
    client.force_login(staff)

    response = client.get(reverse("projects:level3:export"), {"year": 2567})

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    plans_sheet, targets_sheet = book.worksheets
    rows = list(plans_sheet.iter_rows(values_only=True))
    assert rows[1][:6] == (
        "ชื่อแผน",
        "ประเภทแผน",
        "หน่วยงานเจ้าของแผน",
        "หน่วยงานร่วมรับผิดชอบ",
        "ปีเริ่มต้น (พ.ศ.)",
        "ปีสิ้นสุด (พ.ศ.)",
    )
    assert [r[0] for r in rows[2:]] == [plan.name]
    assert rows[2][3] == "กยผ." and rows[2][7] == "110401"
    targets = list(targets_sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[5], r[6]) for r in targets] == [(2567, 3567), (2568, 3568)]


def test_the_list_runs_the_same_queries_for_few_and_many_plans(client, staff, unit):
    client.force_login(staff)
    url = reverse("projects:level3:list")
    plans(unit, 1)
    few = queries_of(lambda: client.get(url))
    plans(unit, 4)
    many = queries_of(lambda: client.get(url))

    assert few == many


def test_the_plan_page_runs_the_same_queries_for_few_and_many_rows(client, staff, unit):
    client.force_login(staff)
    small, large = (
        plans(unit, 1)[0],
        complete_plan(owner_unit=unit("0209"), indicators=6, co_units=[unit("0206"), unit("0207")]),
    )
    for version in (2, 3, 4):
        add_document(large, version=version)
    for _ in range(5):
        project = ProjectFactory(owner_unit=unit("0209"))
        project.level3_plans.add(large)
        QuarterlyReportFactory(project=project, status=ItemStatus.APPROVED)

    few = queries_of(lambda: client.get(reverse("projects:level3:detail", args=[small.pk])))
    many = queries_of(lambda: client.get(reverse("projects:level3:detail", args=[large.pk])))

    assert few == many


def test_the_export_runs_the_same_queries_for_few_and_many_plans(client, staff, unit):
    client.force_login(staff)
    url = reverse("projects:level3:export")
    plans(unit, 1)
    few = queries_of(lambda: b"".join(client.get(url).streaming_content))
    plans(unit, 4)
    many = queries_of(lambda: b"".join(client.get(url).streaming_content))

    assert few == many
