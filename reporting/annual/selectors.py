"""Reads of annual achievement reports: which plans report for a year, the
form's indicator rows, the linked projects' figures, and the export's rows.
Every list is one query (or a fixed few), whatever its length."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from approvals.models import ItemStatus
from approvals.revisions import approved_once
from core import fiscal
from orgs.models import OrgUnit, User
from orgs.permissions import can, unit_scope_q
from projects.models import Level3Indicator, Level3IndicatorTarget, Level3Plan, Project
from windows.models import Window, WindowKind

from ..models import AnnualIndicatorResult, AnnualReport, QuarterlyReport

STATE_NOT_STARTED = "not_started"
STATE_LABELS = {STATE_NOT_STARTED: "ยังไม่เริ่มรายงาน", **dict(ItemStatus.choices)}


def current_report_year(on: date) -> int:
    """The plan year being reported on `on`: the one before the fiscal year of today
    (seed 001: the achievements of year N-1 are reported from 1 October N-1)."""
    return fiscal.fiscal_year_of(on) - 1


def plans_due(*, year: int) -> QuerySet[Level3Plan]:
    """Approved level-3 plans in force in `year` (พ.ศ.): each reports once for that year."""
    return Level3Plan.objects.filter(approved_once(), start_year__lte=year, end_year__gte=year)


def plans_visible_to(user: User) -> Q:
    """Plans whose owner unit, or one of whose co-responsible units, the user covers."""
    by_co_unit = Level3Plan.objects.filter(unit_scope_q(user, field="co_units")).values("pk")
    return unit_scope_q(user, field="owner_unit") | Q(pk__in=by_co_unit)


def annual_rows_for(user: User, *, year: int, unit: OrgUnit | None = None) -> list[Level3Plan]:
    """The plans the user sees that must report for `year`, with their report's state
    and the deadline of the window that concerns each (three queries)."""
    rows = list(
        _plans_with_report(
            user=user,
            year=year,
            unit=unit,
            fields={
                "report_id": "pk",
                "report_status": "status",
                "report_revision": "revision",
                "report_updated_at": "updated_at",
            },
        )
        .annotate(indicator_count=Count("indicators", distinct=True))
        .order_by("owner_unit__path", "name")
    )
    windows = annual_windows(year=year)
    for row in rows:
        row.state = row.report_status or STATE_NOT_STARTED
        row.state_label = STATE_LABELS[row.state]
        if row.state != ItemStatus.APPROVED and (row.report_revision or 1) > 1:
            # The approved revision still counts while the new one is drafted or in the chain.
            row.state = ItemStatus.APPROVED
            row.state_label = f"อนุมัติแล้ว (ฉบับแก้ไขที่ {row.report_revision}: {row.state_label})"
        row.window = window_for_unit(windows, row.owner_unit)
        row.can_edit = can(user, "annualreport.edit", row)  # grants are cached: no query
    return rows


def annual_windows(*, year: int) -> list[Window]:
    """The annual-report windows of `year`'s achievements (fiscal year `year + 1`)."""
    return list(
        Window.objects.filter(fiscal_year=year + 1, kind=WindowKind.ANNUAL_REPORT)
        .prefetch_related("units")
        .order_by("-opens_on")
    )


def window_for_unit(windows: list[Window], unit: OrgUnit) -> Window | None:
    """In memory, as `windows.annual_report_window`: a window naming the unit (or a
    unit above it) wins over the general one."""
    specific = [w for w in windows if any(unit.path.startswith(u.path) for u in w.units.all())]
    general = [w for w in windows if not w.units.all()]
    return (specific or general or [None])[0]


def plans_due_in_window(window: Window) -> QuerySet[Level3Plan]:
    """The plans that report in this annual-report window: those of the units it names,
    or (a general window) those of units no other window of its kind names."""
    plans = plans_due(year=window.fiscal_year - 1)
    named = list(window.units.all())
    if named:
        q = Q()
        for unit in named:
            q |= Q(owner_unit__path__startswith=unit.path)
        return plans.filter(q)
    others = Window.objects.filter(
        fiscal_year=window.fiscal_year, kind=WindowKind.ANNUAL_REPORT, units__isnull=False
    ).exclude(pk=window.pk)
    for path in OrgUnit.objects.filter(pk__in=others.values("units")).values_list(
        "path", flat=True
    ):
        plans = plans.exclude(owner_unit__path__startswith=path)
    return plans


