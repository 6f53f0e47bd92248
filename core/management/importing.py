"""Shared shape of the reference-data import commands."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.tables import read_rows


class ImportCommand(BaseCommand):
    """`manage.py <cmd> FILE`: read a CSV/XLSX and hand its rows to `importer`."""

    importer = None  # a service taking rows=..., returning an ImportReport
    noun = ""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="ไฟล์ .csv หรือ .xlsx")

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        try:
            report = type(self).importer(rows=read_rows(file.read_bytes(), filename=file.name))
        except ValidationError as exc:
            raise CommandError("นำเข้าไม่สำเร็จ ไม่มีการบันทึกข้อมูล:\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"นำเข้า{self.noun}แล้ว: เพิ่ม {report.created} ปรับปรุง {report.updated}")
        )
