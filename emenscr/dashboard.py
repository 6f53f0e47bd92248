"""The home page: one panel per role the user holds, with live counts only."""

from dataclasses import dataclass, field

from django.urls import reverse

from approvals.models import Approval, ItemStatus
from approvals.selectors import waiting_count_for_grant
from core.clock import today
from orgs.models import ActingKind, OrgUnit, Role, User
from orgs.permissions import Grant, grants_for
from projects.selectors import project_count_for_grant
from windows.selectors import windows_open_for


@dataclass
class Figure:
    label: str
    value: int
    url: str = ""


@dataclass
class Panel:
    role: str
    title: str
    scope: str
    acting_for: str = ""
    acting_kind: str = ""
    figures: list[Figure] = field(default_factory=list)
    windows: list = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    todo: str = ""


_ROLE_TODO = {
    Role.STAFF: "นำเข้าโครงการ (M1–M5) และรายงานผลรายไตรมาส (M6) ของหน่วยงาน",
    Role.DIVISION_DIRECTOR: "อนุมัติ (M7) รายการของกอง/สำนัก/ศูนย์",
    Role.DEPARTMENT_HEAD: "อนุมัติ (M7) รายการของกรม",
    Role.PYP_OFFICER: "ตรวจสอบความถูกต้อง เปิด/ขยายรอบ สรุปผล และจัดทำบันทึกข้อความ",
    Role.CLUSTER_HEAD: "อนุมัติ (M7) รายการของกรมในกลุ่มภารกิจ",
    Role.PERMANENT_SECRETARY: "อนุมัติ (M7) ขั้นสุดท้ายของกระทรวง",
    Role.ADMIN: "จัดการผู้ใช้ หน่วยงาน และข้อมูลอ้างอิง",
}


_SUMMARY = ("ความก้าวหน้า ๕ ระดับ ของรอบล่าสุด", "reporting:five_band")
_COMPARE = ("เปรียบเทียบหน่วยงานและปีงบประมาณ", "reporting:compare")
_ROLE_LINKS = {
    Role.STAFF: [
        ("+ เพิ่มโครงการ", "projects:create"),
        ("รายงานผลรายไตรมาส (M6)", "reporting:rounds"),
    ],
    Role.PYP_OFFICER: [
        ("สถานะการรายงานของรอบ", "reporting:board"),
        _SUMMARY,
        _COMPARE,
        ("แผนผังความเชื่อมโยงโครงการกับยุทธศาสตร์ชาติ", "projects:linkage"),
        ("กำหนดรอบและขยายเวลา", "reporting:windows"),
        ("บันทึกข้อความ (จัดทำและทะเบียน)", "memos:memos"),
    ],
    Role.PERMANENT_SECRETARY: [_SUMMARY, ("สถานะการรายงานของรอบ", "reporting:board"), _COMPARE],
    Role.CLUSTER_HEAD: [_SUMMARY, ("สถานะการรายงานของรอบ", "reporting:board"), _COMPARE],
    Role.DEPARTMENT_HEAD: [_SUMMARY],
    Role.ADMIN: [("ไปที่หน้าผู้ดูแลระบบ", "admin:index")],
}


def home_panels_for(user: User) -> list[Panel]:
    grants = grants_for(user)
    if not grants:
        return []
    units = OrgUnit.objects.in_bulk({g.unit_id for g in grants})
    principals = User.objects.in_bulk({g.acting_for_id for g in grants if g.acting_for_id})
    open_windows = list(windows_open_for(user, on=today()))
    panels = []
    for grant in grants:
        panel = _panel(grant, units[grant.unit_id], principals.get(grant.acting_for_id))
        if grant.role != Role.ADMIN:
            panel.figures.append(Figure("โครงการในความรับผิดชอบ", project_count_for_grant(grant)))
            if grant.role != Role.STAFF:
                panel.figures.append(Figure("รายการรอพิจารณา", waiting_count_for_grant(grant)))
            else:
                panel.figures.append(_returned_figure(grant))
            panel.windows = open_windows
        panels.append(panel)
    return panels


def _returned_figure(grant: Grant) -> Figure:
    """Staff's items sent back to them (any kind), leading to the returned projects."""
    returned = Approval.objects.filter(
        status=ItemStatus.RETURNED, unit__path__startswith=grant.unit_path
    ).count()
    url = f"{reverse('projects:list')}?status={ItemStatus.RETURNED.value}"
    return Figure("ถูกส่งกลับแก้ไข", returned, url)


def _panel(grant: Grant, unit: OrgUnit, principal: User | None) -> Panel:
    role = Role(grant.role)
    panel = Panel(
        role=role.value,
        title=role.label,
        scope=f"ที่ {unit.display_name}",
        acting_for=str(principal) if principal else "",
        acting_kind=ActingKind(grant.acting_kind).label if grant.acting_kind else "",
        todo=_ROLE_TODO[role],
    )
    panel.links = [
        {"label": label, "url": reverse(name)} for label, name in _ROLE_LINKS.get(role, [])
    ]
    return panel
