"""The พ.ศ. date widget and field read and show dates as Thai officials write them."""

import re
from datetime import date

import pytest
from django import forms
from django.template import engines
from django.urls import reverse

from core.forms import ThaiDateField, parse_thai_date
from core.widgets import PlainSelect, PlainTextInput, ThaiDateInput

# --- The พ.ศ. date widget and field ------------------------------------------------------

NEW_YEAR_2570 = date(2027, 1, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "2027-01-01",
        "1/1/2570",
        "01/01/2570",
        "1-1-70",
        "1 มกราคม 2570",
        "1 ม.ค. 2570",
        "1 มค 2570",
        "1 มกรา 70",
        "วันที่ ๑ มกราคม พ.ศ. ๒๕๗๐",
        "2570-01-01",
    ],
)
def test_a_date_is_read_however_an_official_types_it(typed):
    assert parse_thai_date(typed) == NEW_YEAR_2570


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("29/2/2570", "ไม่มีวันที่ 29 กุมภาพันธ์ 2570 ในปฏิทิน"),
        ("1/1/2027", "กรุณากรอกปีเป็น พ.ศ. (เช่น 2570 แทน 2027)"),
        ("1/13/2570", "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 1/1/2570 หรือ 1 ม.ค. 2570"),
        ("1 มกรามก 2570", "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 1/1/2570 หรือ 1 ม.ค. 2570"),
        ("01/02/03/04", "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 1/1/2570 หรือ 1 ม.ค. 2570"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_in_thai(typed, message):
    class Dates(forms.Form):
        day = ThaiDateField(label="วันที่")

    form = Dates({"day": typed})

    assert not form.is_valid()
    assert form.errors["day"] == [message]


def test_the_date_widget_shows_buddhist_era_and_carries_iso():
    html = ThaiDateInput(attrs={"id": "id_day"}).render("day", NEW_YEAR_2570)

    assert '<input type="text" name="day" value="1 ม.ค. 2570"' in html
    assert (
        '<input type="hidden" name="day" value="2027-01-01" class="thai-date-iso" disabled>' in html
    )
    assert 'data-months="มกราคม กุมภาพันธ์' in html
    assert '<script src="/static/js/thai_date.js" defer></script>' in html


def test_a_refused_date_is_shown_again_as_typed():
    class Dates(forms.Form):
        day = ThaiDateField(label="วันที่")

    form = Dates({"day": "31/4/2570"})

    assert 'value="31/4/2570"' in str(form["day"])


def test_a_date_understood_is_shown_again_in_buddhist_era():
    class Dates(forms.Form):
        day = ThaiDateField(label="วันที่")
        other = forms.IntegerField()

    form = Dates({"day": "2027-01-01", "other": "x"})

    assert 'value="1 ม.ค. 2570"' in str(form["day"])


@pytest.mark.django_db
def test_the_admin_edits_window_dates_with_the_buddhist_era_widget(admin_client):
    from tests.factories import WindowFactory

    window = WindowFactory()

    page = admin_client.get(reverse("admin:windows_window_change", args=[window.pk]))

    assert 'name="opens_on" value="1 ม.ค. 2567"' in page.content.decode()


# --- PlainSelect, PlainTextInput and fixed_url (issue 20: the same markup, without the
# template engine) ---


def test_a_plain_select_writes_what_djangos_select_template_writes():
    choices = [("", "ทุกปี <ทั้งหมด>"), ("2568", "2568"), ("กลุ่ม", [("a&b", "ก & ข"), ("c", "ค")])]

    class Templated(forms.Form):
        year = forms.ChoiceField(choices=choices, required=False)

    class Plain(forms.Form):
        year = forms.ChoiceField(choices=choices, required=False, widget=PlainSelect)

    def markup(form_class, data):
        return re.sub(r">\s+<", "><", str(form_class(data)["year"])).strip()

    for data in ({}, {"year": "a&b"}, {"year": "2568"}, {"year": "ไม่มี"}):
        assert markup(Plain, data) == markup(Templated, data)
    assert 'value="a&amp;b" selected' in markup(Plain, {"year": "a&b"})


def test_a_plain_text_box_writes_what_djangos_input_template_writes():
    class Templated(forms.Form):
        code = forms.CharField(label="รหัส", required=False, max_length=16)

    class Plain(forms.Form):
        code = forms.CharField(label="รหัส", required=False, max_length=16, widget=PlainTextInput)

    for data in ({}, {"code": ""}, {"code": 'ก"<ข>&'}, {"code": "x" * 20}):
        plain, templated = Plain(data), Templated(data)
        plain.is_valid(), templated.is_valid()
        assert str(plain["code"]) == str(templated["code"]).strip()
    assert 'value="ก&quot;&lt;ข&gt;&amp;"' in str(Plain({"code": 'ก"<ข>&'})["code"])


def test_menu_links_are_the_urls_of_their_pages():
    from django.urls import reverse

    page = engines["django"].from_string(
        "{% fixed_url 'projects:list' %} {% fixed_url 'reporting:compare' %}"
    )
    assert page.render({}) == f"{reverse('projects:list')} {reverse('reporting:compare')}"
