"""The comparison table's rows, written in Python.

Seven units of twelve rounds are 84 rows of 18 cells: the template engine spent about as
long on them as PostgreSQL on the live round (issue 20's profile), as the project list's
rows did (projects/templatetags/project_list.py, the same approach). The markup is what
templates/reporting/compare.html had in its loop; every text goes through `html.escape`.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from core.fiscal import format_baht

register = template.Library()


@register.simple_tag
def compare_rows(rows: list[dict], bands: list[tuple]) -> SafeString:
    """A unit's rows of the comparison (reporting.views.compare._by_unit), oldest first."""
    five_band = escape(reverse("reporting:five_band"))
    out = []
    for row in rows:
        year, quarter = row["fiscal_year"], row["quarter"]
        counts, percents = row["counts"], row["percents"]
        cells = "".join(
            f'<td class="num">{counts.get(band) or "-"}</td>'
            f'<td class="num">{escape(str(percents.get(band, "")))}</td>'
            for band, _label, _short in bands
        )
        out.append(
            f'<tr data-round="{year}-{quarter}">'
            f'<td class="round"><a href="{five_band}?fiscal_year={year}&amp;quarter={quarter}">'
            f"{escape(row['label'])}</a></td>"
            f"<td>{'ตรึงไว้' if row['frozen'] else 'ปัจจุบัน'}</td>"
            f'<td class="num">{row["projects"]}</td>'
            f'<td class="num">{format_baht(row["budget"])}</td>'
            f'<td class="num">{row["reported"]}</td>'
            f'<td class="num">{row["reporting_rate"] or "-"}</td>'
            f'<td class="num">{row["on_time"]}</td>'
            f'<td class="num">{row["on_time_rate"] or "-"}</td>'
            f"{cells}</tr>"
        )
    return SafeString("".join(out))
