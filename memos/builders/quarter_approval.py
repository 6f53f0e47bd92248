"""Memo (1): ป.ย.ป. asks the Permanent Secretary to give the quarter's reports their
final M7 approval (seed 000, ที่ รง ๐๒๑๔/๗๕): what came before, the round's counts
by cluster and department, the five bands per department, the obstacles of
unfinished projects, the ministry overview, and the approval asked for."""

from __future__ import annotations

from core.fiscal import Quarter, format_thai_date, thai_digits
from orgs.models import OrgUnit, Role
from projects.selectors import approved_project_count
from reporting.selectors import round_window
from reporting.snapshots import figures_for, memo_round_figures
from reporting.summaries import BAND_LABELS, BANDS

from ..attachments import printable
from ..models import MemoKind
from . import Context, Draft, builder, signature_of
from .citations import cited_letter


def _band_lines(group: dict) -> list[dict]:
    lines = []
    for band in BANDS:
        count = group["counts"][band]
        share = group["percents"][band]
        figures = (
            f"จำนวน {thai_digits(count)} โครงการ ร้อยละ {thai_digits(share)}"
            if count
            else "จำนวน - โครงการ ร้อยละ -"
        )
        lines.append({"level": 6, "text": f"{thai_digits(BAND_LABELS[band])} {figures}"})
    return lines


def _history(context: Context, round_: Quarter) -> list[dict]:
    window = round_window(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
    opened = format_thai_date(window.opens_on, thai_numerals=True) if window else "……"
    deadline = format_thai_date(window.unit_deadline, thai_numerals=True) if window else "……"
    be = thai_digits(round_.fiscal_year)
    q = thai_digits(round_.quarter)
    return [
        {"level": 1, "text": "เรื่องเดิม"},
        {
            "level": 2,
            "text": f"สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ (สศช.) เปิดระบบติดตามและประเมินผลแห่งชาติ "
            f"(eMENSCR) ให้รายงานความก้าวหน้ารายไตรมาส สำหรับไตรมาสที่ {q} ประจำปีงบประมาณ พ.ศ. {be} "
            f"ตั้งแต่วันที่ {opened} และกระทรวงแรงงานกำหนดให้หน่วยงานในสังกัดรายงานความก้าวหน้า"
            f"การดำเนินงานโครงการในระบบ eMENSCR ไตรมาส {q} ประจำปีงบประมาณ {be} โดยผ่านการอนุมัติ"
            f"จากผู้บริหารหน่วยงาน ภายในวันที่ {deadline} "
            f"รายละเอียด{cited_letter(kind=MemoKind.WINDOW_NOTICE, fiscal_year=round_.fiscal_year, window=window)} (เอกสาร ๑)",
        },
        {
            "level": 2,
            "text": f"ปลัดกระทรวงแรงงาน อนุมัติการนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {be} "
            f"ของกระทรวงแรงงาน ในระบบ eMENSCR{_approved_count(round_)} รายละเอียด"
            f"{cited_letter(kind=MemoKind.ENTRY_APPROVAL, fiscal_year=round_.fiscal_year)} (เอกสาร ๒)",
        },
    ]


def _approved_count(round_: Quarter) -> str:
    """ " จำนวนทั้งสิ้น ๑๖๔ โครงการ" (seed 000's ๑.๒): the year's entries approved to the end."""
    count = approved_project_count(fiscal_year=round_.fiscal_year)
    return f" จำนวนทั้งสิ้น {thai_digits(count)} โครงการ" if count else ""


def _facts(summary: dict, round_: Quarter) -> list[dict]:
    groups = summary["groups"]
    population = summary["population"]
    label = f"{thai_digits(round_.quarter)}/{thai_digits(round_.fiscal_year)}"
    body = [
        {"level": 1, "text": "ข้อเท็จจริง"},
        {
            "level": 0,
            "text": "กลุ่มขับเคลื่อนการปฏิรูปประเทศ ยุทธศาสตร์ชาติ และการสร้างความสามัคคีปรองดอง "
            f"(กลุ่ม ป.ย.ป.) ขอรายงานความก้าวหน้าการดำเนินโครงการในระบบ eMENSCR ไตรมาส {label} ดังนี้",
        },
        {
            "level": 2,
            "text": f"โครงการในรอบการรายงานไตรมาส {label} รวมทั้งสิ้น "
            f"{thai_digits(population['total'])} โครงการ ประกอบด้วย",
        },
        {
            "level": 3,
            "text": f"โครงการที่มีการรายงานความก้าวหน้าการดำเนินโครงการ ไตรมาส {label} จำนวน "
            f"{thai_digits(population['reported'])} โครงการ แบ่งตามกลุ่มภารกิจได้ ดังนี้",
        },
    ]
    body += _clusters(groups)
    if population["not_reported"]:
        body.append(
            {
                "level": 3,
                "text": f"โครงการที่ยังไม่รายงานความก้าวหน้าในไตรมาส {label} จำนวน "
                f"{thai_digits(population['not_reported'])} โครงการ",
            }
        )
    body += [
        {
            "level": 3,
            "text": f"โครงการที่ไม่อยู่ในช่วงเวลาการดำเนินการในไตรมาส {label} (Not due Date) "
            f"จำนวน {thai_digits(population['not_due'])} โครงการ (เอกสาร ๗)",
        },
        {
            "level": 3,
            "text": "โครงการที่มีแผนดำเนินการตามรอบปีปฏิทิน ซึ่งไม่อยู่ในรอบการรายงานความก้าวหน้า"
            f"ในไตรมาส {label} จำนวน {thai_digits(population['calendar_not_in_round'])} โครงการ (เอกสาร ๘)",
        },
    ]
    return body


def _clusters(groups: list[dict]) -> list[dict]:
    """๑) each cluster with its count, (๑) its departments when it has more than one."""
    body, paths = [], _children(groups)
    for number, cluster in enumerate((g for g in groups if g["level"] == "cluster"), start=4):
        departments = [g for g in paths.get(cluster["unit"], [])]
        text = f"{cluster['name']} จำนวน {thai_digits(cluster['reported'])} โครงการ (เอกสาร {thai_digits(number)})"
        body.append({"level": 4, "text": text + (" ประกอบด้วย" if len(departments) > 1 else "")})
        if len(departments) > 1:
            body += [
                {"level": 5, "text": f"{d['name']} จำนวน {thai_digits(d['reported'])} โครงการ"}
                for d in departments
            ]
    return body


def _children(groups: list[dict]) -> dict[str, list[dict]]:
    """Departments under each cluster, by the unit tree (groups carry codes only)."""
    codes = [g["unit"] for g in groups if g["level"] == "department"]
    parents = dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "parent__code"))
    result: dict[str, list[dict]] = {}
    for group in groups:
        if group["level"] == "department":
            result.setdefault(parents.get(group["unit"]), []).append(group)
    return result


