"""Memo (2): the circular that tells the departments the Permanent Secretary approved
the quarter's progress reports (seed 000, ที่ รง ๐๒๑๔/ว ๗๗๖): what the round was, the
approval memo it follows, the ministry's five bands, and the chart as attachment."""

from __future__ import annotations

from core.fiscal import Quarter, format_thai_date, thai_digits
from orgs.models import OrgUnit, UnitKind
from reporting.selectors import round_window
from reporting.snapshots import figures_for

from ..models import MemoKind
from . import Context, Draft, builder, phone_of
from .addressees import organisations
from .citations import cited_letter
from .quarter_approval import _band_lines

BLANK = "……"


def sender_names(unit: OrgUnit) -> list[str]:
    """The sender as a letter names it: its department (when it is not one), then itself."""
    department = unit.ancestor_of_kind(UnitKind.DEPARTMENT)
    return (
        [department.name_th, unit.name_th] if department and department != unit else [unit.name_th]
    )


def owner_block(unit: OrgUnit, phone: str) -> str:
    """The foot of a หนังสือประทับตรา: the owner unit (ส่วนราชการเจ้าของเรื่อง) and its telephone."""
    return f"{unit.name_th}\nโทรศัพท์ {thai_digits(phone) or BLANK}"


def _window_figures(round_: Quarter) -> dict | None:
    window = round_window(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
    if window is None:
        return None
    return {"id": window.pk, "opens_on": window.opens_on.isoformat()}


def _body(figures: dict, round_: Quarter, sender: str, approval_letter: str) -> list[dict]:
    from datetime import date

    summary = figures["five_band"]
    ministry = next(g for g in summary["groups"] if g["level"] == "ministry")
    window = figures["window"]
    opened = (
        format_thai_date(date.fromisoformat(window["opens_on"]), thai_numerals=True)
        if window
        else BLANK
    )
    q, be = thai_digits(round_.quarter), thai_digits(round_.fiscal_year)
    return [
        {
            "level": 0,
            "text": "ตามที่สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ (สศช.) เปิดระบบติดตามและ"
            "ประเมินผลแห่งชาติ (eMENSCR) ให้รายงานความก้าวหน้ารายไตรมาส สำหรับไตรมาสที่ "
            f"{q} ประจำปีงบประมาณ พ.ศ. {be} ตั้งแต่วันที่ {opened} ซึ่งหน่วยงานได้ดำเนินการ"
            f"รายงานความก้าวหน้าไตรมาส {q} ประจำปีงบประมาณ พ.ศ. {be} แล้ว นั้น",
        },
        {
            "level": 0,
            "text": f"{sender} ขอแจ้งเรื่องการอนุมัติรายงานความก้าวหน้าโครงการในระบบติดตามและประเมินผลแห่งชาติ "
            f"(eMENSCR) ไตรมาส {q} ประจำปีงบประมาณ พ.ศ. {be} ซึ่งปลัดกระทรวงแรงงานได้อนุมัติ"
            f"ในระบบ eMENSCR แล้ว {approval_letter} รวมจำนวน {thai_digits(ministry['reported'])} "
            "โครงการ มาเพื่อเป็นข้อมูลในการกำกับติดตามงานของหน่วยงานในสังกัดต่อไป",
        },
        {
            "level": 0,
            "text": f"ทั้งนี้ ความก้าวหน้าการดำเนินโครงการในภาพรวมของ{ministry['name']} "
            f"ณ ไตรมาส {q}/{be} แบ่งเป็น ๕ ระดับ ดังนี้ (รายละเอียดตามสิ่งที่ส่งมาด้วย)",
        },
        *_band_lines(ministry),
    ]


@builder(MemoKind.QUARTER_CIRCULAR)
def build(context: Context) -> Draft:
    round_ = Quarter(context.fiscal_year, context.quarter)
    figures, _, frozen = figures_for(
        fiscal_year=round_.fiscal_year, quarter=round_.quarter, want_live=False
    )
    figures = {
        **figures,
        "source": "frozen" if frozen else "live",
        "window": _window_figures(round_),
    }
    approval_letter = cited_letter(
        kind=MemoKind.QUARTER_APPROVAL, fiscal_year=round_.fiscal_year, quarter=round_.quarter
    )
    names = sender_names(context.unit)
    sender = " ".join(names) + (f" ({context.unit.abbr})" if context.unit.abbr else "")
    label = f"{thai_digits(round_.quarter)} ประจำปีงบประมาณ พ.ศ. {thai_digits(round_.fiscal_year)}"
    # Seed 000's ว ๗๗๖ is a หนังสือประทับตรา (ระเบียบงานสารบรรณ): ที่, ถึง, the text, the
    # issuing department's name over its stamp, the date, and the owner unit with its
    # telephone at the foot; no เรื่อง is printed, no closing, no signature.
    return Draft(
        subject="แจ้งการอนุมัติรายงานความก้าวหน้าโครงการในระบบติดตามและประเมินผลแห่งชาติ "
        f"(eMENSCR) ไตรมาส {label}",
        addressee=organisations(context.unit),
        is_circular=True,
        memo_heading=False,
        salutation="ถึง",
        body=_body(figures, round_, sender, approval_letter),
        closing="",
        attachments=["five_band_chart"],
        department_line=names[0],
        contact=owner_block(context.unit, phone_of(context.unit, context.user)),
        figures=figures,
    )
