from core.management.workbook_command import WorkbookImportCommand
from reporting.workbook import WorkbookRejected, import_workbook


class Command(WorkbookImportCommand):
    help = "Import the project workbook (shared/spec/exchange.md): all or nothing, idempotent."
    run = import_workbook
    rejected = WorkbookRejected

    def counts(self, result) -> str:
        return (
            f"โครงการ เพิ่ม {result.projects_created} ปรับปรุง {result.projects_updated} "
            f"ไม่เปลี่ยน {result.projects_unchanged}; รายงาน เพิ่ม {result.reports_created} "
            f"ปรับปรุง {result.reports_updated} ไม่เปลี่ยน {result.reports_unchanged}; "
            f"รายการที่อนุมัติแล้วซึ่งเปิดฉบับแก้ไขใหม่ {result.revisions_opened}"
        )
