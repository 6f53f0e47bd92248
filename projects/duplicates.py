"""Likely duplicates (seed 002 names duplicate entries as a main problem).

A project is a likely duplicate of another of the same fiscal year when they
share the unit and have near-identical names, share a GFMIS code, or carry
the same name in different units. Names are compared after folding spaces,
quotes and the word "โครงการ" (difflib's ratio, standard library).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db.models import Q

from orgs.models import OrgUnit

from .models import Project

SIMILAR_NAME = 0.85
_NOISE = re.compile(r"[\s\"'“”‘’()\[\].,:;\-–]+")


def normalise_name(name: str) -> str:
    return _NOISE.sub("", name.replace("โครงการ", "")).lower()


@dataclass(frozen=True)
class LikelyDuplicate:
    project: Project
    reason: str


class LikelyDuplicatesFound(ValidationError):
    """A new project looks like existing ones the user has not confirmed are different."""

    def __init__(self, found: list[LikelyDuplicate]):
        self.found = found
        codes = ", ".join(d.project.code for d in found)
        super().__init__(f"มีโครงการที่อาจซ้ำกัน ({codes}) กรุณาตรวจสอบก่อนสร้างโครงการใหม่")


def likely_duplicates_of_new(
    *, unit: OrgUnit, fiscal_year: int, name: str, gfmis_code: str = ""
) -> list[LikelyDuplicate]:
    """What a project about to be created would duplicate (checked before a code is issued)."""
    draft = Project(owner_unit=unit, fiscal_year=fiscal_year, name=name, gfmis_code=gfmis_code)
    return likely_duplicates(draft)


def likely_duplicates(project: Project) -> list[LikelyDuplicate]:
    """Other projects of the same year that look like this one (one query). A deleted
    draft is gone from the table, so it no longer counts."""
    same_year = Project.objects.filter(fiscal_year=project.fiscal_year)
    if project.pk:
        same_year = same_year.exclude(pk=project.pk)
    q = Q(owner_unit=project.owner_unit) | Q(name__iexact=project.name.strip())
    if project.gfmis_code:
        q |= Q(gfmis_code=project.gfmis_code)
    mine = normalise_name(project.name)
    found = []
    for other in same_year.filter(q).select_related("owner_unit").order_by("code")[:500]:
        reason = _reason(project, mine, other)
        if reason:
            found.append(LikelyDuplicate(other, reason))
    return found


def _reason(project: Project, mine: str, other: Project) -> str:
    if project.gfmis_code and other.gfmis_code == project.gfmis_code:
        return f"รหัส GFMIS เดียวกัน ({project.gfmis_code})"
    theirs = normalise_name(other.name)
    if other.owner_unit_id != project.owner_unit_id:
        return "ชื่อเดียวกันแต่ต่างหน่วยงาน" if theirs == mine else ""
    if mine and SequenceMatcher(None, mine, theirs).ratio() >= SIMILAR_NAME:
        return "ชื่อใกล้เคียงกันในหน่วยงานและปีงบประมาณเดียวกัน"
    return ""


def unreviewed_duplicates(
    project: Project, found: list[LikelyDuplicate] | None = None
) -> list[LikelyDuplicate]:
    """Likely duplicates the user has not yet confirmed as different projects."""
    found = likely_duplicates(project) if found is None else found
    reviewed = set(project.duplicates_reviewed.get("codes", []))
    return [d for d in found if d.project.code not in reviewed]
