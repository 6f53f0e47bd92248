"""ป.ย.ป. proposes the year's windows from the regulation and adjusts or extends them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from orgs.models import Role
from tests.factories import user_with_role
from windows.models import Window, WindowKind
from windows.rules import window_defaults, windows_propose

pytestmark = pytest.mark.django_db


def test_the_q1_report_window_matches_seed_001s_road_map():
    q1 = next(
        w
        for w in window_defaults(2567)
        if w["kind"] == WindowKind.QUARTERLY_REPORT and w["quarter"] == 1
    )

    assert (q1["opens_on"], q1["unit_deadline"], q1["chain_deadline"]) == (
        date(2024, 1, 1),
        date(2024, 1, 16),
        date(2024, 1, 30),
    )


def test_project_entry_must_finish_within_the_first_quarter():
    entry = next(w for w in window_defaults(2567) if w["kind"] == WindowKind.PROJECT_ENTRY)

    assert (entry["opens_on"], entry["chain_deadline"]) == (date(2023, 10, 1), date(2023, 12, 31))


def test_every_report_window_closes_thirty_days_after_its_quarter():
    closes = [
        w["chain_deadline"]
        for w in window_defaults(2567)
        if w["kind"] == WindowKind.QUARTERLY_REPORT
    ]

    assert closes == [date(2024, 1, 30), date(2024, 4, 30), date(2024, 7, 30), date(2024, 10, 30)]


def test_proposing_twice_creates_the_windows_once():
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")

    first = windows_propose(fiscal_year=2567, user=pyp)
    second = windows_propose(fiscal_year=2567, user=pyp)

    # Ten for every unit, and สปส.'s own annual report window (its calendar year).
    assert len(first) == 11 and second == []
    assert Window.objects.count() == 11


def test_staff_may_not_propose_windows():
    with pytest.raises(PermissionDenied):
        windows_propose(fiscal_year=2567, user=user_with_role(Role.STAFF, "0209"))


def test_pyp_moves_a_deadline_and_grants_an_extension_on_the_window_page(client, unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    windows_propose(fiscal_year=2567, user=pyp)
    window = Window.objects.get(kind=WindowKind.QUARTERLY_REPORT, quarter=1)
    client.force_login(pyp)
    url = reverse("reporting:window", args=[window.pk])

    client.post(
        url,
        {
            "save_dates": "1",
            "opens_on": "2024-01-01",
            "unit_deadline": "2024-01-18",
            "chain_deadline": "2024-01-30",
        },
    )
    client.post(
        url, {"extend": "1", "unit": unit("SSO").pk, "until": "2024-02-15", "reason": "ปิดงบปีปฏิทิน"}
    )

    window.refresh_from_db()
    assert window.unit_deadline == date(2024, 1, 18)
    assert window.extensions.get().unit.code == "SSO"


def test_an_extension_without_a_reason_is_refused(client, unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    windows_propose(fiscal_year=2567, user=pyp)
    window = Window.objects.get(kind=WindowKind.QUARTERLY_REPORT, quarter=1)
    client.force_login(pyp)

    page = client.post(
        reverse("reporting:window", args=[window.pk]),
        {"extend": "1", "unit": unit("SSO").pk, "until": "2024-02-15", "reason": ""},
    )

    assert "กรุณาระบุเหตุผลการขยายเวลา" in page.content.decode()
    assert not window.extensions.exists()


def test_staff_cannot_open_the_windows_page(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert client.get(reverse("reporting:windows")).status_code == 403


def test_a_project_entry_is_submitted_only_while_an_entry_window_is_open(unit):
    from datetime import datetime

    from django.core.exceptions import ValidationError

    from approvals.services.transitions import item_submit
    from core.clock import freeze
    from tests.factories import complete_project

    staff = user_with_role(Role.STAFF, "0209")
    windows_propose(fiscal_year=2567, user=user_with_role(Role.PYP_OFFICER, "MOL"))
    project = complete_project(owner_unit=unit("0209"))

    with (
        freeze(datetime(2024, 2, 20, 9, 0)),
        pytest.raises(ValidationError, match="ไม่อยู่ในรอบนำเข้าโครงการ"),
    ):
        item_submit(item=project, actor=staff)
    with freeze(datetime(2023, 11, 20, 9, 0)):
        item_submit(item=project, actor=staff)

    project.refresh_from_db()
    assert project.status == "submitted"
