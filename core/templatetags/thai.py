"""Thai display filters, a template builtin (no ``{% load %}`` needed).

Thin wrappers over :mod:`core.fiscal`. Like Django's own filters they
render "" for missing or unusable values instead of raising mid-page.
"""

from __future__ import annotations

from datetime import date
from decimal import InvalidOperation

from django import template

from core import fiscal

register = template.Library()

_EMPTY = (None, "")


def _date(value, **options) -> str:
    if value in _EMPTY:
        return ""
    return fiscal.format_thai_date(value, **options)


@register.filter
def thai_date(value) -> str:
    """28 มีนาคม 2566"""
    return _date(value)


@register.filter
def thai_date_abbr(value) -> str:
    """28 มี.ค. 66"""
    return _date(value, style="abbr")


@register.filter
def thai_month_year(value) -> str:
    """มีนาคม 2566"""
    return _date(value, style="month_year")


@register.filter
def thai_date_thai(value) -> str:
    """๒๘ มีนาคม ๒๕๖๖"""
    return _date(value, thai_numerals=True)


# Swapping digits adds no markup, so already-safe input may stay safe.
@register.filter(is_safe=True)
def thai_digits(value) -> str:
    """Arabic digits → Thai digits."""
    if value in _EMPTY:
        return ""
    return fiscal.thai_digits(value)


@register.filter(is_safe=True)
def thai_digits_text(value) -> str:
    """Thai digits in running text, but not in Latin names such as M7: "M7 ๓๐ วัน"."""
    if value in _EMPTY:
        return ""
    return fiscal.thai_digits_in_text(value)


@register.filter
def be_year(value) -> str:
    """พ.ศ. year of a ค.ศ. year or of a date/datetime."""
    if value in _EMPTY:
        return ""
    if isinstance(value, date):
        return str(fiscal.be_year(fiscal.to_local_date(value).year))
    try:
        return str(fiscal.be_year(int(value)))
    except (TypeError, ValueError):
        return ""


@register.filter
def baht(value, decimals: int = 2) -> str:
    """1,234,567.50; ``|baht:0`` for whole baht."""
    if value in _EMPTY:
        return ""
    try:
        return fiscal.format_baht(value, decimals=int(decimals))
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def percent(value, decimals: int = 2) -> str:
    """12.82 (value already ×100); ``|percent:1`` for one decimal."""
    if value in _EMPTY:
        return ""
    try:
        return fiscal.format_percent(value, decimals=int(decimals))
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def quarter_label(value) -> str:
    """ไตรมาส 1/2566 for a :class:`core.fiscal.Quarter`."""
    if value in _EMPTY:
        return ""
    return value.label


@register.filter
def cycle_round_label(round_, cycle) -> str:
    """A fiscal round as a project of `cycle` calls it: calendar-year projects
    see their own quarter ("ไตรมาส 4/2565 (ปีปฏิทิน)")."""
    if not round_ or not cycle:
        return ""
    return fiscal.cycle_label(round_, cycle)
