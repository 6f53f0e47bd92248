"""Every portal list as CSV, JSON and Excel, streamed so thousands of rows stay small.

A dataset's table is its columns (key for JSON, Thai label for CSV and Excel, the
Excel kind) and an iterator of rows keyed by column; one writer per format. CSV is
UTF-8 with a BOM (Excel then reads Thai); JSON keeps lists and ISO dates for
programs; Excel goes through core.xlsx (write-only, dates in the Buddhist calendar).
"""

import csv
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse

from core import fiscal
from core.xlsx import Column, OfficialWorkbook

FORMATS = {
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # core.xlsx's kinds
    width: float = 16


@dataclass
class Table:
    name: str  # the file name, without extension
    title: str  # Thai, the sheet's heading and the JSON's title
    fields: list[Field]
    rows: Iterable[dict]


def respond(table: Table, fmt: str):
    writer: Callable = {"csv": _csv, "json": _json, "xlsx": _xlsx}[fmt]
    return writer(table)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, date | datetime):
        return fiscal.format_thai_date(value, style="abbr_full_year")
    return str(value)


class _Line:
    def write(self, value: str) -> str:
        return value


def _csv_lines(table: Table) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([f.label for f in table.fields])
    for row in table.rows:
        yield writer.writerow([_text(row.get(f.key)) for f in table.fields])


def _attachment(response, table: Table, fmt: str):
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    return response


def _csv(table: Table):
    response = StreamingHttpResponse(_csv_lines(table), content_type="text/csv; charset=utf-8")
    return _attachment(response, table, "csv")


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _json_chunks(table: Table) -> Iterator[str]:
    head = {
        "title": table.title,
        "fields": [{"key": f.key, "label": f.label} for f in table.fields],
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    for n, row in enumerate(table.rows):
        item = {f.key: _plain(row.get(f.key)) for f in table.fields}
        yield ("," if n else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"


def _json(table: Table):
    response = StreamingHttpResponse(
        _json_chunks(table), content_type="application/json; charset=utf-8"
    )
    return _attachment(response, table, "json")


def _xlsx(table: Table):
    book = OfficialWorkbook()
    columns = [Column(f.label, f.width, f.kind) for f in table.fields]
    sheet = book.sheet(table.title[:31], columns, heading=table.title)
    for row in table.rows:
        sheet.append(
            [_text(v) if isinstance(v, list) else v for v in (row.get(f.key) for f in table.fields)]
        )
    # A temporary file, not memory: write-only rows stream to it, then to the client.
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    book.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"{table.name}.xlsx",
        content_type=FORMATS["xlsx"][0],
    )
