"""Bad input to the M6 quarterly report page, posted by the unit's staff inside the
window: saved as typed (302) or shown again with Thai messages and nothing changed."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import Role
from reporting.models import QuarterlyReport
from tests.factories import (
    ActivityFactory,
    ProjectFactory,
    ProjectTargetFactory,
    WindowFactory,
    user_with_role,
)

from .conftest import BAD_INPUT, rolled_back
from .strategies import assert_refused_in_thai, nasty_number, report_rows, sometimes

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(2024, 1, 10, 10, 0)  # Q1/2567: opens 1 Jan, unit deadline 16 Jan 2024


@pytest.fixture
def staff(client):
    user = user_with_role(Role.STAFF, "0209")
    client.force_login(user)
    return user


@pytest.fixture
def report(staff, unit):
    """A draft Q1/2567 report of an approved project with one target and one activity."""
    project = ProjectFactory(owner_unit=unit("0209"), status=ItemStatus.APPROVED)
    ProjectTargetFactory(project=project)
    ActivityFactory(project=project)
    window = WindowFactory(fiscal_year=2567, quarter=1)
    with freeze(IN_WINDOW):
        yield QuarterlyReport.objects.create(
            project=project, fiscal_year=2567, quarter=1, window=window
        )


TEXT_FIELDS = [
    "result",
    "problems",
    "suggestions",
    "contribution_level1",
    "contribution_level2",
    "contribution_level3",
]


@BAD_INPUT
@given(
    numbers=st.fixed_dictionaries(
        {
            "progress_percent": sometimes("40", nasty_number),
            "disbursed": sometimes("250000", nasty_number),
        }
    ),
    texts=st.fixed_dictionaries({name: sometimes("อบรมแล้ว ๒ รุ่น") for name in TEXT_FIELDS}),
    rows=st.fixed_dictionaries(
        {
            "result_value": sometimes("120", nasty_number),
            "progress": sometimes("ดำเนินการแล้ว"),
            "activity_percent": sometimes("50", nasty_number),
            "note": sometimes("จัดอบรมครบ"),
        }
    ),
)
@example(
    numbers={"progress_percent": "40", "disbursed": "250000"},
    texts={name: "อบรมแล้ว" for name in TEXT_FIELDS},
    rows={
        "result_value": "120",
        "progress": "ดำเนินการ\x00แล้ว",
        "activity_percent": "50",
        "note": "\x00",
    },
)
def test_a_quarterly_report_saves_as_typed_or_is_refused_in_thai(
    client, report, numbers, texts, rows
):
    target = report.project.targets.get()
    activity = report.project.activities.get()
    data = {
        **numbers,
        **texts,
        f"target-{target.pk}-result_value": rows["result_value"],
        f"target-{target.pk}-progress": rows["progress"],
        f"activity-{activity.pk}-progress_percent": rows["activity_percent"],
        f"activity-{activity.pk}-note": rows["note"],
    }
    url = reverse("reporting:report", args=[report.project_id, 2567, 1])
    with rolled_back():
        before = report_rows(report)
        response = client.post(url, data)
        if response.status_code == 302:
            event("saved")
            saved = QuarterlyReport.objects.get(pk=report.pk)
            assert [getattr(saved, n) for n in TEXT_FIELDS] == [
                texts[n].strip() for n in TEXT_FIELDS
            ]
            assert saved.target_progress.get().progress == rows["progress"].strip()
            assert saved.activity_progress.get().note == rows["note"].strip()
            assert saved.progress_percent == _typed(numbers["progress_percent"])
        else:
            assert_refused_in_thai(response)
            assert report_rows(report) == before


def _typed(text: str):
    text = text.replace(",", "").strip()
    return Decimal(text).quantize(Decimal("0.01")) if text else None
