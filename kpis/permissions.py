"""KPI rules for the policy (orgs.permissions).

Everyone sees the KPIs of the units their roles cover (ป.ย.ป. and the
ministry's executives hold their roles at the ministry, so they see all);
the unit's staff and director enter its monthly results and import its KPI
workbook. The evaluation office that compiles the report
(settings.KPI_EVALUATION_UNITS, สำนักตรวจและประเมินผล) imports the workbook of
every unit.
"""

from django.conf import settings

from orgs.models import ENTRY_ROLES, OrgUnit, User
from orgs.permissions import grant_over, grants_for, rule, sees_everything

_EVALUATION_CACHE = "_kpis_evaluation_office"


@rule("kpi.report")
def _kpi_report(user, obj=None) -> bool:
    """The monthly report (its rows are filtered to the units the user covers)."""
    return sees_everything(user) or bool(grants_for(user))


@rule("kpi.view")
def _kpi_view(user, kpi) -> bool:
    return sees_everything(user) or grant_over(user, kpi.unit) is not None


@rule("kpi.enter")
def _kpi_enter(user, unit) -> bool:
    """Enter a unit's monthly results: its staff or director (or above it), or None: any unit."""
    if sees_everything(user):
        return True
    if unit is None:
        return any(g.role in ENTRY_ROLES for g in grants_for(user))
    return grant_over(user, unit, roles=ENTRY_ROLES) is not None


@rule("kpi.import")
def _kpi_import(user, unit) -> bool:
    """Import a KPI workbook's rows of `unit` (None: the upload page at all): the unit's
    own staff and director, or the evaluation office for every unit."""
    return _kpi_enter(user, unit) or in_evaluation_office(user)


def in_evaluation_office(user: User) -> bool:
    """Staff or director at (or within) a unit of settings.KPI_EVALUATION_UNITS; asked
    once per user object, like the grants."""
    cached = getattr(user, _EVALUATION_CACHE, None)
    if cached is None:
        grants = [g for g in grants_for(user) if g.role in ENTRY_ROLES]
        paths = []
        if grants:
            paths = OrgUnit.objects.filter(code__in=settings.KPI_EVALUATION_UNITS).values_list(
                "path", flat=True
            )
        cached = any(g.unit_path.startswith(path) for g in grants for path in paths)
        setattr(user, _EVALUATION_CACHE, cached)
    return cached
