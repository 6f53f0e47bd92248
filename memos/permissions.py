"""The policy's rules for memos (registered in `orgs.permissions`).

Each kind has its writers: the letters (the quarterly memos, the circular, the window
notice, the entry approval) are ป.ย.ป.'s; the monthly KPI report (seed 003) is the
evaluation office's (สำนักตรวจและประเมินผล: `settings.KPI_REPORT_UNIT`, its staff and
director, or anyone holding those roles at a group inside it). The administrator writes
every kind. Issued memos of every kind are read by ป.ย.ป., the administrator and the
executives they go to (the Permanent Secretary, the cluster heads), and by a kind's
writers; drafts only by their writers.

`memo.manage` and `memo.view` take a memo, a kind, or nothing ("some kind at all": may
the user open the register, draft anything).
"""

from __future__ import annotations

from django.conf import settings

from orgs.models import ENTRY_ROLES, OrgUnit, Role, User
from orgs.permissions import grants_for, has_role, rule

from .models import Memo, MemoKind

REPORT_KINDS = frozenset({MemoKind.KPI_REPORT})
LETTER_KINDS = frozenset(MemoKind.values) - REPORT_KINDS
READERS = (Role.PYP_OFFICER, Role.ADMIN, Role.PERMANENT_SECRETARY, Role.CLUSTER_HEAD)


def evaluation_office() -> OrgUnit | None:
    """The unit that compiles the monthly KPI report (seed 003: สำนักตรวจและประเมินผล)."""
    return OrgUnit.objects.filter(code=settings.KPI_REPORT_UNIT).first()


def _in_evaluation_office(user: User) -> bool:
    grants = [g for g in grants_for(user) if g.role in ENTRY_ROLES]
    if not grants:
        return False
    office = evaluation_office()
    return office is not None and any(g.unit_path.startswith(office.path) for g in grants)


def managed_kinds(user: User) -> set[str]:
    """The kinds of memo the user drafts and issues."""
    kinds: set[str] = set()
    if has_role(user, Role.PYP_OFFICER, Role.ADMIN):
        kinds |= LETTER_KINDS
    if has_role(user, Role.ADMIN) or _in_evaluation_office(user):
        kinds |= REPORT_KINDS
    return kinds


def readable_kinds(user: User) -> set[str]:
    """The kinds of memo whose issued copies the user reads."""
    if has_role(user, *READERS):
        return set(MemoKind.values)
    return managed_kinds(user)


def _kind(obj) -> str | None:
    return obj.kind if isinstance(obj, Memo) else obj


@rule("memo.manage")
def _memo_manage(user, obj=None) -> bool:
    """Drafting, editing and issuing: a kind's writers (see the module's docstring)."""
    kinds = managed_kinds(user)
    return bool(kinds) if obj is None else _kind(obj) in kinds


@rule("memo.view")
def _memo_view(user, obj=None) -> bool:
    """The register and issued memos: the readers, and each kind's writers."""
    kinds = readable_kinds(user)
    return bool(kinds) if obj is None else _kind(obj) in kinds
