"""The monthly report (seed 003): the evaluation office's report to the Permanent
Secretary on the action plan's KPIs to a month.

Its text follows seed 003's sections: ๑. the criteria (the light rules); ๒. the
results: ๒.๑ by project (ตารางที่ ๑, แผนภูมิที่ ๑), ๒.๒ by central unit (ตารางที่ ๒,
แผนภูมิที่ ๒, the units off plan with their reasons), ๒.๓ the provincial offices
(ตารางที่ ๓, แผนภูมิที่ ๓); ๓. the conclusion: what is on plan and what is not, the
reasons grouped (units giving the same reason together), and observations drawn from
the figures. Tables and charts stand in the text as marker paragraphs
(`memos.report_blocks`), drawn from the figures the memo keeps.
"""

from __future__ import annotations

from datetime import date

from core.clock import today
from core.fiscal import THAI_MONTHS, format_thai_date, thai_digits_in_text
from orgs.models import OrgUnit, UnitKind

from ..kpi_figures import report_figures
from ..models import MemoKind
from ..report_blocks import marker
from . import Context, Draft, builder

LIGHT_WORDS = {"green": "สีเขียว", "yellow": "สีเหลือง", "red": "สีแดง"}
READER = "ปลัดกระทรวงแรงงาน"


def _pct(value: str | None) -> str:
    if value is None:
        return "-"
    return "100" if float(value) == 100 else f"{float(value):.2f}"


def _amount(value: str | None, measure: str) -> str:
    if value is None:
        return "-"
    number = float(value)
    text = f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"
    return f"{measure} {text}" if measure in ("ร้อยละ", "ระดับ") else f"{text} {measure}"


def _and(names: list[str]) -> str:
    """ "ก ข และ ค", as Thai lists end."""
    return names[0] if len(names) == 1 else " ".join(names[:-1]) + " และ" + names[-1]


def period_text(start: date, end: date) -> str:
    """ "วันที่ 1 ตุลาคม - วันที่ 30 พฤศจิกายน 2567" (the year once when it is one)."""
    if start.year == end.year:
        first = f"{start.day} {THAI_MONTHS[start.month - 1]}"
    else:
        first = format_thai_date(start)
    return f"วันที่ {first} - วันที่ {format_thai_date(end)}"


def _round_text(figures: dict) -> str:
    period = figures["period"]
    span = period_text(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]))
    return f"รอบ {figures['month']} เดือน ({span})"


def _criteria(figures: dict, office: str, department: str) -> list[dict]:
    year = figures["fiscal_year"]
    return [
        {"level": 1, "text": f"เกณฑ์การวัดผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {year}"},
        {
            "level": 0,
            "text": f"{office} ได้รวบรวมผลการดำเนินงานตามแผนปฏิบัติงาน {department} ประจำปีงบประมาณ "
            f"พ.ศ. {year} โดยการรายงานผลประกอบด้วยข้อมูล 3 ส่วน คือ (1) ผลการดำเนินงานในภาพรวม "
            f"จำแนกตามโครงการ (2) ผลการดำเนินงานของหน่วยงานส่วนกลาง {figures['units']['count']} "
            f"หน่วยงาน และ (3) ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค {figures['provinces']['count']} "
            "จังหวัด ทั้งนี้ ผลการดำเนินงานรวบรวมจากการบันทึกข้อมูลของแต่ละหน่วยงานเป็นประจำทุกเดือน"
            f"ในระบบ eMENSCR ซึ่ง{office} นำข้อมูลมาเปรียบเทียบกับเป้าหมายที่กำหนดไว้ตามแผนปฏิบัติงานฯ "
            "โดยเกณฑ์การวัดผลการดำเนินงาน ดังนี้",
        },
        marker("criteria"),
    ]


def _project_reasons(figures: dict) -> dict[str, list[str]]:
    reasons: dict[str, list[str]] = {}
    for unit in figures["off_plan"]:
        for line in unit["lines"]:
            if line["remark"] and line["project"]:
                found = reasons.setdefault(line["project"], [])
                if line["remark"] not in found:
                    found.append(line["remark"])
    return reasons


