"""A memo as a Word document (DOCX), for editing outside the system.

It walks the memo as the PDF template does (memos/memo_pdf.html): the same
heading fields, the same numbered paragraphs (`paragraphs.number`), the same
Thai-digit filters, signature, approval lines, contact and attachments, so the
two files say the same words. Layout follows the official memo form (ระเบียบ
งานสารบรรณ, แบบบันทึกข้อความ): A4, left margin 3 cm, right 2 cm, the emblem
1.5 cm high about 1.5 cm from the top edge, TH Sarabun New 16 pt, the title
"บันทึกข้อความ" 29 pt bold, the field labels 20 pt bold.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import html as lxml_html
from PIL import ImageFont

from core.fiscal import format_thai_date, thai_digits_in_text

from .attachments import Attachment, render_attachments
from .models import Letterhead, Memo
from .paragraphs import number

FONT = "TH Sarabun New"
# Word reads a run's Thai through its complex-script font (w:cs) and size (w:szCs);
# TH SarabunPSK, the older name of the same design, is kept as the East Asian slot's
# font so machines that have only the government's 2010 set still find a Sarabun.
FONT_EAST_ASIA = "TH SarabunPSK"
SIZE = 16
TEXT_WIDTH_CM = 16.0  # A4 21 cm less the left 3 cm and right 2 cm margins
RASTER_EMBLEMS = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}


def _thai(value: object) -> str:
    return thai_digits_in_text(value) if value not in (None, "") else ""


def _set_fonts(element, *, size: float | None = None) -> None:
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


def _run(paragraph, text: str, *, size: float | None = None, bold: bool = False, **style):
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
        _set_fonts(run._r, size=size)
    return run


def _paragraph(document, *, before: float = 0, indent: float = 0, first: float = 0, align=None):
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


def _new_document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance = Cm(1)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    _set_fonts(normal.element, size=SIZE)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    return document


def _page_numbers(document, *, draft: bool) -> None:
    """ "- ๒ -" centred at the top of every page but the first (Thai digits in Word);
    a draft says ร่าง in red at the top of every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    for header in (section.first_page_header, section.header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if draft:
            _run(paragraph, "ร่าง ", size=SIZE, bold=True, color=RGBColor(0xC0, 0, 0))
    paragraph = section.header.paragraphs[0]
    _run(paragraph, "- ", size=SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), r"PAGE \* ThaiArabic")
    field_run = OxmlElement("w:r")
    field_text = OxmlElement("w:t")
    field_text.text = "๒"
    field_run.append(field_text)
    field.append(field_run)
    paragraph._p.append(field)
    _run(paragraph, " -", size=SIZE)


def _emblem_path() -> Path | None:
    letterhead = Letterhead.objects.filter(is_active=True).first()
    if letterhead is None or not letterhead.emblem:
        return None
    path = Path(letterhead.emblem.path)
    # python-docx embeds raster images only; an SVG emblem prints in the PDF alone.
    return path if path.suffix.lower() in RASTER_EMBLEMS and path.exists() else None


def _head(document, memo: Memo) -> None:
    emblem = _emblem_path()
    if not (memo.memo_heading or memo.urgency or emblem):
        return
    paragraph = _paragraph(document)
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.CENTER
    )
    if emblem:
        paragraph.add_run().add_picture(str(emblem), height=Cm(1.5))
        _run(paragraph, " ")
    if memo.urgency:
        _run(paragraph, memo.urgency, size=20, bold=True, color=RGBColor(0xC0, 0, 0))
    if memo.memo_heading:
        _run(paragraph, "\t")
        _run(paragraph, "บันทึกข้อความ", size=29, bold=True)


@lru_cache
def _label_cm(label: str) -> float:
    """The width of a 20 pt bold label and a gap, measured in the Sarabun the PDF prints
    with (TH Sarabun New is a little narrower, so the value still starts at the indent)."""
    return round(_text_cm(label, size=20, bold=True) + 0.25, 2)


def _hanging(paragraph, label: str) -> None:
    """Wrapped lines of the value start under its first word, as in the PDF."""
    width = Cm(_label_cm(label))
    paragraph.paragraph_format.left_indent = width
    paragraph.paragraph_format.first_line_indent = -width


