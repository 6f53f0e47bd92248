"""Small template helpers that are not about Thai formatting."""

from django import template

register = template.Library()


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
