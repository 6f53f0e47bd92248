"""A memo as a Word document (DOCX), for editing outside the system.

It walks the memo as the PDF template does (templates/memos/memo_pdf.html): the same
heading fields, the same numbered paragraphs (`paragraphs.number`), the same
Thai-digit filters, signature, approval lines, contact and attachments, so the
two files say the same words. Layout follows the official memo form (ระเบียบ
งานสารบรรณ, แบบบันทึกข้อความ): A4, left margin 3 cm, right 2 cm, the emblem
1.5 cm high about 1.5 cm from the top edge, TH Sarabun New 16 pt, the title
"บันทึกข้อความ" 29 pt bold, the field labels 20 pt bold.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from lxml import html as lxml_html

from core.fiscal import format_thai_date

from ..attachments import Attachment, render_attachments
from ..models import Letterhead, Memo
from ..paragraphs import number
from ..report_blocks import Block, report_items
from .tables import add_table
from .text import (
    SIZE,
    TEXT_WIDTH_CM,
    add_paragraph,
    add_run,
    new_document,
    text_cm,
    thai,
)

RASTER_EMBLEMS = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}


def _page_numbers(document, *, draft: bool) -> None:
    """Page numbers "- ๒ -" centred at the top of every page but the first (Thai digits
    in Word); a draft says ร่าง in red at the top of every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    for header in (section.first_page_header, section.header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if draft:
            add_run(paragraph, "ร่าง ", size=SIZE, bold=True, color=RGBColor(0xC0, 0, 0))
    paragraph = section.header.paragraphs[0]
    add_run(paragraph, "- ", size=SIZE)
    # PAGE with the section's number format, Thai digits (w:pgNumType thaiNumbers): Word
    # prints ๒; LibreOffice falls back to 2 (its reading of the "\* ThaiArabic" switch
    # gives Thai letters instead, ข).
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field_run = OxmlElement("w:r")
    field_text = OxmlElement("w:t")
    field_text.text = "๒"
    field_run.append(field_text)
    field.append(field_run)
    paragraph._p.append(field)
    _thai_page_numbers(section)
    add_run(paragraph, " -", size=SIZE)


# w:sectPr's children after w:pgNumType, in the schema's order
_AFTER_PAGE_NUMBERS = [
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _thai_page_numbers(section) -> None:
    numbers = OxmlElement("w:pgNumType")
    numbers.set(qn("w:fmt"), "thaiNumbers")
    properties = section._sectPr
    after = next(
        (c for c in properties if c.tag in {qn(f"w:{n}") for n in _AFTER_PAGE_NUMBERS}), None
    )
    if after is not None:
        after.addprevious(numbers)
    else:
        properties.append(numbers)


def _emblem_path() -> Path | None:
    letterhead = Letterhead.objects.filter(is_active=True).first()
    if letterhead is None or not letterhead.emblem:
        return None
    path = Path(letterhead.emblem.path)
    # python-docx embeds raster images only; an SVG emblem prints in the PDF alone.
    return path if path.suffix.lower() in RASTER_EMBLEMS and path.exists() else None


URGENCY_RED = RGBColor(0xD0, 0, 0)  # ชั้นความเร็ว: red, at least 32 pt (as the PDF)


def _head(document, memo: Memo) -> None:
    emblem = _emblem_path()
    if memo.is_stamped_letter:
        _stamped_head(document, memo, emblem)
        return
    if not (memo.memo_heading or memo.urgency or emblem):
        return
    paragraph = add_paragraph(document)
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.CENTER
    )
    if emblem:
        paragraph.add_run().add_picture(str(emblem), height=Cm(1.5))
        add_run(paragraph, " ")
    if memo.urgency:
        add_run(paragraph, memo.urgency, size=32, bold=True, color=URGENCY_RED)
    if memo.memo_heading:
        add_run(paragraph, "\t")
        add_run(paragraph, "บันทึกข้อความ", size=29, bold=True)


def _stamped_head(document, memo: Memo, emblem: Path | None) -> None:
    """A หนังสือประทับตรา: the urgency at the left, the emblem (3 cm) centred, no title."""
    if memo.urgency:
        add_run(add_paragraph(document), memo.urgency, size=32, bold=True, color=URGENCY_RED)
    if emblem:
        centred = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
        centred.add_run().add_picture(str(emblem), height=Cm(3))


@lru_cache
def _label_cm(label: str) -> float:
    """The width of a 20 pt bold label and a gap, measured in the Sarabun the PDF prints
    with (TH Sarabun New is a little narrower, so the value still starts at the indent)."""
    return round(text_cm(label, size=20, bold=True) + 0.25, 2)


def _hanging(paragraph, label: str) -> None:
    """Wrapped lines of the value start under its first word, as in the PDF."""
    width = Cm(_label_cm(label))
    paragraph.paragraph_format.left_indent = width
    paragraph.paragraph_format.first_line_indent = -width


def _field(paragraph, label: str, value: str) -> None:
    """A label in 20 pt bold, then its value over a dotted line to the next tab stop."""
    if paragraph.runs:
        add_run(paragraph, " ")
    add_run(paragraph, label, size=20, bold=True)
    add_run(paragraph, "\t" if paragraph.paragraph_format.left_indent else " ")
    add_run(paragraph, value, underline=WD_UNDERLINE.DOTTED)
    add_run(paragraph, "\t", underline=WD_UNDERLINE.DOTTED)


def _plain_fields(document, memo: Memo) -> None:
    """ที่ and ถึง of a หนังสือประทับตรา: plain lines, no เรื่อง and no date at the top."""
    for label, value, before in [
        ("ที่", memo.reference, 0),
        (memo.salutation, memo.addressee, 0.25),
    ]:
        line = add_paragraph(document, before=before)
        _hanging(line, label)
        add_run(line, label)
        add_run(line, "\t" + thai(value))


def _fields(document, memo: Memo) -> None:
    if memo.is_stamped_letter:
        _plain_fields(document, memo)
        return
    right = Cm(TEXT_WIDTH_CM)
    if memo.memo_heading:
        line = add_paragraph(document)
        line.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        _hanging(line, "ส่วนราชการ")
        _field(line, "ส่วนราชการ", thai(memo.department_line))
    pair = add_paragraph(document)
    pair.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.LEFT)
    pair.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
    _field(pair, "ที่", thai(memo.reference))
    date = format_thai_date(memo.memo_date, thai_numerals=True) if memo.memo_date else ""
    _field(pair, "วันที่", date)
    subject = add_paragraph(document)
    subject.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
    _hanging(subject, "เรื่อง")
    _field(subject, "เรื่อง", thai(memo.subject))
    salutation = add_paragraph(document, before=0.25)
    _hanging(salutation, memo.salutation)
    add_run(salutation, memo.salutation, size=20, bold=True)
    add_run(salutation, "\t" + thai(memo.addressee))


