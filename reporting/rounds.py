"""Quarterly rounds: which projects a round holds and how each stands.

DESIGN.md section 5 and seed 000: a round (fiscal year N, quarter q) holds the
projects entered for year N and those of earlier years whose period overlaps
the quarter. Each is, for the round:
- reported: its period overlaps the quarter and its report is submitted or later;
- not_reported: its period overlaps the quarter, no such report;
- calendar_not_in_round: a calendar-year project of year N outside the quarter
  (seed 000's 15 projects of สปส.);
- not_due: a fiscal-year project of year N outside the quarter ("Not due Date",
  seed 000's 18 projects).
Only approved project entries count (or ones that were approved and are being
revised). Everything is decided in one SQL query.
"""

from django.db.models import Case, CharField, F, FilteredRelation, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from approvals.models import ItemStatus
from approvals.revisions import approved_once
from core.fiscal import Quarter
from projects.models import Project

REPORTED = "reported"
NOT_REPORTED = "not_reported"
NOT_DUE = "not_due"
CALENDAR_NOT_IN_ROUND = "calendar_not_in_round"
STATE_LABELS = {
    REPORTED: "รายงานแล้ว",
    NOT_REPORTED: "ยังไม่รายงาน",
    NOT_DUE: "ไม่อยู่ในช่วงเวลาดำเนินการ (Not due)",
    CALENDAR_NOT_IN_ROUND: "โครงการตามปีปฏิทินที่ไม่อยู่ในรอบ",
}
COUNTS_AS_REPORTED = [ItemStatus.SUBMITTED, ItemStatus.APPROVED]


def overlaps_q(round_: Quarter) -> Q:
    return Q(start_date__lte=round_.end, end_date__gte=round_.start)


def sent_q() -> Q:
    """A report that counts as reported (sent or approved, or approved once), on
    round_projects' annotations: round_state's condition, also for filtered counts."""
    return Q(report_status__in=COUNTS_AS_REPORTED)


def calendar_q() -> Q:
    """A project run by calendar year: outside a round it is CALENDAR_NOT_IN_ROUND."""
    return Q(cycle="calendar")


def due_q(round_: Quarter) -> Q:
    """The projects due in the round (round_state reported or not reported, below), as a
    filter that needs no join on the reports."""
    return approved_once() & overlaps_q(round_) & Q(fiscal_year__lte=round_.fiscal_year)


def round_projects(
    *, fiscal_year: int, quarter: int, projects: QuerySet | None = None
) -> QuerySet[Project]:
    """The round's population, each project annotated with `round_state`, and its
    report's `report_id`, `report_current_status` (where its latest revision stands),
    and `report_status` and `report_progress` as live figures count them (the last
    approved revision's, once there is one); None without a report."""
    round_ = Quarter(fiscal_year, quarter)
    in_round = overlaps_q(round_)
    entered = approved_once()
    population = (projects if projects is not None else Project.objects.all()).filter(
        entered, Q(fiscal_year=fiscal_year) | (Q(fiscal_year__lt=fiscal_year) & in_round)
    )
    # A LEFT JOIN on the round's report (at most one: unique_report_per_round), not
    # correlated subqueries: the planner can hash-join it, and estimates stay sane.
    # A report with an approved revision counts as approved, with that revision's
    # progress, while a new revision is drafted or climbs the chain.
    approved_before = Q(round_report__approved_progress_percent__isnull=False)
    return population.annotate(
        round_report=FilteredRelation(
            "reports", condition=Q(reports__fiscal_year=fiscal_year, reports__quarter=quarter)
        ),
        report_status=Case(
            When(approved_before, then=Value(ItemStatus.APPROVED.value)),
            default=F("round_report__status"),
            output_field=CharField(),
        ),
        report_current_status=F("round_report__status"),
        report_id=F("round_report__id"),
        report_progress=Coalesce(
            "round_report__approved_progress_percent", "round_report__progress_percent"
        ),
    ).annotate(round_state=round_state_case(round_, **{s: Value(s) for s in STATE_LABELS}))


def round_state_case(
    round_: Quarter, *, reported, not_reported, calendar_not_in_round, not_due
) -> Case:
    """round_state's CASE on round_projects' annotations, each state taking the value
    given under its name: round_projects names the states, the five-band summary numbers
    them and gives the reported their band (reporting.summaries)."""
    in_round = overlaps_q(round_)
    return Case(
        When(in_round & sent_q(), then=reported),
        When(in_round, then=not_reported),
        When(calendar_q(), then=calendar_not_in_round),
        default=not_due,
    )


def projects_due(
    *, fiscal_year: int, quarter: int, projects: QuerySet | None = None
) -> QuerySet[Project]:
    """Projects that must report in the round (their period overlaps the quarter)."""
    return round_projects(fiscal_year=fiscal_year, quarter=quarter, projects=projects).filter(
        round_state__in=[REPORTED, NOT_REPORTED]
    )
