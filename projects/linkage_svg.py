"""The linkage map drawn as SVG (a string), for the page, the download and memos.

Columns left to right: strategy, master plan, sub-plan, target (Y2/Y1),
projects. A tidy tree: every leaf takes one row and a parent sits level with
the middle of its children; curves join each box to its children. A Y2 target
hangs straight off its master plan, crossing the empty sub-plan column.

Readability with many projects: a target whose projects are more than
`project_limit` shows one box "n โครงการ" instead (linked to expand it or to
the filtered project list), unless its key is in `expanded`.

No JavaScript and no charting library: the string is plain SVG 1.1 with the
Sarabun font (the page's own @font-face, a `font_base_url`, or the font
embedded for a file that must stand alone), so WeasyPrint can draw it too.
"""

from __future__ import annotations

import base64
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings

from core import fiscal

from .linkage import NO_STRATEGY, PROJECT, UNSERVED_LABEL, LinkageMap, LinkageNode
from .models import PlanLevel

COLUMNS = {
    PlanLevel.STRATEGY: 0,
    NO_STRATEGY: 0,
    PlanLevel.MASTER_PLAN: 1,
    PlanLevel.SUB_PLAN: 2,
    PlanLevel.MASTER_PLAN_TARGET: 3,
    PlanLevel.SUB_PLAN_TARGET: 3,
    PROJECT: 4,
}
COLUMN_TITLES = (
    "ยุทธศาสตร์ชาติ",
    "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ",
    "แผนย่อย",
    "เป้าหมาย (Y2/Y1)",
    "โครงการ",
)
COLLAPSED = "collapsed"
BOX_W, BOX_H, COL_GAP, ROW_GAP, MARGIN, HEAD_H = 224, 54, 44, 10, 16, 40
FILLS = {  # fill, stroke
    PlanLevel.STRATEGY: ("#0b4f8a", "#083a66"),
    NO_STRATEGY: ("#eef2f7", "#8a97a8"),
    PlanLevel.MASTER_PLAN: ("#dde7f3", "#0b4f8a"),
    PlanLevel.SUB_PLAN: ("#e8f1fa", "#4a7fb0"),
    PlanLevel.MASTER_PLAN_TARGET: ("#e7f6ec", "#157f3b"),
    PlanLevel.SUB_PLAN_TARGET: ("#e7f6ec", "#157f3b"),
    PROJECT: ("#ffffff", "#8a97a8"),
    COLLAPSED: ("#fff8e1", "#b7791f"),
}
UNSERVED_FILL = ("#fdecea", "#b42318")
FONT_FAMILY = "Sarabun, 'TH Sarabun New', sans-serif"


@dataclass
class SvgOptions:
    expanded: frozenset[str] | str = frozenset()  # target keys drawn in full, or "all"
    project_limit: int = 3
    thai_numerals: bool = False
    title: str = ""
    embed_font: bool = False  # a file that must stand alone (the download)
    font_base_url: str = ""  # e.g. the static fonts/ URL, for WeasyPrint
    link_for: Callable[[LinkageNode], str] | None = None  # a box's link (a page, a list)


@dataclass
class _Box:
    node: LinkageNode
    column: int
    kind: str
    children: list[_Box] = field(default_factory=list)
    y: float = 0


def linkage_svg(linkage: LinkageMap, options: SvgOptions | None = None) -> str:
    """The whole map as an SVG document string."""
    options = options or SvgOptions()
    boxes = [_visible(root, options) for root in linkage.roots]
    rows = _place(boxes)
    top = HEAD_H + (30 if options.title else 0)
    width = MARGIN * 2 + BOX_W * 5 + COL_GAP * 4
    height = top + max(rows, 1) * (BOX_H + ROW_GAP) + MARGIN + 28
    parts = [_open(width, height, options), *_headings(options, top)]
    if not boxes:
        parts.append(_text(MARGIN, top + 24, "ไม่มีแผนหรือเป้าหมายที่จะแสดง", "empty"))
    for box in _all(boxes):
        parts.extend(_edge(box, child, top) for child in box.children)
    parts.extend(_draw_box(box, top, options) for box in _all(boxes))
    parts.append(_legend(height - 20))
    parts.append("</svg>")
    return "\n".join(parts)


