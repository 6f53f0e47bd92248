"""Widgets shared by the apps' forms."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core import fiscal
from core.clock import today


class LongSelect(forms.Select):
    """A <select> written in Python rather than by one template per option.

    The unit filters offer every unit a user may see, a thousand for the ministry's
    staff; through the template engine the options were most of the project list's
    time. The markup is Django's own (templates/django/forms/widgets/select.html)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{escape(group_name)}">')
            parts += [
                f'<option value="{escape(option["value"])}"{_flat(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
                for option in options
            ]
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308  (every value escaped above)


def _flat(attrs: dict) -> str:
    # flatatt writes True as a bare attribute; False is left out, as in Django's template.
    return flatatt({k: v for k, v in attrs.items() if v is not False}) if attrs else ""


class ThaiDateInput(forms.TextInput):
    """A date typed or picked in พ.ศ. ("1 ม.ค. 2570"), sent as ISO (2027-01-01).

    Without JavaScript the text box itself is the field: what was typed goes to the
    server, which parses it (core.forms.ThaiDateField). static/js/thai_date.js moves
    the name onto the hidden ISO input, keeps it in step with the text and adds a
    calendar with Thai month names. The script tag travels with the widget so that every
    page using it, the admin's included, loads it without a template of its own; the
    script runs its setup once however many date fields a page has."""

    def format_value(self, value):
        """The text shown: a date in พ.ศ.; anything else (a refused entry) as typed."""
        if isinstance(value, date):
            return fiscal.format_thai_date(value, style="abbr_full_year")
        return "" if value is None else str(value)

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text_attrs = {
            "placeholder": "เช่น 1/1/2570",
            "autocomplete": "off",
            **widget["attrs"],
            "class": " ".join(filter(None, ["thai-date-text", widget["attrs"].get("class")])),
        }
        iso = value.isoformat() if isinstance(value, date) else ""
        return format_html(
            '<span class="thai-date" data-thai-date data-today="{}" data-months="{}"'
            ' data-months-abbr="{}">'
            '<input type="text" name="{}" value="{}"{}>'
            # Disabled, so never sent unless the script turns it on.
            '<input type="hidden" name="{}" value="{}" class="thai-date-iso" disabled>'
            '<script src="{}" defer></script></span>',
            # The product's clock, so a demo pinned to a day shows that day as today.
            today().isoformat(),
            " ".join(fiscal.THAI_MONTHS),
            " ".join(fiscal.THAI_MONTHS_ABBR),
            name,
            widget["value"],
            flatatt(text_attrs),
            name,
            iso,
            static("js/thai_date.js"),
        )
