"""Small template helpers that are not about Thai formatting."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@register.simple_tag
def menu_url(name: str) -> str:
    """`{% url name %}` for a page without arguments, reversed once per process (and
    script prefix and URLconf): the menu's twenty links cost every page about 1.4 ms
    through `{% url %}` (issue 20)."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf)


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