def _body(document, memo: Memo) -> None:
    for i, p in enumerate(number(memo.body)):
        before = 0.3 if i == 0 else (0.15 if p.level == 1 else 0)
        paragraph = add_paragraph(document, before=before, first=p.indent_cm)
        add_run(paragraph, (f"{p.label} " if p.label else "") + thai(p.text))
    if memo.closing and not memo.is_stamped_letter:
        add_run(add_paragraph(document, before=0.3, first=2.5), thai(memo.closing))


def _stamp(document, memo: Memo) -> None:
    """The issuing unit over its stamp, then the date (a หนังสือประทับตรา's end)."""
    date = format_thai_date(memo.memo_date, thai_numerals=True) if memo.memo_date else ""
    for i, line in enumerate([thai(memo.department_line), "", date]):
        paragraph = add_paragraph(
            document, before=1.0 if i == 0 else 0, indent=7, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.paragraph_format.keep_with_next = i < 2
        add_run(paragraph, line)


def _signature(document, memo: Memo) -> None:
    lines = ["", thai(memo.signatory_name), thai(memo.signatory_position)]
    for i, line in enumerate(lines):
        paragraph = add_paragraph(
            document, before=1.6 if i == 0 else 0, indent=6.5, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
        add_run(paragraph, line)


def _approvals(document, memo: Memo) -> None:
    for n, approval in enumerate(memo.approvals):
        lines = [
            thai(approval.get("text", "")),
            "",
            "",
            thai(approval.get("name", "")),
            thai(approval.get("position", "")),
        ]
        for i, line in enumerate(lines):
            before = (1.0 if n == 0 else 0.4) if i == 0 else 0
            paragraph = add_paragraph(document, before=before, align=WD_ALIGN_PARAGRAPH.CENTER)
            paragraph.paragraph_format.right_indent = Cm(TEXT_WIDTH_CM - 8)
            paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
            add_run(paragraph, line)


def _contact(document, memo: Memo) -> None:
    if memo.contact:
        add_run(add_paragraph(document, before=0.8), thai(memo.contact), size=14)


def _report(document, memo: Memo) -> None:
    """A report (seed 003), as report_pdf.html prints it: the bold title lines, the text
    with its headings in bold and its tables in place (a chart is named, as for the
    memos' attachments), and who compiled it."""
    title = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_run(title, thai(memo.subject.replace("\n", " ").strip()), size=18, bold=True)
    for item in report_items(memo.body, memo.figures):
        if item.block is not None:
            _block(document, item.block)
            continue
        p = item.paragraph
        paragraph = add_paragraph(document, before=0.15 if p.level == 1 else 0, first=p.indent_cm)
        add_run(
            paragraph, (f"{p.label} " if p.label else "") + thai(p.text), bold=p.level in (1, 2)
        )
    if memo.contact:
        for i, line in enumerate(memo.contact.splitlines()):
            paragraph = add_paragraph(
                document, before=0.8 if i == 0 else 0, align=WD_ALIGN_PARAGRAPH.RIGHT
            )
            add_run(paragraph, thai(line))


def _block(document, block: Block) -> None:
    if block.title:
        heading = add_paragraph(document, before=0.2, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_run(heading, thai(block.title), bold=True)
    tree = lxml_html.fragment_fromstring(str(block.html), create_parent="div")
    for table in tree.findall(".//table"):
        add_table(document, table)
    for text in (t for t in tree.xpath(".//p//text()") if t.strip()):
        add_run(add_paragraph(document, before=0.1), text.strip(), size=13)
    if block.is_chart:
        note = add_paragraph(document, before=0.1, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_run(note, "(แผนภูมินี้พิมพ์อยู่ในไฟล์ PDF ของรายงานฉบับเดียวกัน)")


def memo_docx(memo: Memo) -> bytes:
    """The memo as DOCX (a draft says ร่าง at the top of each page)."""
    document = new_document()
    _page_numbers(document, draft=not memo.is_issued)
    if memo.is_report:
        _report(document, memo)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    _head(document, memo)
    _fields(document, memo)
    _body(document, memo)
    if memo.is_stamped_letter:
        _stamp(document, memo)
    else:
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
    title = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_run(title, thai(attachment.title), size=18, bold=True)
    tree = lxml_html.fragment_fromstring(str(attachment.html), create_parent="div")
    tables = tree.findall(".//table")
    for table in tables:
        add_table(document, table)
    texts = [t for t in tree.xpath(".//p//text()") if t.strip()]
    for text in texts:
        add_run(add_paragraph(document, before=0.2), text.strip())
    if not tables and tree.find(".//svg") is not None:
        note = add_paragraph(document, before=0.3, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_run(note, "(แผนภูมินี้พิมพ์อยู่ในไฟล์ PDF ของบันทึกฉบับเดียวกัน)")
