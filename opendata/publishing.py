"""Writing the public copy: only when the engine finally approves something it shows.

`projects_publish` copies approved projects (their live row is the approved revision
at that moment); `reports_publish` keeps each project's latest approved quarter. Both
run inside the approving transaction, in a fixed number of queries per batch, and the
page cache's generation moves once it commits (opendata.cache). A draft, a submission
or a return never reaches these functions.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from approvals.models import ItemStatus
from approvals.services.editing import approval_moments
from projects.models import PlanLevel, Project
from projects.selectors import with_modules
from reporting.models import QuarterlyReport

from .models import PublishedProject

# M1 links the portal shows: the Y1/Y2 targets and the other level-2 plans a project names.
LINK_LEVELS = {
    PlanLevel.MASTER_PLAN_TARGET,
    PlanLevel.SUB_PLAN_TARGET,
    PlanLevel.REFORM_AREA,
    PlanLevel.OTHER_LEVEL2,
}
PROJECT_FIELDS = [
    "revision",
    "code",
    "name",
    "kind",
    "unit",
    "fiscal_year",
    "cycle",
    "programme",
    "start_date",
    "end_date",
    "budget_total",
    "budget_sources",
    "targets",
    "target_codes",
    "level3_plans",
    "areas",
    "approved_at",
]
REPORT_FIELDS = [
    "report_fiscal_year",
    "report_quarter",
    "report_progress",
    "report_disbursed",
    "report_result",
]


def _area_text(area) -> str:
    parts = [
        area.get_level_display(),
        area.region,
        area.province,
        area.district,
        area.subdistrict,
        area.village,
        area.detail,
    ]
    return " ".join(dict.fromkeys(p for p in parts if p))


def _published(project: Project, approved_at) -> PublishedProject:
    targets = [
        {"id": n.pk, "code": n.code, "name": n.name_th, "level": n.get_level_display()}
        for n in sorted(project.plan_nodes.all(), key=lambda n: (n.code, n.pk))
        if n.level in LINK_LEVELS
    ]
    sources = list(project.budget_sources.all())
    return PublishedProject(
        project=project,
        revision=project.revision,
        code=project.code,
        name=project.name,
        kind=project.get_kind_display(),
        unit=project.owner_unit,
        fiscal_year=project.fiscal_year,
        cycle=project.cycle,
        programme=project.programme,
        start_date=project.start_date,
        end_date=project.end_date,
        budget_total=sum((s.amount for s in sources), 0),
        budget_sources=[
            {"kind": s.get_kind_display(), "name": s.source_name, "amount": str(s.amount)}
            for s in sources
        ],
        targets=targets,
        target_codes=" " + " ".join(t["code"] for t in targets if t["code"]) + " ",
        level3_plans=sorted(p.name for p in project.level3_plans.all()),
        areas=[_area_text(a) for a in project.areas.all()],
        approved_at=approved_at,
    )


def projects_publish(*, projects: Iterable[Project]) -> int:
    """Publish (or republish) these approved projects as they stand; their latest quarter
    stays. Projects not approved are skipped. Returns how many were written."""
    fresh = list(
        with_modules(
            Project.objects.filter(
                pk__in=[p.pk for p in projects], status=ItemStatus.APPROVED
            ).order_by("pk")
        )
    )
    moments = approval_moments(items=fresh)
    PublishedProject.objects.bulk_create(
        [_published(p, moments[p.pk]) for p in fresh],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["project"],
        update_fields=PROJECT_FIELDS,
    )
    # A project published for the first time after its reports were approved (approved
    # before the portal, or revised since) takes its latest approved quarter now.
    reports_publish(
        reports=QuarterlyReport.objects.filter(project__in=fresh, status=ItemStatus.APPROVED)
    )
    return len(fresh)


def reports_publish(*, reports: Iterable[QuarterlyReport]) -> int:
    """Make each approved report its project's latest quarter unless a later round's
    report is published already. Returns how many projects changed."""
    latest: dict[int, QuarterlyReport] = {}
    if not isinstance(reports, QuerySet):
        reports = QuarterlyReport.objects.filter(pk__in=[r.pk for r in reports])
    for report in reports.filter(status=ItemStatus.APPROVED).only(
        "project_id", "fiscal_year", "quarter", "progress_percent", "disbursed", "result"
    ):
        held = latest.get(report.project_id)
        if held is None or (report.fiscal_year, report.quarter) > (held.fiscal_year, held.quarter):
            latest[report.project_id] = report
    changed = []
    for row in PublishedProject.objects.filter(pk__in=list(latest)):
        report = latest[row.pk]
        if (row.report_fiscal_year or 0, row.report_quarter or 0) > (
            report.fiscal_year,
            report.quarter,
        ):
            continue
        row.report_fiscal_year, row.report_quarter = report.fiscal_year, report.quarter
        row.report_progress = report.progress_percent
        row.report_disbursed = report.disbursed
        row.report_result = report.result
        changed.append(row)
    # An upsert of the loaded rows, not bulk_update: its CASE per row and field took the
    # ORM seconds to compile for a workbook's thousands of reports (issue 20).
    PublishedProject.objects.bulk_create(
        changed,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["project"],
        update_fields=REPORT_FIELDS,
    )
    return len(changed)


def publish_all() -> tuple[int, int]:
    """Publish every project approved now, with its latest approved quarter
    (`manage.py publish_open_data`: data approved before the portal existed, or outside
    the engine). A project or report
    being revised keeps what was published at its last approval; one the portal never saw
    appears when its revision is approved. Returns (projects, projects with a quarter)."""
    projects = 0
    approved = Project.objects.filter(status=ItemStatus.APPROVED).order_by("pk")
    for start in range(0, approved.count(), 1000):
        projects += projects_publish(projects=list(approved[start : start + 1000]))
    reported = PublishedProject.objects.filter(report_quarter__isnull=False).count()
    return projects, reported
