"""The data of the authorization matrix: one official per role in unit A, and objects of
every kind owned by unit B, a division in another department and another cluster.

Unit A is สตป. (0209, a division of สป.รง. in the policy cluster); its director's
department is สป.รง. and its cluster head's cluster is CL-POLICY. Unit B is a new
division of กรมการจัดหางาน (DOE, the competitiveness cluster): none of A's unit roles
covers it. The ministry-level roles (ป.ย.ป., the Permanent Secretary, the administrator)
hold their roles at the ministry, so they cover B too: DESIGN.md §1 lets them see
every unit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from approvals.models import ItemStatus
from approvals.services import transitions
from core.clock import today
from core.fiscal import fiscal_year_of
from kpis.models import Kpi
from memos.models import Memo, MemoKind, MemoStatus, PdfStatus
from opendata.publishing import projects_publish
from orgs.models import ApiToken, OrgUnit, Role, UnitKind, User
from orgs.tokens import api_token_create
from projects.models import Level3Plan, Project, ProjectRevision
from reporting.models import AnnualReport, ExportJob, ExportStatus, QuarterlyReport, RoundSnapshot
from reporting.summaries import five_band_summary
from tests.factories import (
    NotificationFactory,
    OrgUnitFactory,
    QuarterlyReportFactory,
    UserFactory,
    complete_project,
    user_with_role,
)
from tests.kpis.factories import KpiFactory
from tests.projects.level3_factories import add_document, complete_plan
from tests.reporting.annual_factories import annual_window
from windows.models import Window, WindowKind

# The roles of orgs.models.Role, each held by one official of unit A (or above it).
ROLES = [
    "staff",
    "division_director",
    "department_head",
    "cluster_head",
    "pyp_officer",
    "permanent_secretary",
    "admin",
]
# Where each role sits: unit A itself, its department, its cluster, the ministry.
ROLE_UNITS = {
    "staff": "0209",
    "division_director": "0209",
    "department_head": "OPS",
    "cluster_head": "CL-POLICY",
    "pyp_officer": "MOL",
    "permanent_secretary": "MOL",
    "admin": "MOL",
}
# Text that names unit B's objects: a page that lists them shows it, no other page may.
SECRET = "ลับเฉพาะหน่วยงานบี"
MISSING_ID = 2_000_000_000


@dataclass
class World:
    users: dict[str, User]
    unit_b: OrgUnit
    staff_b: User
    project: Project  # a complete draft
    reported: Project  # approved, with a submitted Q1 2567 report naming its problems
    submitted: Project  # waiting at B's division director
    revision: ProjectRevision
    report: QuarterlyReport
    plan: Level3Plan
    annual: AnnualReport
    kpi: Kpi
    window: Window  # a window for unit B only
    job: ExportJob
    draft_memo: Memo
    issued_memo: Memo
    token: ApiToken
    draft_report: Memo  # the monthly KPI report: the evaluation office's (unit A)
    issued_report: Memo
    content_types: dict[str, int] = field(default_factory=dict)


def _official(role: str) -> User:
    user = user_with_role(Role(role), ROLE_UNITS[role], username=f"matrix-{role}")
    if role == "admin":
        # The demo's administrator: the role at the ministry and Django's superuser.
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _open_windows(unit_b: OrgUnit) -> Window:
    for year in (2566, 2567):
        Window.objects.create(
            fiscal_year=year,
            kind=WindowKind.PROJECT_ENTRY,
            name=f"นำเข้าโครงการ {year}",
            opens_on=date(2020, 1, 1),
            unit_deadline=date(2099, 1, 1),
            chain_deadline=date(2099, 12, 31),
        )
    window = Window.objects.create(
        fiscal_year=2567,
        kind=WindowKind.QUARTERLY_REPORT,
        quarter=1,
        name=f"รายงานไตรมาส ๑ {SECRET}",
        opens_on=date(2020, 1, 1),
        unit_deadline=date(2099, 1, 1),
        chain_deadline=date(2099, 12, 31),
    )
    window.units.set([unit_b])
    return window


def _projects(unit_b: OrgUnit, staff_b: User) -> tuple[Project, Project, ProjectRevision]:
    project = complete_project(owner_unit=unit_b, name=f"โครงการ{SECRET} ฉบับร่าง")
    submitted = complete_project(owner_unit=unit_b, name=f"โครงการ{SECRET} รออนุมัติ")
    transitions.item_submit(item=submitted, actor=staff_b)
    submitted.refresh_from_db()
    revision = submitted.revisions.order_by("number").first() or ProjectRevision.objects.create(
        project=submitted, number=1, content={"name": submitted.name}
    )
    return project, submitted, revision


def _memos(pyp: User) -> tuple[Memo, Memo]:
    values = {
        "kind": MemoKind.QUARTER_APPROVAL,
        "fiscal_year": 2566,
        "quarter": 1,
        "unit": OrgUnit.objects.get(code="0214"),
        "department_line": "กลุ่ม ป.ย.ป.",
        "doc_prefix": "รง 0214",
        "subject": f"ขออนุมัติรายงาน {SECRET}",
        "addressee": "ปลัดกระทรวงแรงงาน",
        "body": [{"level": 1, "text": "เรื่องเดิม"}],
        "created_by": pyp,
    }
    draft = Memo.objects.create(**values)
    issued = Memo(
        **values,
        number="75",
        status=MemoStatus.ISSUED,
        memo_date=date(2023, 3, 28),
        issued_at=timezone.now(),
        issued_by=pyp,
        pdf_status=PdfStatus.READY,
    )
    issued.pdf.save("matrix-memo.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    issued.save()
    return draft, issued


def _reports(staff: User) -> tuple[Memo, Memo]:
    """The monthly KPI report drafted and issued by unit A (สตป., the evaluation office)."""
    from memos.kpi_figures import report_figures

    values = {
        "kind": MemoKind.KPI_REPORT,
        "fiscal_year": 2568,
        "month": 2,
        "unit": OrgUnit.objects.get(code="0209"),
        "department_line": "สำนักตรวจและประเมินผล",
        "doc_prefix": "รง 0209",
        "subject": f"รายงานผลการดำเนินงาน {SECRET}",
        "addressee": "ปลัดกระทรวงแรงงาน",
        "body": [{"level": 1, "text": "เกณฑ์การวัดผลการดำเนินงาน"}],
        "figures": report_figures(unit=OrgUnit.objects.get(code="OPS"), fiscal_year=2568, month=2),
        "created_by": staff,
    }
    draft = Memo.objects.create(**values)
    issued = Memo(
        **values,
        number="12",
        status=MemoStatus.ISSUED,
        memo_date=date(2024, 12, 9),
        issued_at=timezone.now(),
        issued_by=staff,
        pdf_status=PdfStatus.READY,
    )
    issued.pdf.save("matrix-report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    issued.save()
    return draft, issued


def _export_job(staff_b: User) -> ExportJob:
    job = ExportJob(
        kind="projects",
        requested_by=staff_b,
        status=ExportStatus.SUCCESS,
        description=SECRET,
        rows_done=1,
        rows_total=1,
        finished_at=timezone.now(),
    )
    job.file.save("matrix-export.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    job.save()
    return job


def _plans(unit_b: OrgUnit, staff_b: User) -> tuple[Level3Plan, AnnualReport]:
    from reporting.annual.services import annual_report_start

    plan = complete_plan(owner_unit=unit_b, name=f"แผน{SECRET}", status=ItemStatus.APPROVED)
    add_document(plan, version=2)
    annual_window(
        2566,
        opens_on=date(2020, 1, 1),
        unit_deadline=date(2099, 1, 1),
        chain_deadline=date(2099, 12, 31),
    )
    annual = annual_report_start(user=staff_b, plan=plan, year=2566)
    return plan, annual


def build_world() -> World:
    """Everything the matrix asks about, built once for the module (rolled back after)."""
    users = {role: _official(role) for role in ROLES}
    department_b = OrgUnit.objects.get(code="DOE")
    unit_b = OrgUnitFactory(
        code="MATRIX-B", parent=department_b, kind=UnitKind.DIVISION, name_th="กองทดสอบสิทธิ์"
    )
    staff_b = user_with_role(Role.STAFF, unit_b.code, username="matrix-staff-b")
    window = _open_windows(unit_b)
    project, submitted, revision = _projects(unit_b, staff_b)
    reported = complete_project(
        owner_unit=unit_b, name=f"โครงการ{SECRET} รายงานแล้ว", status=ItemStatus.APPROVED
    )
    QuarterlyReportFactory(
        project=reported, status=ItemStatus.SUBMITTED, problems=f"ปัญหา{SECRET}", window=window
    )
    plan, annual = _plans(unit_b, staff_b)
    token, _secret = api_token_create(user=staff_b, name=f"โทเค็น{SECRET}")
    NotificationFactory(recipient=staff_b, title=f"แจ้งเตือน{SECRET}")
    draft_memo, issued_memo = _memos(users["pyp_officer"])
    draft_report, issued_report = _reports(users["staff"])
    world = World(
        users=users,
        unit_b=unit_b,
        staff_b=staff_b,
        project=project,
        reported=reported,
        submitted=submitted,
        revision=revision,
        report=QuarterlyReportFactory(
            project=project, progress_percent=Decimal("40.00"), window=window
        ),
        plan=plan,
        annual=annual,
        kpi=KpiFactory(unit=unit_b, name=f"ตัวชี้วัด{SECRET}"),
        window=window,
        job=_export_job(staff_b),
        draft_memo=draft_memo,
        issued_memo=issued_memo,
        token=token,
        draft_report=draft_report,
        issued_report=issued_report,
    )
    _frozen(world.report)
    _public(reported)
    world.content_types = {
        model._meta.model_name: ContentType.objects.get_for_model(model).pk
        for model in (Project, Level3Plan, QuarterlyReport, AnnualReport)
    }
    return world


def other_user() -> User:
    """A user with no role at all (a new account before the administrator assigns one)."""
    return UserFactory(username="matrix-no-role")


# --- the route table -----------------------------------------------------------------

PUBLIC = "public"  # no login needed
LOGIN = "login"  # any signed-in official; lists show only what their roles cover
ROLE = "role"  # signed-in officials with certain roles (the page asks the policy)
OBJECT = "object"  # one object, named in the URL or the body: another unit's is refused
ADMIN = "admin"  # Django's admin site: staff accounts only

MINISTRY = frozenset({"pyp_officer", "permanent_secretary", "admin"})  # cover unit B
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
REFUSED = frozenset({403, 404})


@dataclass(frozen=True)
class Route:
    """One URL name and what each role may do with it.

    `readers` may GET it (for OBJECT: unit B's object); everyone else is refused.
    `writers` may POST/PUT it; the matrix only checks that everyone else is refused and
    that nothing in the database changed. `also_refused` are the extra answers a
    reader's refused write may get (the page's Thai message after a redirect, a form
    error, the engine's 409).
    """

    name: str
    access: str
    case: str = ""
    methods: tuple[str, ...] = ("GET",)
    kwargs: object = None  # World -> dict (OBJECT routes, and routes with kwargs)
    missing: object = None  # World -> dict: the same URL with an id that does not exist
    query: str = ""
    data: object = None  # World -> dict: the body of a write
    readers: frozenset[str] = EVERYONE
    writers: frozenset[str] = NOBODY
    refusal: frozenset[int] = REFUSED
    also_refused: frozenset[int] = frozenset()
    lists: bool = False  # its answer lists objects: unit B's only for MINISTRY roles
    lists_b: bool = True  # ... and MINISTRY roles do find them there (not one's own-only lists)
    json: bool = False  # a write sends a JSON body

    @property
    def label(self) -> str:
        return f"{self.name}[{self.case}]" if self.case else self.name


def _pk(attr: str, key: str = "pk"):
    return lambda w: {key: getattr(w, attr).pk}


def _gone(key: str = "pk", **fixed):
    return lambda w: {key: MISSING_ID, **fixed}


def _kpi_workbook(w) -> SimpleUploadedFile:
    """A KPI workbook with a month's result of unit B's KPI."""
    book = Workbook()
    sheet = book.active
    sheet.title = "kpi_results"
    sheet.append(["kpi_code", "fiscal_year", "month", "value", "remark"])
    sheet.append([w.kpi.code, w.kpi.fiscal_year, 1, 5, "แก้โดยผู้ไม่มีสิทธิ์"])
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("kpis.xlsx", output.getvalue())


def _project_module(w):
    return {"pk": w.project.pk, "module": "m3"}


def _item(attr: str, action: str = ""):
    def kwargs(w):
        item = getattr(w, attr)
        values = {"kind": item._meta.model_name, "object_id": str(item.pk)}
        return {**values, "action": action} if action else values

    return kwargs


def _item_gone(kind: str, action: str = ""):
    values = {"kind": kind, "object_id": str(MISSING_ID)}
    return lambda w: {**values, "action": action} if action else values


def _web_item(attr: str):
    def kwargs(w):
        item = getattr(w, attr)
        return {"content_type_id": w.content_types[item._meta.model_name], "object_id": item.pk}

    return kwargs


def _web_item_gone(kind: str):
    return lambda w: {"content_type_id": w.content_types[kind], "object_id": MISSING_ID}


def _frozen(item):
    """A frozen revision of unit B's item, as an approval would have left it."""
    from approvals.models import ItemRevision

    revision, _ = ItemRevision.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        number=1,
        defaults={"content": {"ภาพรวม": {"สรุปผลการดำเนินงาน": f"ผล{SECRET}"}}},
    )
    return revision


