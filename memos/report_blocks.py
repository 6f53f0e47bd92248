"""The tables and charts of the monthly KPI report (seed 003), drawn from the figures
the memo keeps (never from live data, so an issued report prints the same forever).

Each stands in the report's text as a marker paragraph, "[[ตารางที่ 1]]", at the place
seed 003 prints it; the editor shows the markers as paragraphs, so the drafter moves
or removes a table as any paragraph. The PDF and the DOCX put the block in its place.
Figures print with Thai digits, as the text around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.fiscal import arabic_digits, thai_digits, thai_digits_in_text
from kpis.charts import Bar, lights_chart
from kpis.lights import LIGHT_LABELS, Light

from .paragraphs import Numbered, number

# Block key → the words of its marker (and the start of its title).
LABELS = {
    "criteria": "ตารางเกณฑ์การวัดผล",
    "table_1": "ตารางที่ 1",
    "chart_1": "แผนภูมิที่ 1",
    "table_2": "ตารางที่ 2",
    "chart_2": "แผนภูมิที่ 2",
    "off_plan": "ตารางหน่วยงานที่ไม่เป็นไปตามแผน",
    "table_3": "ตารางที่ 3",
    "chart_3": "แผนภูมิที่ 3",
}
_KEYS = {label: key for key, label in LABELS.items()}
_MARKER = re.compile(r"^\[\[\s*(.+?)\s*\]\]$")
SUBJECTS = {
    "table_1": "ผลการดำเนินงานในภาพรวม จำแนกตามโครงการ",
    "table_2": "ผลการดำเนินงานของหน่วยงานส่วนกลาง",
    "table_3": "ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค",
}


def marker(key: str) -> dict:
    """The paragraph that stands for block `key` in the report's text."""
    return {"level": 0, "text": f"[[{LABELS[key]}]]"}


def block_key(text: str) -> str | None:
    """The block a paragraph stands for ("[[ตารางที่ ๑]]" → "table_1"), or None."""
    match = _MARKER.match(text.strip())
    return _KEYS.get(arabic_digits(match.group(1))) if match else None


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    html: SafeString
    is_chart: bool = False


@dataclass(frozen=True)
class Item:
    """One paragraph of the report's text, or a block in its place."""

    paragraph: Numbered
    block: Block | None = None


def report_items(body: list[dict], figures: dict) -> list[Item]:
    items = []
    for paragraph in number(body):
        key = block_key(paragraph.text) if paragraph.level == 0 else None
        items.append(Item(paragraph, render_block(key, figures) if key else None))
    return items


def render_block(key: str, figures: dict) -> Block:
    return _RENDER[key](figures)


# --- cells ------------------------------------------------------------------------


def pct(value: str | None) -> str:
    if value is None:
        return "-"
    return thai_digits("100" if float(value) == 100 else f"{float(value):.2f}")


def amount(value: str | None, measure: str) -> str:
    """ "๗,๒๘๕ คน", "ร้อยละ ๘๐" (seed 003's way); "-" for none."""
    if value is None:
        return "-"
    number_ = float(value)
    text = thai_digits(f"{number_:,.0f}" if number_ == int(number_) else f"{number_:,.2f}")
    return f"{measure} {text}" if measure in ("ร้อยละ", "ระดับ") else f"{text} {measure}"


def _count(n: int) -> str:
    return thai_digits(n) if n else "-"


def _score(item: dict) -> dict:
    return {"light": item["light"], "percent": pct(item["percent_to_date"])}


def _line(line: dict) -> dict:
    due = line["percent_to_date"] is not None
    return {
        "name": thai_digits_in_text(line["name"]),
        "annual": amount(line["annual"], line["measure"]),
        "target": "-"
        if line["ahead_of_plan"] or not due
        else amount(line["target"], line["measure"]),
        "result": amount(line["result"], line["measure"]),
        "score": _score(line) if due else None,
        "due_label": thai_digits_in_text(line["due_label"] or "ยังไม่ถึงกำหนด"),
        "ahead": line["ahead_of_plan"],
        "of_year": pct(line["percent_of_year"]),
        "below_plan": line.get("below_plan", []),
    }


def _month(figures: dict) -> str:
    return thai_digits(figures["month"])


# --- blocks -------------------------------------------------------------------------


def _table(key: str, template: str, figures: dict, context: dict, title: str = "") -> Block:
    html = render_to_string(template, {"month": _month(figures), **context})
    return Block(key, title, mark_safe(html))  # noqa: S308  (template output, escaped)


def _criteria(figures: dict) -> Block:
    rows = [
        ("เป็นไปตามแผนงาน", "๑๐๐", Light.GREEN),
        ("ต่ำกว่าแผนงานไม่เกินร้อยละ ๕", "๙๕.๐๐ - ๙๙.๙๙", Light.YELLOW),
        ("ต่ำกว่าแผนงานเกินกว่าร้อยละ ๕", "ต่ำกว่า ๙๕.๐๐", Light.RED),
    ]
    criteria = [
        {"what": w, "range": r, "light": str(lt), "label": LIGHT_LABELS[lt]} for w, r, lt in rows
    ]
    return _table("criteria", "memos/report/criteria.html", figures, {"rows": criteria})


