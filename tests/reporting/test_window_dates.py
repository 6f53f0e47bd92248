"""A window's dates on its pages: typed and shown in พ.ศ., and its state read from the clock."""

import re
from datetime import date, datetime

import pytest
from django.urls import reverse

from core.clock import freeze
from orgs.models import Role
from tests.factories import WindowFactory, user_with_role
from windows.models import Extension

pytestmark = pytest.mark.django_db

# Q1/2567's report window (WindowFactory): opens 1 Jan 2024, units by 16 Jan, chain by 30 Jan.
JANUARY_2567 = datetime(2024, 1, 10, 9, 0)


@pytest.fixture
def pyp(client):
    user = user_with_role(Role.PYP_OFFICER, "MOL")
    client.force_login(user)
    return user


def state_on_list(client, window) -> str:
    """The state column of the window's row on the year's list."""
    page = client.get(reverse("reporting:windows"), {"fiscal_year": window.fiscal_year})
    link = reverse("reporting:window", args=[window.pk])
    row = re.search(rf'<tr[^>]*><td><a href="{link}">.*?</tr>', page.content.decode(), re.S)
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(), re.S)[-1]


def dates_posted(client, window, **dates):
    return client.post(reverse("reporting:window", args=[window.pk]), {"save_dates": "1", **dates})


def test_moving_the_opening_date_to_today_shows_the_window_open_at_once(client, pyp):
    window = WindowFactory(opens_on=date(2024, 1, 15), opened_at=None)

    with freeze(JANUARY_2567):
        dates_posted(
            client,
            window,
            opens_on="2024-01-10",
            unit_deadline="2024-01-16",
            chain_deadline="2024-01-30",
        )
        state = state_on_list(client, window)

    assert state == "เปิดอยู่"


def test_a_window_past_its_chain_deadline_shows_closed_before_the_deadline_pass(client, pyp):
    window = WindowFactory(opened_at=datetime(2024, 1, 1, 0, 15), locked_at=None)

    with freeze(datetime(2024, 1, 31, 0, 5)):
        state = state_on_list(client, window)

    assert state == "ปิดแล้ว"


def test_a_closed_window_names_the_latest_extension(client, pyp, unit):
    window = WindowFactory()
    Extension.objects.create(
        window=window, unit=unit("SSO"), until=date(2024, 2, 15), reason="ปิดงบ", granted_by=pyp
    )

    with freeze(datetime(2024, 2, 1, 9, 0)):
        state = state_on_list(client, window)

    assert state == "ปิดแล้ว · ขยายเวลาบางหน่วยงานถึง 15 ก.พ. 2567"


def test_the_window_page_states_the_window_from_the_clock(client, pyp):
    window = WindowFactory(opened_at=None)

    with freeze(JANUARY_2567):
        page = client.get(reverse("reporting:window", args=[window.pk])).content.decode()

    assert '<strong class="window-state window-open" id="window-state">เปิดอยู่</strong>' in page


def test_the_window_page_shows_its_dates_in_buddhist_era(client, pyp):
    window = WindowFactory()

    page = client.get(reverse("reporting:window", args=[window.pk])).content.decode()

    assert 'name="opens_on" value="1 ม.ค. 2567"' in page
    assert 'name="opens_on" value="2024-01-01" class="thai-date-iso" disabled' in page
    assert 'type="date"' not in page


def test_dates_typed_in_buddhist_era_are_saved(client, pyp):
    window = WindowFactory()

    dates_posted(
        client,
        window,
        opens_on="2/1/2567",
        unit_deadline="18 มกราคม 2567",
        chain_deadline="๓๐/๐๑/๖๗",
    )

    window.refresh_from_db()
    assert (window.opens_on, window.unit_deadline, window.chain_deadline) == (
        date(2024, 1, 2),
        date(2024, 1, 18),
        date(2024, 1, 30),
    )


def test_a_date_that_does_not_exist_is_refused_in_thai_and_kept_as_typed(client, pyp):
    window = WindowFactory()

    page = dates_posted(
        client,
        window,
        opens_on="1/1/2567",
        unit_deadline="30/2/2567",
        chain_deadline="1/3/2567",
    ).content.decode()

    window.refresh_from_db()
    assert "ไม่มีวันที่ 30 กุมภาพันธ์ 2567 ในปฏิทิน" in page
    assert 'name="unit_deadline" value="30/2/2567"' in page
    assert window.unit_deadline == date(2024, 1, 16)


def test_an_extension_date_is_typed_in_buddhist_era(client, pyp, unit):
    window = WindowFactory()

    client.post(
        reverse("reporting:window", args=[window.pk]),
        {"extend": "1", "unit": unit("SSO").pk, "until": "15 ก.พ. 2567", "reason": "ปิดงบ"},
    )

    assert window.extensions.get().until == date(2024, 2, 15)
