"""Charts drawn once on the server as SVG strings: pages inline them, the memo's
PDF (WeasyPrint renders SVG) embeds them, and a download serves them as files.

The five-band chart follows seed 000's: one 100 % stacked bar per department,
the ministry's bar last, each segment labelled with its share, and a legend of
the five bands. Text uses the Sarabun font the product ships.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from core.fiscal import thai_digits
from core.svg import chart_frame, shorten
from core.svg import svg_text as _text

from .summaries import BAND_LABELS, BANDS

BAND_COLOURS = {
    "100": "#1e7b34",
    "75-99": "#74b85f",
    "50-74": "#f2c230",
    "25-49": "#ef8a2f",
    "0-24": "#d0392b",
}
LABEL_WIDTH, BAR_WIDTH, ROW, BAR, TOP = 300, 560, 44, 28, 56


def _bar(y: float, group: dict, digits) -> list[str]:
    parts, x = [], LABEL_WIDTH
    for band in BANDS:
        share = Decimal(group["percents"][band])
        width = float(share) / 100 * BAR_WIDTH
        if width <= 0:
            continue
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BAR}" '
            f'fill="{BAND_COLOURS[band]}"><title>{escape(BAND_LABELS[band])}: '
            f"{group['counts'][band]} โครงการ ร้อยละ {share}</title></rect>"
        )
        if width >= 34:
            colour = "#222" if band in {"50-74", "75-99"} else "#fff"
            parts.append(
                _text(
                    x + width / 2,
                    y + BAR / 2 + 5,
                    digits(share),
                    size=12,
                    anchor="middle",
                    fill=colour,
                )
            )
        x += width
    if group["reported"] == 0:
        parts.append(
            _text(LABEL_WIDTH + 6, y + BAR / 2 + 5, "ไม่มีโครงการที่รายงาน", size=12, fill="#666")
        )
    return parts


def five_band_chart(groups: list[dict], *, title: str, thai_numerals: bool = False) -> str:
    """A 100 % stacked bar per group (each a group of `five_band_summary`)."""
    digits = thai_digits if thai_numerals else str
    height = TOP + ROW * len(groups) + 120
    width = LABEL_WIDTH + BAR_WIDTH + 20
    parts = chart_frame(width, height, title=title, digits=digits)
    for row, group in enumerate(groups):
        y = TOP + row * ROW
        name = shorten(group["name"], 30)
        label = f"{name} ({digits(group['reported'])} โครงการ)"
        parts.append(_text(LABEL_WIDTH - 8, y + BAR / 2 + 5, label, size=13, anchor="end"))
        parts.extend(_bar(y, group, digits))
    parts.extend(_legend(TOP + ROW * len(groups) + 16, digits))
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(y: float, digits) -> list[str]:
    parts = []
    for index, band in enumerate(BANDS):
        column, line = index % 2, index // 2
        x, yy = 20 + column * 440, y + line * 26
        parts.append(f'<rect x="{x}" y="{yy}" width="16" height="16" fill="{BAND_COLOURS[band]}"/>')
        parts.append(_text(x + 24, yy + 13, digits(BAND_LABELS[band]), size=13))
    return parts


def department_chart(summary: dict, *, title: str, thai_numerals: bool = False) -> str:
    """Seed 000's chart: one bar per department, then the ministry's."""
    groups = [g for g in summary["groups"] if g["level"] == "department"]
    groups += [g for g in summary["groups"] if g["level"] == "ministry"]
    return five_band_chart(groups, title=title, thai_numerals=thai_numerals)


# Distinct line colours (a unit each), then repeated dashed.
LINE_COLOURS = [
    "#1f5fa8",
    "#d0392b",
    "#1e7b34",
    "#ef8a2f",
    "#7b3fa0",
    "#0f8b8d",
    "#a0522d",
    "#c2185b",
    "#556b2f",
    "#444444",
]
PLOT_LEFT, PLOT_WIDTH, PLOT_TOP, PLOT_HEIGHT = 60, 720, 56, 260


def rate_chart(
    series: list[dict], *, labels: list[str], title: str, thai_numerals: bool = False
) -> str:
    """A line per unit over the rounds (`labels`, oldest first): each of `series` is
    {"name", "values"}, a value per round in per cent ("87.50") or None where nothing was
    due (the line breaks there)."""
    digits = thai_digits if thai_numerals else str
    width = PLOT_LEFT + PLOT_WIDTH + 30
    legend_top = PLOT_TOP + PLOT_HEIGHT + 64
    height = legend_top + 24 * ((len(series) + 1) // 2) + 12
    step = PLOT_WIDTH / max(len(labels) - 1, 1)
    parts = chart_frame(width, height, title=title, digits=digits)
    for level in (0, 25, 50, 75, 100):
        y = _rate_y(level)
        parts.append(
            f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_LEFT + PLOT_WIDTH}" y2="{y:.1f}" '
            f'stroke="#ddd"/>'
        )
        parts.append(_text(PLOT_LEFT - 8, y + 4, digits(level), size=12, anchor="end", fill="#555"))
    for index, label in enumerate(labels):
        x = PLOT_LEFT + index * step if len(labels) > 1 else PLOT_LEFT + PLOT_WIDTH / 2
        y = PLOT_TOP + PLOT_HEIGHT + 18
        parts.append(
            _text(
                x, y, digits(label), size=11, anchor="end", transform=f"rotate(-40 {x:.1f} {y:.1f})"
            )
        )
    for number, line in enumerate(series):
        parts.extend(_rate_line(line, labels, number, step, digits))
    for number, line in enumerate(series):
        x, y = 20 + (number % 2) * 400, legend_top + (number // 2) * 24
        colour, dash = _line_style(number)
        parts.append(
            f'<line x1="{x}" y1="{y + 8}" x2="{x + 28}" y2="{y + 8}" stroke="{colour}" '
            f'stroke-width="3"{dash}/>'
        )
        parts.append(_text(x + 36, y + 13, shorten(line["name"], 44), size=13))
    parts.append("</svg>")
    return "\n".join(parts)


def _rate_y(percent: float) -> float:
    return PLOT_TOP + PLOT_HEIGHT * (1 - percent / 100)


def _line_style(number: int) -> tuple[str, str]:
    colour = LINE_COLOURS[number % len(LINE_COLOURS)]
    return colour, "" if number < len(LINE_COLOURS) else ' stroke-dasharray="6 4"'


def _rate_line(line: dict, labels: list[str], number: int, step: float, digits) -> list[str]:
    colour, dash = _line_style(number)
    points = [
        (PLOT_LEFT + index * step if len(labels) > 1 else PLOT_LEFT + PLOT_WIDTH / 2, value)
        for index, value in enumerate(line["values"])
    ]
    parts, run = [], []
    for (x, value), label in zip([*points, (0, None)], [*labels, ""], strict=True):
        if value is None:
            if len(run) > 1:
                path = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
                )
            run = []
            continue
        y = _rate_y(float(Decimal(value)))
        run.append((x, y))
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>'
            f"{escape(line['name'])} {escape(label)}: ร้อยละ {digits(value)}</title></circle>"
        )
    return parts
