"""ตารางที่ 3 (seed 003 section 2.3): the provincial offices' copies of a KPI summed over
the provinces, per cent and light per KPI, project and overall, the provinces below
plan named; the central tables leave the provinces out."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kpis.demo import DEMO_FISCAL_YEAR
from kpis.demo_provinces import seed_province_kpis, share
from kpis.lights import Light, shown
from kpis.provinces import province_report
from kpis.selectors import kpi_report
from orgs.models import OrgUnit, Role, UnitKind
from tests.conftest import queries_of
from tests.factories import OrgUnitFactory, ProjectFactory, user_with_role

from .factories import planned_kpi

pytestmark = pytest.mark.django_db


@pytest.fixture
def pyp(db):
    return user_with_role(Role.PYP_OFFICER, "MOL")


@pytest.fixture
def provinces(db):
    ops = OrgUnit.objects.get(code="OPS")
    return [
        OrgUnitFactory(code=f"PLO-{code}", parent=ops, kind=UnitKind.PROVINCE, name_th=name)
        for code, name in (
            ("50", "สำนักงานแรงงานจังหวัดเชียงใหม่"),
            ("51", "สำนักงานแรงงานจังหวัดลำพูน"),
            ("52", "สำนักงานแรงงานจังหวัดลำปาง"),
        )
    ]


def test_a_kpi_is_summed_over_the_provinces_that_hold_it(pyp, provinces):
    project = ProjectFactory(fiscal_year=2568, name="โครงการบริการด้านแรงงาน")
    for unit, target, result in zip(provinces, (100, 50, 50), (120, 50, 40), strict=True):
        planned_kpi(
            unit=unit, project=project, name="ผู้รับบริการ", annual_target=600,
            targets={2: target}, results={2: result},
        )  # fmt: skip

    report = province_report(user=pyp, fiscal_year=2568, month=2)

    line = report.projects[0].lines[0]
    assert (line.provinces, line.annual_target) == (3, Decimal(1800))
    assert (line.target_to_date, line.result_to_date) == (Decimal(200), Decimal(210))
    assert shown(line.score.percent_to_date) == "100.00"  # 210 of 200, capped
    assert shown(line.score.percent_of_year) == "11.67"  # 210 of 1,800
    assert report.score.light == Light.GREEN
    assert report.province_count == 3
    # ลำปาง did 40 of its 50: below plan on its own copy though the sum is on plan
    assert [s.unit.code for s in line.below_plan] == ["PLO-52"]
    assert [(u.code, [x.name for x in lines]) for u, lines in report.below_plan] == [
        ("PLO-52", ["ผู้รับบริการ"])
    ]


def test_projects_are_the_mean_of_their_kpis_and_the_overall_of_the_projects(pyp, provinces):
    first, second = (ProjectFactory(fiscal_year=2568) for _ in range(2))
    planned_kpi(unit=provinces[0], project=first, targets={2: 100}, results={2: 90})
    planned_kpi(unit=provinces[0], project=first, targets={2: 100}, results={2: 100})
    planned_kpi(unit=provinces[1], project=second, targets={8: 10})  # not due in month 2

    report = province_report(user=pyp, fiscal_year=2568, month=2)

    scores = {p.project.pk: p.score for p in report.projects}
    assert shown(scores[first.pk].percent_to_date) == "95.00"
    assert scores[first.pk].light == Light.YELLOW
    assert scores[second.pk].light == Light.NOT_DUE
    assert shown(report.score.percent_to_date) == "95.00"  # the due project only
    assert report.projects[1].lines[0].due_label == "รายงานผลเดือน พ.ค. 68"


def test_the_central_tables_leave_the_provinces_out(pyp, provinces):
    planned_kpi(unit=provinces[0], targets={2: 100}, results={2: 10}, name="งานจังหวัด")
    planned_kpi(targets={2: 100}, results={2: 100}, name="งานส่วนกลาง")

    central = kpi_report(user=pyp, fiscal_year=2568, month=2)

    names = [line.kpi.name for block in central.projects for line in block.lines]
    assert names == ["งานส่วนกลาง"]
    assert all(row.unit.kind != UnitKind.PROVINCE for row in central.units)


def test_a_province_sees_its_own_copy_only(provinces):
    planned_kpi(unit=provinces[0], targets={2: 10}, results={2: 10}, name="ของเชียงใหม่")
    planned_kpi(unit=provinces[1], targets={2: 10}, results={2: 10}, name="ของลำพูน")
    staff = user_with_role(Role.STAFF, "PLO-50")

    report = province_report(user=staff, fiscal_year=2568, month=2)

    assert [line.name for p in report.projects for line in p.lines] == ["ของเชียงใหม่"]


def test_the_report_page_shows_table_3(client, pyp, provinces):
    planned_kpi(unit=provinces[2], targets={2: 10}, results={2: 5}, name="สำรวจข้อมูลแรงงาน")
    client.force_login(pyp)

    page = client.get(reverse("kpis:report"), {"fiscal_year": 2568, "month": 2}).content.decode()

    assert "ตารางที่ 3 ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค" in page
    assert 'id="by-province"' in page and "สำรวจข้อมูลแรงงาน" in page
    assert "ต่ำกว่าแผน: สำนักงานแรงงานจังหวัดลำปาง" in page


def test_the_page_reads_table_3_in_a_fixed_number_of_queries(client, pyp, provinces):
    client.force_login(pyp)
    url = reverse("kpis:report")
    planned_kpi(unit=provinces[0], targets={2: 10}, results={2: 5})
    few = queries_of(lambda: client.get(url, {"fiscal_year": 2568, "month": 2}))
    for unit in provinces:
        for _ in range(3):
            planned_kpi(unit=unit, targets={2: 10}, results={2: 5})

    many = queries_of(lambda: client.get(url, {"fiscal_year": 2568, "month": 2}))

    assert many == few


def test_each_province_gets_an_even_share_and_the_shares_add_up():
    shares = [share(6600, i, 76) for i in range(76)]

    assert sum(shares) == 6600 and max(shares) - min(shares) <= 1


def test_the_demo_gives_seed_003s_section_2_3(pyp):
    seed_province_kpis()
    seed_province_kpis()  # again: nothing changes

    report = province_report(user=pyp, fiscal_year=DEMO_FISCAL_YEAR, month=2)
    assert report.province_count == 76
    assert report.project_count == 5
    assert shown(report.score.percent_to_date) == "100.00"
    assert report.score.light == Light.GREEN
    assert not report.below_plan  # every province on plan, as seed 003 reports
    jobs = next(p for p in report.projects if p.project.name.startswith("โครงการแก้ไขปัญหา"))
    assert shown(jobs.score.percent_of_year) == "36.89"  # seed 003: 36.89
