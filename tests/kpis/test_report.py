"""The monthly report: figures to a month, by project and by unit, in fixed queries."""

from decimal import Decimal

import pytest

from kpis.lights import Light, shown
from kpis.selectors import kpi_report
from orgs.models import Role
from tests.conftest import queries_of
from tests.factories import ProjectFactory, user_with_role

from .factories import planned_kpi

pytestmark = pytest.mark.django_db


@pytest.fixture
def pyp(db):
    return user_with_role(Role.PYP_OFFICER, "MOL")


def lines_of(report):
    return {line.kpi.name: line for block in report.projects for line in block.lines}


def test_the_target_to_date_is_the_latest_cumulative_target_planned(pyp):
    planned_kpi(name="บริการ", targets={2: 100, 5: 400}, results={1: 30, 2: 50, 4: 70})

    line = lines_of(kpi_report(user=pyp, fiscal_year=2568, month=4))["บริการ"]

    assert line.kpi.target_to_date == Decimal(100)
    assert line.kpi.result_to_date == Decimal(150)  # monthly results added up to April
    assert line.score.percent_to_date == Decimal("100.00")


def test_a_level_kpi_takes_its_latest_value_instead_of_a_sum(pyp):
    planned_kpi(
        name="ร้อยละผู้ผ่าน",
        unit_of_measure="ร้อยละ",
        annual_target=80,
        is_quantitative=False,
        targets={3: 80},
        results={2: 60, 3: 76},
    )

    line = lines_of(kpi_report(user=pyp, fiscal_year=2568, month=3))["ร้อยละผู้ผ่าน"]

    assert line.kpi.result_to_date == Decimal(76)
    assert line.score.percent_to_date == Decimal("95.00")


def test_a_kpi_not_yet_due_says_the_month_it_reports(pyp):
    planned_kpi(name="ชมรม", annual_target=76, targets={8: 76})

    line = lines_of(kpi_report(user=pyp, fiscal_year=2568, month=2))["ชมรม"]

    assert line.score.light == Light.NOT_DUE
    assert line.due_label == "รายงานผลเดือน พ.ค. 68"


def test_a_project_counts_only_its_quantitative_kpis(pyp):
    project = ProjectFactory(fiscal_year=2568, name="โครงการบริการ")
    planned_kpi(project=project, targets={2: 100}, results={2: 100})
    planned_kpi(project=project, is_quantitative=False, targets={2: 100}, results={2: 10})

    report = kpi_report(user=pyp, fiscal_year=2568, month=2)

    assert report.projects[0].score.percent_to_date == Decimal("100.00")
    assert report.projects_score.light == Light.GREEN


def test_kpis_under_no_project_come_last_and_stay_out_of_the_project_overall(pyp):
    planned_kpi(targets={2: 100}, results={2: 10})
    planned_kpi(project=ProjectFactory(fiscal_year=2568), targets={2: 100}, results={2: 100})

    report = kpi_report(user=pyp, fiscal_year=2568, month=2)

    assert [b.project is None for b in report.projects] == [False, True]
    assert report.projects_score.percent_to_date == Decimal("100.00")


def test_a_division_averages_its_groups_and_counts_them_by_light(pyp, unit):
    planned_kpi(unit=unit("0207-1"), targets={2: 10}, results={2: 10})
    planned_kpi(unit=unit("0207-4"), targets={2: 8}, results={2: 7})
    planned_kpi(unit=unit("0207-5"), targets={4: 10})

    report = kpi_report(user=pyp, fiscal_year=2568, month=2)

    [division] = report.units
    assert division.unit.code == "0207"
    assert [m.unit.code for m in division.members] == ["0207-1", "0207-4", "0207-5"]
    assert division.score.percent_to_date == Decimal("93.75")  # (100 + 87.50) / 2
    assert [(m.unit.code, m.level) for m in report.unit_rows()] == [
        ("0207", 1),
        ("0207-1", 2),
        ("0207-4", 2),
        ("0207-5", 2),
    ]
    assert division.counts == {Light.GREEN: 1, Light.YELLOW: 0, Light.RED: 1, Light.NOT_DUE: 1}
    assert division.members[2].first_due_label == "ม.ค. 68"


def test_a_division_without_groups_is_one_unit_and_the_overall_averages_the_divisions(pyp, unit):
    planned_kpi(unit=unit("0217"), targets={2: 23}, results={2: 17})
    planned_kpi(unit=unit("0209-2"), targets={2: 100}, results={2: 120})
    planned_kpi(unit=unit("0209-3"), targets={2: 100}, results={2: 96})

    report = kpi_report(user=pyp, fiscal_year=2568, month=2)

    assert [r.unit.code for r in report.units] == ["0217", "0209"]
    assert report.units[0].members == [] and report.units[0].score.light == Light.RED
    assert report.unit_counts == {Light.GREEN: 1, Light.YELLOW: 1, Light.RED: 1, Light.NOT_DUE: 0}
    # Seed 003's overall row: the mean of the root's children (0217 and 0209), not of the groups.
    assert shown(report.units_score.percent_to_date) == "85.96"  # (73.913… + (100 + 96) / 2) / 2


def test_unit_staff_see_only_the_kpis_of_their_units(unit):
    planned_kpi(unit=unit("0209-2"), name="ของ สตป.", targets={2: 1})
    planned_kpi(unit=unit("0206-1"), name="ของ กยผ.", targets={2: 1})
    staff = user_with_role(Role.STAFF, "0209")

    report = kpi_report(user=staff, fiscal_year=2568, month=2)

    assert set(lines_of(report)) == {"ของ สตป."}
    assert [r.unit.code for r in report.units] == ["0209"]


def test_the_report_runs_the_same_queries_for_few_and_many_kpis(pyp, unit):
    def add(codes):
        for code in codes:
            project = ProjectFactory(fiscal_year=2568)
            planned_kpi(unit=unit(code), project=project, targets={1: 5, 2: 10}, results={1: 4})

    def run():
        report = kpi_report(user=pyp, fiscal_year=2568, month=2)
        return [(b.project.name, line.due_label) for b in report.projects for line in b.lines]

    add(["0209-1"])
    run()  # the user's grants are read once and kept on the user
    few = queries_of(run)
    add(["0209-2", "0206-1", "0207-3", "0208-1", "0217", "0213", "OPS-HR-2"])
    assert queries_of(run) == few