def _project_item(block: dict, reasons: dict[str, list[str]]) -> dict:
    light = block["light"]
    ahead = all(line["ahead_of_plan"] for line in block["lines"] if line["percent_to_date"])
    if light == "green":
        text = f"{block['name']} ผลการดำเนินงานร้อยละ {_pct(block['percent_to_date'])} อยู่ในเกณฑ์สีเขียว"
        text += " (ดำเนินการก่อนแผนที่กำหนดไว้)" if ahead else ""
    else:
        text = (
            f"{block['name']} ผลการดำเนินงานไม่เป็นไปตามเป้าหมาย ร้อยละ {_pct(block['percent_to_date'])} "
            f"อยู่ในเกณฑ์{LIGHT_WORDS[light]}"
        )
        if block["name"] in reasons:
            text += " เนื่องจาก" + " และ".join(reasons[block["name"]])
    return {"level": 5, "text": text}


def _by_project(figures: dict) -> list[dict]:
    projects, month = figures["projects"], figures["month"]
    due = [b for b in projects["blocks"] if b["name"] and b["percent_to_date"] is not None]
    ahead = [b for b in due if all(x["ahead_of_plan"] for x in b["lines"] if x["percent_to_date"])]
    on_plan = sum(1 for b in due if b["light"] == "green")
    text = (
        f"แผนปฏิบัติงานฯ มีการดำเนินงานภายใต้ {projects['count']} โครงการ ซึ่งในรอบ {month} เดือน "
        f"มีโครงการที่ถึงกำหนดรายงานผลการดำเนินงาน จำนวน {len(due) - len(ahead)} โครงการ"
    )
    if ahead:
        text += f" และโครงการที่ดำเนินการก่อนแผน จำนวน {len(ahead)} โครงการ"
    if due:
        text += (
            f" โดยผลการดำเนินงานในภาพรวมเฉลี่ย ร้อยละ {_pct(projects['overall']['percent_to_date'])} "
            f"อยู่ในเกณฑ์{LIGHT_WORDS[projects['overall']['light']]} ซึ่งผลการดำเนินงานเป็นไปตามเป้าหมาย "
            f"จำนวน {on_plan} โครงการ และไม่เป็นไปตามเป้าหมาย จำนวน {len(due) - on_plan} โครงการ "
            "สรุปได้ดังนี้"
        )
    reasons = _project_reasons(figures)
    return [
        {"level": 2, "text": "ผลการดำเนินงานในภาพรวม จำแนกตามโครงการ"},
        {"level": 0, "text": text},
        *[_project_item(block, reasons) for block in due],
        marker("table_1"),
        {
            "level": 0,
            "text": f"หมายเหตุ : 1. ร้อยละของผลการดำเนินงานรอบ {month} เดือน คำนวณเฉพาะตัวชี้วัดเชิงปริมาณ"
            f"ของโครงการที่มีแผนการดำเนินงานในรอบ {month} เดือนเท่านั้น "
            "2. ร้อยละของผลการดำเนินงานรอบ 12 เดือน คำนวณจากตัวชี้วัดเชิงปริมาณทั้งหมด",
        },
        marker("chart_1"),
    ]


def member_units(figures: dict) -> list[dict]:
    """The units table 2 counts: each division's groups, or the division itself."""
    return [m for row in figures["units"]["rows"] for m in (row["members"] or [row])]


