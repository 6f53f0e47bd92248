"""Thai fiscal calendar rules and Thai formatting (pure functions, no database)."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from core.fiscal import (
    CYCLE_CALENDAR,
    CYCLE_FISCAL,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    Quarter,
    arabic_digits,
    be_year,
    calendar_quarter_bounds,
    calendar_quarter_in_round,
    calendar_quarter_of,
    ce_year,
    cycle_label,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_of,
    fiscal_years_between,
    format_baht,
    format_percent,
    format_thai_date,
    quarters_between,
    round_of_calendar_quarter,
    thai_digits,
)

# --- years ------------------------------------------------------------------


def test_buddhist_era_is_common_era_plus_543():
    assert be_year(2023) == 2566


def test_common_era_is_buddhist_era_minus_543():
    assert ce_year(2566) == 2023


# --- fiscal year and quarter of a date ---------------------------------------


def test_thirtieth_of_september_ends_the_fiscal_year():
    assert fiscal_year_of(date(2023, 9, 30)) == 2566


def test_first_of_october_starts_the_next_fiscal_year():
    assert fiscal_year_of(date(2023, 10, 1)) == 2567


def test_thirtieth_of_september_is_in_the_fourth_quarter():
    assert fiscal_quarter_of(date(2023, 9, 30)) == 4


def test_first_of_october_is_in_the_first_quarter():
    assert fiscal_quarter_of(date(2023, 10, 1)) == 1


def test_new_year_does_not_change_the_fiscal_year():
    assert fiscal_year_of(date(2023, 12, 31)) == fiscal_year_of(date(2024, 1, 1)) == 2567


@pytest.mark.parametrize(("d", "quarter"), [(date(2023, 12, 31), 1), (date(2024, 1, 1), 2)])
def test_new_year_moves_from_first_to_second_quarter(d, quarter):
    assert fiscal_quarter_of(d) == quarter


@pytest.mark.parametrize(
    ("month", "quarter"),
    [
        (10, 1),
        (11, 1),
        (12, 1),
        (1, 2),
        (2, 2),
        (3, 2),
        (4, 3),
        (5, 3),
        (6, 3),
        (7, 4),
        (8, 4),
        (9, 4),
    ],
)
def test_each_month_belongs_to_its_fiscal_quarter(month, quarter):
    assert fiscal_quarter_of(date(2024, month, 15)) == quarter


def test_leap_day_is_in_the_second_quarter_of_its_fiscal_year():
    assert Quarter.of(date(2024, 2, 29)) == Quarter(2567, 2)


def test_fiscal_year_runs_from_october_to_september():
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))


# --- Quarter ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2567, 1), date(2023, 10, 1), date(2023, 12, 31)),
        (Quarter(2567, 2), date(2024, 1, 1), date(2024, 3, 31)),
        (Quarter(2567, 3), date(2024, 4, 1), date(2024, 6, 30)),
        (Quarter(2567, 4), date(2024, 7, 1), date(2024, 9, 30)),
        (Quarter(2568, 1), date(2024, 10, 1), date(2024, 12, 31)),
        (Quarter(2568, 2), date(2025, 1, 1), date(2025, 3, 31)),
    ],
    ids=str,
)
def test_quarter_bounds(quarter, start, end):
    assert (quarter.start, quarter.end) == (start, end)


def test_first_quarter_starts_in_the_previous_common_era_year():
    assert Quarter(2566, 1).start == date(2022, 10, 1)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_quarter_outside_one_to_four_is_rejected(quarter):
    with pytest.raises(ValueError):
        Quarter(2567, quarter)


def test_next_of_fourth_quarter_is_first_quarter_of_next_fiscal_year():
    assert Quarter(2566, 4).next() == Quarter(2567, 1)


def test_previous_of_first_quarter_is_fourth_quarter_of_previous_fiscal_year():
    assert Quarter(2567, 1).previous() == Quarter(2566, 4)


def test_next_within_a_fiscal_year_keeps_the_year():
    assert Quarter(2567, 2).next() == Quarter(2567, 3)


def test_quarters_order_by_fiscal_year_then_quarter():
    assert sorted([Quarter(2567, 1), Quarter(2566, 4), Quarter(2566, 2)]) == [
        Quarter(2566, 2),
        Quarter(2566, 4),
        Quarter(2567, 1),
    ]


def test_quarter_is_hashable_and_immutable():
    quarter = Quarter(2567, 1)
    assert {quarter: "x"}[Quarter(2567, 1)] == "x"
    with pytest.raises(AttributeError):
        quarter.quarter = 2


@pytest.mark.parametrize(
    ("d", "inside"),
    [
        (date(2023, 9, 30), False),
        (date(2023, 10, 1), True),
        (date(2023, 12, 31), True),
        (date(2024, 1, 1), False),
    ],
)
def test_contains_includes_first_and_last_day(d, inside):
    assert Quarter(2567, 1).contains(d) is inside


def test_project_starting_on_a_quarters_last_day_overlaps_it():
    assert Quarter(2567, 1).overlaps(date(2023, 12, 31), date(2024, 6, 30))


def test_project_ending_the_day_before_a_quarter_starts_does_not_overlap_it():
    assert not Quarter(2567, 2).overlaps(date(2023, 10, 1), date(2023, 12, 31))


def test_project_starting_the_day_after_a_quarter_ends_does_not_overlap_it():
    assert not Quarter(2567, 1).overlaps(date(2024, 1, 1), date(2024, 6, 30))


def test_open_ended_project_overlaps_every_later_quarter():
    assert Quarter(2580, 3).overlaps(date(2023, 10, 1), None)


def test_open_ended_project_does_not_overlap_quarters_before_it_starts():
    assert not Quarter(2566, 4).overlaps(date(2023, 10, 1), None)


def test_label_names_quarter_and_fiscal_year():
    assert Quarter(2566, 1).label == "ไตรมาส 1/2566"


def test_short_label():
    assert Quarter(2566, 1).short_label == "1/2566"


def test_str_is_the_label():
    assert str(Quarter(2566, 3)) == "ไตรมาส 3/2566"


# --- periods --------------------------------------------------------------------


def test_quarters_between_lists_every_quarter_of_a_multi_year_project():
    # 15 Nov 2022 (Q1/2566) .. 10 Feb 2025 (Q2/2568)
    assert quarters_between(date(2022, 11, 15), date(2025, 2, 10)) == [
        Quarter(2566, 1),
        Quarter(2566, 2),
        Quarter(2566, 3),
        Quarter(2566, 4),
        Quarter(2567, 1),
        Quarter(2567, 2),
        Quarter(2567, 3),
        Quarter(2567, 4),
        Quarter(2568, 1),
        Quarter(2568, 2),
    ]


def test_quarters_between_counts_a_quarter_touched_by_one_day():
    assert quarters_between(date(2023, 12, 31), date(2024, 1, 1)) == [
        Quarter(2567, 1),
        Quarter(2567, 2),
    ]


def test_quarters_between_a_single_day_is_its_quarter():
    assert quarters_between(date(2024, 2, 29), date(2024, 2, 29)) == [Quarter(2567, 2)]


def test_quarters_between_an_inverted_period_is_empty():
    assert quarters_between(date(2024, 1, 1), date(2023, 12, 31)) == []


def test_fiscal_years_between_crosses_october():
    assert fiscal_years_between(date(2023, 9, 30), date(2024, 10, 1)) == [2566, 2567, 2568]


def test_fiscal_years_between_within_one_fiscal_year():
    assert fiscal_years_between(date(2023, 10, 1), date(2024, 9, 30)) == [2567]


# --- calendar cycle ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "quarter"),
    [(date(2024, 3, 31), 1), (date(2024, 4, 1), 2), (date(2024, 9, 30), 3), (date(2024, 10, 1), 4)],
)
def test_calendar_quarter_of(d, quarter):
    assert calendar_quarter_of(d) == quarter


# (calendar year, calendar quarter) ↔ fiscal round, all four quarters.
CALENDAR_ROUNDS = [
    ((2566, 1), Quarter(2566, 2)),
    ((2566, 2), Quarter(2566, 3)),
    ((2566, 3), Quarter(2566, 4)),
    ((2566, 4), Quarter(2567, 1)),
]


@pytest.mark.parametrize(("calendar", "fiscal_round"), CALENDAR_ROUNDS, ids=str)
def test_calendar_quarter_is_reported_in_its_fiscal_round(calendar, fiscal_round):
    assert round_of_calendar_quarter(*calendar) == fiscal_round


@pytest.mark.parametrize(("calendar", "fiscal_round"), CALENDAR_ROUNDS, ids=str)
def test_fiscal_round_reports_its_calendar_quarter(calendar, fiscal_round):
    assert calendar_quarter_in_round(fiscal_round) == calendar


def test_first_fiscal_round_reports_the_previous_calendar_years_last_quarter():
    assert calendar_quarter_in_round(Quarter(2566, 1)) == (2565, 4)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, date(2024, 1, 1), date(2024, 3, 31)),
        (2, date(2024, 4, 1), date(2024, 6, 30)),
        (3, date(2024, 7, 1), date(2024, 9, 30)),
        (4, date(2024, 10, 1), date(2024, 12, 31)),
    ],
)
def test_calendar_quarter_bounds(quarter, start, end):
    assert calendar_quarter_bounds(2567, quarter) == (start, end)


@pytest.mark.parametrize(("calendar", "fiscal_round"), CALENDAR_ROUNDS, ids=str)
def test_calendar_quarter_covers_the_same_days_as_its_round(calendar, fiscal_round):
    assert calendar_quarter_bounds(*calendar) == (fiscal_round.start, fiscal_round.end)


@pytest.mark.parametrize("quarter", [0, 5])
def test_calendar_quarter_outside_one_to_four_is_rejected(quarter):
    with pytest.raises(ValueError):
        round_of_calendar_quarter(2566, quarter)


def test_fiscal_cycle_label():
    assert cycle_label(Quarter(2566, 1), CYCLE_FISCAL) == "ไตรมาส 1/2566"


def test_calendar_cycle_label_names_the_calendar_quarter():
    assert cycle_label(Quarter(2566, 1), CYCLE_CALENDAR) == "ไตรมาส 4/2565 (ปีปฏิทิน)"


def test_unknown_cycle_is_rejected():
    with pytest.raises(ValueError):
        cycle_label(Quarter(2566, 1), "lunar")


# --- Thai text ----------------------------------------------------------------------


def test_month_names_run_january_to_december():
    assert (THAI_MONTHS[0], THAI_MONTHS[1], THAI_MONTHS[11]) == ("มกราคม", "กุมภาพันธ์", "ธันวาคม")
    assert len(THAI_MONTHS) == 12


def test_abbreviated_month_names():
    assert THAI_MONTHS_ABBR == (
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    )


def test_thai_digits_converts_every_digit_and_keeps_the_rest():
    assert thai_digits("ปี 2566 งบ 1,234.50 (0789)") == "ปี ๒๕๖๖ งบ ๑,๒๓๔.๕๐ (๐๗๘๙)"


def test_thai_digits_accepts_numbers():
    assert thai_digits(2567) == "๒๕๖๗"


def test_arabic_digits_converts_every_thai_digit_and_keeps_the_rest():
    assert arabic_digits("ที่ รง ๐๒๑๔/ว ๗๗๖ งบ ๑,๒๓๔.๕๐ (M7)") == "ที่ รง 0214/ว 776 งบ 1,234.50 (M7)"


def test_arabic_digits_undoes_thai_digits():
    assert arabic_digits(thai_digits("0123456789")) == "0123456789"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("full", "28 มีนาคม 2566"),
        ("abbr", "28 มี.ค. 66"),
        ("abbr_full_year", "28 มี.ค. 2566"),
        ("month_year", "มีนาคม 2566"),
    ],
)
def test_format_thai_date_styles(style, expected):
    assert format_thai_date(date(2023, 3, 28), style=style) == expected


def test_format_thai_date_defaults_to_full():
    assert format_thai_date(date(2023, 3, 28)) == "28 มีนาคม 2566"


def test_format_thai_date_does_not_pad_the_day():
    assert format_thai_date(date(2023, 10, 1)) == "1 ตุลาคม 2566"


def test_format_thai_date_of_leap_day():
    assert format_thai_date(date(2024, 2, 29)) == "29 กุมภาพันธ์ 2567"


def test_format_thai_date_with_thai_numerals():
    assert format_thai_date(date(2023, 3, 28), thai_numerals=True) == "๒๘ มีนาคม ๒๕๖๖"


def test_format_thai_date_of_none_is_empty():
    assert format_thai_date(None) == ""


def test_format_thai_date_rejects_unknown_style():
    with pytest.raises(ValueError):
        format_thai_date(date(2023, 3, 28), style="iso")


def test_aware_datetime_is_shown_as_its_bangkok_date():
    # 18:00 UTC on 31 Dec is already 1 Jan in Bangkok (UTC+7).
    moment = datetime(2023, 12, 31, 18, 0, tzinfo=UTC)
    assert format_thai_date(moment) == "1 มกราคม 2567"


def test_naive_datetime_is_taken_as_bangkok_time():
    assert format_thai_date(datetime(2023, 12, 31, 23, 59)) == "31 ธันวาคม 2566"


def test_aware_datetime_in_another_zone_is_converted():
    moment = datetime(2024, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=9)))  # Tokyo
    assert format_thai_date(moment) == "31 ธันวาคม 2566"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234567.5"), "1,234,567.50"),
        (1234567, "1,234,567.00"),
        (1234567.5, "1,234,567.50"),
        (Decimal("0"), "0.00"),
        (Decimal("-1500"), "-1,500.00"),
        (None, ""),
    ],
)
def test_format_baht(amount, expected):
    assert format_baht(amount) == expected


def test_format_baht_rounds_half_up():
    assert format_baht(Decimal("0.125")) == "0.13"


def test_format_baht_rounds_a_float_as_written():
    assert format_baht(2.675) == "2.68"


def test_format_baht_whole_baht():
    assert format_baht(Decimal("1234567.50"), decimals=0) == "1,234,568"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("12.8205"), "12.82"), (12.825, "12.83"), (100, "100.00"), (None, "")],
)
def test_format_percent(value, expected):
    assert format_percent(value) == expected


def test_format_percent_one_decimal():
    assert format_percent(Decimal("12.8205"), decimals=1) == "12.8"
