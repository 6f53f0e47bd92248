"""The lists a quarterly memo attaches (seed 000: เอกสาร ๔–๑๒), one workbook, one sheet each.

One workbook rather than one export per list: the memo cites them together,
ป.ย.ป. attaches them together, and one run reads every list from the same
moment, so sheet ๙'s 156 projects are sheet ๔–๖'s 156 and sheet ๑๑ counts
exactly them. Bands and the five-band figures come from reporting.summaries.
Document numbers follow the memo: one sheet per cluster (๔, ๕, ๖ for this
ministry's three), then not due, calendar-year, progress, unfinished, the
overview and the list for final approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery

from core.fiscal import Quarter, thai_digits, thai_digits_in_text
from core.xlsx import Column, OfficialSheet, OfficialWorkbook
from orgs.models import OrgUnit, UnitKind
from projects.models import Project
from reporting.models import ExportJob, QuarterlyReport
from reporting.revisions import approved_texts, report_revising
from reporting.rounds import (
    CALENDAR_NOT_IN_ROUND,
    NOT_DUE,
    REPORTED,
    STATE_LABELS,
    round_projects,
)
from reporting.snapshots import figures_for
from reporting.summaries import BAND_LABELS, BANDS, reported_projects

from ..progress import Progress

FIRST_DOCUMENT = 4
NO_CLUSTER = "หน่วยงานที่ไม่สังกัดกลุ่มภารกิจ"
LEVEL_LABELS = {"ministry": "กระทรวง", "cluster": "กลุ่มภารกิจ", "department": "กรม"}
ROW_NO = Column("ลำดับ", 7, "int")
DEPARTMENT = Column("ส่วนราชการ", 26)
OWNER = Column("หน่วยงานที่รับผิดชอบ", 26)
CODE = Column("รหัสโครงการ", 20)
NAME = Column("ชื่อโครงการ/การดำเนินงาน", 52)
PROGRESS = Column("ความก้าวหน้า (ร้อยละ)", 13, "percent")
BAND = Column("ระดับความก้าวหน้า", 34)


@dataclass
class Tree:
    """Clusters and departments (one query), to place a unit under them by its path."""

    clusters: list[OrgUnit]
    departments: list[OrgUnit]

    @classmethod
    def load(cls) -> Tree:
        units = list(
            OrgUnit.objects.filter(kind__in=[UnitKind.CLUSTER, UnitKind.DEPARTMENT]).order_by(
                "path"
            )
        )
        return cls(
            [u for u in units if u.kind == UnitKind.CLUSTER],
            [u for u in units if u.kind == UnitKind.DEPARTMENT],
        )

    def cluster_of(self, unit: OrgUnit) -> OrgUnit | None:
        return next((c for c in self.clusters if unit.path.startswith(c.path)), None)

    def department_of(self, unit: OrgUnit) -> str:
        found = next((d for d in self.departments if unit.path.startswith(d.path)), None)
        return str(found or unit)


class Numbering:
    """เอกสาร ๔, ๕, … in the order the sheets are written."""

    def __init__(self) -> None:
        self.next = FIRST_DOCUMENT

    def take(self) -> str:
        number, self.next = self.next, self.next + 1
        return f"เอกสาร {thai_digits(number)}"


def write_memo_lists(
    job: ExportJob, params: dict, book: OfficialWorkbook, progress: Progress
) -> None:
    round_ = Quarter(params["fiscal_year"], params["quarter"])
    tree = Tree.load()
    figures, _, frozen = figures_for(
        fiscal_year=round_.fiscal_year, quarter=round_.quarter, want_live=False
    )
    summary = figures["five_band"]
    if frozen:
        reported, not_due, calendar = _frozen_lists(round_, figures["projects"])
    else:
        reported = _reported_with_texts(round_)
        not_due = list(_in_state(round_, NOT_DUE))
        calendar = list(_in_state(round_, CALENDAR_NOT_IN_ROUND))
    unfinished = [p for p in reported if p.band != BANDS[0]]
    groups = _by_cluster(reported, tree)
    progress.expect(
        len(reported) * 3 + len(not_due) + len(calendar) + len(unfinished) + len(summary["groups"])
    )
    numbers = Numbering()
    for title, projects in groups:
        _reported_sheet(book, numbers.take(), round_, title, projects, tree, progress)
    for state, projects in [(NOT_DUE, not_due), (CALENDAR_NOT_IN_ROUND, calendar)]:
        _state_sheet(book, numbers.take(), round_, state, projects, tree, progress)
    _progress_sheet(book, numbers.take(), round_, reported, tree, progress)
    _unfinished_sheet(book, numbers.take(), round_, unfinished, tree, progress)
    _overview_sheet(book, numbers.take(), round_, summary, progress)
    _approval_sheet(book, numbers.take(), round_, reported, tree, progress)


def _reported_with_texts(round_: Quarter):
    """The round's reported projects (reporting.summaries) with their report's texts."""
    report = QuarterlyReport.objects.filter(
        project=OuterRef("pk"), fiscal_year=round_.fiscal_year, quarter=round_.quarter
    ).order_by()
    projects = list(
        reported_projects(fiscal_year=round_.fiscal_year, quarter=round_.quarter).annotate(
            problems=Subquery(report.values("problems")[:1]),
            suggestions=Subquery(report.values("suggestions")[:1]),
            report_revision=F("round_report__revision"),
        )
    )
    revising = {
        p.report_id: p.report_revision
        for p in projects
        if report_revising(p.report_id, p.report_revision, p.report_current_status)
    }
    approved = approved_texts(revising)  # the approved texts of reports revised since
    for project in projects:
        for name, text in approved.get(project.report_id, {}).items():
            setattr(project, name, text)
    return projects


def _frozen_lists(round_: Quarter, rows: list[dict]) -> tuple[list, list, list]:
    """A frozen round's lists: its projects as they stood when frozen (state, progress,
    band, problems), as the memo cites them; the rest of each row is read today."""
    frozen = {row["id"]: row for row in rows}
    report = QuarterlyReport.objects.filter(
        project=OuterRef("pk"), fiscal_year=round_.fiscal_year, quarter=round_.quarter
    ).order_by()
    projects = (
        Project.objects.filter(pk__in=frozen)
        .select_related("owner_unit")
        .annotate(
            suggestions=Subquery(report.values("suggestions")[:1]),
            report_status=Subquery(report.values("status")[:1]),
        )
        .order_by("owner_unit__path", "code")
    )
    lists: dict[str, list] = {REPORTED: [], NOT_DUE: [], CALENDAR_NOT_IN_ROUND: []}
    for project in projects:
        row = frozen[project.pk]
        project.band, project.problems = row["band"], row["problems"]
        project.progress_percent = Decimal(row["progress"]) if row["progress"] else None
        lists.setdefault(row["state"], []).append(project)
    return lists[REPORTED], lists[NOT_DUE], lists[CALENDAR_NOT_IN_ROUND]


def _in_state(round_: Quarter, state: str):
    return (
        round_projects(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
        .filter(round_state=state)
        .select_related("owner_unit")
        .order_by("owner_unit__path", "code")
    )


def _by_cluster(projects: list, tree: Tree) -> list[tuple[str, list]]:
    """Every cluster in tree order with its reported projects (units outside any cluster last)."""
    groups: dict[int | None, list] = {c.pk: [] for c in tree.clusters}
    for project in projects:
        cluster = tree.cluster_of(project.owner_unit)
        groups.setdefault(cluster.pk if cluster else None, []).append(project)
    titles = {c.pk: c.name_th for c in tree.clusters} | {None: NO_CLUSTER}
    return [(titles[key], rows) for key, rows in groups.items() if key is not None or rows]


def _sheet(book, number: str, columns: list[Column], lines: list[str]) -> OfficialSheet:
    """A sheet headed as the memo cites it, in Thai digits like the memo (M7 keeps its
    7), printed landscape, one page wide, its header row repeated on every page."""
    heading = [thai_digits_in_text(line) for line in [f"{number} {lines[0]}", *lines[1:]]]
    return book.sheet(number, columns, heading=heading, landscape=True)


def _reported_sheet(book, number, round_, title, projects, tree, progress) -> None:
    """เอกสาร ๔–๖: a cluster's reported projects, with a subtotal for each department."""
    columns = [ROW_NO, DEPARTMENT, OWNER, CODE, NAME, PROGRESS]
    sheet = _sheet(
        book,
        number,
        columns,
        [
            f"โครงการที่รายงานความก้าวหน้า {round_.label}: {title}",
            f"จำนวน {len(projects)} โครงการ",
        ],
    )
    counts: dict[str, int] = {}
    for n, project in enumerate(projects, start=1):
        department = tree.department_of(project.owner_unit)
        counts[department] = counts.get(department, 0) + 1
        sheet.append(
            [
                n,
                department,
                str(project.owner_unit),
                project.code,
                project.name,
                project.progress_percent,
            ]
        )
        progress.advance()
    for department, count in counts.items():
        sheet.append([None, department, f"จำนวน {count} โครงการ", None, None, None], total=True)
    sheet.append([None, "รวม", f"จำนวน {len(projects)} โครงการ", None, None, None], total=True)