def _unit_lists(figures: dict) -> list[dict]:
    members = member_units(figures)
    body = []
    green = [m["name"] for m in members if m["light"] == "green"]
    if green:
        names = " ".join(f"({n}) {name}" for n, name in enumerate(green, start=1))
        body.append(
            {
                "level": 4,
                "text": "หน่วยงานที่มีผลการดำเนินงานเป็นไปตามเป้าหมาย เกณฑ์สีเขียว "
                f"จำนวน {len(green)} หน่วยงาน ได้แก่ {names}",
            }
        )
    for light, words in (
        ("yellow", "ต่ำกว่าเป้าหมายไม่เกินร้อยละ 5 เกณฑ์สีเหลือง"),
        ("red", "ไม่เป็นไปตามเป้าหมาย เกณฑ์สีแดง"),
    ):
        names = [m["name"] for m in members if m["light"] == light]
        if names:
            body.append(
                {
                    "level": 4,
                    "text": f"หน่วยงานที่มีผลการดำเนินงาน{words} จำนวน {len(names)} หน่วยงาน "
                    f"ได้แก่ {_and(names)}",
                }
            )
    not_due = [m for m in members if m["light"] == "not_due"]
    if not_due:
        names = [
            m["name"]
            + (
                f" (ตามแผนปฏิบัติงานฯ กำหนดดำเนินการเดือน {m['first_due_label']})"
                if m["first_due_label"]
                else ""
            )
            for m in not_due
        ]
        body.append(
            {
                "level": 4,
                "text": f"หน่วยงานที่ยังไม่ถึงกำหนดรายงานผลการดำเนินงาน จำนวน {len(not_due)} หน่วยงาน "
                f"คือ {_and(names)}",
            }
        )
    return body


def _by_unit(figures: dict) -> list[dict]:
    units, month = figures["units"], figures["month"]
    body = [
        {"level": 2, "text": f"ผลการดำเนินงานของหน่วยงานส่วนกลาง {units['count']} หน่วยงาน"},
    ]
    if units["overall"]["percent_to_date"] is not None:
        body.append(
            {
                "level": 0,
                "text": f"เมื่อเปรียบเทียบกับแผนการดำเนินงาน รอบ {month} เดือน พบว่า หน่วยงานส่วนกลาง"
                f"ทั้งหมด {units['count']} หน่วยงาน มีผลการดำเนินงานเฉลี่ยร้อยละ "
                f"{_pct(units['overall']['percent_to_date'])} อยู่ในเกณฑ์"
                f"{LIGHT_WORDS[units['overall']['light']]} แบ่งออกเป็น",
            }
        )
    body += _unit_lists(figures)
    body += [marker("table_2"), marker("chart_2")]
    if figures["off_plan"]:
        body += [
            {
                "level": 0,
                "text": "สำหรับหน่วยงานที่มีผลการดำเนินงานไม่เป็นไปตามแผนปฏิบัติงานฯ มีดังนี้",
            },
            marker("off_plan"),
        ]
    return body


def _by_province(figures: dict) -> list[dict]:
    provinces, month = figures["provinces"], figures["month"]
    heading = {
        "level": 2,
        "text": f"ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค {provinces['count']} จังหวัด",
    }
    if not provinces["projects"]:
        return [heading, {"level": 0, "text": "ยังไม่มีตัวชี้วัดของสำนักงานแรงงานจังหวัดในรอบนี้"}]
    overall = provinces["overall"]
    text = (
        "ภารกิจของหน่วยงานส่วนกลางที่มอบหมายให้สำนักงานแรงงานจังหวัด ดำเนินการขับเคลื่อนแผนปฏิบัติงานฯ "
        f"จำนวน {provinces['project_count']} โครงการ"
    )
    if overall["percent_to_date"] is None:
        text += f" ยังไม่ถึงกำหนดรายงานผลในรอบ {month} เดือน"
    else:
        text += (
            f" มีผลการดำเนินงาน รอบ {month} เดือน ในภาพรวมคิดเป็นร้อยละ {_pct(overall['percent_to_date'])} "
            f"อยู่ในเกณฑ์{LIGHT_WORDS[overall['light']]}"
        )
        below = [entry["unit"] for entry in provinces["below_plan"]]
        if below:
            text += f" โดยมีจังหวัดที่ผลการดำเนินงานต่ำกว่าแผน จำนวน {len(below)} จังหวัด ได้แก่ {_and(below)}"
        else:
            text += " ซึ่งผลการดำเนินงานเป็นไปตามเป้าหมายทั้งหมด"
    return [heading, {"level": 0, "text": text}, marker("table_3"), marker("chart_3")]