def _projects_table(figures: dict) -> Block:
    projects = figures["projects"]
    blocks = [
        {
            "name": thai_digits_in_text(b["name"]),
            "score": _score(b),
            "due": b["percent_to_date"] is not None,
            "of_year": pct(b["percent_of_year"]),
            "lines": [_line(x) for x in b["lines"]],
        }
        for b in projects["blocks"]
        if b["name"]
    ]
    context = {
        "overall": {
            **_score(projects["overall"]),
            "of_year": pct(projects["overall"]["percent_of_year"]),
        },
        "count": thai_digits(projects["count"]),
        "blocks": blocks,
        "heading": "โครงการ/ตัวชี้วัด",
        "overall_label": f"ผลการดำเนินงานในภาพรวม จำนวน {thai_digits(projects['count'])} โครงการ",
    }
    title = f"ตารางที่ ๑ {SUBJECTS['table_1']}"
    return _table("table_1", "memos/report/kpi_table.html", figures, context, title)


def _unit_row(row: dict) -> dict:
    return {
        "name": thai_digits_in_text(row["name"]),
        "score": _score(row) if row["percent_to_date"] is not None else None,
        "not_due": thai_digits_in_text(
            f"ตามแผนปฏิบัติงาน กำหนดดำเนินการเดือน {row['first_due_label']}"
            if row["first_due_label"]
            else "ยังไม่ถึงกำหนดรายงานผล"
        ),
        "counts": {light: _count(n) for light, n in row["counts"].items()},
    }


def _units_table(figures: dict) -> Block:
    units = figures["units"]
    rows = [
        {**_unit_row(row), "members": [_unit_row(m) for m in row["members"]]}
        for row in units["rows"]
    ]
    context = {
        "overall": {
            "score": _score(units["overall"]),
            "counts": {light: _count(n) for light, n in units["counts"].items()},
        },
        "rows": rows,
        "period": thai_digits(figures["period"]["label"]),
    }
    title = f"ตารางที่ ๒ {SUBJECTS['table_2']}"
    return _table("table_2", "memos/report/unit_table.html", figures, context, title)


def _off_plan_table(figures: dict) -> Block:
    units = [
        {
            "unit": thai_digits_in_text(unit["unit"]),
            "lines": [
                {
                    "name": thai_digits_in_text(line["name"]),
                    "target": amount(line["target"], line["measure"]),
                    "result": amount(line["result"], line["measure"]) if line["result"] else "-",
                    "remark": thai_digits_in_text(line["remark"]),
                }
                for line in unit["lines"]
            ],
        }
        for unit in figures["off_plan"]
    ]
    title = "หน่วยงานที่มีผลการดำเนินงานไม่เป็นไปตามแผนปฏิบัติงานฯ"
    return _table("off_plan", "memos/report/off_plan.html", figures, {"units": units}, title)


def _provinces_table(figures: dict) -> Block:
    provinces = figures["provinces"]
    blocks = [
        {
            "name": thai_digits_in_text(p["name"]) or "ตัวชี้วัดที่ไม่อยู่ภายใต้โครงการ",
            "score": _score(p),
            "due": p["percent_to_date"] is not None,
            "of_year": pct(p["percent_of_year"]),
            "lines": [_line(x) for x in p["lines"]],
        }
        for p in provinces["projects"]
    ]
    context = {
        "overall": {
            **_score(provinces["overall"]),
            "of_year": pct(provinces["overall"]["percent_of_year"]),
        },
        "blocks": blocks,
        "heading": "โครงการ/กิจกรรม",
        "overall_label": "ภาพรวม",
        "provinces": True,
        "below_plan": provinces["below_plan"],
    }
    title = f"ตารางที่ ๓ {SUBJECTS['table_3']}"
    return _table("table_3", "memos/report/kpi_table.html", figures, context, title)


def _chart(key: str, subject: str, bars: list[Bar], figures: dict) -> Block:
    title = f"ร้อยละของผลการดำเนินงานเทียบเป้าหมาย รอบ {figures['month']} เดือน"
    svg = lights_chart(bars, title=title, thai_numerals=True)
    heading = f"แผนภูมิที่ {thai_digits(key.rsplit('_', 1)[1])} {subject}"
    return Block(key, heading, mark_safe(svg), is_chart=True)  # noqa: S308  (our SVG, escaped)


def _bar(name: str, item: dict) -> Bar:
    value = item["percent_to_date"]
    return Bar(name, None if value is None else Decimal(value), Light(item["light"]))


def _projects_chart(figures: dict) -> Block:
    bars = [_bar(b["name"], b) for b in figures["projects"]["blocks"] if b["name"]]
    return _chart("chart_1", SUBJECTS["table_1"], bars, figures)


def _units_chart(figures: dict) -> Block:
    bars = [_bar(row["name"], row) for row in figures["units"]["rows"]]
    return _chart("chart_2", SUBJECTS["table_2"], bars, figures)


def _provinces_chart(figures: dict) -> Block:
    bars = [_bar(p["name"], p) for p in figures["provinces"]["projects"] if p["name"]]
    return _chart("chart_3", SUBJECTS["table_3"], bars, figures)


_RENDER = {
    "criteria": _criteria,
    "table_1": _projects_table,
    "chart_1": _projects_chart,
    "table_2": _units_table,
    "chart_2": _units_chart,
    "off_plan": _off_plan_table,
    "table_3": _provinces_table,
    "chart_3": _provinces_chart,
}
