"""The exports the product offers (DESIGN.md 7: project lists, round status, the memo's lists)."""

from orgs.models import User

from .params import clean_round, clean_unit, round_label, unit_of
from .registry import ExportKind, register
from .writers.board import write_board
from .writers.memo import write_memo_lists
from .writers.projects import clean_project_filters, write_projects


def _clean_board(params: dict, user: User) -> dict:
    return {**clean_round(params), "unit": clean_unit(params)}


def _describe_board(params: dict) -> str:
    unit = unit_of(params)
    return round_label(params) + (f" · {unit.display_name}" if unit else "")


def _clean_round(params: dict, user: User) -> dict:
    return clean_round(params)


def _describe_projects(params: dict) -> str:
    parts = []
    if params.get("fiscal_year"):
        parts.append(f"ปีงบประมาณ {params['fiscal_year']}")
    if unit := unit_of(params):
        parts.append(unit.display_name)
    if params.get("q"):
        parts.append(f"ค้นหา “{params['q']}”")
    return " · ".join(parts) or "ทุกโครงการที่คุณเห็น"


BOARD = register(
    ExportKind(
        key="board",
        title="สถานะการรายงานความก้าวหน้ารายหน่วยงาน",
        action="export.board",
        clean=_clean_board,
        subject=unit_of,
        write=write_board,
        describe=_describe_board,
        filename="emenscr-board",
    )
)
PROJECTS = register(
    ExportKind(
        key="projects",
        title="รายชื่อโครงการและความเชื่อมโยงกับแผน (M1)",
        action="export.projects",
        clean=clean_project_filters,
        subject=unit_of,
        write=write_projects,
        describe=_describe_projects,
        filename="emenscr-projects-m1",
    )
)
MEMO_LISTS = register(
    ExportKind(
        key="memo",
        title="เอกสารแนบบันทึกรายงานความก้าวหน้ารายไตรมาส (เอกสาร ๔–๑๒)",
        action="export.memo",
        clean=_clean_round,
        write=write_memo_lists,
        describe=round_label,
        filename="emenscr-memo-lists",
    )
)
