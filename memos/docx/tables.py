"""Attachment tables: the PDF's HTML tables read back as Word tables."""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from .text import TEXT_WIDTH_CM, add_run, text_cm


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
                line = text_cm(cell.text, size=13, bold=cell.bold)
                words = [text_cm(w, size=13, bold=cell.bold) for w in cell.text.split()]
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


def add_table(document, html_table) -> None:
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
    """The cells' text, then their column and row spans merged.

    The grid's cells are read once, before any merge: python-docx's `table.cell()` walks
    the whole table on every call, which made a 189-project attachment take 20 seconds.
    A span's corners are never part of another span, so they stay valid as others merge;
    the cells a span swallows are empty, so merging after writing keeps the text."""
    grid = table._cells
    taken: set[tuple[int, int]] = set()
    spans = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            last_row = min(r + cell.rowspan, len(rows)) - 1
            last_col = min(c + cell.colspan, width) - 1
            if (last_row, last_col) != (r, c):
                spans.append((r * width + c, last_row * width + last_col))
            taken.update((rr, cc) for rr in range(r, last_row + 1) for cc in range(c, last_col + 1))
            paragraph = grid[r * width + c].paragraphs[0]
            if cell.right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_run(paragraph, cell.text, size=13, bold=cell.bold)
            c = last_col + 1
    for first, last in spans:
        grid[first].merge(grid[last])
