from core.management.importing import ImportCommand
from orgs.services import org_units_import


class Command(ImportCommand):
    help = "Import or update org units from CSV/XLSX (code, parent, kind, name_th, abbr, doc_code, cycle, head_title, phone)."
    importer = org_units_import
    noun = "หน่วยงาน"
