"""The พ.ศ. date widget in a real browser: picked from the calendar, typed in Thai,
sent as ISO, working without JavaScript, and fitting a phone."""

from datetime import date, datetime

import pytest

from core.clock import freeze
from orgs.models import Role
from tests.factories import WindowFactory, user_with_role
from windows.models import Window

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

# Q1/2567's report window: opens 1 Jan 2024 (1 ม.ค. 2567), units by 16 Jan, chain by 30 Jan.
JANUARY_2567 = datetime(2024, 1, 10, 9, 0)


@pytest.fixture
def window():
    user_with_role(Role.PYP_OFFICER, "MOL", username="pyp")
    return WindowFactory(name="รายงานความก้าวหน้าไตรมาส 1/2567")


def dates_of(window: Window) -> tuple[date, date, date]:
    window.refresh_from_db()
    return window.opens_on, window.unit_deadline, window.chain_deadline


def test_a_date_picked_from_the_calendar_is_saved_and_the_others_stay(open_as, live_server, window):
    with freeze(JANUARY_2567):
        page = open_as("pyp")
        page.goto(f"{live_server.url}/reports/windows/{window.pk}/")
        assert page.input_value("#id_opens_on") == "1 ม.ค. 2567"

        page.click("#field-unit_deadline .thai-date-button")
        popup = page.locator("#field-unit_deadline .thai-date-popup")
        assert popup.locator(".thai-date-month option:checked").inner_text() == "มกราคม"
        assert popup.locator(".thai-date-year").input_value() == "2567"
        popup.locator("button[data-day='18']").click()

        assert page.input_value("#id_unit_deadline") == "18 ม.ค. 2567"
        page.click("button[name=save_dates]")
        assert "บันทึกวันที่ของรอบแล้ว" in page.inner_text(".messages")

    assert dates_of(window) == (date(2024, 1, 1), date(2024, 1, 18), date(2024, 1, 30))


def test_the_calendar_turns_to_the_next_month(open_as, live_server, window):
    with freeze(JANUARY_2567):
        page = open_as("pyp")
        page.goto(f"{live_server.url}/reports/windows/{window.pk}/")
        page.click("#field-until .thai-date-button")
        popup = page.locator("#field-until .thai-date-popup")
        popup.locator(".thai-date-step[aria-label='เดือนถัดไป']").click()
        popup.locator("button[data-day='7']").click()

        assert page.input_value("#id_until") == "7 ก.พ. 2567"
        assert page.input_value("#extension-form input[name=until]") == "2024-02-07"


def test_a_date_typed_in_thai_is_sent_as_iso(open_as, live_server, window):
    with freeze(JANUARY_2567):
        page = open_as("pyp")
        page.goto(f"{live_server.url}/reports/windows/{window.pk}/")
        page.fill("#id_chain_deadline", "๓๑ มกราคม ๒๕๖๗")
        page.press("#id_chain_deadline", "Tab")

        assert page.input_value("#id_chain_deadline") == "31 ม.ค. 2567"
        assert page.input_value("#dates-form input[name=chain_deadline]") == "2024-01-31"
        page.click("button[name=save_dates]")
        assert "บันทึกวันที่ของรอบแล้ว" in page.inner_text(".messages")

    assert dates_of(window) == (date(2024, 1, 1), date(2024, 1, 16), date(2024, 1, 31))


def test_without_javascript_the_typed_date_is_read_by_the_server(browser, live_server, window):
    context = browser.new_context(java_script_enabled=False, locale="th-TH")
    page = context.new_page()
    try:
        with freeze(JANUARY_2567):
            login(page, live_server, "pyp", "pass-1234-ทดสอบ")
            page.goto(f"{live_server.url}/reports/windows/{window.pk}/")
            page.fill("#id_chain_deadline", "31/1/2567")
            page.click("button[name=save_dates]")
            assert "บันทึกวันที่ของรอบแล้ว" in page.inner_text(".messages")
    finally:
        context.close()

    assert dates_of(window) == (date(2024, 1, 1), date(2024, 1, 16), date(2024, 1, 31))


def test_the_calendar_fits_a_phone_screen(browser, live_server, window):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")
    page = context.new_page()
    try:
        with freeze(JANUARY_2567):
            login(page, live_server, "pyp", "pass-1234-ทดสอบ")
            page.goto(f"{live_server.url}/reports/windows/{window.pk}/")
            page.click("#field-until .thai-date-button")
            box = page.locator("#field-until .thai-date-popup").bounding_box()
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()

    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert scroll_width <= 390
