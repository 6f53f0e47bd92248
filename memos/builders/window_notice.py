"""Memo (3): ป.ย.ป. announces a window, or the fiscal year's windows, to the departments
and the units of สป.รง. (seed 001, ว ๓๐ and ว ๒๓ of 2567): the regulation's deadlines
(seed 004: new projects within the first quarter, each report and its M7 within 30
days after the quarter), then for each window what must be done, when the system
opens, the unit deadline (data and the unit head's M7) and the chain deadline."""

from __future__ import annotations

from datetime import date

from core.fiscal import format_thai_date, thai_digits
from orgs.models import Role
from windows.models import Window, WindowKind
from windows.rules import STATUTORY_REPORT_DAYS

from ..models import MemoKind
from . import Context, Draft, builder, phone_of, signature_of
from .addressees import positions
from .citations import cited_letter
from .quarter_circular import BLANK

# The order of the sections: the year's entry first, as seed 001's letters run.
KIND_ORDER = [
    WindowKind.PROJECT_ENTRY,
    WindowKind.QUARTERLY_REPORT,
    WindowKind.MIDYEAR_ENTRY,
    WindowKind.LEVEL3_PLAN,
    WindowKind.ANNUAL_REPORT,
]
SECTION = {
    WindowKind.PROJECT_ENTRY: "การนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {fy} (M1 - M5) "
    "และการอนุมัติ (M7)",
    WindowKind.QUARTERLY_REPORT: "การรายงานความก้าวหน้าโครงการ/การดำเนินงาน รายไตรมาส (M6) และการอนุมัติ (M7)",
    WindowKind.MIDYEAR_ENTRY: "การนำเข้าโครงการใหม่ระหว่างปี/งบแหล่งอื่น (M1 - M5) และการอนุมัติ (M7)",
    WindowKind.LEVEL3_PLAN: "การนำเข้าแผนระดับที่ ๓ (แผนปฏิบัติราชการรายปี แผนปฏิบัติการด้าน...) "
    "และการอนุมัติ (M7)",
    WindowKind.ANNUAL_REPORT: "การรายงานผลสัมฤทธิ์ของแผนระดับที่ ๓ (แผนปฏิบัติราชการรายปี "
    "แผนปฏิบัติการด้าน...) และการอนุมัติ (M7)",
}
TASK = {
    WindowKind.PROJECT_ENTRY: "นำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {fy}",
    WindowKind.QUARTERLY_REPORT: "รายงานความก้าวหน้า ไตรมาสที่ {q}/{fy}",
    WindowKind.MIDYEAR_ENTRY: "นำเข้าโครงการใหม่ระหว่างปี ไตรมาสที่ {q}/{fy}",
    WindowKind.LEVEL3_PLAN: "นำเข้าแผนระดับที่ ๓",
    WindowKind.ANNUAL_REPORT: "รายงานผลสัมฤทธิ์แผนระดับที่ ๓",
}
TITLE = {
    WindowKind.PROJECT_ENTRY: "การนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {fy}",
    WindowKind.QUARTERLY_REPORT: "การรายงานความก้าวหน้าโครงการ/การดำเนินงาน ไตรมาส {q}/{fy}",
    WindowKind.MIDYEAR_ENTRY: "การนำเข้าโครงการใหม่ระหว่างปี ไตรมาส {q}/{fy}",
    WindowKind.LEVEL3_PLAN: "การนำเข้าแผนระดับที่ ๓ ประจำปีงบประมาณ พ.ศ. {fy}",
    WindowKind.ANNUAL_REPORT: "การรายงานผลสัมฤทธิ์แผนระดับที่ ๓ ประจำปีงบประมาณ พ.ศ. {fy}",
}


def _thai_date(iso: str) -> str:
    return format_thai_date(date.fromisoformat(iso), thai_numerals=True)


def _fill(template: str, row: dict) -> str:
    return template.format(fy=thai_digits(row["fiscal_year"]), q=thai_digits(row["quarter"] or ""))


def window_rows(*, fiscal_year: int, window: Window | None) -> list[dict]:
    """The windows the notice announces, as the figures it keeps (two queries)."""
    if window is None:
        windows = list(Window.objects.filter(fiscal_year=fiscal_year).prefetch_related("units"))
    else:
        windows = [window]
    rows = [
        {
            "id": w.pk,
            "fiscal_year": w.fiscal_year,
            "kind": w.kind,
            "kind_label": w.get_kind_display(),
            "quarter": w.quarter,
            "units": [u.abbr or u.name_th for u in w.units.all()],
            "opens_on": w.opens_on.isoformat(),
            "unit_deadline": w.unit_deadline.isoformat(),
            "chain_deadline": w.chain_deadline.isoformat(),
        }
        for w in windows
    ]
    return sorted(
        rows, key=lambda r: (KIND_ORDER.index(r["kind"]), r["opens_on"], r["quarter"] or 0)
    )


