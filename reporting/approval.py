"""How quarterly reports take part in the M7 chain (approvals.items)."""

from approvals.items import ItemKind, register
from windows.rules import report_windows_of

from .models import QuarterlyReport

# What ป.ย.ป. confirms of an M6 report before it goes on (keys unique across kinds).
REPORT_CHECKLIST = (
    ("report_progress", "ความก้าวหน้าสอดคล้องกับผลการดำเนินกิจกรรมและการเบิกจ่าย"),
    ("report_narrative", "กรอกผลการดำเนินงาน ปัญหาอุปสรรค และข้อเสนอแนะครบถ้วน"),
    ("report_contribution", "ระบุการมีส่วนขับเคลื่อนเป้าหมายแผนระดับ ๑ ๒ ๓ แล้ว"),
    ("report_figures", "ตัวเลขผลและการเบิกจ่ายตรวจทานกับแผนของโครงการแล้ว"),
)


def register_reports() -> None:
    from .revisions import reports_freeze, reports_on_approved
    from .services import report_submit_checks

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
            checklist=REPORT_CHECKLIST,
        )
    )
