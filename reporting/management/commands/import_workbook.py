from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgs.models import User
from reporting.workbook import WorkbookRejected, import_workbook


class Command(BaseCommand):
    help = "Import the project workbook (shared/spec/exchange.md): all or nothing, idempotent."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบและรายงานโดยไม่บันทึก")
        parser.add_argument("--user", help="ชื่อผู้ใช้ที่บันทึกเป็นผู้นำเข้า (ค่าเริ่มต้น: ผู้ดูแลระบบคนแรก)")

    def handle(self, *args, file: Path, dry_run: bool, user: str | None, **options):
        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        importer = self._importer(user)
        try:
            result = import_workbook(
                data=file.read_bytes(), user=importer, dry_run=dry_run, check_permissions=False
            )
        except WorkbookRejected as exc:
            raise CommandError("นำเข้าไม่สำเร็จ ไม่มีการบันทึกข้อมูลใด:\n" + str(exc)) from exc
        prefix = "ตรวจสอบแล้ว (ไม่ได้บันทึก)" if dry_run else "นำเข้าแล้ว"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}: โครงการ เพิ่ม {result.projects_created} ปรับปรุง {result.projects_updated} "
                f"ไม่เปลี่ยน {result.projects_unchanged}; รายงาน เพิ่ม {result.reports_created} "
                f"ปรับปรุง {result.reports_updated} ไม่เปลี่ยน {result.reports_unchanged}; "
                f"รายการที่อนุมัติแล้วซึ่งเปิดฉบับแก้ไขใหม่ {result.revisions_opened}"
            )
        )

    def _importer(self, username: str | None) -> User:
        if username:
            found = User.objects.filter(username=username, is_active=True).first()
            if found is None:
                raise CommandError(f"ไม่พบผู้ใช้ {username}")
            return found
        found = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if found is None:
            raise CommandError("ไม่มีผู้ดูแลระบบ: ระบุ --user ผู้ที่บันทึกเป็นผู้นำเข้า")
        return found
