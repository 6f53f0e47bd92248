"""The deadline tasks for the annual-report window: open, remind, mark late and lock,
with time moved by the one clock; and the statutory windows the product proposes."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from approvals.models import Approval, Notification
from approvals.services.transitions import item_submit
from core.clock import freeze
from orgs.models import Role
from reporting.annual.services import annual_report_save, annual_report_start
from reporting.deadlines import run_deadlines
from tests.factories import user_with_role
from tests.reporting.annual_factories import annual_window, plan_with_indicators
from windows.models import Window, WindowKind
from windows.rules import calendar_unit_window_defaults, unit_windows_propose, window_defaults

pytestmark = pytest.mark.django_db
# The window of 2566's achievements: opens 1 Oct 2023, unit deadline 15 Dec, chain 30 Dec.


@pytest.fixture
def setting(pyp):
    return {
        "staff": user_with_role(Role.STAFF, "0209"),
        "director": user_with_role(Role.DIVISION_DIRECTOR, "0209"),
        "pyp": pyp,
        "window": annual_window(2566),
        "plan": plan_with_indicators(1),
    }


def run_on(day: date) -> dict:
    with freeze(datetime.combine(day, datetime.min.time().replace(hour=8))):
        return run_deadlines(day)


def notices(user, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


def submit_report(setting) -> None:
    plan, staff = setting["plan"], setting["staff"]
    with freeze(datetime(2023, 11, 1, 10, 0)):
        report = annual_report_start(user=staff, plan=plan, year=2566)
        results = {i.pk: {"result_value": Decimal(10), "note": ""} for i in plan.indicators.all()}
        annual_report_save(user=staff, report=report, data={"summary": "ครบ"}, results=results)
        item_submit(item=report, actor=staff)


def test_opening_the_window_sends_staff_to_the_annual_reports_page_once(setting):
    run_on(date(2023, 10, 1))
    run_on(date(2023, 10, 1))

    opened = notices(setting["staff"], "window_open")
    assert [n.url for n in opened] == ["/reports/annual/?year=2566"]


def test_staff_with_a_plan_not_reported_are_reminded_7_3_and_1_days_before_the_unit_deadline(
    setting,
):
    for day in range(1, 16):
        run_on(date(2023, 12, day))
        run_on(date(2023, 12, day))

    titles = sorted(n.title[:9] for n in notices(setting["staff"], "reminder"))
    assert titles == ["อีก 1 วัน", "อีก 3 วัน", "อีก 7 วัน"]


def test_a_unit_whose_plans_are_all_reported_is_not_reminded(setting):
    submit_report(setting)

    run_on(date(2023, 12, 8))

    assert notices(setting["staff"], "reminder") == []
    assert len(notices(setting["director"], "reminder")) == 1  # the report waits for them


def test_after_the_unit_deadline_a_plan_not_reported_makes_its_unit_late(setting):
    run_on(date(2023, 12, 16))
    run_on(date(2023, 12, 16))

    assert len(notices(setting["director"], "late")) == 1
    assert "1 รายการ" in notices(setting["pyp"], "late")[0].body


def test_a_report_still_with_the_director_at_the_unit_deadline_is_late(setting):
    submit_report(setting)

    run_on(date(2023, 12, 16))

    assert Approval.objects.get().is_late


def test_a_unit_with_an_extension_is_not_marked_late(setting, unit):
    from windows.rules import extension_grant

    extension_grant(
        window=setting["window"],
        user=setting["pyp"],
        until=date(2024, 1, 10),
        reason="เปลี่ยนผู้รับผิดชอบ",
        unit=unit("0209"),
    )

    run_on(date(2023, 12, 16))

    assert notices(setting["director"], "late") == []


def test_after_the_chain_deadline_the_window_locks_and_entry_is_refused(setting):
    run_on(date(2023, 12, 31))

    assert Window.objects.get().locked_at is not None
    with freeze(datetime(2023, 12, 31, 9, 0)), pytest.raises(ValidationError, match="ปิดแล้ว"):
        annual_report_start(user=setting["staff"], plan=setting["plan"], year=2566)


def test_a_calendar_year_units_plans_follow_their_own_window_not_the_general_one(setting, unit):
    sso_window = annual_window(
        2566, unit_deadline=date(2024, 4, 15), chain_deadline=date(2024, 4, 30)
    )
    sso_window.units.add(unit("SSO"))
    plan_with_indicators(1, owner_unit=unit("SSO"))
    sso_director = user_with_role(Role.DEPARTMENT_HEAD, "SSO")

    run_on(date(2023, 12, 16))
    assert notices(sso_director, "late") == []
    run_on(date(2024, 4, 16))

    assert len(notices(sso_director, "late")) == 1


def test_the_general_window_reports_fiscal_year_units_by_30_december():
    annual = next(w for w in window_defaults(2567) if w["kind"] == WindowKind.ANNUAL_REPORT)

    assert (annual["opens_on"], annual["chain_deadline"]) == (date(2023, 10, 1), date(2023, 12, 30))


def test_calendar_year_units_get_their_own_window_by_30_april(unit):
    (sso,) = calendar_unit_window_defaults(2567)

    assert (sso["kind"], sso["chain_deadline"], sso["units"]) == (
        WindowKind.ANNUAL_REPORT,
        date(2024, 4, 30),
        [unit("SSO")],
    )


def test_proposing_the_calendar_year_units_window_twice_creates_it_once(pyp, unit):
    first = unit_windows_propose(fiscal_year=2567, user=pyp)
    second = unit_windows_propose(fiscal_year=2567, user=pyp)

    assert len(first) == 1 and second == []
    assert list(Window.objects.get().units.all()) == [unit("SSO")]