def _bands(figures: dict, round_: Quarter) -> list[dict]:
    summary = figures["five_band"]
    label = f"{thai_digits(round_.quarter)}/{thai_digits(round_.fiscal_year)}"
    body = [
        {
            "level": 2,
            "text": f"กลุ่ม ป.ย.ป. ได้นำข้อมูลความก้าวหน้าการดำเนินโครงการจากระบบ eMENSCR ไตรมาส {label} "
            f"รวมจำนวน {thai_digits(summary['population']['reported'])} โครงการ มาประมวลผลและประเมิน"
            f"ร้อยละความก้าวหน้าการดำเนินโครงการ ณ ไตรมาส {label} แบ่งเป็น ๕ ระดับ แยกรายหน่วยงาน "
            "สรุปได้ดังนี้ (เอกสาร ๙)",
        }
    ]
    problems = _problems(figures)
    for group in (g for g in summary["groups"] if g["level"] == "department" and g["reported"]):
        body.append(
            {"level": 4, "text": f"{group['name']} จำนวน {thai_digits(group['reported'])} โครงการ"}
        )
        body += _band_lines(group)
        body += problems.get(group["unit"], [])
    return body


def _problems(figures: dict) -> dict[str, list[dict]]:
    """Per department: a paragraph on its unfinished projects and what held them back."""
    by_department: dict[str, list[dict]] = {}
    for project in figures["projects"]:
        if project["problems"] and project["department"]:
            by_department.setdefault(project["department"], []).append(project)
    result = {}
    for code, projects in by_department.items():
        result[code] = [
            {
                "level": 0,
                "text": f"โครงการที่มีความก้าวหน้าการดำเนินงานไม่แล้วเสร็จ ๑๐๐ % รวมจำนวน "
                f"{thai_digits(len(projects))} โครงการ (เอกสาร ๑๐) มีปัญหาและอุปสรรคในการดำเนินงาน ดังนี้",
            }
        ] + [{"level": 5, "text": f"{p['name']}: {p['problems']}"} for p in projects[:5]]
        if len(projects) > 5:
            result[code].append(
                {"level": 0, "text": f"และอีก {thai_digits(len(projects) - 5)} โครงการ ตามเอกสาร ๑๐"}
            )
    return result


