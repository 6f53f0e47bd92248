"""Frozen round figures: when a round closes, its summary is kept as it was, and with
it the comparison's figures per owning unit (RoundTallies).

The memo and the archive cite the figures the Permanent Secretary approved;
late approvals still move the live view. A round is frozen once (the first
freeze wins: running the task twice changes nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from core.clock import today
from core.fiscal import Quarter
from core.outbox import outbox_enqueue
from orgs.models import OrgUnit, UnitKind, User

from .compare import tallies_to_keep
from .models import RoundSnapshot, RoundTallies
from .revisions import approved_texts, report_revising
from .rounds import REPORTED
from .summaries import five_band_summary, round_with_bands


def _departments() -> list[tuple[str, str]]:
    """(path, code) of every department, deepest first, to find a unit's department."""
    units = OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT).values_list("path", "code")
    return sorted(units, key=lambda u: -len(u[0]))


def _project_rows(*, fiscal_year: int, quarter: int, only: Q | None = None) -> list[dict]:
    rows = (
        round_with_bands(fiscal_year=fiscal_year, quarter=quarter)
        .annotate(problems=F("round_report__problems"))
        .filter(only or Q())
        .order_by("owner_unit__path", "code")
        .values_list(
            "pk",
            "code",
            "name",
            "owner_unit__code",
            "owner_unit__path",
            "round_state",
            "report_progress",
            "band",
            "problems",
            "report_id",
            "round_report__revision",
            "report_current_status",
        )
    )
    departments = _departments()
    approved = approved_texts({r[-3]: r[-2] for r in rows if report_revising(*r[-3:])})
    result = []
    for pk, code, name, unit, path, state, progress, band, problems, report_id, *_ in rows:
        reported = state == REPORTED
        problems = approved.get(report_id, {}).get("problems", problems)
        result.append(
            {
                "id": pk,
                "code": code,
                "name": name,
                "unit": unit,
                "department": next((c for p, c in departments if path.startswith(p)), None),
                "state": state,
                "progress": str(progress) if reported and progress is not None else None,
                "band": band if reported else None,
                "problems": (problems or "") if reported and band != "100" else "",
            }
        )
    return result


def round_figures(*, fiscal_year: int, quarter: int) -> dict:
    """The round's live figures: the five-band summary and every project's state and band."""
    return {
        "five_band": five_band_summary(fiscal_year=fiscal_year, quarter=quarter),
        "projects": _project_rows(fiscal_year=fiscal_year, quarter=quarter),
        "taken_on": today().isoformat(),
    }


def memo_round_figures(*, fiscal_year: int, quarter: int) -> dict:
    """Live figures for a quarterly memo, with only the projects it cites: every reported
    one while the list is short enough to print, else the unfinished ones with problems
    (the memo's paragraphs quote them)."""
    summary = five_band_summary(fiscal_year=fiscal_year, quarter=quarter)
    only = Q(round_state=REPORTED)
    if summary["population"]["reported"] > settings.MEMO_PRINTED_ROWS:
        only &= ~Q(band="100") & ~Q(round_report__problems="")
    rows = _project_rows(fiscal_year=fiscal_year, quarter=quarter, only=only)
    return {"five_band": summary, "projects": rows, "taken_on": today().isoformat()}


def round_snapshot_take(
    *, fiscal_year: int, quarter: int, reason: str, user: User | None = None
) -> tuple[RoundSnapshot, bool]:
    """Freeze the round's figures unless already frozen; returns (snapshot, created)."""
    existing = RoundSnapshot.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
    if existing:
        return existing, False
    data = round_figures(fiscal_year=fiscal_year, quarter=quarter)
    tallies = tallies_to_keep(Quarter(fiscal_year, quarter))
    try:
        with transaction.atomic():
            snapshot = RoundSnapshot.objects.create(
                fiscal_year=fiscal_year, quarter=quarter, data=data, reason=reason, taken_by=user
            )
            RoundTallies.objects.create(
                snapshot=snapshot, units=tallies, groups=data["five_band"]["groups"]
            )
    except IntegrityError:  # another worker froze it a moment ago
        return RoundSnapshot.objects.get(fiscal_year=fiscal_year, quarter=quarter), False
    return snapshot, True


def round_freeze_later(*, fiscal_year: int, quarter: int, reason: str, user_id=None) -> None:
    """Queue the freeze in Celery through the outbox (published once the transaction commits)."""
    outbox_enqueue("reporting.tasks.freeze_round", fiscal_year, quarter, reason, user_id)


def figures_for(*, fiscal_year: int, quarter: int, want_live: bool, live=round_figures):
    """(figures, snapshot, frozen): the frozen figures when the round has them and
    the live ones were not asked for; else `live(fiscal_year=, quarter=)`."""
    snapshot = RoundSnapshot.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
    if snapshot and not want_live:
        return snapshot.data, snapshot, True
    return live(fiscal_year=fiscal_year, quarter=quarter), snapshot, False
