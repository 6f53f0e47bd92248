from pathlib import Path

from core.management.importing import ImportCommand
from projects.services.reference import STRATEGY_TREE, strategy_tree_import


class Command(ImportCommand):
    help = (
        "Import or update the strategy tree from CSV/XLSX (level, code, parent_code, name_th,"
        " source); without a file, reload the product's default tree. Nodes are updated in"
        " place (matched by level and code), so projects keep their links."
    )
    importer = strategy_tree_import
    noun = "แผนและเป้าหมาย"

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            type=Path,
            nargs="?",
            default=STRATEGY_TREE,
            help="ไฟล์ .csv หรือ .xlsx (ไม่ระบุ = ข้อมูลอ้างอิงตั้งต้นของระบบ)",
        )