def _overview(summary: dict, round_: Quarter) -> list[dict]:
    ministry = next(g for g in summary["groups"] if g["level"] == "ministry")
    label = f"{thai_digits(round_.quarter)}/{thai_digits(round_.fiscal_year)}"
    return [
        {
            "level": 2,
            "text": f"สรุปความก้าวหน้าการดำเนินโครงการในภาพรวมของ{ministry['name']} ณ ไตรมาส {label} "
            f"จำนวน {thai_digits(ministry['reported'])} โครงการ แบ่งเป็น ๕ ระดับ ดังนี้ (เอกสาร ๑๑)",
        },
        *_band_lines(ministry),
    ]


def _considerations(summary: dict, round_: Quarter) -> list[dict]:
    window = round_window(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
    by = (
        f" ภายในวันที่ {format_thai_date(window.chain_deadline, thai_numerals=True)}" if window else ""
    )
    label = f"{thai_digits(round_.quarter)}/{thai_digits(round_.fiscal_year)}"
    return [
        {"level": 1, "text": "ข้อพิจารณา"},
        {"level": 0, "text": "กลุ่ม ป.ย.ป. พิจารณาแล้ว เห็นสมควรดำเนินการ ดังนี้"},
        {
            "level": 2,
            "text": f"อนุมัติรายงานความก้าวหน้าประจำไตรมาส {label} ในลำดับสุดท้ายตามลำดับการบังคับบัญชา (M7) "
            f"ในระบบ eMENSCR รวมจำนวนทั้งสิ้น {thai_digits(summary['population']['reported'])} โครงการ "
            f"(เอกสาร ๑๒){by}",
        },
        {
            "level": 2,
            "text": f"แจ้งรายงานความก้าวหน้าประจำไตรมาส {label} ให้ทุกกรมในสังกัดและหน่วยงานในสำนักงาน"
            "ปลัดกระทรวงแรงงานได้รับทราบ เพื่อเป็นข้อมูลในการกำกับติดตามงานสำหรับผู้บังคับบัญชา ต่อไป",
        },
    ]


@builder(MemoKind.QUARTER_APPROVAL)
def build(context: Context) -> Draft:
    round_ = Quarter(context.fiscal_year, context.quarter)
    figures, _, frozen = figures_for(
        fiscal_year=round_.fiscal_year,
        quarter=round_.quarter,
        want_live=False,
        live=memo_round_figures,
    )
    figures = {**figures, "source": "frozen" if frozen else "live"}
    summary = figures["five_band"]
    name, position = signature_of(
        Role.DIVISION_DIRECTOR, context.unit, f"ผู้อำนวยการ{context.unit.name_th}"
    )
    ps_name, ps_position = signature_of(
        Role.PERMANENT_SECRETARY, context.unit.ancestors().first(), "ปลัดกระทรวงแรงงาน"
    )
    label = f"{thai_digits(round_.quarter)} ประจำปีงบประมาณ พ.ศ. {thai_digits(round_.fiscal_year)}"
    return Draft(
        subject=f"อนุมัติรายงานความก้าวหน้าโครงการในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR) ไตรมาส {label}",
        addressee="ปลัดกระทรวงแรงงาน",
        urgency="ด่วนที่สุด",
        body=_history(context, round_)
        + _facts(summary, round_)
        + _bands(figures, round_)
        + _overview(summary, round_)
        + _considerations(summary, round_),
        closing="จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
        signatory_name=name,
        signatory_position=position,
        approvals=[{"text": "อนุมัติตามข้อ ๓.๑", "name": ps_name, "position": ps_position}],
        attachments=["five_band_chart", "five_band_table", "reported_projects"],
        figures={
            **{k: v for k, v in figures.items() if k != "projects"},
            **printable(
                [p for p in figures["projects"] if p["band"]],
                count=summary["population"]["reported"],
            ),
        },
    )
