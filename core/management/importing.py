"""Shared shape of the reference-data import commands."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.tables import read_rows


class ImportCommand(BaseCommand):
    """`manage.py <cmd> FILE [--dry-run]`: read a CSV/XLSX and hand its rows to `importer`.

    The importer is all or nothing; `--dry-run` runs it in a transaction that is rolled
    back, so the file is checked and counted exactly as a real import would, and nothing
    is kept."""

    importer = None  # a service taking rows=..., returning an ImportReport
    noun = ""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="ไฟล์ .csv หรือ .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="ตรวจสอบและนับอย่างเดียว ไม่บันทึกข้อมูล"
        )

    def handle(self, *args, file: Path, dry_run: bool = False, **options):
        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        try:
            with transaction.atomic():
                report = type(self).importer(rows=read_rows(file.read_bytes(), filename=file.name))
                transaction.set_rollback(dry_run)
        except ValidationError as exc:
            raise CommandError("นำเข้าไม่สำเร็จ ไม่มีการบันทึกข้อมูล:\n" + "\n".join(exc.messages)) from exc
        counts = f"เพิ่ม {report.created} ปรับปรุง {report.updated}"
        if getattr(report, "unchanged", 0):
            counts += f" ไม่เปลี่ยนแปลง {report.unchanged}"
        if dry_run:
            self.stdout.write(f"ตรวจสอบไฟล์แล้ว ไม่พบข้อผิดพลาด (ยังไม่บันทึก): {counts}")
        else:
            self.stdout.write(self.style.SUCCESS(f"นำเข้า{self.noun}แล้ว: {counts}"))
