from core.management.importing import ImportCommand
from orgs.services import org_units_import


class Command(ImportCommand):
    help = (
        "Import or update org units from CSV/XLSX, all or nothing: code, parent, kind,"
        " name_th (or name); optional abbr (or abbreviation), doc_code, cycle, source,"
        " head_title, phone. Units are matched by code, so importing a file again changes"
        " nothing. --dry-run checks the file and saves nothing."
    )
    importer = org_units_import
    noun = "หน่วยงาน"
