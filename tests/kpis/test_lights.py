"""Per cent of target and the traffic light (seed 003's criteria), without a database."""

from decimal import Decimal

import pytest

from kpis.lights import (
    GroupScore,
    KpiScore,
    Light,
    count_lights,
    light_of,
    percent_of,
    score_group,
    score_kpi,
)

D = Decimal


@pytest.mark.parametrize(
    ("percent", "light"),
    [
        (D("100"), Light.GREEN),
        (D("99.99"), Light.YELLOW),
        (D("95"), Light.YELLOW),
        (D("94.99"), Light.RED),
        (D("0"), Light.RED),
        (None, Light.NOT_DUE),
    ],
)
def test_the_light_follows_the_bands_of_seed_003(percent, light):
    assert light_of(percent) == light


def test_the_light_matches_the_figure_printed_with_two_decimals():
    assert light_of(D("99.995")) == Light.GREEN  # printed 100.00
    assert light_of(D("94.994")) == Light.RED  # printed 94.99
    assert light_of(D("94.995")) == Light.YELLOW  # printed 95.00


def test_doing_more_than_planned_counts_as_one_hundred():
    assert percent_of(D(142843), D(122210)) == D("100.00")


def test_a_result_short_of_the_target_is_its_share_in_per_cent():
    assert percent_of(D(17), D(23)) == D("73.91")


def test_no_result_against_a_target_is_zero():
    score = score_kpi(target_to_date=D(2260000), result_to_date=None, annual_target=D(13560000))

    assert (score.percent_to_date, score.light) == (D("0.00"), Light.RED)


def test_nothing_planned_and_nothing_done_is_not_yet_due():
    score = score_kpi(target_to_date=None, result_to_date=None, annual_target=D(76))

    assert score.light == Light.NOT_DUE and not score.is_due
    assert score.percent_of_year == D("0.00")


def test_a_result_before_the_plan_counts_as_one_hundred_ahead_of_plan():
    score = score_kpi(target_to_date=None, result_to_date=D(1000), annual_target=D(5800))

    assert score.ahead_of_plan and score.light == Light.GREEN
    assert (score.percent_to_date, score.percent_of_year) == (D(100), D("17.24"))


def test_a_zero_target_to_date_is_nothing_due():
    score = score_kpi(target_to_date=D(0), result_to_date=D(0), annual_target=D(10))

    assert score.light == Light.NOT_DUE


def test_seed_003_drug_project_averages_due_kpis_to_date_and_all_kpis_of_the_year():
    kpis = [
        score_kpi(target_to_date=D(6600), result_to_date=D(7285), annual_target=D(43220)),
        score_kpi(target_to_date=D(9500), result_to_date=D(10183), annual_target=D(62360)),
        score_kpi(target_to_date=None, result_to_date=None, annual_target=D(76)),
        score_kpi(target_to_date=None, result_to_date=None, annual_target=D(45)),
    ]

    project = score_group(kpis)

    assert (project.percent_to_date, project.percent_of_year) == (D("100.00"), D("8.30"))


def test_seed_003_overall_averages_the_projects_that_are_due():
    projects = [
        GroupScore(D(100), D("8.30")),
        GroupScore(D(100), D("7.68")),
        GroupScore(D(100), D("17.24")),
        GroupScore(D(0), D(0)),
        GroupScore(None, D(0)),
    ]

    assert score_group(projects).percent_to_date == D("75.00")
    assert score_group(projects).light == Light.RED


def test_a_group_with_nothing_due_is_not_yet_due():
    assert score_group([KpiScore(None, D(0))]).light == Light.NOT_DUE
    assert score_group([]).percent_of_year is None


def test_counts_have_every_light():
    counts = count_lights([GroupScore(D(100), None), GroupScore(D(50), None)])

    assert counts == {Light.GREEN: 1, Light.YELLOW: 0, Light.RED: 1, Light.NOT_DUE: 0}
