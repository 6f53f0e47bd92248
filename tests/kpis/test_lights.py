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
    rounded,
    score_group,
    score_kpi,
    shown,
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


def test_a_result_short_of_the_target_is_its_share_in_per_cent_kept_unrounded():
    assert percent_of(D(17), D(23)) == D(1700) / D(23)
    assert shown(percent_of(D(17), D(23))) == "73.91"


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
    assert (score.percent_to_date, rounded(score.percent_of_year)) == (D(100), D("17.24"))


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

    assert (shown(project.percent_to_date), shown(project.percent_of_year)) == ("100.00", "8.30")


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


def test_seed_003_projects_of_the_year_average_unrounded_figures_to_4_74_not_4_75():
    def project(*kpis):
        return score_group(
            score_kpi(target_to_date=None, result_to_date=D(done), annual_target=D(annual))
            for done, annual in kpis
        )

    drugs = project((7285, 43220), (10183, 62360), (0, 76), (0, 45))  # 8.29625
    service = project((142843, 734075), (1, 28), (0, 200000))  # 7.6768
    jobs = project((1000, 5800))  # 17.2414
    nothing = project((0, 10))
    projects = [nothing, drugs, nothing, service, jobs, nothing, nothing]

    assert [shown(p.percent_of_year) for p in (drugs, service, jobs)] == ["8.30", "7.68", "17.24"]
    assert shown(score_group(projects).percent_of_year) == "4.74"  # printed ones give 4.75


def test_a_group_is_ahead_of_plan_when_only_results_before_the_plan_make_it_due():
    ahead = score_kpi(target_to_date=None, result_to_date=D(1000), annual_target=D(5800))
    not_due = score_kpi(target_to_date=None, result_to_date=None, annual_target=D(20))
    planned = score_kpi(target_to_date=D(10), result_to_date=D(10), annual_target=D(20))

    assert score_group([ahead, not_due]).ahead_of_plan
    assert not score_group([ahead, planned]).ahead_of_plan
    assert not score_group([not_due]).ahead_of_plan


def test_a_kpi_is_below_plan_when_its_shown_figure_is_under_100():
    assert score_kpi(target_to_date=D(23), result_to_date=D(17), annual_target=D(23)).below_plan
    assert not score_kpi(target_to_date=D(23), result_to_date=D(23), annual_target=D(23)).below_plan
    assert not score_kpi(target_to_date=None, result_to_date=None, annual_target=D(23)).below_plan