def _parts(figures: dict) -> list[tuple[str, dict]]:
    return [
        ("ผลการดำเนินงานในภาพรวม จำแนกตามโครงการ", figures["projects"]["overall"]),
        ("ผลการดำเนินงานของหน่วยงานส่วนกลาง", figures["units"]["overall"]),
        ("ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค", figures["provinces"]["overall"]),
    ]


def _summary(figures: dict) -> str:
    parts = [(name, s) for name, s in _parts(figures) if s["percent_to_date"] is not None]
    green = [name for name, s in parts if s["light"] == "green"]
    other = [
        f"{name} มีผลการดำเนินงานเฉลี่ยร้อยละ {_pct(s['percent_to_date'])} อยู่ในเกณฑ์{LIGHT_WORDS[s['light']]}"
        for name, s in parts
        if s["light"] != "green"
    ]
    text = f"จากการดำเนินงานในรอบ {figures['month']} เดือนที่ผ่านมา พบว่า"
    if green:
        text += f" มีผลการดำเนินงานที่เป็นไปตามเป้าหมาย ร้อยละ 100 อยู่ในเกณฑ์สีเขียว คือ {_and(green)}"
    if other:
        text += (" และ" if green else "") + f"ไม่เป็นไปตามเป้าหมาย ได้แก่ {_and(other)}"
        text += " ซึ่งปัจจัยที่ส่งผลให้ผลการดำเนินงานไม่เป็นไปตามเป้าหมาย สรุปได้ดังนี้"
    if not parts:
        text += " ยังไม่มีผลการดำเนินงานที่ถึงกำหนดรายงาน"
    return text


def reason_groups(figures: dict) -> list[tuple[str, list[tuple[str, dict]]]]:
    """The KPIs off plan grouped by the reason their units gave (the same words, one
    group), those without a reason last: [(reason, [(unit, kpi line), …]), …]."""
    groups: dict[str, list[tuple[str, dict]]] = {}
    for unit in figures["off_plan"]:
        for line in unit["lines"]:
            reason = " ".join(line["remark"].split())
            groups.setdefault(reason, []).append((unit["unit"], line))
    return sorted(groups.items(), key=lambda item: (item[0] == "", -len(item[1])))


def _example(unit: str, line: dict) -> str:
    return (
        f"{unit} ({line['name']} เป้าหมาย {_amount(line['target'], line['measure'])} "
        f"ผลการดำเนินงาน {_amount(line['result'], line['measure'])})"
    )


def _reasons(figures: dict) -> list[dict]:
    body = []
    for reason, lines in reason_groups(figures):
        examples = _and([_example(unit, line) for unit, line in lines])
        if reason:
            text = f"{reason} ได้แก่ {examples}"
        else:
            text = f"หน่วยงานยังไม่ได้ระบุสาเหตุในระบบ ได้แก่ {examples}"
        body.append({"level": 3, "text": text})
    return body


def _observations(figures: dict) -> list[dict]:
    body = []
    unexplained = [u for u in figures["off_plan"] if not any(x["remark"] for x in u["lines"])]
    if unexplained:
        body.append(
            {
                "level": 3,
                "text": f"หน่วยงานที่มีผลการดำเนินงานไม่เป็นไปตามเป้าหมาย จำนวน {len(unexplained)} "
                "หน่วยงาน ยังไม่ได้ระบุสาเหตุในการรายงานผลผ่านระบบฯ ดังนั้น ควรระบุสาเหตุและแนวทางแก้ไข"
                "ทุกครั้งที่ผลการดำเนินงานไม่เป็นไปตามแผน เพื่อให้การติดตามและประเมินผลมีความสมบูรณ์",
            }
        )
    over = figures["over_target"]
    if over:
        examples = _and(
            [
                f"{line['unit']} ({line['name']}) มีเป้าหมายทั้งปีงบประมาณ "
                f"{_amount(line['annual'], line['measure'])} แต่มีผลการดำเนินงาน "
                f"{_amount(line['result'], line['measure'])}"
                for line in over
            ]
        )
        body.append(
            {
                "level": 3,
                "text": f"มีหน่วยงานที่มีผลการดำเนินงานสูงเกินกว่าเป้าหมายทั้งปีงบประมาณในรอบ "
                f"{figures['month']} เดือน ได้แก่ {examples} ดังนั้น หน่วยงานควรพิจารณาผลการดำเนินงาน"
                "อย่างน้อย 3 ปีย้อนหลัง มาคิดค่าเฉลี่ยเป็นเป้าหมายการดำเนินงานในปีถัดไป "
                "เพื่อให้ผลการดำเนินงานมีความสอดคล้องกัน",
            }
        )
    return body or [{"level": 0, "text": "ไม่มีข้อสังเกตจากตัวเลขของรอบนี้"}]


