"""Demo KPIs for `make run`: a few KPIs of สป.รง.'s action plan from seed 003.

Names, 12-month targets, 2-month targets and 2-month results are seed 003's
(ตารางที่ 1 and the list of units below plan), entered for the current fiscal
year; the later months' targets and the unit each KPI sits in are
illustrative. The first results are November's, as seed 003 notes ("เริ่ม
รายงานผลการดำเนินงานเป็นครั้งแรก ในเดือนพฤศจิกายน"). Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from core import fiscal
from core.clock import today
from orgs.models import OrgUnit
from projects.models import Project
from projects.services.codes import project_code_issue

from .models import Kpi, KpiResult, KpiTarget

DRUGS = ("0209", "โครงการส่งเสริมการป้องกันและแก้ไขปัญหายาเสพติดในกลุ่มแรงงาน")
SERVICE = ("0209", "โครงการเพิ่มประสิทธิภาพการให้บริการด้านแรงงาน")
JOBS = ("0206", "โครงการแก้ไขปัญหาความเดือดร้อนด้านอาชีพ")
INFORMAL = (
    "0216",
    "โครงการส่งเสริม คุ้มครอง และพัฒนาคุณภาพชีวิต แรงงานนอกระบบ แรงงานสูงอายุ และแรงงานพิการ",
)


@dataclass(frozen=True)
class DemoKpi:
    unit: str
    project: tuple[str, str] | None
    name: str
    annual: int
    measure: str
    first_month: int  # the first month with a planned target
    first_target: int  # the cumulative target of that month
    november_result: int | None = None
    quantitative: bool = True


DEMO_KPIS = [
    DemoKpi("0209-4", DRUGS, "จำนวนแรงงานกลุ่มเป้าหมายในสถานประกอบการที่มีลูกจ้างต่ำกว่า 10 คนลงมา ได้รับการส่งเสริมความรู้และสร้างภูมิคุ้มกันการป้องกัน และแก้ไขปัญหายาเสพติดไม่ต่ำกว่า", 43220, "คน", 2, 6600, 7285),
    DemoKpi("0209-4", DRUGS, "จำนวนแรงงานนอกระบบที่ได้รับการส่งเสริมความรู้และสร้างภูมิคุ้มกันการป้องกันและแก้ไขปัญหายาเสพติด", 62360, "คน", 2, 9500, 10183),
    DemoKpi("0209-4", DRUGS, "จำนวนชมรม TO BE NUMBER ONE", 76, "ชมรม", 8, 76),
    DemoKpi("0209-4", DRUGS, "จำนวนศูนย์เพื่อนใจ TO BE NUMBER ONE", 45, "ศูนย์", 8, 45),
    DemoKpi("0209-4", DRUGS, "ร้อยละของแรงงานกลุ่มเป้าหมายมีความรู้ความเข้าใจและสร้างภูมิคุ้มกันด้านการป้องกันและแก้ไขปัญหายาเสพติด", 80, "ร้อยละ", 12, 80, quantitative=False),
    DemoKpi("0209-2", SERVICE, "จำนวนประชาชนที่ได้รับบริการด้านแรงงาน", 734075, "คน", 2, 122210, 142843),
    DemoKpi("0206-1", SERVICE, "จำนวนนโยบาย ข้อเสนอ แนวทาง และมาตรการด้านแรงงาน", 28, "เรื่อง", 2, 1, 1),
    DemoKpi("0210-1", SERVICE, "จำนวนแรงงานไทยในต่างประเทศได้รับการคุ้มครองสิทธิประโยชน์", 200000, "คน", 3, 50000),
    DemoKpi("0213", SERVICE, "คะแนนการประเมินคุณธรรมและความโปร่งใส ในการดำเนินงาน (ITA) ไม่ต่ำกว่า", 92, "ร้อยละ", 11, 92, quantitative=False),
    DemoKpi("0206-2", JOBS, "จำนวนกำลังแรงงานที่ได้รับการแก้ไขปัญหา ความเดือดร้อนด้านอาชีพ", 5800, "คน", 3, 1000, 1000),
    DemoKpi("0216", INFORMAL, "จำนวนแรงงานนอกระบบ แรงงานสูงอายุ และ แรงงานพิการ ที่ได้รับการส่งเสริม คุ้มครอง และพัฒนา คุณภาพชีวิต", 13560000, "คน", 2, 2260000),
    DemoKpi("0213", None, "ป้องกันและปราบปรามการทุจริต (ประชุมคณะกรรมการ)", 4, "ครั้ง", 2, 1),
    DemoKpi("0213", None, "ส่งเสริม/คุ้มครองจริยธรรม (ประชุมคณะอนุกรรมการ)", 4, "ครั้ง", 2, 1),
    DemoKpi("0217", None, "การจัดจ้างเจ้าหน้าที่สนับสนุนการขับเคลื่อนกลไกการส่งต่อระดับชาติ (NRM) ด้านภาษา", 23, "คน", 2, 23, 17),
    DemoKpi("0207-4", None, "ประชุมโครงการเพิ่มประสิทธิภาพการจัดทำดัชนีชี้วัดคุณภาพชีวิตแรงงานนอกระบบ", 6, "ครั้ง", 2, 2),
    DemoKpi("0208-2", None, "จัดประชุม คกก. CIO กระทรวงแรงงาน และ สป.รง.", 4, "ครั้ง", 2, 1),
    DemoKpi("OPS-GA-1", None, "งานสารบรรณของกระทรวงแรงงานและสำนักงานปลัดกระทรวงแรงงาน", 28000, "เรื่อง", 2, 4667, 63352),
    DemoKpi("0209-1", None, "การประเมินผลการดำเนินงานตามนโยบาย ยุทธศาสตร์ และแผนของสำนักงานแรงงานจังหวัด", 380, "ฉบับ", 4, 76),
]  # fmt: skip


@transaction.atomic
def seed_kpis() -> int:
    """Create the demo KPIs of the current fiscal year (once); returns how many exist."""
    fy = fiscal.fiscal_year_of(today())
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={d.unit for d in DEMO_KPIS})}
    projects = {key: _project(key, fy) for key in {d.project for d in DEMO_KPIS} if key}
    for position, demo in enumerate(DEMO_KPIS, start=1):
        kpi, created = Kpi.objects.get_or_create(
            fiscal_year=fy,
            unit=units[demo.unit],
            name=demo.name,
            defaults={
                "project": projects.get(demo.project),
                "unit_of_measure": demo.measure,
                "annual_target": Decimal(demo.annual),
                "is_quantitative": demo.quantitative,
                "position": position,
            },
        )
        if created:
            _plan(kpi, demo)
    return Kpi.objects.filter(fiscal_year=fy).count()


def _project(key: tuple[str, str], fy: int) -> Project:
    """The action plan's project: the demo project of that name, or a new draft."""
    unit_code, name = key
    found = Project.objects.filter(fiscal_year=fy, name=name).first()
    if found:
        return found
    unit = OrgUnit.objects.get(code=unit_code)
    code = project_code_issue(unit=unit, fiscal_year=fy)
    return Project.objects.create(
        code=code, name=name, owner_unit=unit, fiscal_year=fy, cycle=unit.cycle
    )


def _plan(kpi: Kpi, demo: DemoKpi) -> None:
    """Cumulative targets from the first planned month, rising evenly to the 12-month target."""
    steps = 12 - demo.first_month
    targets = []
    for month in range(demo.first_month, 13):
        done = month - demo.first_month
        value = demo.first_target + (demo.annual - demo.first_target) * done / max(steps, 1)
        targets.append(KpiTarget(kpi=kpi, month=month, cumulative_value=round(Decimal(value))))
    KpiTarget.objects.bulk_create(targets)
    if demo.november_result is not None:
        KpiResult.objects.create(kpi=kpi, month=2, value=Decimal(demo.november_result))