# A frozen round of a year no other object uses, for the public portal's round page.
FROZEN_YEAR = 2500


def _public(reported: Project) -> None:
    """The approved project on the public portal, and a frozen (empty) round."""
    projects_publish(projects=[reported])
    figures = five_band_summary(fiscal_year=FROZEN_YEAR, quarter=1)
    RoundSnapshot.objects.create(
        fiscal_year=FROZEN_YEAR, quarter=1, data={"five_band": figures, "projects": []}
    )


def _report(w):
    return {"project_id": w.report.project_id, "fiscal_year": 2567, "quarter": 1}


def _annual(w):
    return {"plan_id": w.plan.pk, "year": 2566}


def _approval_of(w):
    from approvals.models import Approval

    return Approval.objects.get(object_id=w.submitted.pk, unit=w.unit_b).pk


M3 = {"rationale": "แก้โดยผู้ไม่มีสิทธิ์", "objectives": "x", "expected_results": "x"}
MEMO_WRITERS = frozenset({"pyp_officer", "admin"})
MEMO_READERS = MEMO_WRITERS | {"permanent_secretary", "cluster_head"}
# Unit A is the evaluation office (สตป., settings.KPI_REPORT_UNIT): its staff and director
# draft and issue the monthly KPI report (memos/permissions.py), as the administrator may.
REPORT_WRITERS = frozenset({"staff", "division_director", "admin"})
REPORT_READERS = MEMO_READERS | REPORT_WRITERS
SUMMARY = EVERYONE - {"staff"}
BOARD = frozenset({"pyp_officer", "admin", "permanent_secretary", "cluster_head"})
ENTRY = frozenset({"staff", "division_director"})
R = Route

