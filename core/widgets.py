"""Widgets shared by the apps' forms."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import fiscal
from core.clock import today


class PlainSelect(forms.Select):
    """A select written in Python, with the markup of templates/django/forms/widgets/
    select.html: the template engine took longer over a filter's few options than the
    list's own rows (issue 20)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class UnitPicker(forms.Select):
    """The unit filter for a thousand units and a phone: only the chosen unit is written
    into the page; typing in the search box beside it asks the server for the matching
    units of the user's own scope (htmx, `unit_options`), which replace the options.

    Without a script the box still offers "all units" and the unit chosen before. The
    search box has no form owner (`form` names no form), so it is not sent as a filter."""

    template_name = "widgets/unit_picker.html"
    option_template_name = "django/forms/widgets/select_option.html"

    chosen = None  # the unit the field cleaned (core.forms.UnitFilterField), if any

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = self.chosen if self.chosen and str(self.chosen.pk) == str(value) else None
        if chosen is None and value not in (None, "") and hasattr(self.choices, "queryset"):
            chosen = self.choices.queryset.filter(pk=value).first()
        context["widget"]["chosen"] = chosen
        context["widget"]["empty_label"] = getattr(self.choices.field, "empty_label", None) or ""
        return context


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
