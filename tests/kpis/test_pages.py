"""The report page, its Excel export and the demo KPIs."""

import io
import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.clock import freeze
from kpis.demo import seed_kpis
from kpis.models import Kpi, KpiResult
from orgs.models import Role
from tests.conftest import queries_of
from tests.factories import ProjectFactory, UserFactory, user_with_role

from .factories import planned_kpi

pytestmark = pytest.mark.django_db

REPORT = reverse("kpis:report") + "?fiscal_year=2568&month=2"
EXPORT = reverse("kpis:export") + "?fiscal_year=2568&month=2"


@pytest.fixture
def pyp_client(client):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))
    return client


@pytest.fixture
def seed_003_service(unit):
    project = ProjectFactory(fiscal_year=2568, name="โครงการเพิ่มประสิทธิภาพการให้บริการด้านแรงงาน")
    planned_kpi(
        project=project,
        unit=unit("0209-2"),
        name="จำนวนประชาชนที่ได้รับบริการด้านแรงงาน",
        annual_target=734075,
        targets={2: 122210},
        results={2: 142843},
    )
    planned_kpi(
        project=project,
        unit=unit("0206-1"),
        name="จำนวนนโยบาย ข้อเสนอ แนวทาง และมาตรการด้านแรงงาน",
        unit_of_measure="เรื่อง",
        annual_target=28,
        targets={2: 1},
        results={2: 1},
    )
    planned_kpi(
        project=project,
        unit=unit("0210-1"),
        name="จำนวนแรงงานไทยในต่างประเทศได้รับการคุ้มครองสิทธิประโยชน์",
        annual_target=200000,
        targets={3: 50000},
    )
    planned_kpi(unit=unit("0217"), name="การจัดจ้างเจ้าหน้าที่", targets={2: 23}, results={2: 17})
    return project


def cell_texts(html: str, table_id: str) -> list[str]:
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    return [
        re.sub(r"<[^>]+>|\s+", " ", cell).strip()
        for cell in re.findall(r"<td.*?</td>", table, re.S)
    ]


def test_anyone_signed_out_is_sent_to_login(client):
    response = client.get(REPORT)

    assert response.status_code == 302 and reverse("login") in response.url


def test_an_official_without_a_role_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(REPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_report_shows_seed_003s_service_project_in_thai(pyp_client, seed_003_service):
    page = pyp_client.get(REPORT).content.decode()

    cells = cell_texts(page, "by-project")
    assert "734,075 คน" in cells and "122,210 คน" in cells and "142,843 คน" in cells
    assert "ผลการดำเนินงานในภาพรวม จำนวน 1 โครงการ" in cells[0]
    assert "7.68" in cells[5]  # (19.46 + 3.57 + 0) / 3, as seed 003 prints it
    assert "รายงานผลเดือน ธ.ค. 67" in " ".join(cells)
    assert "รอบ 2 เดือน" in page and "1 ตุลาคม 2567" in page and "30 พฤศจิกายน 2567" in page
    units = cell_texts(page, "by-unit")
    assert "สำนักงานเลขานุการศูนย์บัญชาการป้องกันการค้ามนุษย์ด้านแรงงาน" in " ".join(units)
    assert 'data-light="red">73.91' in page


def test_the_export_holds_the_figures_of_the_page(pyp_client, seed_003_service):
    page = pyp_client.get(REPORT).content.decode()
    response = pyp_client.get(EXPORT)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    rows = {r[0]: r for r in book["ตามโครงการ"].iter_rows(min_row=3, values_only=True)}
    service = rows["จำนวนประชาชนที่ได้รับบริการด้านแรงงาน"]
    assert service[3:8] == (734075, 122210, 142843, 100, 19.46)
    project = rows["โครงการเพิ่มประสิทธิภาพการให้บริการด้านแรงงาน"]
    assert f"{project[7]:.2f}" in cell_texts(page, "by-project")[11]
    units = {r[0].strip(): r for r in book["ตามหน่วยงาน"].iter_rows(min_row=3, values_only=True)}
    assert units["ภาพรวม"][3:7] == (2, 0, 1, 1)
    assert f"{units['สำนักงานเลขานุการศูนย์บัญชาการป้องกันการค้ามนุษย์ด้านแรงงาน'][1]:.2f}" in page


def test_the_report_page_runs_the_same_queries_for_few_and_many_kpis(pyp_client, unit):
    def add(codes):
        for code in codes:
            planned_kpi(unit=unit(code), project=ProjectFactory(fiscal_year=2568), targets={2: 9})

    add(["0209-1"])
    pyp_client.get(REPORT)
    few = queries_of(lambda: pyp_client.get(REPORT))
    add(["0209-2", "0206-1", "0207-3", "0208-1", "0217", "0213", "OPS-HR-2", "OPS-LAW-1"])

    assert queries_of(lambda: pyp_client.get(REPORT)) == few


def test_the_demo_kpis_are_seed_003s_and_load_once(db):
    importer = UserFactory()
    with freeze(datetime(2024, 12, 9, 10, 0)):
        count = seed_kpis(user=importer)
        assert seed_kpis(user=importer) == count

    kpi = Kpi.objects.get(fiscal_year=2568, name="จำนวนประชาชนที่ได้รับบริการด้านแรงงาน")
    assert kpi.annual_target == Decimal(734075)
    assert kpi.targets.get(month=2).cumulative_value == Decimal(122210)
    assert KpiResult.objects.get(kpi=kpi, month=2).value == Decimal(142843)
    assert kpi.project.name == "โครงการเพิ่มประสิทธิภาพการให้บริการด้านแรงงาน"


def test_a_per_cent_kpi_reads_as_seed_003_writes_it(pyp_client):
    planned_kpi(name="คะแนน ITA", unit_of_measure="ร้อยละ", annual_target=92, targets={11: 92})

    cells = cell_texts(pyp_client.get(REPORT).content.decode(), "by-project")

    assert "ร้อยละ 92" in cells
    assert "รายงานผลเดือน ส.ค. 68" in cells


def test_the_administrator_keeps_kpis_and_their_monthly_targets(client, seed_003_service):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    kpi = Kpi.objects.get(name="จำนวนประชาชนที่ได้รับบริการด้านแรงงาน")

    assert client.get(reverse("admin:kpis_kpi_changelist")).status_code == 200
    page = client.get(reverse("admin:kpis_kpi_change", args=[kpi.pk])).content.decode()
    assert "เป้าหมายสะสมถึงเดือนนี้" in page and "122210" in page
