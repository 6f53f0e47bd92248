"""How annual achievement reports take part in the M7 chain (approvals.items)."""

from approvals.items import ItemKind, register

from ..models import AnnualReport


def register_annual_reports() -> None:
    from ..revisions import annual_reports_freeze
    from . import permissions  # noqa: F401  (registers the policy's rules)
    from .services import annual_report_submit_checks

    register(
        ItemKind(
            model=AnnualReport,
            label="รายงานผลสัมฤทธิ์แผนระดับที่ ๓",
            unit_path="plan__owner_unit",
            describe=str,
            url=lambda report: report.get_absolute_url(),
            submit_checks=annual_report_submit_checks,
            on_approved=annual_reports_freeze,
            freeze=annual_reports_freeze,
        )
    )
