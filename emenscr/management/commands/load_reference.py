from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from emenscr.reference import (
    MINISTRY,
    ORG_UNITS,
    STRATEGY_TREE,
    ReferenceFiles,
    load_reference_data,
)


class Command(BaseCommand):
    help = (
        "Load or reload the reference data: the unit tree (CSV/XLSX), the ministry's M7 chain"
        " and calendar-year units (JSON) and the strategy tree (CSV/XLSX). Without options, the"
        " Ministry of Labour's files shipped in the product. Safe to run again: units and plan"
        " nodes are updated in place, so projects keep their choices."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--units", type=Path, default=ORG_UNITS, help="ไฟล์หน่วยงาน .csv หรือ .xlsx"
        )
        parser.add_argument(
            "--ministry", type=Path, default=MINISTRY, help="ไฟล์ .json สายการอนุมัติและหน่วยงานปีปฏิทิน"
        )
        parser.add_argument(
            "--strategy-tree",
            type=Path,
            default=STRATEGY_TREE,
            help="ไฟล์แผนและเป้าหมาย .csv หรือ .xlsx",
        )

    def handle(self, *args, units: Path, ministry: Path, strategy_tree: Path, **options):
        for path in (units, ministry, strategy_tree):
            if not path.exists():
                raise CommandError(f"ไม่พบไฟล์ {path}")
        files = ReferenceFiles(units=units, ministry=ministry, strategy_tree=strategy_tree)
        try:
            report = load_reference_data(files)
        except ValidationError as exc:
            raise CommandError(
                "โหลดข้อมูลอ้างอิงไม่สำเร็จ ไม่มีการบันทึกข้อมูล:\n" + "\n".join(exc.messages)
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"โหลดข้อมูลอ้างอิงแล้ว: หน่วยงาน เพิ่ม {report.units.created} ปรับปรุง {report.units.updated};"
                f" แผนและเป้าหมาย เพิ่ม {report.strategy_tree.created} ปรับปรุง {report.strategy_tree.updated};"
                f" สายการอนุมัติ {report.chain_levels} ขั้นตอน"
            )
        )