# --- layout --------------------------------------------------------------------


def _visible(node: LinkageNode, options: SvgOptions) -> _Box:
    """The boxes to draw: a target's projects one by one, or one count box."""
    box = _Box(node=node, column=COLUMNS.get(node.level, 4), kind=node.level)
    projects = node.projects
    expanded = options.expanded == "all" or node.key in options.expanded
    if projects and len(projects) > options.project_limit and not expanded:
        box.children = [_Box(node=node, column=4, kind=COLLAPSED)]
        return box
    box.children = [_visible(child, options) for child in node.children]
    return box


def _place(boxes: list[_Box]) -> int:
    """Give every box its row (leaves in order, parents centred); return the rows used."""
    row = 0

    def place(box: _Box) -> None:
        nonlocal row
        if not box.children:
            box.y, row = row, row + 1
            return
        for child in box.children:
            place(child)
        box.y = (box.children[0].y + box.children[-1].y) / 2

    for box in boxes:
        place(box)
    return row


def _all(boxes: list[_Box]):
    for box in boxes:
        yield box
        yield from _all(box.children)


def _x(column: int) -> float:
    return MARGIN + column * (BOX_W + COL_GAP)


def _y(box: _Box, top: float) -> float:
    return top + box.y * (BOX_H + ROW_GAP)


# --- drawing -------------------------------------------------------------------


def _open(width: int, height: float, options: SvgOptions) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="linkage-map" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img" aria-label="แผนผังความเชื่อมโยง">\n'
        f"<style>{_font_css(options)}"
        f"text{{font-family:{FONT_FAMILY};font-size:13px;fill:#1d2733}}"
        ".b{font-weight:600}.h{font-size:14px;font-weight:600;fill:#5b6877}"
        ".t{font-size:17px;font-weight:700}.s{font-size:12px;fill:#3d4a5a}"
        ".w{fill:#ffffff}.u{font-size:12px;font-weight:600;fill:#b42318}"
        ".empty{fill:#5b6877}</style>"
    )


def _font_css(options: SvgOptions) -> str:
    faces = (("Sarabun-Regular.ttf", 400), ("Sarabun-SemiBold.ttf", 600))
    if options.embed_font:
        directory = Path(settings.SARABUN_DIR)
        sources = [
            (f"data:font/ttf;base64,{base64.b64encode((directory / f).read_bytes()).decode()}", w)
            for f, w in faces
        ]
    elif options.font_base_url:
        sources = [(options.font_base_url.rstrip("/") + "/" + f, w) for f, w in faces]
    else:
        return ""  # the page's stylesheet declares Sarabun already
    return "".join(
        f"@font-face{{font-family:Sarabun;font-weight:{w};src:url('{url}') format('truetype')}}"
        for url, w in sources
    )


def _headings(options: SvgOptions, top: float) -> list[str]:
    parts = []
    if options.title:
        parts.append(_text(MARGIN, 24, options.title, "t"))
    for column, label in enumerate(COLUMN_TITLES):
        parts.append(_text(_x(column), top - 14, label, "h"))
    return parts


def _edge(parent: _Box, child: _Box, top: float) -> str:
    x1, y1 = _x(parent.column) + BOX_W, _y(parent, top) + BOX_H / 2
    x2, y2 = _x(child.column), _y(child, top) + BOX_H / 2
    bend = (x2 - x1) / 2
    return (
        f'<path d="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} '
        f'{x2:.1f},{y2:.1f}" fill="none" stroke="#9fb3c8" stroke-width="1.4"/>'
    )


def _draw_box(box: _Box, top: float, options: SvgOptions) -> str:
    node, x, y = box.node, _x(box.column), _y(box, top)
    unserved = node.unserved and box.kind != COLLAPSED
    fill, stroke = UNSERVED_FILL if unserved else FILLS.get(box.kind, FILLS[PROJECT])
    dash = ' stroke-dasharray="5 3"' if box.kind == NO_STRATEGY else ""
    light = box.kind == PlanLevel.STRATEGY
    lines = _lines(box, options)
    body = [
        f"<title>{escape(_tooltip(box))}</title>",
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="7" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if unserved else 1.2}"{dash}/>',
        _text(x + 9, y + 20, lines[0], "b w" if light else "b"),
        _text(x + 9, y + 41, lines[1], "u" if unserved else ("s w" if light else "s")),
    ]
    group = f'<g class="node node-{box.kind}{" unserved" if unserved else ""}">{"".join(body)}</g>'
    href = _href(box, options)
    return f"<a xlink:href={quoteattr(href)} href={quoteattr(href)}>{group}</a>" if href else group


