"""Demo data for `make run`: users for every role at real units, a few projects.

The projects are the flagship projects of seed 001 (names, units and Y1
targets as that circular lists them), entered for the current fiscal year;
their budgets and schedules are illustrative. It loads the Ministry of Labour's
reference data first (as `manage.py load_reference` does), whose units and targets
the demo uses. Running it again changes nothing.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from approvals.services.records import item_record_imported_approval
from core import fiscal
from core.clock import today
from emenscr import demo_rounds
from emenscr.reference import load_reference_data
from kpis.demo import DEMO_FISCAL_YEAR as KPI_DEMO_YEAR
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
from projects.services.codes import code_prefix, project_code, project_code_reserve
from projects.services.entry import projects_refresh_completeness
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
    _demo_projects(units, fy, DEMO_PROJECTS, users["staff0209"])
    _demo_windows(fy, users["pyp"])
    _demo_windows(fy - 1, users["pyp"])
    plan = _demo_level3_plan(units, users, fy - 1)
    _demo_last_year(units, users, fy - 1, plan)
    # Seed 003 (FY 2568) through the KPI workbook importer, before the earlier years are
    # reported and frozen: its seven projects belong to that year's rounds.
    seed_kpis(user=users["pyp"])
    seed_province_kpis()  # seed 003's ตารางที่ 3: the provincial offices and their KPIs
    for back in range(DEMO_EARLIER_YEARS + 1, 1, -1):
        _demo_earlier_year(units, users, back)
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


def _demo_projects(
    units: dict[str, OrgUnit], fy: int, specs: list[tuple], creator: User
) -> list[Project]:
    """The projects `specs` ((unit, running number, name, Y1 target)) of year `fy`, in
    order: those already there as they are, the others made with every module filled
    (in bulk: a fixed number of queries, whatever the number of projects)."""
    codes = _demo_codes(units, fy, specs)
    existing = Project.objects.in_bulk(codes, field_name="code")
    start, end = fiscal.fiscal_year_bounds(fy)
    new = [
        Project(
            code=code,
            name=name,
            owner_unit=units[unit_code],
            fiscal_year=fy,
            start_date=start,
            end_date=end,
            programme="แผนงานยุทธศาสตร์ส่งเสริมการมีงานทำ",
            director_title="นาย",
            director_first_name="ผู้อำนวยการ",
            director_last_name=str(units[unit_code]),
            director_email=f"director.{unit_code}@mol.example",
            director_phone="0 2232 1403",
            rationale=f"{name} (ข้อมูลสาธิต)",
            objectives="เพื่อให้บรรลุเป้าหมายตามแผนแม่บทภายใต้ยุทธศาสตร์ชาติ",
            expected_results="กลุ่มเป้าหมายได้รับบริการด้านแรงงานอย่างทั่วถึง",
            target_groups="แรงงานในระบบและนอกระบบ",
            created_by=creator,
        )
        for code, (unit_code, _, name, _) in zip(codes, specs, strict=True)
        if code not in existing
    ]
    if new:
        Project.objects.bulk_create(new)
        made = Project.objects.in_bulk([p.code for p in new], field_name="code")
        targets = dict(
            PlanNode.objects.filter(level=PlanLevel.SUB_PLAN_TARGET).values_list("code", "pk")
        )
        Project.plan_nodes.through.objects.bulk_create(
            Project.plan_nodes.through(project_id=made[code].pk, plannode_id=targets[target])
            for code, (_, _, _, target) in zip(codes, specs, strict=True)
            if code in made
        )
        _demo_project_details(list(made.values()), fy)
        existing.update(made)
    return [existing[code] for code in codes]


def _demo_codes(units: dict[str, OrgUnit], fy: int, specs: list[tuple]) -> list[str]:
    """The specs' codes, each unit's sequence reserved past its highest number once."""
    highest: dict[str, int] = {}
    for unit_code, number, _, _ in specs:
        highest[unit_code] = max(number, highest.get(unit_code, 0))
    for unit_code, number in highest.items():
        project_code_reserve(unit=units[unit_code], fiscal_year=fy, number=number)
    prefixes = {unit_code: code_prefix(units[unit_code]) for unit_code in highest}
    return [
        project_code(prefix=prefixes[unit_code], fiscal_year=fy, number=number)
        for unit_code, number, _, _ in specs
    ]


DEMO_TARGETS = [
    (TargetKind.OUTPUT, "ผู้เข้าร่วมโครงการ", 500, "คน"),
    (TargetKind.OUTCOME, "ผู้เข้าร่วมนำความรู้ไปใช้ได้", 80, "ร้อยละ"),
    (TargetKind.KPI, "ร้อยละของผู้เข้าร่วมที่ผ่านเกณฑ์", 80, "ร้อยละ"),
]


def _demo_project_details(projects: list[Project], fy: int) -> None:
    """M3–M5 of new demo projects: targets, the area, two activities (one with a
    sub-activity) over the year's quarters, the budget and its spending plan."""
    ProjectTarget.objects.bulk_create(
        ProjectTarget(
            project=project,
            kind=kind,
            description=text,
            target_value=Decimal(value),
            unit_of_measure=measure,
            position=position,
        )
        for project in projects
        for position, (kind, text, value, measure) in enumerate(DEMO_TARGETS, start=1)
    )
    OperatingArea.objects.bulk_create(
        OperatingArea(project=p, level=AreaLevel.COUNTRY, detail="ทั่วประเทศ") for p in projects
    )
    firsts = Activity.objects.bulk_create(
        Activity(project=p, position=1, name="เตรียมการและประชาสัมพันธ์") for p in projects
    )
    seconds = Activity.objects.bulk_create(
        Activity(project=p, position=2, name="ดำเนินการและติดตามผล") for p in projects
    )
    meetings = Activity.objects.bulk_create(
        Activity(project=p, parent=first, position=1, name="ประชุมชี้แจง")
        for p, first in zip(projects, firsts, strict=True)
    )
    ActivityQuarter.objects.bulk_create(
        [ActivityQuarter(activity=a, fiscal_year=fy, quarter=1) for a in firsts + meetings]
        + [
            ActivityQuarter(activity=a, fiscal_year=fy, quarter=q)
            for a in seconds
            for q in (2, 3, 4)
        ]
    )
    BudgetSource.objects.bulk_create(
        BudgetSource(project=p, kind=SourceKind.STATE_DIRECT, amount=Decimal("1200000.00"))
        for p in projects
    )
    SpendingPlan.objects.bulk_create(
        SpendingPlan(project=p, fiscal_year=fy, quarter=q, amount=Decimal("300000.00"))
        for p in projects
        for q in (1, 2, 3, 4)
    )
    projects_refresh_completeness(project_ids=[p.pk for p in projects])


