from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kpis.workbook import KpiWorkbookRejected, import_kpi_workbook
from orgs.models import User


class Command(BaseCommand):
    help = (
        "Import the monthly KPI workbook (shared/spec/exchange.md section 3): sheets kpis and "
        "kpi_results (and projects, imported first); all or nothing, idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบและรายงานโดยไม่บันทึก")
        parser.add_argument("--user", help="ชื่อผู้ใช้ที่บันทึกเป็นผู้นำเข้า (ค่าเริ่มต้น: ผู้ดูแลระบบคนแรก)")

    def handle(self, *args, file: Path, dry_run: bool, user: str | None, **options):
        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        importer = importer_of(user)
        try:
            result = import_kpi_workbook(
                data=file.read_bytes(), user=importer, dry_run=dry_run, check_permissions=False
            )
        except KpiWorkbookRejected as exc:
            raise CommandError("นำเข้าไม่สำเร็จ ไม่มีการบันทึกข้อมูลใด:\n" + str(exc)) from exc
        prefix = "ตรวจสอบแล้ว (ไม่ได้บันทึก)" if dry_run else "นำเข้าแล้ว"
        projects = ""
        if result.projects:
            p = result.projects
            projects = (
                f"โครงการ เพิ่ม {p.projects_created} ปรับปรุง {p.projects_updated} "
                f"ไม่เปลี่ยน {p.projects_unchanged}; "
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}: {projects}ตัวชี้วัด เพิ่ม {result.kpis_created} "
                f"ปรับปรุง {result.kpis_updated} ไม่เปลี่ยน {result.kpis_unchanged}; "
                f"ผลรายเดือน เพิ่ม {result.results_created} ปรับปรุง {result.results_updated} "
                f"ไม่เปลี่ยน {result.results_unchanged}"
            )
        )


def importer_of(username: str | None) -> User:
    """The named active user, or the first active superuser."""
    if username:
        found = User.objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username}")
        return found
    found = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if found is None:
        raise CommandError("ไม่มีผู้ดูแลระบบ: ระบุ --user ผู้ที่บันทึกเป็นผู้นำเข้า")
    return found
