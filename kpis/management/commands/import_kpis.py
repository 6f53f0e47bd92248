from core.management.workbook_command import WorkbookImportCommand
from kpis.workbook import KpiWorkbookRejected, import_kpi_workbook


class Command(WorkbookImportCommand):
    help = (
        "Import the monthly KPI workbook (shared/spec/exchange.md section 3): sheets kpis and "
        "kpi_results (and projects, imported first); all or nothing, idempotent."
    )
    run = import_kpi_workbook
    rejected = KpiWorkbookRejected

    def counts(self, result) -> str:
        projects = ""
        if result.projects:
            p = result.projects
            projects = (
                f"โครงการ เพิ่ม {p.projects_created} ปรับปรุง {p.projects_updated} "
                f"ไม่เปลี่ยน {p.projects_unchanged}; "
            )
        return (
            f"{projects}ตัวชี้วัด เพิ่ม {result.kpis_created} "
            f"ปรับปรุง {result.kpis_updated} ไม่เปลี่ยน {result.kpis_unchanged}; "
            f"ผลรายเดือน เพิ่ม {result.results_created} ปรับปรุง {result.results_updated} "
            f"ไม่เปลี่ยน {result.results_unchanged}"
        )