ROUTES: list[Route] = [
    # Public: signing in and out, the API's description.
    R("login", PUBLIC),
    R("logout", PUBLIC, methods=("POST",)),
    R("api_schema", PUBLIC),
    R("api_docs", PUBLIC),
    # The public portal (opendata): approved projects and frozen rounds, for anyone.
    R("open:home", PUBLIC),
    R("open:projects", PUBLIC),
    R("open:project", PUBLIC, kwargs=_pk("reported")),
    R("open:rounds", PUBLIC),
    R("open:round", PUBLIC, kwargs=lambda w: {"fiscal_year": FROZEN_YEAR, "quarter": 1}),
    R("open:linkage", PUBLIC),
    R("open:catalog", PUBLIC),
    *[
        R(f"open:{name}_download", PUBLIC, case=fmt, kwargs=lambda w, fmt=fmt: {"fmt": fmt})
        for name in ("projects", "rounds", "linkage")
        for fmt in ("csv", "json", "xlsx")
    ],
    # Pages and lists of any official: unit B's objects only for the ministry's roles.
    R("home", LOGIN, lists=True, lists_b=False),  # the superuser's home has no unit panel
    R("api_tokens", LOGIN, lists=True, lists_b=False),  # one's own
    R("unit_options", LOGIN, query="q=กอง"),  # the unit picker: units of one's own scope
    R("password_change", LOGIN),  # one's own password
    R("password_change_done", LOGIN),
    R("projects:list", LOGIN, lists=True),
    R("projects:plan_options", LOGIN, query="level=master_plan"),
    R("projects:linkage", LOGIN, query="fiscal_year=2567", lists=True),
    R("projects:linkage_svg", LOGIN, query="fiscal_year=2567", lists=True),
    R("projects:linkage_xlsx", LOGIN, query="fiscal_year=2567", lists=True),
    R("projects:level3:list", LOGIN, lists=True),
    R("projects:level3:export", LOGIN, lists=True),
    R("approvals:inbox", LOGIN, lists=True),
    R("approvals:notifications", LOGIN, lists=True, lists_b=False),  # one's own
    # The report is of a unit (OPS unless asked): the ministry's covers unit B's KPI.
    R("kpis:report", LOGIN, query="fiscal_year=2568&month=1&unit=MOL", lists=True),
    R("kpis:export", LOGIN, query="fiscal_year=2568&month=1&unit=MOL", lists=True),
    R("kpis:workbook_export", LOGIN, query="fiscal_year=2568", lists=True),
    R("api_kpi_report", LOGIN, query="fiscal_year=2568&month=1&unit=MOL"),
    R("reporting:workbook_export", LOGIN, lists=True),
    R("reporting:rounds", LOGIN, query="fiscal_year=2567&quarter=1", lists=True),
    R("reporting:export_jobs", LOGIN, lists=True, lists_b=False),  # one's own
    R("reporting:annual_list", LOGIN, query="year=2566", lists=True),
    R("reporting:annual_export", LOGIN, query="year=2566", lists=True),
    R("api_units", LOGIN),  # the unit tree is reference data, the same for everyone
    R("api_unit", LOGIN, kwargs=lambda w: {"code": w.unit_b.code}),
    R("api_strategy_tree", LOGIN),
    R("api_strategy_node", LOGIN, kwargs=lambda w: {"code": "110401"}),
    R("api_projects", LOGIN, lists=True),
    R("api_project_statistics", LOGIN),
    R("api_window-list", LOGIN, lists=True),
    R("api_report-list", LOGIN, lists=True),
    R("api_approvals_inbox", LOGIN, lists=True, lists_b=False),  # waits for B's director
    R(
        "api_round_projects",
        LOGIN,
        kwargs=lambda w: {"fiscal_year": "2567", "quarter": "1"},
        lists=True,
    ),
    # Pages of some roles only.
    # The superuser is offered every unit (projects.selectors.creatable_units), but the
    # services refuse a unit outside their roles: see the "unit-b" cases below.
    R("projects:create", ROLE, readers=ENTRY | {"admin"}, refusal=frozenset({302})),
    R("projects:level3:create", ROLE, readers=ENTRY | {"admin"}, refusal=frozenset({302})),
    R("kpis:entry_units", ROLE, readers=ENTRY | {"admin"}, refusal=frozenset({403})),
    # A unit's KPI staff import their units' rows; unit A (0209) is the evaluation office,
    # which imports every unit's (kpis/permissions.py): the others are refused the page.
    R(
        "kpis:workbook_import",
        ROLE,
        methods=("GET", "POST"),
        readers=ENTRY | {"admin"},
        writers=ENTRY | {"admin"},
        refusal=frozenset({403}),
        data=lambda w: {"file": _kpi_workbook(w)},
    ),
    R(
        "reporting:workbook_import",
        ROLE,
        readers=ENTRY | {"pyp_officer", "admin"},
        refusal=frozenset({403}),
    ),
    R("reporting:board", ROLE, readers=BOARD, refusal=frozenset({403})),
    R(
        "api_round_status",
        ROLE,
        readers=BOARD,
        refusal=frozenset({403}),
        kwargs=lambda w: {"fiscal_year": "2567", "quarter": "1"},
    ),
    R(
        "reporting:windows",
        ROLE,
        methods=("GET", "POST"),
        readers=MEMO_WRITERS,
        writers=MEMO_WRITERS,
        refusal=frozenset({403}),
        data=lambda w: {"fiscal_year": "2599"},
    ),
    R(
        "reporting:annual_windows",
        ROLE,
        methods=("POST",),
        writers=MEMO_WRITERS,
        refusal=frozenset({403}),
        data=lambda w: {"year": "2598"},
    ),
    R(
        "reporting:round_freeze",
        ROLE,
        methods=("POST",),
        writers=MEMO_WRITERS,
        refusal=frozenset({403}),
        data=lambda w: {"fiscal_year": "2567", "quarter": "1"},
    ),
    R(
        "reporting:five_band",
        ROLE,
        query="fiscal_year=2567&quarter=1",
        readers=SUMMARY,
        refusal=frozenset({403}),
        lists=True,
    ),
    R(
        "reporting:five_band_projects",
        ROLE,
        query="fiscal_year=2567&quarter=1",
        readers=SUMMARY,
        refusal=frozenset({403}),
        lists=True,
    ),
    R(
        "reporting:five_band_xlsx",
        ROLE,
        query="fiscal_year=2567&quarter=1",
        readers=SUMMARY,
        refusal=frozenset({403}),
        lists=True,
    ),
    R(
        "reporting:five_band_svg",
        ROLE,
        query="fiscal_year=2567&quarter=1",
        readers=SUMMARY,
        refusal=frozenset({403}),
    ),
    R(
        "api_five_band",
        ROLE,
        query="fiscal_year=2567&quarter=1",
        readers=SUMMARY,
        refusal=frozenset({403}),
    ),
    R(
        "api_five_band_frozen",
        ROLE,
        readers=SUMMARY,
        refusal=frozenset({403}),
        kwargs=lambda w: {"fiscal_year": "2567", "quarter": "1"},
    ),
    # Comparisons across rounds and units: the board's readers (reporting rates side by side).
    R(
        "reporting:compare",
        ROLE,
        query="fiscal_year_from=2566&fiscal_year_to=2567",
        readers=BOARD,
        refusal=frozenset({403}),
    ),
    R(
        "reporting:compare_xlsx",
        ROLE,
        query="fiscal_year_from=2566&fiscal_year_to=2567",
        readers=BOARD,
        refusal=frozenset({403}),
    ),
    R(
        "api_compare",
        ROLE,
        query="fiscal_year_from=2566&fiscal_year_to=2567",
        readers=BOARD,
        refusal=frozenset({403}),
    ),
    R("memos:memos", ROLE, readers=REPORT_READERS, refusal=frozenset({403})),
    R(
        "memos:memo_new",
        ROLE,
        methods=("GET", "POST"),
        readers=MEMO_WRITERS | REPORT_WRITERS,
        writers=MEMO_WRITERS | REPORT_WRITERS,
        refusal=frozenset({403}),
        data=lambda w: {"kind": "quarter_approval", "fiscal_year": "2567", "quarter": "1"},
    ),
]

