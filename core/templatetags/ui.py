"""Small template helpers that are not about Thai formatting."""

from django import template

from core.http import fixed_url

register = template.Library()


@register.simple_tag(name="fixed_url")
def fixed_url_tag(name: str) -> str:
    """`{% url name %}` for a page without arguments (the menu's links, a list's buttons),
    reversed once per process: core.http.fixed_url."""
    return fixed_url(name)


@register.filter
def get_item(mapping, key):
    """`{{ row.errors|get_item:"name" }}`: a dict value by a variable key."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.filter
def indent(depth) -> str:
    """Left padding for a tree row of the given depth."""
    try:
        return f"{int(depth) * 1.6:.1f}rem"
    except (TypeError, ValueError):
        return "0rem"


@register.filter
def is_list(value) -> bool:
    return isinstance(value, list | tuple)
