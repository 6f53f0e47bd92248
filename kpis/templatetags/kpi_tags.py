"""Figures of the KPI pages: amounts as officials write them."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def amount(value) -> str:
    """734075 → "734,075"; 92.50 → "92.5"; None → "-" (nothing, as seed 003 prints it)."""
    if value in (None, ""):
        return "-"
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number:,.2f}".rstrip("0")


PREFIX_UNITS = {"ร้อยละ", "ระดับ"}


@register.filter
def measured(value, unit_of_measure: str) -> str:
    """ "734,075 คน", but "ร้อยละ 80" and "ระดับ 5" as seed 003 writes them."""
    if value in (None, ""):
        return "-"
    if unit_of_measure.strip() in PREFIX_UNITS:
        return f"{unit_of_measure} {amount(value)}"
    return f"{amount(value)} {unit_of_measure}"