# Illustrative progress (per cent) of each flagship project in Q1–Q4 of last fiscal year.
DEMO_PROGRESS = [
    (20, 45, 70, 100),
    (10, 30, 55, 80),
    (25, 50, 75, 95),
    (5, 20, 40, 60),
    (30, 60, 90, 100),
]
# Projects of the other departments, entered for past fiscal years beside the flagship
# projects (illustrative names and figures), so departments can be compared.
DEMO_PAST_PROJECTS = [
    ("DOE", 1, "โครงการส่งเสริมการมีงานทำแก่ผู้สูงอายุ", "110401"),
    ("DOE", 2, "โครงการจัดหางานเชิงรุกเพื่อคนไทยมีงานทำ", "110401"),
    ("DSD", 1, "โครงการพัฒนาทักษะฝีมือแรงงานรองรับอุตสาหกรรมเป้าหมาย", "110401"),
    ("DSD", 2, "โครงการยกระดับทักษะแรงงานด้านดิจิทัล", "200401"),
    ("DLPW", 1, "โครงการส่งเสริมการคุ้มครองแรงงานนอกระบบ", "170101"),
    ("OSHI", 1, "โครงการส่งเสริมสถานประกอบกิจการปลอดภัยในการทำงาน", "170101"),
]
# Fiscal years before last year whose rounds are all closed and frozen.
DEMO_EARLIER_YEARS = 2
DEMO_COMMENT = "ข้อมูลสาธิต"


def _demo_year_projects(units: dict[str, OrgUnit], staff: User, fy: int) -> list[Project]:
    return _demo_projects(units, fy, DEMO_PROJECTS + DEMO_PAST_PROJECTS, staff)


def _demo_entry_day(fy: int):
    """The day the year's projects were approved: late in its entry window (November)."""
    return fiscal.fiscal_year_bounds(fy)[0].replace(month=11, day=25)


def _demo_last_year(units: dict[str, OrgUnit], users: dict[str, User], fy: int, plan) -> None:
    """Last fiscal year's projects (the flagship ones naming last year's level-3 plan, and
    the other departments'), approved (approved means approved: linked before, never
    after), with a report in every quarter: Q1–Q3 sent and approved on days of their
    round, some after the unit deadline (demo_rounds), Q3's figures frozen, Q4 waiting at
    the unit's step, so the summaries, the status board and the memos have figures."""
    staff = users["staff0209"]
    projects = _demo_year_projects(units, staff, fy)
    flagships = projects[: len(DEMO_PROJECTS)]
    for project in flagships:
        if project.status != "approved":
            project.level3_plans.add(plan)
    demo_rounds.approve_projects_on(
        projects, _demo_entry_day(fy), actor=staff, comment=DEMO_COMMENT
    )
    rng = random.Random("emenscr-demo-year-1")
    progress = {p.pk: demo_rounds.rising_progress(rng) for p in projects}
    progress.update({p.pk: figures for p, figures in zip(flagships, DEMO_PROGRESS, strict=True)})
    planned = demo_rounds.plan_reports(
        projects,
        fy,
        rng=rng,
        progress=progress,
        waiting=(4,),
        always={p.pk for p in flagships},
    )
    demo_rounds.record_reports(planned, fy, actor=staff, comment=DEMO_COMMENT)
    demo_rounds.freeze_rounds(fy, [3])


def _demo_earlier_year(units: dict[str, OrgUnit], users: dict[str, User], back: int) -> None:
    """A fiscal year `back` years ago: the same projects, every round reported (a few
    projects missing, some late), approved, frozen and its windows closed."""
    fy = fiscal.fiscal_year_of(today()) - back
    staff = users["staff0209"]
    _demo_windows(fy, users["pyp"])
    specs = DEMO_PROJECTS + DEMO_PAST_PROJECTS
    if fy == KPI_DEMO_YEAR:  # seed 003's seven projects (kpis.demo) hold สตป.'s codes that year
        specs = [spec for spec in specs if spec[0] != "0209"]
    projects = _demo_projects(units, fy, specs, staff)
    demo_rounds.approve_projects_on(
        projects, _demo_entry_day(fy), actor=staff, comment=DEMO_COMMENT
    )
    rng = random.Random(f"emenscr-demo-year-{back}")
    progress = {p.pk: demo_rounds.rising_progress(rng) for p in projects}
    planned = demo_rounds.plan_reports(projects, fy, rng=rng, progress=progress)
    demo_rounds.record_reports(planned, fy, actor=staff, comment=DEMO_COMMENT)
    demo_rounds.freeze_rounds(fy, [1, 2, 3, 4])
    demo_rounds.close_windows(fy)


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
