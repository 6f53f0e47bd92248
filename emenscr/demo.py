"""Demo data for `make run`: users for every role at real units, a few projects.

The projects are the flagship projects of seed 001 (names, units and Y1
targets as that circular lists them), entered for the current fiscal year;
their budgets and schedules are illustrative. It loads the Ministry of Labour's
reference data first (as `manage.py load_reference` does), whose units and targets
the demo uses. Running it again changes nothing.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from approvals.services.records import (
    item_record_imported_approval,
    item_record_imported_submission,
)
from core import fiscal
from core.clock import today
from emenscr.reference import load_reference_data
from kpis.demo import seed_kpis
from kpis.demo_provinces import seed_province_kpis
from orgs.models import ActingKind, Delegation, OrgUnit, Role, RoleAssignment, User
from projects.models import (
    Activity,
    ActivityQuarter,
    AreaLevel,
    BudgetSource,
    Level3IndicatorTarget,
    Level3Plan,
    Level3PlanDocument,
    OperatingArea,
    PlanLevel,
    PlanNode,
    Project,
    ProjectTarget,
    SourceKind,
    SpendingPlan,
    TargetKind,
)
from projects.services.codes import project_code_reserve
from projects.services.entry import project_refresh_completeness
from reporting.models import QuarterlyReport
from reporting.snapshots import round_snapshot_take
from windows.rules import windows_propose

DEMO_PASSWORD = "emenscr-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    title: str
    first_name: str
    last_name: str
    position: str
    role: str
    unit: str
    home_unit: str = ""


DEMO_USERS = [
    DemoUser("staff0209", "นางสาว", "สมใจ", "ตั้งใจงาน", "นักวิเคราะห์นโยบายและแผน", Role.STAFF, "0209"),
    DemoUser(
        "director0209",
        "นาย",
        "ประเสริฐ",
        "มั่นคง",
        "ผู้อำนวยการสำนักตรวจและประเมินผล",
        Role.DIVISION_DIRECTOR,
        "0209",
    ),
    DemoUser("staff0206", "นาย", "วิชัย", "วางแผนดี", "นักวิเคราะห์นโยบายและแผน", Role.STAFF, "0206"),
    DemoUser(
        "director0206",
        "นาง",
        "สุดารัตน์",
        "ยุทธศาสตร์",
        "ผู้อำนวยการกองยุทธศาสตร์และแผนงาน",
        Role.DIVISION_DIRECTOR,
        "0206",
    ),
    DemoUser("staffdoe", "นางสาว", "กานดา", "หางานให้", "นักวิชาการแรงงาน", Role.STAFF, "DOE"),
    DemoUser("headdoe", "นาย", "อนันต์", "จัดหางาน", "อธิบดีกรมการจัดหางาน", Role.DEPARTMENT_HEAD, "DOE"),
    DemoUser("staffsso", "นาง", "มาลี", "ประกันสุข", "นักวิชาการแผนและงบประมาณ", Role.STAFF, "SSO"),
    DemoUser(
        "pyp",
        "นางสาว",
        "ปรียา",
        "ตรวจละเอียด",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        Role.PYP_OFFICER,
        "MOL",
        "0214",
    ),
    DemoUser(
        "director0214",
        "นาง",
        "วิไลวรรณ",
        "ขับเคลื่อนดี",
        "ผู้อำนวยการกลุ่มขับเคลื่อนการปฏิรูปประเทศ ยุทธศาสตร์ชาติ และการสร้างความสามัคคีปรองดอง",
        Role.DIVISION_DIRECTOR,
        "0214",
    ),
    DemoUser(
        "clusterpolicy",
        "นาย",
        "ชาญชัย",
        "นำภารกิจ",
        "รองปลัดกระทรวงแรงงาน หัวหน้ากลุ่มภารกิจด้านนโยบายและอำนวยการ",
        Role.CLUSTER_HEAD,
        "CL-POLICY",
        "OPS",
    ),
    DemoUser(
        "clustercompete",
        "นาง",
        "วรรณา",
        "แข่งขันได้",
        "รองปลัดกระทรวงแรงงาน หัวหน้ากลุ่มภารกิจด้านส่งเสริมขีดความสามารถในการแข่งขัน",
        Role.CLUSTER_HEAD,
        "CL-COMPETE",
        "OPS",
    ),
    DemoUser(
        "ps",
        "นาย",
        "สมศักดิ์",
        "ปลัดแรงงาน",
        "ปลัดกระทรวงแรงงาน",
        Role.PERMANENT_SECRETARY,
        "MOL",
        "OPS",
    ),
    DemoUser("admin", "นาย", "ดูแล", "ระบบงาน", "นักวิชาการคอมพิวเตอร์", Role.ADMIN, "MOL", "0208"),
]
# (unit, running number, name, Y1 target code) from seed 001's list of flagship projects.
DEMO_PROJECTS = [
    ("0209", 1, "อาสาสมัครแรงงานด้านภัยยาเสพติด", "010201"),
    ("0206", 1, "โครงการแก้ไขปัญหาความเดือดร้อนด้านอาชีพ", "110401"),
    ("0209", 2, "โครงการเพิ่มประสิทธิภาพการให้บริการด้านแรงงานในจังหวัดชายแดนภาคใต้", "010201"),
    (
        "0216",
        1,
        "โครงการยกระดับคุณภาพชีวิตแรงงานนอกระบบโดยเครือข่ายชุมชนผ่านการขึ้นทะเบียนและสมัครสมาชิกกองทุน",
        "170101",
    ),
    ("0208", 1, "โครงการจัดทำฐานข้อมูลกลางและมาตรฐานข้อมูลกระทรวงแรงงาน", "200401"),
]


# The ป.ย.ป. group's telephone as its letters of 2567 print it (seed 001, ว ๒๓ and ว ๓๐).
DEMO_UNIT_PHONES = {"0214": "0 2232 1403"}


@transaction.atomic
def load_demo() -> list[DemoUser]:
    load_reference_data()  # the Ministry of Labour's units, chain and tree the demo uses
    for code, phone in DEMO_UNIT_PHONES.items():
        OrgUnit.objects.filter(code=code, phone="").update(phone=phone)
    units = {u.code: u for u in OrgUnit.objects.all()}
    users = {d.username: _demo_user(d, units) for d in DEMO_USERS}
    _demo_delegation(users)
    fy = fiscal.fiscal_year_of(today())
    for unit_code, number, name, target in DEMO_PROJECTS:
        _demo_project(units[unit_code], fy, number, name, target, users["staff0209"])
    _demo_windows(fy, users["pyp"])
    _demo_windows(fy - 1, users["pyp"])
    plan = _demo_level3_plan(units, users, fy - 1)
    _demo_last_year(units, users, fy - 1, plan)
    seed_kpis(user=users["pyp"])  # seed 003 (FY 2568) through the KPI workbook importer
    seed_province_kpis()  # seed 003's ตารางที่ 3: the provincial offices and their KPIs
    return DEMO_USERS


def _demo_user(demo: DemoUser, units: dict[str, OrgUnit]) -> User:
    user, created = User.objects.get_or_create(
        username=demo.username,
        defaults={
            "title": demo.title,
            "first_name": demo.first_name,
            "last_name": demo.last_name,
            "position": demo.position,
            "home_unit": units[demo.home_unit or demo.unit],
            "email": f"{demo.username}@mol.example",
            "is_staff": demo.role == Role.ADMIN,
            "is_superuser": demo.role == Role.ADMIN,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    RoleAssignment.objects.get_or_create(user=user, role=demo.role, unit=units[demo.unit])
    return user


def _demo_delegation(users: dict[str, User]) -> None:
    """The director of กยผ. acts for the director of สตป. this fiscal year."""
    assignment = RoleAssignment.objects.get(user=users["director0209"], role=Role.DIVISION_DIRECTOR)
    start, end = fiscal.fiscal_year_bounds(fiscal.fiscal_year_of(today()))
    Delegation.objects.get_or_create(
        assignment=assignment,
        delegate=users["director0206"],
        defaults={
            "kind": ActingKind.ACTING,
            "starts_on": start,
            "ends_on": end,
            "reference": "คำสั่งตัวอย่าง (ข้อมูลสาธิต)",
            "created_by": users["admin"],
        },
    )


def _demo_project(
    unit: OrgUnit, fy: int, number: int, name: str, target: str, creator: User
) -> Project:
    code = project_code_reserve(unit=unit, fiscal_year=fy, number=number)
    start, end = fiscal.fiscal_year_bounds(fy)
    project, created = Project.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "owner_unit": unit,
            "fiscal_year": fy,
            "start_date": start,
            "end_date": end,
            "programme": "แผนงานยุทธศาสตร์ส่งเสริมการมีงานทำ",
            "director_title": "นาย",
            "director_first_name": "ผู้อำนวยการ",
            "director_last_name": str(unit),
            "director_email": f"director.{unit.code}@mol.example",
            "director_phone": "0 2232 1403",
            "rationale": f"{name} (ข้อมูลสาธิต)",
            "objectives": "เพื่อให้บรรลุเป้าหมายตามแผนแม่บทภายใต้ยุทธศาสตร์ชาติ",
            "expected_results": "กลุ่มเป้าหมายได้รับบริการด้านแรงงานอย่างทั่วถึง",
            "target_groups": "แรงงานในระบบและนอกระบบ",
            "created_by": creator,
        },
    )
    if not created:
        return project
    project.plan_nodes.set(PlanNode.objects.filter(level=PlanLevel.SUB_PLAN_TARGET, code=target))
    _demo_project_detail(project, fy)
    return project


def _demo_project_detail(project: Project, fy: int) -> None:
    targets = [
        (TargetKind.OUTPUT, "ผู้เข้าร่วมโครงการ", 500, "คน"),
        (TargetKind.OUTCOME, "ผู้เข้าร่วมนำความรู้ไปใช้ได้", 80, "ร้อยละ"),
        (TargetKind.KPI, "ร้อยละของผู้เข้าร่วมที่ผ่านเกณฑ์", 80, "ร้อยละ"),
    ]
    ProjectTarget.objects.bulk_create(
        ProjectTarget(
            project=project,
            kind=kind,
            description=text,
            target_value=Decimal(value),
            unit_of_measure=measure,
            position=position,
        )
        for position, (kind, text, value, measure) in enumerate(targets, start=1)
    )
    OperatingArea.objects.create(project=project, level=AreaLevel.COUNTRY, detail="ทั่วประเทศ")
    first = Activity.objects.create(project=project, position=1, name="เตรียมการและประชาสัมพันธ์")
    meeting = Activity.objects.create(project=project, parent=first, position=1, name="ประชุมชี้แจง")
    second = Activity.objects.create(project=project, position=2, name="ดำเนินการและติดตามผล")
    ActivityQuarter.objects.bulk_create(
        [ActivityQuarter(activity=a, fiscal_year=fy, quarter=1) for a in (first, meeting)]
        + [ActivityQuarter(activity=second, fiscal_year=fy, quarter=q) for q in (2, 3, 4)]
    )
    BudgetSource.objects.create(
        project=project, kind=SourceKind.STATE_DIRECT, amount=Decimal("1200000.00")
    )
    SpendingPlan.objects.bulk_create(
        SpendingPlan(project=project, fiscal_year=fy, quarter=q, amount=Decimal("300000.00"))
        for q in (1, 2, 3, 4)
    )
    project_refresh_completeness(project=project)


# Illustrative progress (per cent) of each demo project in Q1–Q4 of last fiscal year.
DEMO_PROGRESS = [
    (20, 45, 70, 100),
    (10, 30, 55, 80),
    (25, 50, 75, 95),
    (5, 20, 40, 60),
    (30, 60, 90, 100),
]


def _demo_last_year(units: dict[str, OrgUnit], users: dict[str, User], fy: int, plan) -> None:
    """Last fiscal year's flagship projects, naming last year's level-3 plan, approved
    (approved means approved: linked before, never after), with a report in every quarter:
    Q1–Q3 approved (Q3's figures frozen), Q4 waiting in the chain, so the
    summaries, the status board and the memos have figures to show."""

    staff, comment = users["staff0209"], "ข้อมูลสาธิต"
    for (unit_code, number, name, target), progress in zip(
        DEMO_PROJECTS, DEMO_PROGRESS, strict=True
    ):
        project = _demo_project(units[unit_code], fy, number, name, target, staff)
        if project.status != "approved":
            project.level3_plans.add(plan)
            item_record_imported_approval(
                item=project, unit=project.owner_unit, actor=staff, comment=comment
            )
        for quarter, percent in enumerate(progress, start=1):
            report, created = QuarterlyReport.objects.get_or_create(
                project=project,
                fiscal_year=fy,
                quarter=quarter,
                defaults={
                    "progress_percent": Decimal(percent),
                    "disbursed": Decimal("300000.00") * percent // 100,
                    "result": f"ดำเนินกิจกรรมตามแผนไตรมาส {quarter} (ข้อมูลสาธิต)",
                    "problems": ""
                    if percent == 100
                    else "การเบิกจ่ายล่าช้ากว่าแผนเนื่องจากรอผลการจัดซื้อจัดจ้าง",
                    "created_by": staff,
                },
            )
            if created:
                record = (
                    item_record_imported_submission
                    if quarter == 4
                    else item_record_imported_approval
                )
                record(item=report, unit=project.owner_unit, actor=staff, comment=comment)
    round_snapshot_take(fiscal_year=fy, quarter=3, reason="ปิดรอบตามกำหนด (ข้อมูลสาธิต)")


def _demo_level3_plan(units: dict[str, OrgUnit], users: dict[str, User], fy: int):
    """กยผ.'s annual action plan of last year (seed 001's แผนปฏิบัติราชการรายปี), shared with
    สตป., approved, with its document (last year's demo projects name it)."""
    from django.conf import settings
    from django.core.files.base import ContentFile
    from weasyprint import HTML

    name = f"แผนปฏิบัติราชการรายปี (พ.ศ. {fy}) ของสำนักงานปลัดกระทรวงแรงงาน"
    plan, created = Level3Plan.objects.get_or_create(
        name=name,
        defaults={
            "plan_type": "annual",
            "owner_unit": units["0206"],
            "start_year": fy,
            "end_year": fy,
            "announced_on": fiscal.fiscal_year_bounds(fy)[0],
            "created_by": users["staff0206"],
        },
    )
    if not created:
        return plan
    plan.co_units.set([units["0209"]])
    plan.plan_nodes.set(PlanNode.objects.filter(code__in=["010201", "110401"]))
    indicator = plan.indicators.create(
        goal="โครงการสำคัญของกระทรวงบรรลุเป้าหมาย",
        name="ร้อยละของโครงการที่ดำเนินการแล้วเสร็จตามแผน",
        unit_of_measure="ร้อยละ",
    )
    Level3IndicatorTarget.objects.create(indicator=indicator, year=fy, value=Decimal(80))
    font = f"@font-face {{font-family: Sarabun; src: url(file://{settings.SARABUN_DIR}/Sarabun-Regular.ttf)}}"
    html = f"<style>{font} body {{font-family: Sarabun}}</style><h1>{name}</h1><p>(เอกสารสาธิต)</p>"
    pdf = HTML(string=html).write_pdf()
    document = Level3PlanDocument(plan=plan, version=1, uploaded_by=users["staff0206"])
    document.file.save(f"plan-{plan.pk}-v1.pdf", ContentFile(pdf), save=False)
    document.original_name, document.size = "แผนปฏิบัติราชการรายปี.pdf", len(pdf)
    document.save()
    item_record_imported_approval(
        item=plan, unit=plan.owner_unit, actor=users["staff0206"], comment="ข้อมูลสาธิต"
    )
    return plan


def _demo_windows(fy: int, pyp: User) -> None:
    """This fiscal year's windows, as the product proposes them from the regulation."""
    windows_propose(fiscal_year=fy, user=pyp)