def _field(paragraph, label: str, value: str) -> None:
    """A label in 20 pt bold, then its value over a dotted line to the next tab stop."""
    if paragraph.runs:
        _run(paragraph, " ")
    _run(paragraph, label, size=20, bold=True)
    _run(paragraph, "\t" if paragraph.paragraph_format.left_indent else " ")
    _run(paragraph, value, underline=WD_UNDERLINE.DOTTED)
    _run(paragraph, "\t", underline=WD_UNDERLINE.DOTTED)


def _fields(document, memo: Memo) -> None:
    right = Cm(TEXT_WIDTH_CM)
    if memo.memo_heading:
        line = _paragraph(document)
        line.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        _hanging(line, "ส่วนราชการ")
        _field(line, "ส่วนราชการ", _thai(memo.department_line))
    pair = _paragraph(document)
    pair.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.LEFT)
    pair.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
    _field(pair, "ที่", _thai(memo.reference))
    date = format_thai_date(memo.memo_date, thai_numerals=True) if memo.memo_date else ""
    _field(pair, "วันที่", date)
    subject = _paragraph(document)
    subject.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
    _hanging(subject, "เรื่อง")
    _field(subject, "เรื่อง", _thai(memo.subject))
    salutation = _paragraph(document, before=0.25)
    _hanging(salutation, memo.salutation)
    _run(salutation, memo.salutation, size=20, bold=True)
    _run(salutation, "\t" + _thai(memo.addressee))


def _body(document, memo: Memo) -> None:
    for i, p in enumerate(number(memo.body)):
        before = 0.3 if i == 0 else (0.15 if p.level == 1 else 0)
        paragraph = _paragraph(document, before=before, first=p.indent_cm)
        _run(paragraph, (f"{p.label} " if p.label else "") + _thai(p.text))
    if memo.closing:
        _run(_paragraph(document, before=0.3, first=2.5), _thai(memo.closing))


