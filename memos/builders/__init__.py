"""One builder per kind of memo: the figures it needs and the first draft of its text.

A builder takes the memo's context and returns a `Draft`; it reads live data
only through selectors, and writes nothing. Text uses Thai digits, as the
memo prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from orgs.models import OrgUnit, RoleAssignment, User


@dataclass
class Draft:
    subject: str
    addressee: str
    body: list[dict]
    figures: dict
    closing: str = "จึงเรียนมาเพื่อโปรดพิจารณา"
    urgency: str = ""
    is_circular: bool = False
    memo_heading: bool = True
    salutation: str = "เรียน"
    signatory_name: str = ""
    signatory_position: str = ""
    approvals: list[dict] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    contact: str = ""
    department_line: str = ""  # empty: the owner unit's name and telephone (memo_draft)


@dataclass(frozen=True)
class Context:
    """What the user chose when asking for a draft."""

    fiscal_year: int
    unit: OrgUnit
    user: User
    quarter: int | None = None
    window: object | None = None  # windows.Window
    month: int | None = None  # fiscal month of a monthly report (ต.ค. = 1)


Builder = Callable[[Context], Draft]
_BUILDERS: dict[str, Builder] = {}


def builder(kind: str) -> Callable[[Builder], Builder]:
    def register(func: Builder) -> Builder:
        _BUILDERS[kind] = func
        return func

    return register


def build(kind: str, context: Context) -> Draft:
    from . import (  # noqa: F401  (registers the builders)
        entry_approval,
        kpi_report,
        quarter_approval,
        quarter_circular,
        window_notice,
    )

    try:
        return _BUILDERS[kind](context)
    except KeyError:
        raise LookupError(f"no memo builder for {kind!r}") from None


def holder_of(role: str, unit: OrgUnit) -> User | None:
    """Who holds `role` at `unit` now (the first, for a signature line)."""
    assignment = (
        RoleAssignment.objects.active()
        .filter(role=role, unit=unit)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


def signature_of(role: str, unit: OrgUnit, position: str) -> tuple[str, str]:
    """(name in parentheses, position) for a signature block; the name is left for the
    user to type when nobody holds the role."""
    user = holder_of(role, unit)
    name = f"({user.full_name})" if user else "(……………………………………………)"
    return name, (user.position if user and user.position else position)


def phone_of(unit: OrgUnit, user: User) -> str:
    """The telephone a letter prints for its owner unit: the unit's, else the drafter's."""
    return unit.phone or user.phone