def _conclusion(figures: dict, department: str) -> list[dict]:
    return [
        {
            "level": 1,
            "text": f"สรุปผลการวิเคราะห์ผลการดำเนินงานของ{department} ประจำปีงบประมาณ พ.ศ. "
            f"{figures['fiscal_year']} {_round_text(figures)}",
        },
        {
            "level": 0,
            "text": f"จากการติดตามและประเมินผลการดำเนินงานของ{department} รอบ {figures['month']} เดือน "
            "สรุปรายละเอียดได้ดังนี้",
        },
        {"level": 2, "text": "สรุปผลการดำเนินงาน"},
        {"level": 0, "text": _summary(figures)},
        *_reasons(figures),
        {"level": 2, "text": "ข้อสังเกตและข้อเสนอแนะ"},
        *_observations(figures),
    ]


def _department_of(unit: OrgUnit) -> OrgUnit:
    """The department whose report it is (สป.รง. for its evaluation office)."""
    return unit.ancestor_of_kind(UnitKind.DEPARTMENT) or unit


def _compiled_by(unit: OrgUnit) -> str:
    """ "สำนักตรวจและประเมินผล กลุ่มงานวิเคราะห์และประเมินผล": the division, then the group."""
    division = unit.ancestor_of_kind(UnitKind.DIVISION)
    if division and division.pk != unit.pk:
        return f"{division.name_th} {unit.name_th}"
    return unit.name_th


def report_title(figures: dict, department: str) -> str:
    """The three title lines of seed 003 (a newline between them)."""
    return (
        f"รายงานผลการดำเนินงาน {department}\nประจำปีงบประมาณ พ.ศ. {figures['fiscal_year']}\n"
        f"{_round_text(figures)}"
    )


def _thai(paragraphs: list[dict]) -> list[dict]:
    return [{**p, "text": thai_digits_in_text(p["text"])} for p in paragraphs]


@builder(MemoKind.KPI_REPORT)
def build(context: Context) -> Draft:
    department = _department_of(context.unit)
    figures = report_figures(unit=department, fiscal_year=context.fiscal_year, month=context.month)
    office = context.unit.ancestor_of_kind(UnitKind.DIVISION) or context.unit
    body = (
        _criteria(figures, office.name_th, department.name_th)
        + [
            {"level": 1, "text": f"สรุปผลการดำเนินงาน {_round_text(figures)}"},
            {"level": 0, "text": "(เป้าหมายของการดำเนินงาน = ร้อยละ 100)"},
        ]
        + _by_project(figures)
        + _by_unit(figures)
        + _by_province(figures)
        + _conclusion(figures, department.name_th)
    )
    compiled = (
        f"ข้อมูล ณ วันที่ {format_thai_date(today())}\nรวบรวมและประมวลผล โดย{_compiled_by(context.unit)}"
    )
    return Draft(
        subject=thai_digits_in_text(report_title(figures, department.name_th)),
        addressee=READER,
        body=_thai(body),
        figures=figures,
        closing="",
        contact=thai_digits_in_text(compiled),
    )
