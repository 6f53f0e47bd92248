"""The monthly report's charts (seed 003's แผนภูมิที่ 1–3) drawn once on the server as
SVG: one horizontal bar per project or unit, its length the per cent of plan to date
(0–100), its colour the traffic light, the figure at its end; a row not yet due says so.
Pages inline the SVG and the report's PDF embeds it (WeasyPrint renders SVG), as the
five-band chart of reporting/charts.py."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from core.fiscal import thai_digits
from core.svg import chart_frame, shorten
from core.svg import svg_text as _text

from .lights import LIGHT_LABELS, Light

LIGHT_COLOURS = {
    Light.GREEN: "#2e9e44",
    Light.YELLOW: "#f2c200",
    Light.RED: "#d93025",
    Light.NOT_DUE: "#9aa3ad",
}
LABEL_WIDTH, BAR_WIDTH, RIGHT, ROW, BAR, TOP = 330, 470, 80, 40, 24, 58
LABEL_CHARS = 42  # a longer name is cut (the table beside the chart has it in full)


@dataclass(frozen=True)
class Bar:
    label: str
    percent: Decimal | None  # None: not yet due
    light: Light


def percent_text(value: Decimal) -> str:
    """ "100" for a full score, else two decimals, as seed 003 prints them."""
    return "100" if value == 100 else f"{value:.2f}"


def _bar(y: float, bar: Bar, digits) -> list[str]:
    middle = y + BAR / 2 + 5
    parts = [
        f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{BAR_WIDTH}" height="{BAR}" fill="#f1f3f5"/>'
    ]
    if bar.percent is None:
        parts.append(_text(LABEL_WIDTH + 8, middle, "ยังไม่ถึงกำหนดรายงานผล", size=13, fill="#555"))
        return parts
    width = float(bar.percent) / 100 * BAR_WIDTH
    parts.append(
        f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{BAR}" '
        f'fill="{LIGHT_COLOURS[bar.light]}"><title>{escape(LIGHT_LABELS[bar.light])}</title></rect>'
    )
    parts.append(_text(LABEL_WIDTH + width + 6, middle, digits(percent_text(bar.percent)), size=13))
    return parts


def lights_chart(bars: list[Bar], *, title: str, thai_numerals: bool = False) -> str:
    """One bar per row, 0–100 % of plan to date, in the light's colour, and a legend."""
    digits = thai_digits if thai_numerals else str
    width = LABEL_WIDTH + BAR_WIDTH + RIGHT
    height = TOP + ROW * max(len(bars), 1) + 50
    parts = chart_frame(
        width, height, title=title, digits=digits, title_y=26, title_size=17, unit_margin=10
    )
    for row, bar in enumerate(bars):
        y = TOP + row * ROW
        parts.append(
            _text(
                LABEL_WIDTH - 8,
                y + BAR / 2 + 5,
                digits(shorten(bar.label, LABEL_CHARS)),
                size=13,
                anchor="end",
            )
        )
        parts.extend(_bar(y, bar, digits))
    if not bars:
        parts.append(_text(width / 2, TOP + 20, "ไม่มีข้อมูล", size=13, anchor="middle", fill="#555"))
    parts.extend(_legend(TOP + ROW * max(len(bars), 1) + 14, digits))
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(y: float, digits) -> list[str]:
    parts = []
    for index, light in enumerate((Light.GREEN, Light.YELLOW, Light.RED)):
        x = 20 + index * 290
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="{LIGHT_COLOURS[light]}"/>'
        )
        parts.append(_text(x + 24, y + 13, digits(LIGHT_LABELS[light]), size=13))
    return parts
