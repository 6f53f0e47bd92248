"""The project list's rows, written in Python.

Fifty rows of seven cells, with five module marks each, cost the template engine about as
much as the rest of the page (issue #20's profile), and Django's lazy-aware `escape` most
of what was left. Every value goes through the standard library's `html.escape`, which is
what Django's `escape` calls; the markup is what templates/projects/list.html had in its
loop.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from approvals.models import ItemStatus
from core.fiscal import format_baht

register = template.Library()
_ID = 2_147_483_647  # stands for the project's id in the detail URL, reversed once
_STATUS = dict(ItemStatus.choices)


@register.simple_tag
def project_rows(projects, modules: dict[str, str]) -> SafeString:
    """The rows of `projects`, value rows of the list's columns (projects.views.LIST_COLUMNS)."""
    detail = escape(reverse("projects:detail", args=[_ID])).replace(str(_ID), "{}")
    # Each module's mark, done and to do; the modules' names are in the legend above the
    # table once, not in a title on every mark (250 of them, and no phone shows a title).
    marks = [
        (
            key,
            f'<span class="mark todo">{escape(key.upper())}'
            '<span class="visually-hidden"> ยังไม่ครบ</span></span>',
            f'<span class="mark done">{escape(key.upper())}</span>',
        )
        for key in modules
    ]
    rows = []
    for p in projects:
        missing = p["missing"] or {}
        spans = "".join(todo if missing.get(key) else done for key, todo, done in marks)
        unit = p["owner_unit__abbr"] or p["owner_unit__name_th"]  # as OrgUnit.__str__
        status = p["status"]
        rows.append(
            f'<tr><td class="nowrap"><a href="{detail.format(p["pk"])}">{escape(p["code"])}</a>'
            f"</td><td>{escape(p['name'])}</td><td>{escape(unit)}</td>"
            f'<td>{p["fiscal_year"]}</td><td class="num">{format_baht(p["budget_total"])}</td>'
            f'<td class="marks">{spans}</td>'
            f'<td><span class="status status-{escape(status)}">'
            f"{escape(str(_STATUS.get(status, status)))}</span></td></tr>"
        )
    return SafeString("".join(rows))
