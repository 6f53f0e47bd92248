"""Thai template filters, rendered as templates use them (builtins, no {% load %})."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from core.fiscal import Quarter


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ d|thai_date }}", "28 มีนาคม 2566"),
        ("{{ d|thai_date_abbr }}", "28 มี.ค. 66"),
        ("{{ d|thai_month_year }}", "มีนาคม 2566"),
        ("{{ d|thai_date_thai }}", "๒๘ มีนาคม ๒๕๖๖"),
        ("{{ d|be_year }}", "2566"),
    ],
)
def test_date_filters_format_a_date(source, expected):
    assert render(source, d=date(2023, 3, 28)) == expected


def test_thai_date_of_leap_day():
    assert render("{{ d|thai_date }}", d=date(2024, 2, 29)) == "29 กุมภาพันธ์ 2567"


def test_thai_date_shows_an_aware_datetime_in_bangkok():
    moment = datetime(2023, 12, 31, 18, 0, tzinfo=UTC)
    assert render("{{ d|thai_date }}", d=moment) == "1 มกราคม 2567"


def test_be_year_of_an_aware_datetime_uses_the_bangkok_year():
    moment = datetime(2023, 12, 31, 18, 0, tzinfo=UTC)
    assert render("{{ d|be_year }}", d=moment) == "2567"


def test_be_year_of_a_common_era_year():
    assert render("{{ y|be_year }}", y=2023) == "2566"


def test_be_year_of_text_that_is_not_a_year_is_empty():
    assert render("{{ y|be_year }}", y="soon") == ""


@pytest.mark.parametrize(
    "name",
    [
        "thai_date",
        "thai_date_abbr",
        "thai_month_year",
        "thai_date_thai",
        "thai_digits",
        "be_year",
        "baht",
        "percent",
        "quarter_label",
    ],
)
@pytest.mark.parametrize("value", [None, ""], ids=["none", "empty"])
def test_filter_renders_missing_value_as_empty(name, value):
    assert render(f"[{{{{ v|{name} }}}}]", v=value) == "[]"


@pytest.mark.parametrize("name", ["thai_date", "be_year", "baht", "quarter_label"])
def test_filter_renders_undefined_variable_as_empty(name):
    assert render(f"[{{{{ missing|{name} }}}}]") == "[]"


def test_thai_digits_converts_a_number():
    assert render("{{ n|thai_digits }}", n=2567) == "๒๕๖๗"


def test_thai_digits_chains_after_baht():
    assert render("{{ n|baht|thai_digits }}", n=Decimal("1234.5")) == "๑,๒๓๔.๕๐"


def test_thai_digits_escapes_unsafe_input():
    assert render("{{ s|thai_digits }}", s="<b>1</b>") == "&lt;b&gt;๑&lt;/b&gt;"


def test_thai_digits_keeps_safe_input_safe():
    assert render("{{ s|thai_digits }}", s=mark_safe("<b>1</b>")) == "<b>๑</b>"


def test_baht_formats_with_thousands_separators():
    assert render("{{ n|baht }}", n=Decimal("1234567.5")) == "1,234,567.50"


def test_baht_with_zero_decimals():
    assert render("{{ n|baht:0 }}", n=Decimal("1234567.4")) == "1,234,567"


def test_baht_of_zero_is_not_empty():
    assert render("{{ n|baht }}", n=0) == "0.00"


def test_baht_of_text_that_is_not_a_number_is_empty():
    assert render("{{ n|baht }}", n="n/a") == ""


def test_percent_formats_two_decimals():
    assert render("{{ p|percent }}", p=Decimal("12.8205")) == "12.82"


def test_percent_with_one_decimal():
    assert render("{{ p|percent:1 }}", p=Decimal("12.8205")) == "12.8"


def test_quarter_label():
    assert render("{{ q|quarter_label }}", q=Quarter(2566, 1)) == "ไตรมาส 1/2566"


def test_running_text_gets_thai_digits_but_latin_codes_keep_theirs():
    from core.fiscal import thai_digits_in_text

    assert thai_digits_in_text("อนุมัติ (M7) ภายใน 30 วัน ที่ รง 0214/75") == (
        "อนุมัติ (M7) ภายใน ๓๐ วัน ที่ รง ๐๒๑๔/๗๕"
    )