def _signature(document, memo: Memo) -> None:
    lines = ["", _thai(memo.signatory_name), _thai(memo.signatory_position)]
    for i, line in enumerate(lines):
        paragraph = _paragraph(
            document, before=1.6 if i == 0 else 0, indent=6.5, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
        _run(paragraph, line)


def _approvals(document, memo: Memo) -> None:
    for n, approval in enumerate(memo.approvals):
        lines = [
            _thai(approval.get("text", "")),
            "",
            "",
            _thai(approval.get("name", "")),
            _thai(approval.get("position", "")),
        ]
        for i, line in enumerate(lines):
            before = (1.0 if n == 0 else 0.4) if i == 0 else 0
            paragraph = _paragraph(document, before=before, align=WD_ALIGN_PARAGRAPH.CENTER)
            paragraph.paragraph_format.right_indent = Cm(TEXT_WIDTH_CM - 8)
            paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
            _run(paragraph, line)


def _contact(document, memo: Memo) -> None:
    if memo.contact:
        _run(_paragraph(document, before=0.8), _thai(memo.contact), size=14)


def memo_docx(memo: Memo) -> bytes:
    """The memo as DOCX (a draft says ร่าง at the top of each page)."""
    document = _new_document()
    _page_numbers(document, draft=not memo.is_issued)
    _head(document, memo)
    _fields(document, memo)
    _body(document, memo)
    _signature(document, memo)
    _approvals(document, memo)
    _contact(document, memo)
    for attachment in render_attachments(memo.attachments, memo.figures):
        _attachment(document, attachment)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Attachments: the PDF's own HTML (tables, or an SVG chart) read back into Word.


def _attachment(document, attachment: Attachment) -> None:
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    section.orientation = document.sections[0].orientation
    title = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(title, _thai(attachment.title), size=18, bold=True)
    tree = lxml_html.fragment_fromstring(str(attachment.html), create_parent="div")
    tables = tree.findall(".//table")
    for table in tables:
        _table(document, table)
    texts = [t for t in tree.xpath(".//p//text()") if t.strip()]
    for text in texts:
        _run(_paragraph(document, before=0.2), text.strip())
    if not tables and tree.find(".//svg") is not None:
        note = _paragraph(document, before=0.3, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(note, "(แผนภูมินี้พิมพ์อยู่ในไฟล์ PDF ของบันทึกฉบับเดียวกัน)")


@dataclass(frozen=True)
class _Cell:
    text: str
    bold: bool
    right: bool  # a number column (class "num"), right-aligned as in the PDF
    colspan: int
    rowspan: int


def _grid(table) -> list[list[_Cell]]:
    """The HTML table's rows as cells."""
    rows = []
    for tr in table.iter("tr"):
        cells = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            cells.append(
                _Cell(
                    text=" ".join(cell.text_content().split()),
                    bold=cell.tag == "th" or "font-weight:700" in (tr.get("style") or ""),
                    right="num" in (cell.get("class") or "").split(),
                    colspan=int(cell.get("colspan", 1)),
                    rowspan=int(cell.get("rowspan", 1)),
                )
            )
        rows.append(cells)
    return rows


CELL_PADDING_CM = 0.1  # each side, as the PDF's 4 px
LONGEST_WORD_CM = 3.5


def _text_cm(text: str, *, size: float, bold: bool = False) -> float:
    """The width of one line of `text` in the Sarabun the PDF prints with."""
    name = "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"
    font = _font(name)
    return font.getlength(text) / 200 * size / 72 * 2.54


@lru_cache
def _font(name: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(Path(settings.SARABUN_DIR) / name), 200)


def _column_widths(rows: list[list[_Cell]], width: int) -> list[float]:
    """Column widths (cm) much as a browser lays out an automatic table: each column gets
    at least its longest word (a Thai run without spaces counts up to LONGEST_WORD_CM, as
    it wraps anywhere between words), and what is left goes to the columns whose lines are
    longer than that, in proportion (a project's name wraps, a number does not)."""
    pad = 2 * CELL_PADDING_CM + 0.05
    natural, minimum = [0.5] * width, [0.5] * width
    for row in rows:
        c = 0
        for cell in row:
            if cell.colspan == 1 and c < width:
                line = _text_cm(cell.text, size=13, bold=cell.bold)
                words = [_text_cm(w, size=13, bold=cell.bold) for w in cell.text.split()]
                natural[c] = max(natural[c], line + pad)
                minimum[c] = max(minimum[c], min(max(words, default=0), LONGEST_WORD_CM) + pad)
            c += cell.colspan
    if sum(minimum) >= TEXT_WIDTH_CM:
        return [TEXT_WIDTH_CM * m / sum(minimum) for m in minimum]
    slack = [n - m for n, m in zip(natural, minimum, strict=True)]
    extra = TEXT_WIDTH_CM - sum(minimum)
    if sum(slack) <= extra:  # everything fits on one line: widen in proportion
        return [TEXT_WIDTH_CM * n / sum(natural) for n in natural]
    return [m + extra * d / sum(slack) for m, d in zip(minimum, slack, strict=True)]


def _table(document, html_table) -> None:
    rows = _grid(html_table)
    if not rows:
        return
    width = max(sum(c.colspan for c in row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    widths = [Cm(w) for w in _column_widths(rows, width)]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
        for cell in column.cells:
            cell.width = column_width
    for r in range(len(html_table.findall("thead/tr"))):
        # the column heads repeat at the top of every page, as the PDF's thead does
        header = OxmlElement("w:tblHeader")
        table.rows[r]._tr.get_or_add_trPr().append(header)
    _fill(table, rows, width)


def _cell_margins(table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(CELL_PADDING_CM / 2.54 * 1440)))  # twips
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))  # the schema puts w:tblCellMar before w:tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def _fill(table, rows: list[list[_Cell]], width: int) -> None:
    """The cells' text, with their column and row spans merged."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            target = table.cell(r, c)
            last_row = min(r + cell.rowspan, len(rows)) - 1
            last_col = min(c + cell.colspan, width) - 1
            if (last_row, last_col) != (r, c):
                target = target.merge(table.cell(last_row, last_col))
            taken.update((rr, cc) for rr in range(r, last_row + 1) for cc in range(c, last_col + 1))
            paragraph = target.paragraphs[0]
            if cell.right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, cell.text, size=13, bold=cell.bold)
            c = last_col + 1