def _window_line(row: dict) -> str:
    only = f" (เฉพาะ {' '.join(row['units'])})" if row["units"] else ""
    return (
        f"{_fill(TASK[row['kind']], row)}{only} ตั้งแต่วันที่ {_thai_date(row['opens_on'])} "
        f"และเสนอผู้บริหารหน่วยงานอนุมัติ (M7) ภายในวันที่ {_thai_date(row['unit_deadline'])} "
        "ทั้งนี้ การอนุมัติตามลำดับการบังคับบัญชา (M7) ให้แล้วเสร็จภายในวันที่ "
        f"{_thai_date(row['chain_deadline'])}"
    )


def _sections(rows: list[dict]) -> list[dict]:
    """๑. one section per kind of window, ๑.๑ one line per window."""
    body = []
    for kind in KIND_ORDER:
        mine = [r for r in rows if r["kind"] == kind]
        if mine:
            body.append({"level": 1, "text": _fill(SECTION[kind], mine[0])})
            body += [{"level": 2, "text": _window_line(r)} for r in mine]
    return body


def _regulation(fiscal_year: int) -> list[dict]:
    days = thai_digits(STATUTORY_REPORT_DAYS)
    return [
        {
            "level": 0,
            "text": "ระเบียบว่าด้วยการติดตาม ตรวจสอบ และประเมินผลการดำเนินการตามยุทธศาสตร์ชาติ "
            "และแผนการปฏิรูปประเทศ พ.ศ. ๒๕๖๒ กำหนดให้หน่วยงานของรัฐนำเข้าโครงการใหม่ทั้งหมดของ"
            "ปีงบประมาณในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR) ให้แล้วเสร็จภายในไตรมาสแรกของ"
            f"ปีงบประมาณ และรายงานผลการดำเนินการให้แล้วเสร็จภายใน {days} วัน หลังสิ้นไตรมาส "
            "โดยขั้นตอนการอนุมัติ (M7) ตามลำดับการบังคับบัญชาต้องเสร็จสิ้นในช่วงเวลาดังกล่าวด้วย",
        },
        {
            "level": 0,
            "text": "กลุ่ม ป.ย.ป. จึงขอแจ้งหน่วยงานได้รับทราบและดำเนินการในระบบ eMENSCR "
            f"ประจำปีงบประมาณ พ.ศ. {thai_digits(fiscal_year)} ในส่วนที่เกี่ยวข้อง ดังนี้",
        },
    ]


def _closing_lines(phone: str) -> list[dict]:
    return [
        {
            "level": 0,
            "text": "ทั้งนี้ การนำเข้าข้อมูลและการรายงานต้องผ่านการอนุมัติจากผู้บริหารหน่วยงาน (M7) "
            "ภายในกำหนดอย่างเคร่งครัด เมื่อหน่วยงานดำเนินการแล้วเสร็จ ขอให้แจ้ง กลุ่ม ป.ย.ป. "
            "เพื่อดำเนินการอนุมัติตามลำดับการบังคับบัญชาต่อไป หากต้องการคำแนะนำหรือสอบถามข้อมูล"
            f"เพิ่มเติม กรุณาติดต่อเจ้าหน้าที่ กลุ่ม ป.ย.ป. โทรศัพท์ {thai_digits(phone) or BLANK}",
        }
    ]


def _subject(fiscal_year: int, window: Window | None, rows: list[dict]) -> str:
    if window is not None:
        title = _fill(TITLE[window.kind], rows[0])
    else:
        title = f"การนำเข้าข้อมูลและการรายงาน ประจำปีงบประมาณ พ.ศ. {thai_digits(fiscal_year)}"
    return f"{title} ในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR)"


@builder(MemoKind.WINDOW_NOTICE)
def build(context: Context) -> Draft:
    window = context.window
    fiscal_year = window.fiscal_year if window is not None else context.fiscal_year
    rows = window_rows(fiscal_year=fiscal_year, window=window)
    body = _regulation(fiscal_year)
    if window is not None:
        earlier = cited_letter(kind=MemoKind.WINDOW_NOTICE, fiscal_year=fiscal_year)
        text = (
            f"{earlier} ได้แจ้งหน่วยงานทราบกรอบระยะเวลาการนำเข้าข้อมูล ประจำปีงบประมาณ "
            f"พ.ศ. {thai_digits(fiscal_year)} ในระบบ eMENSCR แล้ว นั้น"
        )
        body.insert(1, {"level": 0, "text": text})
    name, position = signature_of(
        Role.DIVISION_DIRECTOR, context.unit, f"ผู้อำนวยการ{context.unit.name_th}"
    )
    return Draft(
        subject=_subject(fiscal_year, window, rows),
        addressee=positions(context.unit),  # seed 001 writes to the heads, by position
        is_circular=True,
        body=body + _sections(rows) + _closing_lines(phone_of(context.unit, context.user)),
        signatory_name=name,
        signatory_position=position,
        attachments=["window_timeline"],
        figures={
            "fiscal_year": fiscal_year,
            "window": window.pk if window is not None else None,
            "statutory_report_days": STATUTORY_REPORT_DAYS,
            "windows": rows,
        },
    )
