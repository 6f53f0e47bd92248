"""The product's default reference data: the unit tree, the strategy tree and
the M7 chain. Each loader takes an app registry, so data migrations pass their
historical one and tests that flush the database can load it again."""

from pathlib import Path

from django.apps import apps as global_apps

from core.tables import read_rows

ROOT = Path(__file__).resolve().parent.parent
ORG_UNITS = ROOT / "orgs" / "data" / "org_units.csv"
STRATEGY_TREE = ROOT / "projects" / "data" / "strategy_tree.csv"
# DESIGN.md section 3: the Social Security Office plans on the calendar year.
CALENDAR_YEAR_UNITS = ["SSO"]
# DESIGN.md section 6 and seed 002: division director → department head (not for
# divisions of สป.รง., whose head is the Permanent Secretary) → ป.ย.ป. check →
# cluster head → Permanent Secretary. (order, name, role, approver unit kind, is check)
CHAIN_LEVELS = [
    (1, "ผู้อำนวยการกอง/สำนัก/ศูนย์ อนุมัติ", "division_director", "division", False),
    (2, "อธิบดี/เลขาธิการ อนุมัติ", "department_head", "department", False),
    (3, "กลุ่ม ป.ย.ป. ตรวจสอบความถูกต้อง", "pyp_officer", "", True),
    (4, "รองปลัดกระทรวง หัวหน้ากลุ่มภารกิจ อนุมัติ", "cluster_head", "cluster", False),
    (5, "ปลัดกระทรวงแรงงาน อนุมัติ", "permanent_secretary", "ministry", False),
]
DEPARTMENT_HEAD_SKIPPED_FOR = ["OPS"]


def load_org_units(apps=global_apps) -> None:
    from orgs.services import org_units_import

    OrgUnit = apps.get_model("orgs", "OrgUnit")
    org_units_import(
        rows=read_rows(ORG_UNITS.read_bytes(), filename=ORG_UNITS.name), unit_model=OrgUnit
    )
    OrgUnit.objects.filter(code__in=CALENDAR_YEAR_UNITS).update(cycle="calendar")


def load_strategy_tree(apps=global_apps) -> None:
    from projects.services.reference import strategy_tree_import

    PlanNode = apps.get_model("projects", "PlanNode")
    rows = read_rows(STRATEGY_TREE.read_bytes(), filename=STRATEGY_TREE.name)
    strategy_tree_import(rows=rows, node_model=PlanNode)


def load_default_chain(apps=global_apps) -> None:
    OrgUnit = apps.get_model("orgs", "OrgUnit")
    Chain = apps.get_model("approvals", "Chain")
    ChainLevel = apps.get_model("approvals", "ChainLevel")
    ministry = OrgUnit.objects.filter(code="MOL").first()
    if ministry is None:
        return
    chain, _ = Chain.objects.get_or_create(
        root_unit=ministry, defaults={"name": "สายการอนุมัติ กระทรวงแรงงาน"}
    )
    for order, name, role, kind, is_check in CHAIN_LEVELS:
        level, _ = ChainLevel.objects.update_or_create(
            chain=chain,
            order=order,
            defaults={
                "name_th": name,
                "role": role,
                "approver_unit_kind": kind,
                "is_check": is_check,
            },
        )
        if role == "department_head":
            level.skip_for_units.set(OrgUnit.objects.filter(code__in=DEPARTMENT_HEAD_SKIPPED_FOR))


def load_reference_data(apps=global_apps) -> None:
    load_org_units(apps)
    load_strategy_tree(apps)
    load_default_chain(apps)
