"""What the workbook import commands (projects, KPIs) share: the file, --dry-run, --user,
all or nothing with every error in Thai, and one line of counts."""

from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class WorkbookImportCommand(BaseCommand):
    """Subclasses name the importer (`run(data=, user=, dry_run=, check_permissions=)`),
    the exception it refuses a file with, and the counts of its result (`counts`)."""

    run: Callable
    rejected: type[Exception]

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบและรายงานโดยไม่บันทึก")
        parser.add_argument("--user", help="ชื่อผู้ใช้ที่บันทึกเป็นผู้นำเข้า (ค่าเริ่มต้น: ผู้ดูแลระบบคนแรก)")

    def handle(self, *args, file: Path, dry_run: bool, user: str | None, **options):
        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        importer = importer_of(user)
        try:
            result = type(self).run(
                data=file.read_bytes(), user=importer, dry_run=dry_run, check_permissions=False
            )
        except self.rejected as exc:
            raise CommandError("นำเข้าไม่สำเร็จ ไม่มีการบันทึกข้อมูลใด:\n" + str(exc)) from exc
        prefix = "ตรวจสอบแล้ว (ไม่ได้บันทึก)" if dry_run else "นำเข้าแล้ว"
        self.stdout.write(self.style.SUCCESS(f"{prefix}: {self.counts(result)}"))

    def counts(self, result) -> str:
        raise NotImplementedError


def importer_of(username: str | None):
    """The named active user, or the first active superuser."""
    User = get_user_model()
    if username:
        found = User.objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username}")
        return found
    found = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if found is None:
        raise CommandError("ไม่มีผู้ดูแลระบบ: ระบุ --user ผู้ที่บันทึกเป็นผู้นำเข้า")
    return found
