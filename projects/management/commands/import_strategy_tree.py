from emenscr.management.importing import ImportCommand
from projects.services.reference import strategy_tree_import


class Command(ImportCommand):
    help = "Import or update the strategy tree from CSV/XLSX (level, code, parent_code, name_th, source)."
    importer = strategy_tree_import
    noun = "แผนและเป้าหมาย"
