"""What a memo appends after its signature: charts and tables drawn from the
figures the memo keeps (never from live data, so an issued memo prints the same
forever). Each kind of attachment is a function of the memo's figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.fiscal import Quarter, format_baht, format_thai_date, thai_digits
from reporting.charts import department_chart
from reporting.summaries import BAND_LABELS, BAND_SHORT, BANDS


@dataclass(frozen=True)
class Attachment:
    title: str
    html: SafeString
    wide: bool = False  # printed on a landscape page (memo_pdf.html's `@page landscape`)


Render = Callable[[dict], Attachment]
_ATTACHMENTS: dict[str, tuple[str, Render]] = {}


def attachment(key: str, label: str) -> Callable[[Render], Render]:
    """Register an attachment kind; `label` names it in the editor (Thai)."""

    def register(func: Render) -> Render:
        _ATTACHMENTS[key] = (label, func)
        return func

    return register


def choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _) in _ATTACHMENTS.items()]


def render_attachments(keys: list[str], figures: dict) -> list[Attachment]:
    return [_ATTACHMENTS[key][1](figures) for key in keys if key in _ATTACHMENTS]


def _round_label(figures: dict) -> str:
    summary = figures["five_band"]
    return Quarter(summary["fiscal_year"], summary["quarter"]).label


@attachment("five_band_chart", "กราฟความก้าวหน้า ๕ ระดับ จำแนกรายกรมและภาพรวม")
def five_band_chart(figures: dict) -> Attachment:
    title = f"ความก้าวหน้าการดำเนินโครงการ ๕ ระดับ {_round_label(figures)}"
    svg = department_chart(figures["five_band"], title=title, thai_numerals=True)
    return Attachment(title, mark_safe(svg))  # noqa: S308  (our own SVG, text escaped)


@attachment("five_band_table", "ตารางความก้าวหน้า ๕ ระดับ รายกรม กลุ่มภารกิจ และกระทรวง")
def five_band_table(figures: dict) -> Attachment:
    html = render_to_string(
        "memos/attachments/five_band_table.html",
        {
            "groups": figures["five_band"]["groups"],
            "bands": [(b, BAND_LABELS[b], BAND_SHORT[b]) for b in BANDS],
        },
    )
    title = f"ตารางความก้าวหน้า ๕ ระดับ {_round_label(figures)}"
    return Attachment(title, mark_safe(html), wide=True)  # noqa: S308  (template output, escaped)


def printable(rows: list[dict], *, count: int | None = None) -> dict:
    """What a memo keeps of a project list: the rows while they are few enough to print
    (MEMO_PRINTED_ROWS), else only their number; a national round's full list would
    make every draft tens of megabytes, and goes out as Excel instead."""
    from django.conf import settings

    count = len(rows) if count is None else count
    return {
        "projects": rows if count <= settings.MEMO_PRINTED_ROWS else [],
        "projects_count": count,
    }


def _printed_list(template: str, context: dict, count: int, elsewhere: str) -> SafeString:
    """A list as a table, or, when it is longer than a memo should print, a note of where
    the whole list is (memos kept before `printable` hold every row: the count decides)."""
    from django.conf import settings

    if count <= settings.MEMO_PRINTED_ROWS:
        return mark_safe(render_to_string(template, context))  # noqa: S308  (escaped)
    return mark_safe(  # noqa: S308  (escaped by render_to_string)
        render_to_string(
            "memos/attachments/elsewhere.html",
            {"count": thai_digits(f"{count:,}"), "elsewhere": elsewhere},
        )
    )


@attachment("reported_projects", "รายชื่อโครงการที่รายงานความก้าวหน้า (เสนออนุมัติ)")
def reported_projects(figures: dict) -> Attachment:
    rows = [p for p in figures["projects"] if p["band"]]
    count = figures.get("projects_count", len(rows))
    html = _printed_list(
        "memos/attachments/projects.html",
        {"projects": rows, "labels": BAND_SHORT},
        count,
        "ไฟล์ Excel เอกสารแนบบันทึก (เอกสาร ๑๒) ซึ่งขอได้จากหน้าบันทึกนี้ในระบบ",
    )
    return Attachment(
        f"รายชื่อโครงการที่รายงานความก้าวหน้า {_round_label(figures)} ({count:,} โครงการ)", html
    )


def _thai_date(iso: str) -> str:
    from datetime import date

    return format_thai_date(date.fromisoformat(iso), style="abbr", thai_numerals=True)


@attachment("window_timeline", "กรอบระยะเวลาการนำเข้าข้อมูลและรายงานของปีงบประมาณ (รอบ)")
def window_timeline(figures: dict) -> Attachment:
    rows = [
        {
            **w,
            "opens": _thai_date(w["opens_on"]),
            "unit_by": _thai_date(w["unit_deadline"]),
            "chain_by": _thai_date(w["chain_deadline"]),
        }
        for w in sorted(figures["windows"], key=lambda w: w["opens_on"])
    ]
    html = render_to_string("memos/attachments/window_timeline.html", {"windows": rows})
    title = (
        "กรอบระยะเวลาการนำเข้าข้อมูลและการรายงานในระบบ eMENSCR "
        f"ประจำปีงบประมาณ พ.ศ. {thai_digits(figures['fiscal_year'])}"
    )
    return Attachment(title, mark_safe(html))  # noqa: S308  (template output, escaped)


def _baht_or_dash(amount: str) -> str:
    from decimal import Decimal

    return thai_digits(format_baht(Decimal(amount))) if Decimal(amount) else "-"


@attachment("entry_projects", "รายชื่อโครงการที่นำเข้าประจำปีงบประมาณ และสถานะการอนุมัติ (M7)")
def entry_projects(figures: dict) -> Attachment:
    count = figures.get("projects_count", len(figures["projects"]))
    projects = [{**p, "amount": _baht_or_dash(p["budget"])} for p in figures["projects"]]
    html = _printed_list(
        "memos/attachments/entry_projects.html",
        {"projects": projects, "total": _baht_or_dash(figures["totals"]["budget"])},
        count,
        "ไฟล์ Excel รายชื่อโครงการ (M1) ซึ่งส่งออกได้จากหน้ารายการโครงการในระบบ",
    )
    title = (
        f"รายชื่อโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {thai_digits(figures['fiscal_year'])} "
        f"ที่นำเข้าในระบบ eMENSCR ({thai_digits(f'{count:,}')} โครงการ)"
    )
    return Attachment(title, html)