READ_WRITE = ("GET", "POST")
ENGINE = frozenset({302})  # the M7 page shows the engine's Thai refusal after a redirect
CONFLICT = frozenset({400, 409})  # the API: not this step, or not this state

ROUTES += [
    # Another official's token.
    R("api_token_revoke", OBJECT, methods=("POST",), kwargs=_pk("token"), missing=_gone()),
    # Projects (M1-M5) of unit B.
    R("projects:detail", OBJECT, kwargs=_pk("project"), missing=_gone(), readers=MINISTRY),
    R(
        "projects:edit",
        OBJECT,
        methods=READ_WRITE,
        kwargs=_project_module,
        missing=_gone(module="m3"),
        readers=NOBODY,
        data=lambda w: M3,
    ),
    R(
        "projects:revision",
        OBJECT,
        readers=MINISTRY,
        kwargs=lambda w: {"pk": w.submitted.pk, "number": w.revision.number},
        missing=_gone(number=1),
    ),
    R(
        "approvals:item_revision",
        OBJECT,
        readers=MINISTRY,
        kwargs=lambda w: {
            **_web_item("report")(w),
            "number": _frozen(w.report).number,
        },
        missing=lambda w: {**_web_item_gone("quarterlyreport")(w), "number": 1},
    ),
    R(
        "projects:confirm_duplicates",
        OBJECT,
        methods=("POST",),
        kwargs=_pk("project"),
        missing=_gone(),
    ),
    R("projects:delete", OBJECT, methods=("POST",), kwargs=_pk("project"), missing=_gone()),
    R(
        "projects:create",
        OBJECT,
        case="unit-b",
        methods=("POST",),
        also_refused=frozenset({200, 302}),
        data=lambda w: {"unit": w.unit_b.pk, "name": f"ใหม่{SECRET}", "fiscal_year": "2567"},
    ),
    R("api_project", OBJECT, kwargs=_pk("project"), missing=_gone(), readers=MINISTRY),
    R(
        "api_entry_create",
        OBJECT,
        methods=("POST",),
        json=True,
        data=lambda w: {
            "unit": w.unit_b.code,
            "name": f"ใหม่{SECRET}",
            "fiscal_year": fiscal_year_of(today()),
            "kind": "project",
        },
    ),
    R(
        "api_entry_project",
        OBJECT,
        kwargs=_pk("project", "project_id"),
        missing=_gone("project_id"),
        readers=MINISTRY,
    ),
    *[
        R(
            f"api_entry_{m}",
            OBJECT,
            methods=("PUT",),
            json=True,
            kwargs=_pk("project", "project_id"),
            missing=_gone("project_id"),
            data=lambda w: {"rationale": "แก้โดยผู้ไม่มีสิทธิ์"},
        )
        for m in ("m1", "m2", "m3", "m4", "m5")
    ],
    R(
        "api_entry_confirm_not_duplicate",
        OBJECT,
        methods=("POST",),
        json=True,
        kwargs=_pk("project", "project_id"),
        missing=_gone("project_id"),
        data=lambda w: {},
    ),
    # Level-3 plans of unit B.
    R("projects:level3:detail", OBJECT, kwargs=_pk("plan"), missing=_gone(), readers=MINISTRY),
    R(
        "projects:level3:edit",
        OBJECT,
        methods=READ_WRITE,
        kwargs=_pk("plan"),
        missing=_gone(),
        readers=NOBODY,
        data=lambda w: {"name": f"แก้{SECRET}", "plan_type": "action"},
    ),
    R(
        "projects:level3:upload",
        OBJECT,
        methods=("POST",),
        kwargs=_pk("plan"),
        missing=_gone(),
        data=lambda w: {"file": _pdf()},
    ),
    R(
        "projects:level3:document",
        OBJECT,
        readers=MINISTRY,
        kwargs=lambda w: {"pk": w.plan.pk, "version": 1},
        missing=_gone(version=1),
    ),
    R(
        "projects:level3:create",
        OBJECT,
        case="unit-b",
        methods=("POST",),
        also_refused=frozenset({200, 302}),
        data=lambda w: {
            "unit": w.unit_b.pk,
            "name": f"ใหม่{SECRET}",
            "plan_type": "action",
            "start_year": "2566",
            "end_year": "2570",
        },
    ),
    # M7 on unit B's items, through the pages and the API.
    *[
        R(
            "approvals:item_action",
            OBJECT,
            case=f"{attr}-{action}",
            methods=("POST",),
            kwargs=_web_item(attr),
            missing=_web_item_gone("project"),
            data=lambda w, action=action: {"action": action, "comment": "x"},
            also_refused=ENGINE,
        )
        for attr, action in [
            ("project", "submit"),
            ("submitted", "approve"),
            ("submitted", "return"),
            ("submitted", "withdraw"),
            ("report", "submit"),
            ("annual", "submit"),
            ("plan", "submit"),
        ]
    ],
    R(
        "approvals:bulk_preview",
        OBJECT,
        methods=("POST",),
        also_refused=ENGINE,
        data=lambda w: {"approval": [_approval_of(w)]},
    ),
    R(
        "approvals:bulk_approve",
        OBJECT,
        methods=("POST",),
        also_refused=ENGINE,
        data=lambda w: {"approval": [_approval_of(w)], "comment": "x"},
    ),
    R(
        "api_approvals_bulk_approve",
        OBJECT,
        methods=("POST",),
        json=True,
        also_refused=CONFLICT,
        data=lambda w: {"ids": [_approval_of(w)], "comment": "x"},
    ),
    *[
        R(
            "api_approvals_item_action",
            OBJECT,
            case=f"{attr}-{action}",
            methods=("POST",),
            json=True,
            kwargs=_item(attr, action),
            missing=_item_gone("project", action),
            data=lambda w: {"comment": "x"},
            also_refused=CONFLICT,
        )
        for attr, action in [
            ("project", "submit"),
            ("submitted", "approve"),
            ("submitted", "withdraw"),
            ("report", "submit"),
            ("annual", "submit"),
        ]
    ],
    R(
        "api_approvals_item_return",
        OBJECT,
        methods=("POST",),
        json=True,
        kwargs=_item("submitted"),
        missing=_item_gone("project"),
        data=lambda w: {"comment": "x"},
        also_refused=CONFLICT,
    ),
    # Monthly KPI results of unit B: the superuser may enter any unit's (kpis/permissions.py).
    R(
        "kpis:entry",
        OBJECT,
        methods=READ_WRITE,
        kwargs=_pk("unit_b", "unit_id"),
        missing=None,  # unit ids are public: /api/v1/units/ lists every unit
        readers=frozenset({"admin"}),
        writers=frozenset({"admin"}),
        query="fiscal_year=2568&month=1",
        data=lambda w: {f"kpi_{w.kpi.pk}": "5"},
    ),
    # Quarterly reports (M6) and windows.
    R(
        "reporting:report",
        OBJECT,
        methods=READ_WRITE,
        kwargs=_report,
        readers=MINISTRY,
        missing=lambda w: {"project_id": MISSING_ID, "fiscal_year": 2567, "quarter": 1},
        data=lambda w: {"progress_percent": "99", "problems": "แก้โดยผู้ไม่มีสิทธิ์"},
    ),
    R(
        "reporting:report_start",
        OBJECT,
        methods=("POST",),
        kwargs=_report,
        readers=MINISTRY,
        missing=lambda w: {"project_id": MISSING_ID, "fiscal_year": 2567, "quarter": 1},
    ),
    R("api_report-detail", OBJECT, kwargs=_pk("report"), missing=_gone(), readers=MINISTRY),
    R("api_window-detail", OBJECT, kwargs=_pk("window"), missing=_gone(), readers=MINISTRY),
    R(
        "reporting:window",
        OBJECT,
        methods=READ_WRITE,
        kwargs=_pk("window"),
        missing=_gone(),
        readers=MEMO_WRITERS,
        writers=MEMO_WRITERS,
        data=lambda w: {
            "save_dates": "1",
            "opens_on": "2020-01-02",
            "unit_deadline": "2098-01-01",
            "chain_deadline": "2098-12-31",
        },
    ),
    R(
        "reporting:annual_report",
        OBJECT,
        methods=READ_WRITE,
        kwargs=_annual,
        readers=MINISTRY,
        missing=lambda w: {"plan_id": MISSING_ID, "year": 2566},
        data=lambda w: {"summary": "แก้โดยผู้ไม่มีสิทธิ์"},
    ),
    R(
        "reporting:annual_report_start",
        OBJECT,
        methods=("POST",),
        kwargs=_annual,
        readers=MINISTRY,
        missing=lambda w: {"plan_id": MISSING_ID, "year": 2566},
    ),
    # Export jobs belong to whoever asked for them (and the administrator).
    R(
        "reporting:export_request",
        OBJECT,
        case="unit-b",
        methods=("POST",),
        kwargs=lambda w: {"kind": "projects"},
        data=lambda w: {"unit": w.unit_b.pk},
        writers=MINISTRY,
        also_refused=frozenset({302}),
    ),
    *[
        R(name, OBJECT, kwargs=_pk("job"), missing=_gone(), readers=frozenset({"admin"}))
        for name in (
            "reporting:export_job",
            "reporting:export_job_status",
            "reporting:export_job_download",
        )
    ],
]

