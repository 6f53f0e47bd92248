"""Windows and deadlines enforced by the beat tasks, with time moved by the one clock."""

from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from approvals.models import Approval, Notification
from approvals.services.transitions import item_submit
from core.clock import freeze
from orgs.models import Role
from reporting.deadlines import run_deadlines, run_digest
from reporting.models import DeadlineRun, QuarterlyReport
from reporting.services import report_save, report_start
from tests.factories import ProjectFactory, WindowFactory, user_with_role
from windows.models import Window
from windows.rules import extension_grant

pytestmark = pytest.mark.django_db
# Window Q1/2567: opens 1 Jan 2024, unit deadline 16 Jan, chain deadline 30 Jan.


@pytest.fixture
def setting(unit):
    staff = user_with_role(Role.STAFF, "0209")
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    window = WindowFactory(fiscal_year=2567, quarter=1)
    project = ProjectFactory(
        owner_unit=unit("0209"),
        status="approved",
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    return {"staff": staff, "director": director, "pyp": pyp, "window": window, "project": project}


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def submit_report(setting) -> None:
    """Staff report on the project on 5 January and send it to the director."""
    with freeze(datetime(2024, 1, 5)):
        report = report_start(
            user=setting["staff"], project=setting["project"], fiscal_year=2567, quarter=1
        )
        data = {"progress_percent": Decimal(30), "result": "ทำแล้ว", "problems": "ล่าช้า"}
        report_save(user=setting["staff"], report=report, data=data, targets={}, activities={})
        item_submit(item=report, actor=setting["staff"])


def run_on(day: date) -> dict:
    with freeze(datetime.combine(day, datetime.min.time().replace(hour=8))):
        return run_deadlines(day)


def test_opening_a_window_tells_staff_once(setting):
    run_on(date(2024, 1, 1))
    run_on(date(2024, 1, 1))

    assert kinds_for(setting["staff"]) == ["window_open"]
    assert Window.objects.get().opened_at is not None


def test_staff_with_unreported_projects_are_reminded_7_3_and_1_days_before_the_unit_deadline(
    setting,
):
    for day in range(1, 17):
        run_on(date(2024, 1, day))
        run_on(date(2024, 1, day))  # every run twice: nothing is sent twice

    reminders = Notification.objects.filter(recipient=setting["staff"], kind="reminder")
    assert sorted(n.title[:9] for n in reminders) == ["อีก 1 วัน", "อีก 3 วัน", "อีก 7 วัน"]


def test_a_director_holding_a_report_is_reminded_before_the_unit_deadline(setting):
    submit_report(setting)

    run_on(date(2024, 1, 13))

    assert "reminder" in kinds_for(setting["director"])


def test_after_the_unit_deadline_unfinished_items_are_late_and_heads_and_pyp_are_told(setting):
    submit_report(setting)

    run_on(date(2024, 1, 16))
    assert not Approval.objects.get().is_late
    run_on(date(2024, 1, 17))
    run_on(date(2024, 1, 17))

    assert Approval.objects.get().is_late
    assert kinds_for(setting["director"]).count("late") == 1
    assert kinds_for(setting["pyp"]).count("late") == 1


def test_a_departments_own_report_waiting_at_its_heads_step_is_late(setting, unit):
    """A department's own items start at its head's step (no division director): that is
    the unit's step the unit deadline includes."""
    staff = user_with_role(Role.STAFF, "DOE")
    project = ProjectFactory(owner_unit=unit("DOE"), status="approved")
    with freeze(datetime(2024, 1, 5)):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        data = {"progress_percent": Decimal(30), "result": "ทำแล้ว", "problems": "ล่าช้า"}
        report_save(user=staff, report=report, data=data, targets={}, activities={})
        item_submit(item=report, actor=staff)
    assert Approval.objects.get().current_level.order == 2

    run_on(date(2024, 1, 17))

    assert Approval.objects.get().is_late


def test_a_unit_with_an_extension_is_not_marked_late(setting, unit):
    extension_grant(
        window=setting["window"],
        user=setting["pyp"],
        until=date(2024, 1, 25),
        reason="น้ำท่วม",
        unit=unit("0209"),
    )

    run_on(date(2024, 1, 17))

    assert "late" not in kinds_for(setting["director"])


def test_the_window_locks_after_the_chain_deadline_and_pyp_is_told_once(setting):
    run_on(date(2024, 1, 30))
    assert Window.objects.get().locked_at is None
    run_on(date(2024, 1, 31))
    run_on(date(2024, 1, 31))

    assert Window.objects.get().locked_at is not None
    assert kinds_for(setting["pyp"]).count("locked") == 1


def test_the_digest_goes_to_pyp_once_a_day(setting):
    for _ in range(2):
        with freeze(datetime(2024, 1, 10, 7, 30)):
            run_digest(date(2024, 1, 10))

    assert kinds_for(setting["pyp"]) == ["digest"]


def test_every_notice_of_the_deadline_pass_leads_to_a_page_by_its_name(setting):
    submit_report(setting)
    for day in range(1, 32):
        run_on(date(2024, 1, day))
    with freeze(datetime(2024, 1, 10, 7, 30)):
        run_digest(date(2024, 1, 10))

    pages = {(n.kind, resolve(urlsplit(n.url).path).view_name) for n in Notification.objects.all()}

    assert {kind for kind, _ in pages} >= {"window_open", "reminder", "late", "locked", "digest"}
    assert {page for _, page in pages} <= {"reporting:rounds", "reporting:board", "approvals:inbox"}


def test_each_run_is_recorded(setting):
    run_on(date(2024, 1, 1))

    run = DeadlineRun.objects.get()
    assert run.on == date(2024, 1, 1) and run.summary["open"] >= 1


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_runs_on_a_real_worker(celery_worker_thread, unit):
    from reporting.tasks import deadlines_tick
    from tests.conftest import wait_until

    staff = user_with_role(Role.STAFF, "0209")
    WindowFactory(fiscal_year=2567, quarter=1)

    with freeze(datetime(2024, 1, 2, 8, 0)):
        deadlines_tick.delay()
        assert wait_until(lambda: DeadlineRun.objects.exists())

    assert Notification.objects.filter(recipient=staff, kind="window_open").count() == 1
    assert QuarterlyReport.objects.count() == 0