def _state_sheet(book, number, round_, state, projects, tree, progress) -> None:
    """เอกสาร ๗ and ๘: not due (fiscal year), and calendar-year projects outside the round."""
    columns = [
        ROW_NO,
        DEPARTMENT,
        OWNER,
        CODE,
        NAME,
        Column("ปีงบประมาณ", 11, "year"),
        Column("วันที่เริ่มต้น", 14, "date"),
        Column("วันที่สิ้นสุด", 14, "date"),
    ]
    sheet = _sheet(
        book,
        number,
        columns,
        [f"{STATE_LABELS[state]} {round_.label}", f"จำนวน {len(projects)} โครงการ"],
    )
    for n, p in enumerate(projects, start=1):
        sheet.append(
            [
                n,
                tree.department_of(p.owner_unit),
                str(p.owner_unit),
                p.code,
                p.name,
                p.fiscal_year,
                p.start_date,
                p.end_date,
            ]
        )
        progress.advance()


def _progress_sheet(book, number, round_, projects, tree, progress) -> None:
    """เอกสาร ๙: each reported project's progress and band."""
    title = f"ความก้าวหน้าการดำเนินโครงการ {round_.label} แบ่งเป็น ๕ ระดับ"
    _band_sheet(book, number, title, projects, tree, progress, extra=[])


