"""The five-band summary: seed 000's figures, band edges, empty groups, fixed queries."""

from datetime import date
from decimal import Decimal

import pytest

from reporting.summaries import band_of, five_band_summary, largest_remainder
from tests.conftest import queries_of
from tests.factories import ProjectFactory, QuarterlyReportFactory
from tests.reporting.seed000 import build_seed_000_round

pytestmark = pytest.mark.django_db


def groups_by_unit(summary: dict) -> dict:
    return {g["unit"]: g for g in summary["groups"]}


def test_seed_000_department_figures_add_up_to_100_by_largest_remainder():
    assert largest_remainder({"100": 5, "75-99": 1, "50-74": 3, "25-49": 17, "0-24": 13}) == {
        "100": "12.82",
        "75-99": "2.57",
        "50-74": "7.69",
        "25-49": "43.59",
        "0-24": "33.33",
    }


def test_equal_remainders_go_to_the_band_with_more_projects_then_the_higher_band():
    # 1/3 each: 33.33 ×3 leaves one hundredth; the tie goes to the highest band.
    assert largest_remainder({"100": 1, "75-99": 1, "50-74": 1}) == {
        "100": "33.34",
        "75-99": "33.33",
        "50-74": "33.33",
        "25-49": "0.00",
        "0-24": "0.00",
    }
    # 2 of 3 and 1 of 3: 66.66.. and 33.33..; the larger remainder (.67) wins first.
    assert largest_remainder({"75-99": 2, "0-24": 1})["75-99"] == "66.67"


def test_a_group_with_no_reported_project_shows_zeros():
    assert largest_remainder({}) == {b: "0.00" for b in ["100", "75-99", "50-74", "25-49", "0-24"]}


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (Decimal("100"), "100"),
        (Decimal("99.99"), "75-99"),
        (Decimal("75"), "75-99"),
        (Decimal("74.99"), "50-74"),
        (Decimal("50"), "50-74"),
        (Decimal("25"), "25-49"),
        (Decimal("24.99"), "0-24"),
        (Decimal("0"), "0-24"),
    ],
)
def test_band_edges(percent, band):
    assert band_of(percent) == band


def test_projects_on_band_edges_are_counted_in_sql_like_band_of(unit):
    for percent in ["100", "99.99", "75", "50", "25", "24.99"]:
        QuarterlyReportFactory(
            project=ProjectFactory(owner_unit=unit("0209"), status="approved"),
            progress_percent=Decimal(percent),
            status="submitted",
        )

    ops = groups_by_unit(five_band_summary(fiscal_year=2567, quarter=1))["OPS"]

    assert ops["counts"] == {"100": 1, "75-99": 2, "50-74": 1, "25-49": 1, "0-24": 1}
    assert ops["reported"] == 6


def test_seed_000_round_gives_the_memo_figures():
    build_seed_000_round()

    summary = five_band_summary(fiscal_year=2566, quarter=1)

    assert summary["population"] == {
        "total": 189,
        "reported": 156,
        "not_reported": 0,
        "not_due": 18,
        "calendar_not_in_round": 15,
    }
    groups = groups_by_unit(summary)
    assert groups["OPS"]["reported"] == 39
    assert groups["OPS"]["counts"] == {"100": 5, "75-99": 1, "50-74": 3, "25-49": 17, "0-24": 13}
    assert groups["OPS"]["percents"] == {
        "100": "12.82",
        "75-99": "2.57",
        "50-74": "7.69",
        "25-49": "43.59",
        "0-24": "33.33",
    }
    assert groups["DOE"]["percents"]["25-49"] == "64.71"
    assert groups["SSO"]["percents"]["100"] == "84.00"
    assert groups["CL-COMPETE"]["reported"] == 70
    assert groups["CL-SECURITY"]["reported"] == 47
    assert groups["MOL"]["counts"] == {"100": 29, "75-99": 6, "50-74": 18, "25-49": 57, "0-24": 46}
    # The memo prints 3.85 and 29.48 (rounded by hand); the spec's largest remainder
    # method gives 3.84 and 29.49, still adding up to 100.00.
    assert groups["MOL"]["percents"] == {
        "100": "18.59",
        "75-99": "3.84",
        "50-74": "11.54",
        "25-49": "36.54",
        "0-24": "29.49",
    }


def test_groups_are_every_department_cluster_and_the_ministry_in_tree_order():
    summary = five_band_summary(fiscal_year=2566, quarter=1)

    levels = [(g["unit"], g["level"]) for g in summary["groups"]]
    assert levels[0] == ("MOL", "ministry")
    assert ("CL-POLICY", "cluster") in levels and ("OSHI", "department") in levels
    assert levels.index(("CL-POLICY", "cluster")) < levels.index(("OPS", "department"))
    oshi = groups_by_unit(summary)["OSHI"]
    assert oshi["reported"] == 0 and set(oshi["percents"].values()) == {"0.00"}


def test_drafts_and_returned_reports_are_not_reported(unit):
    for status in ["draft", "returned", "submitted", "approved"]:
        QuarterlyReportFactory(
            project=ProjectFactory(owner_unit=unit("DOE"), status="approved"), status=status
        )

    summary = five_band_summary(fiscal_year=2567, quarter=1)

    assert summary["population"]["reported"] == 2
    assert summary["population"]["not_reported"] == 2


def test_the_summary_runs_a_fixed_number_of_queries(unit):
    def add(n):
        for _ in range(n):
            QuarterlyReportFactory(
                project=ProjectFactory(
                    owner_unit=unit("DSD"),
                    status="approved",
                    start_date=date(2023, 10, 1),
                ),
                status="submitted",
            )

    add(2)
    few = queries_of(lambda: five_band_summary(fiscal_year=2567, quarter=1))
    add(30)
    many = queries_of(lambda: five_band_summary(fiscal_year=2567, quarter=1))

    assert few == many == 2


def test_a_project_without_dates_is_in_no_round_calendar_or_not(unit):
    ProjectFactory(owner_unit=unit("DOE"), status="approved", start_date=None, end_date=None)
    ProjectFactory(
        owner_unit=unit("DOE"), status="approved", start_date=None, end_date=None, cycle="calendar"
    )

    population = five_band_summary(fiscal_year=2567, quarter=1)["population"]

    assert population == {
        "total": 2,
        "reported": 0,
        "not_reported": 0,
        "not_due": 1,
        "calendar_not_in_round": 1,
    }
