"""Runs and paragraphs in the memo's fonts: TH Sarabun New (complex script too),
sizes in points for Latin and Thai alike, and text measured as the PDF prints it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import ImageFont

from core.fiscal import thai_digits_in_text

FONT = "TH Sarabun New"
# Word sets Thai in a run's complex-script font (w:cs) and size (w:szCs), Latin in
# ascii/hAnsi: all three name TH Sarabun New. The East Asian slot (used only for CJK
# characters) names TH SarabunPSK, the earlier release of the same design, as Thai government
# templates do.
FONT_EAST_ASIA = "TH SarabunPSK"
SIZE = 16
TEXT_WIDTH_CM = 16.0  # A4 21 cm less the left 3 cm and right 2 cm margins


def thai(value: object) -> str:
    return thai_digits_in_text(value) if value not in (None, "") else ""


def set_fonts(element, *, size: float | None = None) -> None:
    """Font names and sizes on a w:rPr, for Latin (ascii/hAnsi) and Thai (cs) alike."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), FONT)
    fonts.set(qn("w:eastAsia"), FONT_EAST_ASIA)
    if size is not None:
        sz = rpr.get_or_add_sz()
        sz.set(qn("w:val"), str(round(size * 2)))
        sz_cs = rpr.find(qn("w:szCs"))
        if sz_cs is None:
            sz_cs = OxmlElement("w:szCs")
            sz.addnext(sz_cs)  # the schema's order: w:sz, then w:szCs
        sz_cs.set(qn("w:val"), str(round(size * 2)))


def add_run(paragraph, text: str, *, size: float | None = None, bold: bool = False, **style):
    run = paragraph.add_run()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            run.add_break(WD_BREAK.LINE)
        run.add_text(line)
    if bold:
        run.bold = run.font.cs_bold = True  # cs: the Thai (complex-script) text too
    if style.get("underline"):
        run.underline = style["underline"]
    if style.get("color"):
        run.font.color.rgb = style["color"]
    if size is not None:
        set_fonts(run._r, size=size)
    return run


def add_paragraph(document, *, before: float = 0, indent: float = 0, first: float = 0, align=None):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Cm(before), Pt(0)
    if indent:
        fmt.left_indent = Cm(indent)
    if first:
        fmt.first_line_indent = Cm(first)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def new_document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance = Cm(1)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    set_fonts(normal.element, size=SIZE)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    return document


def text_cm(text: str, *, size: float, bold: bool = False) -> float:
    """The width of one line of `text` in the Sarabun the PDF prints with."""
    name = "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"
    font = _font(name)
    return font.getlength(text) / 200 * size / 72 * 2.54


@lru_cache
def _font(name: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(Path(settings.SARABUN_DIR) / name), 200)