def _unfinished_sheet(book, number, round_, projects, tree, progress) -> None:
    """เอกสาร ๑๐: projects below 100 % with the problems and suggestions their reports give."""
    title = f"โครงการที่มีความก้าวหน้าไม่ถึงร้อยละ ๑๐๐ {round_.label} และปัญหาอุปสรรค"
    extra = [
        (Column("ปัญหาและอุปสรรค", 48), lambda p: p.problems or ""),
        (Column("ข้อเสนอแนะ", 40), lambda p: p.suggestions or ""),
    ]
    _band_sheet(book, number, title, projects, tree, progress, extra=extra)


def _band_sheet(book, number, title, projects, tree, progress, *, extra) -> None:
    """One row per project with its progress and band, then the `extra` columns."""
    columns = [ROW_NO, DEPARTMENT, OWNER, CODE, NAME, PROGRESS, BAND] + [c for c, _ in extra]
    sheet = _sheet(book, number, columns, [title, f"จำนวน {len(projects)} โครงการ"])
    for n, p in enumerate(projects, start=1):
        owner = p.owner_unit
        cells = [n, tree.department_of(owner), str(owner), p.code, p.name, p.progress_percent]
        sheet.append([*cells, BAND_LABELS[p.band], *(value(p) for _, value in extra)])
        progress.advance()


def _overview_sheet(book, number, round_, summary: dict, progress) -> None:
    """เอกสาร ๑๑: the five-band figures of the ministry, each cluster and each department."""
    columns = [Column("หน่วยงาน", 44), Column("ระดับ", 12), Column("จำนวนโครงการที่รายงาน", 14, "int")]
    for band in BANDS:
        columns += [Column(f"{BAND_LABELS[band]} จำนวน", 16, "int"), Column("ร้อยละ", 10, "percent")]
    population = summary["population"]
    sheet = _sheet(
        book,
        number,
        columns,
        [
            f"สรุปความก้าวหน้าการดำเนินโครงการในภาพรวม {round_.label} (๕ ระดับ)",
            f"โครงการทั้งหมด {population['total']} · รายงานแล้ว {population['reported']} · "
            f"ยังไม่รายงาน {population['not_reported']} · ไม่อยู่ในช่วงเวลา {population['not_due']} · "
            f"ตามปีปฏิทินที่ไม่อยู่ในรอบ {population['calendar_not_in_round']}",
        ],
    )
    for group in summary["groups"]:
        values = [
            group["name"],
            LEVEL_LABELS.get(group["level"], group["level"]),
            group["reported"],
        ]
        for band in BANDS:
            values += [group["counts"][band], Decimal(group["percents"][band])]
        sheet.append(values, total=group["level"] == "ministry")
        progress.advance()


def _approval_sheet(book, number, round_, projects, tree, progress) -> None:
    """เอกสาร ๑๒: the reported projects the Permanent Secretary approves last (M7)."""
    columns = [ROW_NO, DEPARTMENT, OWNER, CODE, NAME, PROGRESS, Column("สถานะรายงาน", 18)]
    labels = dict(QuarterlyReport._meta.get_field("status").choices)
    sheet = _sheet(
        book,
        number,
        columns,
        [
            f"รายการรายงานความก้าวหน้า {round_.label} เสนออนุมัติในลำดับสุดท้าย (M7)",
            f"รวมจำนวนทั้งสิ้น {len(projects)} โครงการ",
        ],
    )
    for n, p in enumerate(projects, start=1):
        sheet.append(
            [
                n,
                tree.department_of(p.owner_unit),
                str(p.owner_unit),
                p.code,
                p.name,
                p.progress_percent,
                labels.get(p.report_status, p.report_status),
            ]
        )
        progress.advance()
