"""Frozen copies of approved M6 reports and annual reports (approvals.ItemRevision).

A frozen content is plain JSON with Thai labels, so the approved version stays
readable after a new revision changes the report, and a diff needs no old rows.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Prefetch

from approvals.models import ItemRevision, ItemStatus
from approvals.services.editing import items_freeze
from core import fiscal
from orgs.models import User

from .models import (
    AnnualIndicatorResult,
    AnnualReport,
    QuarterlyReport,
    ReportActivityProgress,
    ReportTargetProgress,
)


def _number(value) -> str:
    return "-" if value is None else fiscal.format_baht(value)


def report_content(report: QuarterlyReport) -> dict:
    """M6 of a report (its rows prefetched) as labelled JSON."""
    return {
        "ภาพรวม": {
            "ความก้าวหน้าโครงการ (ร้อยละ)": _number(report.progress_percent),
            "เบิกจ่ายในไตรมาส (บาท)": _number(report.disbursed),
            "สรุปผลการดำเนินงาน": report.result,
            "ปัญหาและอุปสรรค": report.problems,
            "ข้อเสนอแนะ": report.suggestions,
            "ความคืบหน้าต่อแผนระดับที่ ๑": report.contribution_level1,
            "ความคืบหน้าต่อแผนระดับที่ ๒": report.contribution_level2,
            "ความคืบหน้าต่อแผนระดับที่ ๓": report.contribution_level3,
        },
        "เป้าหมายและตัวชี้วัด": [
            f"{t.target.description}: {_number(t.result_value)} {t.progress}".strip()
            for t in report.target_progress.all()
        ],
        "กิจกรรม": [
            f"{a.activity.name}: ร้อยละ {_number(a.progress_percent)} {a.note}".strip()
            for a in report.activity_progress.all()
        ],
    }


def _with_rows(reports: list[QuarterlyReport]) -> list[QuarterlyReport]:
    """The reports read again with the rows their content lists (three queries)."""
    targets = ReportTargetProgress.objects.select_related("target").order_by("target__pk")
    activities = ReportActivityProgress.objects.select_related("activity").order_by("activity__pk")
    return list(
        QuarterlyReport.objects.filter(pk__in=[r.pk for r in reports]).prefetch_related(
            Prefetch("target_progress", queryset=targets),
            Prefetch("activity_progress", queryset=activities),
        )
    )


def report_current_content(report: QuarterlyReport) -> dict:
    """The report's content as it stands now (for "what changed")."""
    return report_content(_with_rows([report])[0])


def reports_freeze(reports: list[QuarterlyReport], user: User | None) -> None:
    """Freeze the reports' current (approved) revisions."""
    fresh = _with_rows(reports)
    items_freeze(items=fresh, contents={r.pk: report_content(r) for r in fresh}, actor=user)


def reports_on_approved(reports: list[QuarterlyReport], user: User | None) -> None:
    """A report's final approval: freeze it, and let live figures count its progress."""
    reports_freeze(reports, user)
    QuarterlyReport.objects.filter(pk__in=[r.pk for r in reports]).update(
        approved_progress_percent=F("progress_percent")
    )


def annual_report_content(report: AnnualReport) -> dict:
    """An annual report (its results prefetched) as labelled JSON."""
    return {
        "สรุป": {
            "สรุปผลสัมฤทธิ์": report.summary,
            "ปัญหาและอุปสรรค": report.problems,
            "ข้อเสนอแนะ": report.suggestions,
        },
        "ผลตามตัวชี้วัด": [
            f"{r.indicator.name}: {_number(r.result_value)} {r.note}".strip()
            for r in report.results.all()
        ],
    }


def _annual_with_results(reports: list[AnnualReport]) -> list[AnnualReport]:
    results = AnnualIndicatorResult.objects.select_related("indicator").order_by(
        "indicator__position", "indicator__pk"
    )
    return list(
        AnnualReport.objects.filter(pk__in=[r.pk for r in reports]).prefetch_related(
            Prefetch("results", queryset=results)
        )
    )


def annual_report_current_content(report: AnnualReport) -> dict:
    """The annual report's content as it stands now (for "what changed")."""
    return annual_report_content(_annual_with_results([report])[0])


def annual_reports_freeze(reports: list[AnnualReport], user: User | None) -> None:
    """Freeze the annual reports' current (approved) revisions."""
    fresh = _annual_with_results(reports)
    items_freeze(items=fresh, contents={r.pk: annual_report_content(r) for r in fresh}, actor=user)


OVERVIEW = "ภาพรวม"
TEXT_LABELS = {"problems": "ปัญหาและอุปสรรค", "suggestions": "ข้อเสนอแนะ"}


def approved_texts(revising: dict[int, int]) -> dict[int, dict[str, str]]:
    """The texts live figures cite for reports revised after approval and not yet
    approved again (`revising`: report id → its revision now, as `report_revising`
    picks them): their last approved revision's, report id → {"problems": …}.
    One query, none when no report is being revised."""
    if not revising:
        return {}
    frozen = ItemRevision.objects.filter(
        content_type=ContentType.objects.get_for_model(QuarterlyReport),
        object_id__in=list(revising),
    ).order_by("object_id", "-number")
    texts: dict[int, dict[str, str]] = {}
    for revision in frozen:
        if revision.object_id in texts or revision.number >= revising[revision.object_id]:
            continue
        overview = revision.content.get(OVERVIEW, {})
        texts[revision.object_id] = {k: overview.get(v, "") for k, v in TEXT_LABELS.items()}
    return texts


def report_revising(report_id, revision, status) -> bool:
    """Is this report (a round row's) revised after approval and not approved again?"""
    return bool(report_id) and (revision or 1) > 1 and status != ItemStatus.APPROVED
