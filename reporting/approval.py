"""How quarterly reports take part in the M7 chain (approvals.items)."""

from approvals.items import ItemKind, register

from .models import QuarterlyReport


def register_reports() -> None:
    from .revisions import reports_freeze, reports_on_approved
    from .services import report_submit_checks
    from .windows import report_windows_of

    register(
        ItemKind(
            model=QuarterlyReport,
            label="รายงานผลรายไตรมาส (M6)",
            unit_path="project__owner_unit",
            describe=str,
            url=lambda report: report.get_absolute_url(),
            submit_checks=report_submit_checks,
            on_approved=reports_on_approved,
            freeze=reports_freeze,
            windows_of=report_windows_of,
        )
    )
