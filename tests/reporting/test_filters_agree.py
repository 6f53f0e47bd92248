"""The round pages' filter boxes and words agree with the round they show."""

import re
from datetime import date, datetime

import pytest
from django.urls import reverse

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import Role
from tests.factories import ProjectFactory, QuarterlyReportFactory, user_with_role

pytestmark = pytest.mark.django_db

# On 20 August 2026 (พ.ศ. 2569) the round being reported is Q3/2569 (April-June).
AUGUST_2569 = datetime(2026, 8, 20, 10, 0)


def boxes(html: str) -> tuple[str, str]:
    """(the year box's value, the quarter box's selected option) of a round filter."""
    year = re.search(r'<input[^>]*name="fiscal_year"[^>]*>', html).group()
    quarter = re.search(r'<select name="quarter".*?</select>', html, re.S).group()
    selected = re.search(r'<option value="(\d)" selected>', quarter)
    value = re.search(r'value="(\d+)"', year)
    return (value.group(1) if value else "", selected.group(1) if selected else "")


def test_the_round_list_without_a_query_shows_its_round_in_the_boxes(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    with freeze(AUGUST_2569):
        page = client.get(reverse("reporting:rounds")).content.decode()

    assert "ไตรมาส 3/2569" in page
    assert boxes(page) == ("2569", "3")


def test_the_five_band_summary_without_a_query_shows_its_round_in_the_boxes(client):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))

    with freeze(AUGUST_2569):
        page = client.get(reverse("reporting:five_band")).content.decode()

    assert "ไตรมาส 3/2569" in page
    assert boxes(page) == ("2569", "3")


def test_a_query_without_a_round_still_shows_the_round_in_the_boxes(client):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))

    with freeze(AUGUST_2569):
        page = client.get(reverse("reporting:five_band"), {"figures": "live"}).content.decode()

    assert boxes(page) == ("2569", "3")


def test_the_round_list_names_report_statuses_in_thai(client, unit):
    project = ProjectFactory(
        status=ItemStatus.APPROVED,
        owner_unit=unit("0209"),
        fiscal_year=2566,
        start_date=date(2022, 10, 1),
        end_date=date(2023, 9, 30),
    )
    QuarterlyReportFactory(project=project, fiscal_year=2566, quarter=1, status=ItemStatus.APPROVED)
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("reporting:rounds"), {"fiscal_year": 2566, "quarter": 1})

    cell = re.search(r'<span class="status status-approved">(.*?)</span>', page.content.decode())
    assert cell.group(1) == "อนุมัติแล้ว"
