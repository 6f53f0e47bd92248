"""Whom a letter of the sender's ministry goes to, read from the unit tree (one query).

Seed 000's circular ว ๗๗๖ names the organisations ("ถึง กรมการจัดหางาน …
และหน่วยงานในสำนักงานปลัดกระทรวงแรงงาน"); seed 001's notices ว ๒๓ and ว ๓๐
name the positions ("เรียน ผู้อำนวยการสำนัก/กอง/ศูนย์ ผู้ตรวจสอบภายในกระทรวง …").
"""

from __future__ import annotations

from dataclasses import dataclass

from orgs.models import OrgUnit, UnitKind, ancestor_paths

# Seed 001: the heads of the divisions of the sender's own department, as one group.
DIVISION_HEADS = "ผู้อำนวยการสำนัก/กอง/ศูนย์"


@dataclass(frozen=True)
class Ministry:
    """The other departments of the sender's ministry, and the sender's own with its divisions."""

    others: list[OrgUnit]
    own: OrgUnit | None
    own_divisions: list[OrgUnit]

    @classmethod
    def of(cls, unit: OrgUnit) -> Ministry:
        root = ancestor_paths(unit.path)[0]
        units = list(
            OrgUnit.objects.filter(
                kind__in=[UnitKind.DEPARTMENT, UnitKind.DIVISION],
                is_active=True,
                path__startswith=root,
            ).order_by("path")
        )
        departments = [u for u in units if u.kind == UnitKind.DEPARTMENT]
        own = next((d for d in departments if unit.path.startswith(d.path)), None)
        divisions = [
            u for u in units if u.kind == UnitKind.DIVISION and own and u.path.startswith(own.path)
        ]
        return cls([d for d in departments if d is not own], own, divisions)


def thai_list(names: list[str]) -> str:
    """ "ก ข และค", as seed 000 and 001 join their addressees."""
    if len(names) < 2:
        return "".join(names)
    return " ".join(names[:-1]) + f" และ{names[-1]}"


def organisations(unit: OrgUnit) -> str:
    """ "กรมการจัดหางาน … สำนักงานประกันสังคม และหน่วยงานในสำนักงานปลัดกระทรวงแรงงาน":
    every other department, then the units of the sender's own (seed 000's ว ๗๗๖)."""
    ministry = Ministry.of(unit)
    names = [d.name_th for d in ministry.others]
    if ministry.own is not None:
        names.append(f"หน่วยงานใน{ministry.own.name_th}")
    return thai_list(names)


def positions(unit: OrgUnit) -> str:
    """ "อธิบดีกรมการจัดหางาน … เลขาธิการสำนักงานประกันสังคม … ผู้อำนวยการสำนัก/กอง/ศูนย์
    ผู้ตรวจสอบภายในกระทรวง …": the head of every other department, then the heads of the
    divisions of the sender's own, the ones with a title of their own by name (seed 001)."""
    ministry = Ministry.of(unit)
    names = [d.head_position for d in ministry.others]
    if ministry.own is not None:
        names.append(DIVISION_HEADS)
        names += [d.head_title for d in ministry.own_divisions if d.head_title and d != unit]
    return thai_list(names)