def _lines(box: _Box, options: SvgOptions) -> tuple[str, str]:
    node = box.node
    money = fiscal.format_baht(node.budget)
    if box.kind == COLLAPSED:
        hint = " (กดเพื่อแสดง)" if options.link_for else ""
        first, second = f"{node.count} โครงการ{hint}", f"รวม {money} บาท"
    elif box.kind == PROJECT:
        first = _clip(f"{node.code} {node.name}", bold=True)
        second = _clip(f"{node.unit} · {money} บาท" if node.unit else f"{money} บาท", size=12)
    else:
        first = _clip(f"{node.code} {node.name}".strip() or node.level_label, bold=True)
        second = UNSERVED_LABEL if node.unserved else f"{node.count} โครงการ · {money} บาท"
    if options.thai_numerals:
        return fiscal.thai_digits(first), fiscal.thai_digits(second)
    return first, second


def _tooltip(box: _Box) -> str:
    node = box.node
    if box.kind == COLLAPSED:
        return f"{node.code} {node.name}: {node.count} โครงการ".strip()
    return f"{node.level_label}: {node.code} {node.name}".strip()


def _href(box: _Box, options: SvgOptions) -> str:
    if options.link_for is None:
        return ""
    return options.link_for(box.node if box.kind != COLLAPSED else _collapsed(box.node))


def _collapsed(node: LinkageNode) -> LinkageNode:
    """The target as its collapsed count box: `link_for` tells it by the key."""
    return LinkageNode(key=f"{COLLAPSED}:{node.key}", level=COLLAPSED, code=node.code, name="")


def _clip(text: str, *, bold: bool = False, size: float = 13) -> str:
    """Cut text to the box's width, measured with Sarabun's own glyph widths."""
    room = BOX_W - 18
    if _width(text, bold=bold, size=size) <= room:
        return text
    while text and _width(text + "…", bold=bold, size=size) > room:
        text = text[:-1]
        while text and unicodedata.category(text[-1]) == "Mn":
            text = text[:-1]  # keep a letter and its vowel and tone marks together
    return text.rstrip() + "…"


def _width(text: str, *, bold: bool, size: float) -> float:
    advances, default = _advances(bold)
    return sum(advances.get(ord(c), default) for c in text) * size


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Each character's advance width (per point of font size) in Sarabun.

    fontTools comes with WeasyPrint, which draws the memos.
    """
    from fontTools.ttLib import TTFont

    name = "Sarabun-SemiBold.ttf" if bold else "Sarabun-Regular.ttf"
    font = TTFont(Path(settings.SARABUN_DIR) / name, lazy=True)
    em, metrics = font["head"].unitsPerEm, font["hmtx"]
    advances = {code: metrics[glyph][0] / em for code, glyph in font.getBestCmap().items()}
    return advances, 0.6


def _text(x: float, y: float, value: str, css: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}">{escape(value)}</text>'


def _legend(y: float) -> str:
    items = [
        (FILLS[PlanLevel.SUB_PLAN_TARGET], "เป้าหมายที่มีโครงการรองรับ"),
        (UNSERVED_FILL, UNSERVED_LABEL),
        (FILLS[COLLAPSED], "กลุ่มโครงการ (แสดงเป็นจำนวน)"),
    ]
    parts, x = [], MARGIN
    for (fill, stroke), label in items:
        parts.append(
            f'<rect x="{x}" y="{y - 11}" width="14" height="14" rx="3" fill="{fill}" '
            f'stroke="{stroke}"/>'
        )
        parts.append(_text(x + 20, y, label, "s"))
        x += 230
    return f'<g class="legend">{"".join(parts)}</g>'