# Memos: ป.ย.ป.'s papers and the evaluation office's monthly report. Drafts are their
# writers' (and the administrator's); executives read the issued ones, as the writers of
# the kind do; nobody else reads either.
MEMO_CASES = [
    ("draft_memo", "draft", MEMO_WRITERS, MEMO_WRITERS),
    ("issued_memo", "issued", MEMO_READERS, MEMO_WRITERS),
    ("draft_report", "draft-report", REPORT_WRITERS, REPORT_WRITERS),
    ("issued_report", "issued-report", REPORT_READERS, REPORT_WRITERS),
]
for memo, case, readers, writers in MEMO_CASES:
    ROUTES += [
        R(
            "memos:memo",
            OBJECT,
            case=case,
            methods=READ_WRITE,
            kwargs=_pk(memo),
            missing=_gone(),
            readers=readers,
            writers=writers,
            data=lambda w: {"subject": f"แก้{SECRET}"},
        ),
        R(
            "memos:memo_preview",
            OBJECT,
            case=case,
            methods=READ_WRITE,
            kwargs=_pk(memo),
            missing=_gone(),
            readers=readers,
            writers=writers,
            data=lambda w: {"subject": f"แก้{SECRET}"},
        ),
        R(
            "memos:memo_docx",
            OBJECT,
            case=case,
            kwargs=_pk(memo),
            missing=_gone(),
            readers=readers,
        ),
        R(
            "memos:memo_issue",
            OBJECT,
            case=case,
            methods=("POST",),
            kwargs=_pk(memo),
            missing=_gone(),
            writers=writers,
        ),
        R(
            "memos:memo_refresh",
            OBJECT,
            case=case,
            methods=("POST",),
            kwargs=_pk(memo),
            missing=_gone(),
            writers=writers,
        ),
        R(
            "memos:memo_pdf_status",
            OBJECT,
            case=case,
            methods=READ_WRITE,
            kwargs=_pk(memo),
            missing=_gone(),
            readers=readers,
            writers=writers,
        ),
    ]
ROUTES += [
    R(
        "memos:memo_download",
        OBJECT,
        kwargs=_pk("issued_memo"),
        missing=_gone(),
        readers=MEMO_READERS,
    ),
    R(
        "memos:memo_download",
        OBJECT,
        case="issued-report",
        kwargs=_pk("issued_report"),
        missing=_gone(),
        readers=REPORT_READERS,
    ),
    # The report's tables as Excel, to whoever reads the report (a letter has none: 404).
    R(
        "memos:memo_xlsx",
        OBJECT,
        case="draft-report",
        kwargs=_pk("draft_report"),
        missing=_gone(),
        readers=REPORT_WRITERS,
    ),
    R(
        "memos:memo_xlsx",
        OBJECT,
        case="issued-report",
        kwargs=_pk("issued_report"),
        missing=_gone(),
        readers=REPORT_READERS,
    ),
]


def _pdf():
    from tests.projects.level3_factories import pdf_upload

    return pdf_upload()


def route_names() -> set[str]:
    return {route.name for route in ROUTES}
