"""The one permission policy: every view, API endpoint, task and selector asks here.

A user's *grants* are the roles they hold at units, plus the roles delegated
to them while the delegation runs (each such grant remembers for whom it is
held). A grant covers its unit's whole subtree. On top of that,
django-guardian holds per-object grants (an item shared with a co-responsible
unit, an extension for one item): `can()` honours both.

Rules are registered per action name (`"project.view"`, …) by the apps that
own the objects, so this module knows units and roles but no app's models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import Q, QuerySet

from core import clock

from .models import Delegation, OrgUnit, Role, RoleAssignment, User


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    unit_path: str
    acting_for_id: int | None = None
    acting_kind: str = ""

    def covers(self, unit: OrgUnit) -> bool:
        return unit.path.startswith(self.unit_path)


_CACHE_ATTR = "_emenscr_grants"


# The user's roles today, own and delegated, in one query: RoleAssignment.active() and
# Delegation.active() (orgs/models.py) in SQL, own grants first. Every page asks for them;
# the two ORM querysets cost more to build than to run (issue 20).
_GRANTS_SQL = f"""
    SELECT a.role, a.unit_id, u.path, NULL, '', 0, a.id
    FROM {RoleAssignment._meta.db_table} a JOIN {OrgUnit._meta.db_table} u ON u.id = a.unit_id
    WHERE a.user_id = %(user)s
      AND (a.valid_from IS NULL OR a.valid_from <= %(on)s)
      AND (a.valid_until IS NULL OR a.valid_until >= %(on)s)
    UNION ALL
    SELECT a.role, a.unit_id, u.path, a.user_id, d.kind, 1, d.id
    FROM {Delegation._meta.db_table} d
    JOIN {RoleAssignment._meta.db_table} a ON a.id = d.assignment_id
    JOIN {OrgUnit._meta.db_table} u ON u.id = a.unit_id
    WHERE d.delegate_id = %(user)s
      AND d.starts_on <= %(on)s AND d.ends_on >= %(on)s AND d.revoked_at IS NULL
      AND (a.valid_from IS NULL OR a.valid_from <= %(on)s)
      AND (a.valid_until IS NULL OR a.valid_until >= %(on)s)
    ORDER BY 6, 7
"""


def grants_for(user: User) -> list[Grant]:
    """The user's roles today, own and delegated; cached on the user object."""
    if not user or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    with connections[RoleAssignment.objects.db].cursor() as cursor:
        cursor.execute(_GRANTS_SQL, {"user": user.pk, "on": clock.today()})
        grants = [Grant(*row[:5]) for row in cursor.fetchall()]
    setattr(user, _CACHE_ATTR, grants)
    return grants


def reader_of(unit: OrgUnit) -> User:
    """An official who exists only in memory, holding the staff role at `unit`: reads
    exactly what that unit's own staff read. For a document a unit compiles about its
    whole subtree (the monthly KPI report of สป.รง.), whoever drafts it."""
    reader = User(username=f"reader-of-{unit.code}", is_active=True)
    setattr(reader, _CACHE_ATTR, [Grant(Role.STAFF, unit.pk, unit.path)])
    return reader


def forget_grants(user: User) -> None:
    """Drop the cached grants (after roles or delegations change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user: User) -> set[str]:
    return {g.role for g in grants_for(user)}


def has_role(user: User, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def sees_everything(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def grant_over(user: User, unit: OrgUnit, *, roles: Iterable[str] | None = None) -> Grant | None:
    """The user's grant (own first, then delegated) covering `unit` in one of `roles`."""
    wanted = set(roles) if roles is not None else None
    matches = [
        g for g in grants_for(user) if (wanted is None or g.role in wanted) and g.covers(unit)
    ]
    matches.sort(key=lambda g: g.acting_for_id is not None)
    return matches[0] if matches else None


def _minimal_paths(paths: Iterable[str]) -> list[str]:
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(p) for p in result):
            result.append(path)
    return result


def unit_scope_q(user: User, *, field: str, roles: Iterable[str] | None = None) -> Q:
    """A Q matching rows whose unit (reached by `field`; "" for units themselves)
    the user's grants cover."""
    if sees_everything(user):
        return Q()
    wanted = set(roles) if roles is not None else None
    paths = _minimal_paths(
        g.unit_path for g in grants_for(user) if wanted is None or g.role in wanted
    )
    if not paths:
        return Q(pk__in=[])
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    q = Q()
    for path in paths:
        q |= Q(**{lookup: path})
    return q


def filter_by_units(
    queryset: QuerySet, user: User, *, field: str, roles: Iterable[str] | None = None
) -> QuerySet:
    """Only the rows the user's roles cover; `field` leads to an OrgUnit."""
    return queryset.filter(unit_scope_q(user, field=field, roles=roles))


def visible_units(user: User) -> QuerySet[OrgUnit]:
    return filter_by_units(OrgUnit.objects.all(), user, field="")


def can_view_unit(user: User, unit: OrgUnit) -> bool:
    return sees_everything(user) or grant_over(user, unit) is not None


# --- object rules ------------------------------------------------------------

Rule = Callable[[User, object], bool]
_RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the rule that answers `can(user, action, obj)`."""

    def register(func: Rule) -> Rule:
        if action in _RULES:
            raise ValueError(f"rule {action!r} registered twice")
        _RULES[action] = func
        return func

    return register


def can(user: User, action: str, obj=None) -> bool:
    """May `user` do `action` to `obj`? Rules first, then guardian's object grants."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    func = _RULES.get(action)
    if func is None:
        raise KeyError(f"no permission rule for {action!r}")
    if func(user, obj):
        return True
    perm = _GUARDIAN_PERMS.get(action)
    if not perm or obj is None or user.is_superuser:
        # Only a per-object grant counts here. A superuser's has_perm() is True for every
        # permission, which would let the administrator edit and submit any unit's items
        # where the rule above said no (tests/security/test_access_matrix.py).
        return False
    return user.has_perm(perm, obj)


def require(user: User, action: str, obj=None) -> None:
    """Raise PermissionDenied (HTTP 403) unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied("คุณไม่มีสิทธิ์ดำเนินการนี้")


# Actions that a per-object guardian permission can also allow: action → perm.
_GUARDIAN_PERMS: dict[str, str] = {}


def object_permission(action: str, perm: str) -> None:
    """Let guardian's per-object `perm` (e.g. "projects.view_project") allow `action`."""
    _GUARDIAN_PERMS[action] = perm


@rule("unit.view")
def _unit_view(user: User, unit: OrgUnit) -> bool:
    return can_view_unit(user, unit)


@rule("unit.manage")
def _unit_manage(user: User, unit: OrgUnit | None) -> bool:
    return sees_everything(user) or any(g.role == Role.ADMIN for g in grants_for(user))
