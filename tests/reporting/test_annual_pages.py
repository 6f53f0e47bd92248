"""The annual report pages: the year's list, the form, who may see and write, the
linked projects' figures, fixed query counts, and the Excel file."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import load_workbook

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import Role
from reporting.models import AnnualIndicatorResult, AnnualReport, QuarterlyReport
from tests.conftest import queries_of
from tests.factories import ProjectFactory, user_with_role
from tests.reporting.annual_factories import annual_window, plan_with_indicators

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(2023, 11, 10, 10, 0)


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def plan(unit):
    plan = plan_with_indicators(2, name="แผนปฏิบัติการด้านการตรวจและประเมินผล")
    plan.co_units.add(unit("0206"))
    return plan


@pytest.fixture
def window():
    return annual_window(2566)


def report_url(plan, year=2566):
    return reverse("reporting:annual_report", args=[plan.pk, year])


def start_url(plan, year=2566):
    return reverse("reporting:annual_report_start", args=[plan.pk, year])


def posted(plan, value="950", **texts) -> dict:
    data = {"summary": "บรรลุเป้าหมาย", "problems": "", "suggestions": "", **texts}
    for indicator in plan.indicators.all():
        data[f"indicator-{indicator.pk}-result_value"] = value
        data[f"indicator-{indicator.pk}-note"] = "ตามแผน"
    return data


def test_the_list_shows_the_plans_that_must_report_and_their_state(client, staff, plan, window):
    client.force_login(staff)
    with freeze(IN_WINDOW):
        client.post(start_url(plan))
        page = client.get(reverse("reporting:annual_list"), {"year": 2566})

    rows = page.context["rows"]
    assert [(r.name, r.state) for r in rows] == [(plan.name, ItemStatus.DRAFT)]
    assert rows[0].window == window
    assert "ร่าง" in page.content.decode()


def test_the_list_defaults_to_the_year_being_reported(client, staff, plan, window):
    client.force_login(staff)

    with freeze(IN_WINDOW):  # fiscal 2567 reports the achievements of 2566
        page = client.get(reverse("reporting:annual_list"))

    assert page.context["year"] == 2566
    assert [r.pk for r in page.context["rows"]] == [plan.pk]


def test_a_co_responsible_unit_sees_the_plan_read_only_and_others_do_not(client, plan, window):
    client.force_login(user_with_role(Role.STAFF, "0206"))
    seen = client.get(reverse("reporting:annual_list"), {"year": 2566}).context["rows"]
    client.force_login(user_with_role(Role.STAFF, "0207"))
    unseen = client.get(reverse("reporting:annual_list"), {"year": 2566}).context["rows"]

    assert [(r.pk, r.can_edit) for r in seen] == [(plan.pk, False)] and unseen == []


def test_the_unit_filter_keeps_that_units_plans(client, plan, window, unit, pyp):
    other = plan_with_indicators(1, owner_unit=unit("0206"))
    client.force_login(pyp)

    page = client.get(reverse("reporting:annual_list"), {"year": 2566, "unit": unit("0206").pk})

    assert [r.pk for r in page.context["rows"]] == [other.pk]


def test_staff_fill_in_the_form_and_it_is_saved(client, staff, plan, window):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        response = client.post(report_url(plan), posted(plan))

    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert report.summary == "บรรลุเป้าหมาย"
    assert set(report.results.values_list("result_value", flat=True)) == {Decimal("950.00")}


def test_a_result_that_is_not_a_number_is_refused_and_nothing_typed_is_lost(
    client, staff, plan, window
):
    client.force_login(staff)
    first = plan.indicators.order_by("position").first()
    data = {**posted(plan, summary="สรุปที่พิมพ์ไว้"), f"indicator-{first.pk}-result_value": "ห้าร้อย"}

    with freeze(IN_WINDOW):
        page = client.post(report_url(plan), data)

    html = page.content.decode()
    assert page.status_code == 200
    assert f"ผลที่ได้ของตัวชี้วัด “{first.name}”: กรุณากรอกเป็นตัวเลข" in html
    assert 'value="ห้าร้อย"' in html and "สรุปที่พิมพ์ไว้" in html
    assert AnnualReport.objects.get().summary == ""


def test_the_form_shows_each_indicators_target_and_the_per_cent_reached(
    client, staff, plan, window
):
    client.force_login(staff)
    with freeze(IN_WINDOW):
        client.post(report_url(plan), posted(plan, value="950"))
        page = client.get(report_url(plan))

    assert [r["percent"] for r in page.context["rows"]] == [Decimal("95.00"), Decimal("95.00")]
    assert "1,000.00 คน" in page.content.decode()


def test_a_co_responsible_unit_views_the_report_but_cannot_edit_it(client, staff, plan, window):
    client.force_login(staff)
    with freeze(IN_WINDOW):
        client.post(report_url(plan), posted(plan))
        client.force_login(user_with_role(Role.STAFF, "0206"))
        page = client.get(report_url(plan))
        refused = client.post(report_url(plan), posted(plan, value="1"))

    assert page.status_code == 200 and page.context["can_edit"] is False
    assert refused.status_code == 403
    assert set(AnnualIndicatorResult.objects.values_list("result_value", flat=True)) == {
        Decimal("950.00")
    }


def test_a_co_responsible_unit_cannot_start_the_report(client, plan, window):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    with freeze(IN_WINDOW):
        opened = client.get(report_url(plan))
        started = client.post(start_url(plan))

    assert opened.status_code == 302 and started.status_code == 403
    assert not AnnualReport.objects.exists()


def test_opening_a_report_not_started_writes_nothing_and_offers_to_start_it(
    client, staff, plan, window
):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.get(report_url(plan))

    html = page.content.decode()
    assert page.status_code == 200 and not AnnualReport.objects.exists()
    assert f'action="{start_url(plan)}"' in html and "เริ่มจัดทำรายงานประจำปี" in html


def test_the_start_button_starts_the_report_and_opens_it(client, staff, plan, window):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        response = client.post(start_url(plan))
        again = client.post(start_url(plan))  # a second click opens the same report

    report = AnnualReport.objects.get()
    assert response.url == again.url == report_url(plan)
    assert report.created_by == staff and report.results.count() == 2


def test_the_list_starts_a_report_in_one_click(client, staff, plan, window):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.get(reverse("reporting:annual_list"), {"year": 2566})

    button = f'<form method="post" class="inline" action="{start_url(plan)}">'
    assert button in page.content.decode()
    assert not AnnualReport.objects.exists()


def test_staff_of_an_unrelated_unit_cannot_open_the_report(client, plan, window):
    client.force_login(user_with_role(Role.STAFF, "0207"))

    with freeze(IN_WINDOW):
        assert client.get(report_url(plan)).status_code == 404


def test_outside_the_window_the_page_sends_staff_back_with_the_reason(client, staff, plan, window):
    client.force_login(staff)

    with freeze(datetime(2024, 1, 5)):
        response = client.get(report_url(plan), follow=True)

    assert "ปิดแล้วเมื่อ 30 ธันวาคม 2566" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_outside_the_window_the_start_button_sends_staff_back_with_the_reason(
    client, staff, plan, window
):
    client.force_login(staff)

    with freeze(datetime(2024, 1, 5)):
        response = client.post(start_url(plan), follow=True)

    assert response.redirect_chain[-1][0] == "/reports/annual/?year=2566"
    assert "ปิดแล้วเมื่อ 30 ธันวาคม 2566" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_staff_submit_on_the_page_and_the_director_approves_there(client, staff, plan, window):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    client.force_login(staff)
    with freeze(IN_WINDOW):
        client.post(report_url(plan), posted(plan))
        report = AnnualReport.objects.get()
        action_url = reverse(
            "approvals:item_action",
            args=[ContentType.objects.get_for_model(AnnualReport).pk, report.pk],
        )
        client.post(action_url, {"action": "submit"})
        read_only = client.get(report_url(plan))
        client.force_login(director)
        director_page = client.get(report_url(plan))
        client.post(action_url, {"action": "approve"})

    report.refresh_from_db()
    assert read_only.context["can_edit"] is False
    assert director_page.context["actions"].can_decide
    assert 'data-action="approve"' in director_page.content.decode()
    assert report.status == ItemStatus.SUBMITTED  # now at the ป.ย.ป. check
    assert report.revision == 1


def linked_project(plan, code, progress, *, quarter=4, status=ItemStatus.APPROVED, **fields):
    project = ProjectFactory(code=code, status=ItemStatus.APPROVED, fiscal_year=2566, **fields)
    project.level3_plans.add(plan)
    if progress is not None:
        QuarterlyReport.objects.create(
            project=project,
            fiscal_year=2566,
            quarter=quarter,
            progress_percent=Decimal(progress),
            result=f"ผลของ {code}",
            status=status,
        )
    return project


def test_the_linked_projects_latest_reports_are_shown_beside_the_form(client, staff, plan, window):
    linked_project(plan, "รง 0209-66-0001", "100")
    older = linked_project(plan, "รง 0209-66-0002", "40", quarter=2)
    QuarterlyReport.objects.create(
        project=older, fiscal_year=2566, quarter=3, progress_percent=Decimal(70), result="ร่าง"
    )  # a draft is not the latest report sent up
    linked_project(plan, "รง 0209-66-0003", None)
    ProjectFactory(code="รง 0209-66-0004", status=ItemStatus.APPROVED)  # not linked
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.post(start_url(plan), follow=True)

    shown = [
        (p.code, p.latest_progress, p.latest_quarter, p.latest_result)
        for p in page.context["projects"]
    ]
    assert shown == [
        ("รง 0209-66-0001", Decimal("100.00"), 4, "ผลของ รง 0209-66-0001"),
        ("รง 0209-66-0002", Decimal("40.00"), 2, "ผลของ รง 0209-66-0002"),
        ("รง 0209-66-0003", None, None, None),
    ]
    assert "ไตรมาส 4/2566" in page.content.decode()


def test_the_report_page_runs_the_same_queries_for_few_and_many_rows(client, staff, window):
    small, large = plan_with_indicators(1), plan_with_indicators(6)
    for n, target in enumerate([small, large, large, large, large, large]):
        linked_project(target, f"รง 0209-66-{n + 1:04d}", "50")
    client.force_login(staff)

    with freeze(IN_WINDOW):
        client.post(start_url(small)), client.post(start_url(large))
        few = queries_of(lambda: client.get(report_url(small)))
        many = queries_of(lambda: client.get(report_url(large)))

    assert few == many


def test_the_list_runs_the_same_queries_for_few_and_many_plans(client, pyp, window, unit):
    plan_with_indicators(1)
    client.force_login(pyp)
    url = reverse("reporting:annual_list")
    few = queries_of(lambda: client.get(url, {"year": 2566}))
    for code in ["0206", "0207", "0209", "0210"]:
        plan_with_indicators(2, owner_unit=unit(code))
    many = queries_of(lambda: client.get(url, {"year": 2566}))

    assert few == many


def test_the_export_lists_each_plans_indicators_and_summary(client, staff, plan, window, pyp):
    client.force_login(staff)
    with freeze(IN_WINDOW):
        client.post(report_url(plan), posted(plan, value="950"))
    plan_with_indicators(1, name="แผนที่ยังไม่รายงาน")
    client.force_login(pyp)

    response = client.get(reverse("reporting:annual_export"), {"year": 2566})

    book = load_workbook(io.BytesIO(response.content))
    indicators = list(book["ตัวชี้วัด"].iter_rows(min_row=3, values_only=True))
    summaries = list(book["สรุปรายแผน"].iter_rows(min_row=3, values_only=True))
    assert book["ตัวชี้วัด"]["A1"].value == "รายงานผลสัมฤทธิ์แผนระดับที่ ๓ ประจำปี พ.ศ. 2566"
    reported = [r for r in indicators if r[0] == plan.name]
    assert [(r[5], r[6], r[7]) for r in reported] == [(1000, 950, 95), (1000, 950, 95)]
    assert ("แผนที่ยังไม่รายงาน", "สตป.", 2566, "ยังไม่เริ่มรายงาน", None, None, None) in summaries
    assert (plan.name, "บรรลุเป้าหมาย", "ร่าง") in [(r[0], r[4], r[3]) for r in summaries]


def test_the_export_holds_only_the_plans_the_user_sees(client, plan, window, unit):
    plan_with_indicators(1, owner_unit=unit("0207"), name="แผนของหน่วยงานอื่น")
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.get(reverse("reporting:annual_export"), {"year": 2566})

    book = load_workbook(io.BytesIO(response.content))
    names = {r[0] for r in book["สรุปรายแผน"].iter_rows(min_row=3, values_only=True)}
    assert names == {plan.name}


def test_export_queries_do_not_grow_with_plans(client, pyp, window, unit):
    plan_with_indicators(1)
    client.force_login(pyp)
    url = reverse("reporting:annual_export")
    few = queries_of(lambda: client.get(url, {"year": 2566}))
    for code in ["0206", "0207", "0210"]:
        plan_with_indicators(3, owner_unit=unit(code))
    many = queries_of(lambda: client.get(url, {"year": 2566}))

    assert few == many


def test_pyp_proposes_the_years_annual_windows_with_the_calendar_year_units_own(client, pyp):
    client.force_login(pyp)

    client.post(reverse("reporting:annual_windows"), {"year": 2566})
    page = client.get(reverse("reporting:annual_list"), {"year": 2566})

    deadlines = sorted(w.chain_deadline for w in page.context["windows"])
    assert deadlines == [date(2023, 12, 30), date(2024, 4, 30)]


def test_staff_may_not_propose_windows(client, staff):
    client.force_login(staff)

    assert client.post(reverse("reporting:annual_windows"), {"year": 2566}).status_code == 403
