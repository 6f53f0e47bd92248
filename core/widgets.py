"""Widgets shared by the apps' forms."""

from datetime import date

from django import forms
from django.templatetags.static import static
from django.utils.html import conditional_escape, escapejs, format_html
from django.utils.safestring import mark_safe

from core import fiscal
from core.clock import today
from core.http import fixed_url


def html_attrs(attrs: dict) -> str:
    """A widget's attributes as Django's attrs.html template writes them: in their order,
    True as a bare name, False left out (flatatt sorts them instead)."""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


class PlainTextInput(forms.TextInput):
    """A text box written in Python, with the markup of Django's input template: a
    filter form's few boxes cost the template engine more than the list's rows (issue 20)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            self.input_type,
            name,
            format_html(' value="{}"', value) if value is not None else "",
            html_attrs(self.build_attrs(self.attrs, attrs)),
        )


class PlainSelect(forms.Select):
    """A single select written in Python, with the markup of templates/django/forms/
    widgets/select.html, straight from its choices (no option dictionaries): the template
    engine took longer over a filter's few options than the list's own rows (issue 20)."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = set(self.format_value(value))
        attrs = html_attrs(self.build_attrs(self.attrs, attrs))
        parts = [format_html('<select name="{}"{}>', name, attrs)]
        for group, options in _grouped(self.choices):
            if group is not None:
                parts.append(format_html('<optgroup label="{}">', group))
            for option_value, label in options:
                option_value = "" if option_value is None else str(option_value)
                selected = option_value in wanted
                if selected:
                    wanted = set()  # a single select marks its first match only
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>', option_value, _SELECTED[selected], label
                    )
                )
            if group is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


_SELECTED = {True: mark_safe(" selected"), False: ""}


def _grouped(choices):
    """(group label or None, its options) for a select's choices."""
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield value, label
        else:
            yield None, [(value, label)]


class UnitPicker(forms.Select):
    """The unit filter for a thousand units and a phone: only the chosen unit is written
    into the page; typing in the search box beside it asks the server for the matching
    units of the user's own scope (htmx, `unit_options`), which replace the options.

    Without a script the box still offers "all units" and the unit chosen before. The
    search box has no form owner (`form` names no form), so it is not sent as a filter.
    Written in Python, as PlainSelect is: the list's filter is on every list page."""

    chosen = None  # the unit the field cleaned (core.forms.UnitFilterField), if any

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.chosen if self.chosen and str(self.chosen.pk) == str(value) else None
        if chosen is None and value not in (None, "") and hasattr(self.choices, "queryset"):
            chosen = self.choices.queryset.filter(pk=value).first()
        empty_label = getattr(self.choices.field, "empty_label", None) or ""
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<span class="unit-picker">'
            '<input type="search" name="q" form="unit-search-{name}" class="unit-search"'
            ' autocomplete="off" placeholder="พิมพ์ชื่อหรืออักษรย่อ" aria-label="ค้นหา{label}"'
            ' hx-get="{options}" hx-trigger="input changed delay:300ms, search"'
            ' hx-target="next select" hx-swap="innerHTML" hx-sync="this:replace"'
            """ hx-vals='{{"empty": "{empty_js}"}}'>"""
            '<select name="{name}"{attrs}><option value="">{empty}</option>{chosen}</select>'
            "</span>",
            name=name,
            label=empty_label or "หน่วยงาน",
            options=fixed_url("unit_options"),
            empty_js=escapejs(empty_label),
            attrs=html_attrs(attrs),
            empty=empty_label,
            chosen=format_html(
                '<option value="{}" selected>{}</option>', chosen.pk, chosen.display_name
            )
            if chosen
            else "",
        )


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
            html_attrs(text_attrs),
            name,
            iso,
            static("js/thai_date.js"),
        )
