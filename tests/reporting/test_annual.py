"""Annual achievement reports of level-3 plans: inside their window, validated, and
through the M7 chain like a quarterly report."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.items import checklist_points
from approvals.models import Action, ItemStatus, Transition
from approvals.selectors import trail_for
from approvals.services.transitions import item_approve, item_return, item_submit
from core.clock import freeze
from orgs.models import Role
from reporting.annual.services import annual_report_save, annual_report_start
from reporting.models import AnnualIndicatorResult
from tests.factories import user_with_role
from tests.reporting.annual_factories import annual_window, plan_with_indicators
from windows.rules import extension_grant

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(2023, 11, 10, 10, 0)  # the 2566 window: 1 Oct – 30 Dec 2023
AFTER_CHAIN = datetime(2024, 1, 3, 9, 0)
ALL_TICKED = {key: True for key, _ in checklist_points()}  # every kind's ป.ย.ป. points
TEXTS = {"summary": "บรรลุเป้าหมายร้อยละ ๙๐", "problems": "งบประมาณล่าช้า", "suggestions": ""}


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def plan():
    return plan_with_indicators(2)


@pytest.fixture
def window():
    return annual_window(2566)


def full_results(plan, value="950") -> dict:
    return {i.pk: {"result_value": Decimal(value), "note": "ตามแผน"} for i in plan.indicators.all()}


def filled_report(staff, plan):
    report = annual_report_start(user=staff, plan=plan, year=2566)
    return annual_report_save(user=staff, report=report, data=TEXTS, results=full_results(plan))


def test_a_new_report_starts_with_one_row_for_each_indicator_of_the_plan(staff, plan, window):
    with freeze(IN_WINDOW):
        report = annual_report_start(user=staff, plan=plan, year=2566)

    assert sorted(report.results.values_list("indicator_id", flat=True)) == sorted(
        plan.indicators.values_list("pk", flat=True)
    )
    assert (report.status, report.window) == (ItemStatus.DRAFT, window)


def test_staff_save_results_and_texts_as_a_draft(staff, plan, window):
    with freeze(IN_WINDOW):
        report = filled_report(staff, plan)

    assert report.summary == TEXTS["summary"]
    assert set(AnnualIndicatorResult.objects.values_list("result_value", flat=True)) == {
        Decimal("950.00")
    }


def test_staff_of_another_unit_cannot_start_the_report(plan, window):
    with freeze(IN_WINDOW), pytest.raises(PermissionDenied):
        annual_report_start(user=user_with_role(Role.STAFF, "0206"), plan=plan, year=2566)


def test_a_year_outside_the_plans_period_has_no_report(staff, plan):
    annual_window(2571)

    with freeze(datetime(2028, 11, 1)), pytest.raises(ValidationError, match="ไม่อยู่ในช่วง"):
        annual_report_start(user=staff, plan=plan, year=2571)


def test_a_plan_not_yet_approved_does_not_report(staff, window):
    draft_plan = plan_with_indicators(1, status=ItemStatus.DRAFT)

    with freeze(IN_WINDOW), pytest.raises(ValidationError, match="ยังไม่ได้รับอนุมัติ"):
        annual_report_start(user=staff, plan=draft_plan, year=2566)


def test_a_report_cannot_start_before_the_window_opens(staff, plan, window):
    with freeze(datetime(2023, 9, 20)), pytest.raises(ValidationError, match="ยังไม่เปิด"):
        annual_report_start(user=staff, plan=plan, year=2566)


def test_without_a_window_the_report_cannot_start(staff, plan):
    with freeze(IN_WINDOW), pytest.raises(ValidationError, match="ยังไม่ได้เปิดรอบ"):
        annual_report_start(user=staff, plan=plan, year=2566)


def test_after_the_chain_deadline_the_report_is_locked(staff, plan, window):
    with freeze(IN_WINDOW):
        report = annual_report_start(user=staff, plan=plan, year=2566)

    with freeze(AFTER_CHAIN), pytest.raises(ValidationError, match="ปิดแล้วเมื่อ 30 ธันวาคม 2566"):
        annual_report_save(user=staff, report=report, data=TEXTS, results={})


def test_an_extension_for_the_unit_reopens_the_window(staff, plan, window, unit, pyp):
    extension_grant(
        window=window, user=pyp, until=date(2024, 1, 15), reason="ผู้รับผิดชอบย้าย", unit=unit("0209")
    )

    with freeze(AFTER_CHAIN):
        report = filled_report(staff, plan)
        item_submit(item=report, actor=staff)

    report.refresh_from_db()
    assert report.status == ItemStatus.SUBMITTED


def test_an_extension_for_one_report_lets_only_that_report_in(staff, plan, window, pyp):
    with freeze(IN_WINDOW):
        report = annual_report_start(user=staff, plan=plan, year=2566)
    extension_grant(
        window=window, user=pyp, until=date(2024, 1, 15), reason="แก้ไขตามที่ส่งกลับ", item=report
    )
    other = plan_with_indicators(1)

    with freeze(AFTER_CHAIN):
        annual_report_save(user=staff, report=report, data=TEXTS, results=full_results(plan))
        with pytest.raises(ValidationError, match="ปิดแล้ว"):
            annual_report_start(user=staff, plan=other, year=2566)


def test_a_calendar_year_units_plan_reports_in_its_own_window(unit, pyp):
    """Seed 001: สปส. reports its calendar-year plan by 30 April, not 30 December."""
    annual_window(2566)
    sso_window = annual_window(
        2566, unit_deadline=date(2024, 4, 15), chain_deadline=date(2024, 4, 30)
    )
    sso_window.units.add(unit("SSO"))
    sso_staff = user_with_role(Role.STAFF, "SSO")
    sso_plan = plan_with_indicators(1, owner_unit=unit("SSO"))

    with freeze(datetime(2024, 3, 1)):
        report = annual_report_start(user=sso_staff, plan=sso_plan, year=2566)

    assert report.window == sso_window


def test_submission_needs_a_result_for_every_indicator_and_a_summary(staff, plan, window):
    first, second = plan.indicators.order_by("position")
    with freeze(IN_WINDOW):
        report = annual_report_start(user=staff, plan=plan, year=2566)
        annual_report_save(
            user=staff,
            report=report,
            data={**TEXTS, "summary": ""},
            results={first.pk: {"result_value": Decimal(10), "note": ""}},
        )
        with pytest.raises(ValidationError) as refused:
            item_submit(item=report, actor=staff)

    assert any(second.name in m for m in refused.value.messages)
    assert "ยังไม่ได้กรอกสรุปผลสัมฤทธิ์" in refused.value.messages
    assert not any(first.name in m for m in refused.value.messages)


def test_a_result_that_is_not_a_finite_number_is_refused(staff, plan, window):
    indicator = plan.indicators.first()
    with freeze(IN_WINDOW):
        report = annual_report_start(user=staff, plan=plan, year=2566)
        with pytest.raises(ValidationError, match="มากเกินไป"):
            annual_report_save(
                user=staff,
                report=report,
                data=TEXTS,
                results={indicator.pk: {"result_value": Decimal("1e17"), "note": ""}},
            )


def test_a_report_climbs_the_chain_to_final_approval(staff, plan, window, pyp):
    approvers = [
        user_with_role(Role.DIVISION_DIRECTOR, "0209"),
        pyp,
        user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"),
        user_with_role(Role.PERMANENT_SECRETARY, "MOL"),
    ]
    with freeze(IN_WINDOW):
        report = filled_report(staff, plan)
        item_submit(item=report, actor=staff)
        for approver in approvers:
            item_approve(item=report, actor=approver, checklist=ALL_TICKED)

    report.refresh_from_db()
    assert report.status == ItemStatus.APPROVED
    assert [t.action for t in trail_for(report)] == [
        "submit",
        "approve",
        "check",
        "approve",
        "approve",
    ]


def test_a_returned_report_carries_the_reason_and_can_be_fixed_and_resubmitted(staff, plan, window):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    with freeze(IN_WINDOW):
        report = filled_report(staff, plan)
        item_submit(item=report, actor=staff)
        item_return(item=report, actor=director, reason="ผลตัวชี้วัดที่ ๒ ไม่ตรงกับรายงานไตรมาส")
        report.refresh_from_db()
        assert report.status == ItemStatus.RETURNED
        annual_report_save(user=staff, report=report, data=TEXTS, results=full_results(plan, "900"))
        item_submit(item=report, actor=staff)

    report.refresh_from_db()
    assert report.status == ItemStatus.SUBMITTED
    assert Transition.objects.get(action=Action.RETURN).comment == "ผลตัวชี้วัดที่ ๒ ไม่ตรงกับรายงานไตรมาส"


def test_a_report_in_the_chain_cannot_be_edited(staff, plan, window):
    with freeze(IN_WINDOW):
        report = filled_report(staff, plan)
        item_submit(item=report, actor=staff)
        with pytest.raises(ValidationError, match="อยู่ระหว่างการอนุมัติ"):
            annual_report_save(user=staff, report=report, data=TEXTS, results={})


def test_changing_an_approved_report_opens_a_new_revision(staff, plan, window, pyp):
    approvers = [
        user_with_role(Role.DIVISION_DIRECTOR, "0209"),
        pyp,
        user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"),
        user_with_role(Role.PERMANENT_SECRETARY, "MOL"),
    ]
    with freeze(IN_WINDOW):
        report = filled_report(staff, plan)
        item_submit(item=report, actor=staff)
        for approver in approvers:
            item_approve(item=report, actor=approver, checklist=ALL_TICKED)
        report.refresh_from_db()
        changed = annual_report_save(user=staff, report=report, data=TEXTS, results={})

    assert (changed.status, changed.revision) == (ItemStatus.DRAFT, 2)