def units_not_reported(window: Window) -> dict[int, int]:
    """For an annual-report window: owner unit id → plans due with no report sent up."""
    sent = (
        AnnualReport.objects.filter(year=window.fiscal_year - 1)
        .filter(Q(status=ItemStatus.SUBMITTED) | approved_once())
        .values("plan")
    )
    rows = (
        plans_due_in_window(window)
        .exclude(pk__in=sent)
        .values("owner_unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["owner_unit"]: row["n"] for row in rows}


def indicator_rows(*, plan: Level3Plan, year: int) -> list[Level3Indicator]:
    """The plan's indicators with their target for `year` (one query)."""
    targets = Level3IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year=year)
    return list(
        Level3Indicator.objects.filter(plan=plan)
        .annotate(target_value=Subquery(targets.values("value")[:1]))
        .order_by("position", "pk")
    )


def percent_of_target(result: Decimal | None, target: Decimal | None) -> Decimal | None:
    """The result as a per cent of the target (two decimals); None when either is missing
    or the target is zero."""
    if result is None or not target:
        return None
    return (Decimal(result) * 100 / Decimal(target)).quantize(Decimal("0.01"))


def linked_projects(*, plan: Level3Plan, year: int) -> list[Project]:
    """The projects that name the plan in M1 and run in `year`, each with its latest
    report sent up (progress, round, results): one query with subqueries."""
    start, end = fiscal.fiscal_year_bounds(year)
    latest = QuarterlyReport.objects.filter(
        project=OuterRef("pk"),
        fiscal_year__lte=year,
        status__in=[ItemStatus.SUBMITTED, ItemStatus.APPROVED],
    ).order_by("-fiscal_year", "-quarter")
    return list(
        Project.objects.filter(level3_plans=plan)
        .filter(approved_once())
        .filter(Q(fiscal_year=year) | Q(start_date__lte=end, end_date__gte=start))
        .select_related("owner_unit")
        .annotate(
            latest_progress=Subquery(latest.values("progress_percent")[:1]),
            latest_fiscal_year=Subquery(latest.values("fiscal_year")[:1]),
            latest_quarter=Subquery(latest.values("quarter")[:1]),
            latest_result=Subquery(latest.values("result")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
        )
        .order_by("code")
    )


def export_indicator_rows(*, plan_ids: list[int], year: int) -> QuerySet[Level3Indicator]:
    """Every indicator of the plans with its target for `year` and the reported result
    and note (one query)."""
    targets = Level3IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year=year)
    results = AnnualIndicatorResult.objects.filter(
        indicator=OuterRef("pk"), report__year=year, report__plan=OuterRef("plan")
    )
    return (
        Level3Indicator.objects.filter(plan_id__in=plan_ids)
        .select_related("plan__owner_unit")
        .annotate(
            target_value=Subquery(targets.values("value")[:1]),
            result_value=Subquery(results.values("result_value")[:1]),
            result_note=Subquery(results.values("note")[:1]),
        )
        .order_by("plan__owner_unit__path", "plan__name", "plan_id", "position", "pk")
    )


def export_plan_rows(*, user: User, year: int, unit: OrgUnit | None) -> list[Level3Plan]:
    """The plans of the year the user sees, with their report's texts (one query)."""
    fields = {f"report_{name}": name for name in ["status", "summary", "problems", "suggestions"]}
    rows = _plans_with_report(user=user, year=year, unit=unit, fields=fields)
    return list(rows.order_by("owner_unit__path", "name", "pk"))


def _plans_with_report(*, user: User, year: int, unit: OrgUnit | None, fields: dict[str, str]):
    """The plans due for `year` that the user sees (within `unit`), each annotated with
    its report's `fields` (annotation name → report field)."""
    reports = AnnualReport.objects.filter(plan=OuterRef("pk"), year=year).order_by()
    rows = (
        plans_due(year=year)
        .filter(plans_visible_to(user))
        .select_related("owner_unit")
        .annotate(**{name: Subquery(reports.values(f)[:1]) for name, f in fields.items()})
    )
    if unit is not None:
        rows = rows.filter(owner_unit__path__startswith=unit.path)
    return rows
