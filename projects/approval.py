"""How a project entry takes part in the M7 chain (approvals.items)."""

from django.urls import reverse

from approvals.items import ItemKind, register
from approvals.services.editing import approval_moments
from core.clock import now, today
from windows.rules import entry_window_problem, entry_windows_of

from .duplicates import unreviewed_duplicates
from .models import Project


def _submit_checks(project: Project) -> list[str]:
    problems = [m for missing in (project.missing or {}).values() for m in missing]
    if window_problem := entry_window_problem(project=project, on=today()):
        problems.append(window_problem)
    if not project.missing:
        problems.append("ยังไม่ได้ตรวจความครบถ้วนของข้อมูล กรุณาบันทึกข้อมูลอีกครั้ง")
    duplicates = unreviewed_duplicates(project)
    if duplicates:
        codes = ", ".join(d.project.code for d in duplicates)
        problems.append(f"มีโครงการที่อาจซ้ำกัน ({codes}) กรุณาตรวจสอบและยืนยันก่อนส่ง")
    return problems


def _on_approved(projects: list[Project], user) -> None:
    """Freeze each approved version, so it stays readable after later changes."""

    from .revisions import projects_freeze_revisions

    projects_freeze_revisions(projects=projects, approved_at=now(), user=user)


def _freeze(projects: list[Project], user) -> None:
    """Freeze the approved version before an edit opens the next revision (once)."""

    from .revisions import projects_freeze_revisions

    projects_freeze_revisions(
        projects=projects, approved_at=approval_moments(items=projects), user=user
    )


def _entry_windows(projects: list[Project]) -> dict:
    return entry_windows_of(projects, on=today())


def register_project() -> None:
    register(
        ItemKind(
            model=Project,
            label="โครงการ (M1–M5)",
            unit_path="owner_unit",
            describe=lambda p: f"{p.code} {p.name}",
            url=lambda p: reverse("projects:detail", args=[p.pk]),
            submit_checks=_submit_checks,
            on_approved=_on_approved,
            freeze=_freeze,
            windows_of=_entry_windows,
        )
    )
