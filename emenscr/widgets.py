"""Widgets shared by the apps' forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


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
