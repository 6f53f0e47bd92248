"""M6 quarterly reports inside their window, and through the chain."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.models import ItemStatus
from approvals.services.transitions import item_approve, item_submit
from core.clock import freeze
from orgs.models import Role
from reporting.models import QuarterlyReport
from reporting.services import report_save, report_start
from tests.factories import ProjectFactory, WindowFactory, user_with_role
from windows.rules import extension_grant

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(
    2024, 1, 10, 10, 0
)  # Q1/2567 window: opens 1 Jan, unit 16 Jan, chain 30 Jan 2024
AFTER_CHAIN = datetime(2024, 1, 31, 9, 0)
REPORT = {
    "progress_percent": Decimal("40"),
    "disbursed": Decimal("250000"),
    "result": "อบรมแล้ว ๒ รุ่น",
    "problems": "วิทยากรไม่ว่าง",
    "suggestions": "",
    "contribution_level1": "",
    "contribution_level2": "",
    "contribution_level3": "",
}


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def project(unit):
    return ProjectFactory(
        owner_unit=unit("0209"),
        status=ItemStatus.APPROVED,
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )


@pytest.fixture
def window():
    return WindowFactory(fiscal_year=2567, quarter=1)


def test_staff_start_and_save_a_report_inside_the_window(staff, project, window):
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        saved = report_save(user=staff, report=report, data=REPORT, targets={}, activities={})

    assert (saved.status, saved.progress_percent, saved.window) == (
        ItemStatus.DRAFT,
        Decimal("40.00"),
        window,
    )


def test_the_previous_quarters_answers_are_offered_as_a_starting_point(staff, project):
    WindowFactory(
        fiscal_year=2567,
        quarter=2,
        opens_on=date(2024, 4, 1),
        unit_deadline=date(2024, 4, 16),
        chain_deadline=date(2024, 4, 30),
    )
    QuarterlyReport.objects.create(
        project=project,
        fiscal_year=2567,
        quarter=1,
        progress_percent=Decimal(40),
        result="ผลไตรมาสแรก",
        problems="ปัญหาเดิม",
    )

    with freeze(datetime(2024, 4, 5)):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=2)

    assert (report.progress_percent, report.result, report.problems) == (
        Decimal(40),
        "ผลไตรมาสแรก",
        "ปัญหาเดิม",
    )


def test_a_report_cannot_start_before_the_window_opens(staff, project, window):
    with freeze(datetime(2023, 12, 20)), pytest.raises(ValidationError, match="ยังไม่เปิด"):
        report_start(user=staff, project=project, fiscal_year=2567, quarter=1)


def test_after_the_chain_deadline_the_report_is_locked(staff, project, window):
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)

    with freeze(AFTER_CHAIN), pytest.raises(ValidationError, match="ปิดแล้วเมื่อ 30 มกราคม 2567"):
        report_save(user=staff, report=report, data=REPORT, targets={}, activities={})


def test_an_extension_reopens_the_window_for_that_unit_only(staff, project, window, unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    other = ProjectFactory(
        owner_unit=unit("0206"),
        status=ItemStatus.APPROVED,
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    extension_grant(
        window=window,
        user=pyp,
        until=date(2024, 2, 7),
        reason="ระบบของหน่วยงานขัดข้อง",
        unit=unit("0209"),
    )

    with freeze(AFTER_CHAIN):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        with pytest.raises(ValidationError, match="ปิดแล้ว"):
            report_start(
                user=user_with_role(Role.STAFF, "0206"), project=other, fiscal_year=2567, quarter=1
            )

    assert report.pk is not None


def test_only_pyp_may_extend_a_window(staff, window, unit):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        extension_grant(
            window=window, user=staff, until=date(2024, 2, 7), reason="ขอขยาย", unit=unit("0209")
        )


def test_a_project_not_in_the_round_cannot_report(staff, unit, window):
    later = ProjectFactory(
        owner_unit=unit("0209"),
        status=ItemStatus.APPROVED,
        start_date=date(2024, 4, 1),
        end_date=date(2024, 9, 30),
    )

    with freeze(IN_WINDOW), pytest.raises(ValidationError, match="ไม่อยู่ในรอบรายงาน"):
        report_start(user=staff, project=later, fiscal_year=2567, quarter=1)


def test_progress_over_one_hundred_is_refused(staff, project, window):
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        with pytest.raises(ValidationError, match="๐ ถึง ๑๐๐"):
            report_save(
                user=staff,
                report=report,
                data={**REPORT, "progress_percent": Decimal("101")},
                targets={},
                activities={},
            )


def test_a_report_goes_up_the_chain_and_is_then_locked_for_editing(staff, project, window):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        report = report_save(user=staff, report=report, data=REPORT, targets={}, activities={})
        item_submit(item=report, actor=staff)
        item_approve(item=report, actor=director)
        with pytest.raises(ValidationError, match="อยู่ระหว่างการอนุมัติ"):
            report_save(user=staff, report=report, data=REPORT, targets={}, activities={})

    report.refresh_from_db()
    assert report.status == ItemStatus.SUBMITTED


def test_an_unfinished_project_must_state_its_problems_before_submitting(staff, project, window):
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        report_save(
            user=staff, report=report, data={**REPORT, "problems": ""}, targets={}, activities={}
        )
        with pytest.raises(ValidationError, match="กรุณาระบุปัญหาและอุปสรรค"):
            item_submit(item=report, actor=staff)


def test_the_report_page_saves_typed_rows_and_shows_the_plan(client, staff, project, window):
    from projects.models import SpendingPlan
    from tests.factories import ActivityFactory, ProjectTargetFactory

    target = ProjectTargetFactory(project=project)
    activity = ActivityFactory(project=project)
    SpendingPlan.objects.create(
        project=project, fiscal_year=2567, quarter=1, amount=Decimal("300000")
    )
    client.force_login(staff)
    url = reverse("reporting:report", args=[project.pk, 2567, 1])

    with freeze(IN_WINDOW):
        client.post(reverse("reporting:report_start", args=[project.pk, 2567, 1]))
        page = client.get(url)
        assert page.context["figures"]["planned_this_quarter"] == Decimal("300000")
        client.post(
            url,
            {
                **{k: v for k, v in REPORT.items()},
                f"target-{target.pk}-result_value": "120",
                f"activity-{activity.pk}-progress_percent": "50",
            },
        )

    report = QuarterlyReport.objects.get()
    assert report.target_progress.get().result_value == Decimal("120.00")
    assert report.activity_progress.get().progress_percent == Decimal("50.00")


def test_staff_of_another_unit_cannot_open_the_report(client, project, window):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    assert client.get(reverse("reporting:report", args=[project.pk, 2567, 1])).status_code == 404


def test_opening_a_report_not_started_writes_nothing_and_offers_the_start_button(
    client, staff, project, window
):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.get(reverse("reporting:report", args=[project.pk, 2567, 1]))

    assert not QuarterlyReport.objects.exists()
    assert page.status_code == 200
    start = reverse("reporting:report_start", args=[project.pk, 2567, 1])
    assert f'action="{start}"' in page.content.decode()


def test_the_start_button_starts_the_report_once_and_opens_it(client, staff, project, window):
    client.force_login(staff)
    start = reverse("reporting:report_start", args=[project.pk, 2567, 1])

    with freeze(IN_WINDOW):
        first = client.post(start)
        second = client.post(start)

    report = QuarterlyReport.objects.get()
    assert first.url == second.url == report.get_absolute_url()


def test_the_round_list_starts_a_report_by_post_and_creates_nothing_when_shown(
    client, staff, project, window
):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.get(reverse("reporting:rounds"), {"fiscal_year": 2567, "quarter": 1})

    assert not QuarterlyReport.objects.exists()
    start = reverse("reporting:report_start", args=[project.pk, 2567, 1])
    assert f'<form method="post" action="{start}">' in page.content.decode()


def test_outside_the_window_the_report_page_says_why_and_creates_nothing(
    client, staff, project, window
):
    client.force_login(staff)

    with freeze(datetime(2024, 3, 1, 10, 0)):
        page = client.get(reverse("reporting:report", args=[project.pk, 2567, 1]), follow=True)

    assert not QuarterlyReport.objects.exists()
    assert "ปิดแล้ว" in page.content.decode()
