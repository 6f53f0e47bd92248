"""The Ministry of Labour's M7 chain (DESIGN.md section 6, seed 002).

Division director → department head (not for divisions of สป.รง., whose head
is the Permanent Secretary) → ป.ย.ป. check → cluster head → Permanent Secretary.
"""

from django.db import migrations

LEVELS = [
    (1, "ผู้อำนวยการกอง/สำนัก/ศูนย์ อนุมัติ", "division_director", "division", False, []),
    (2, "อธิบดี/เลขาธิการ อนุมัติ", "department_head", "department", False, ["OPS"]),
    (3, "กลุ่ม ป.ย.ป. ตรวจสอบความถูกต้อง", "pyp_officer", "", True, []),
    (4, "รองปลัดกระทรวง หัวหน้ากลุ่มภารกิจ อนุมัติ", "cluster_head", "cluster", False, []),
    (5, "ปลัดกระทรวงแรงงาน อนุมัติ", "permanent_secretary", "ministry", False, []),
]


def load(apps, schema_editor):
    OrgUnit = apps.get_model("orgs", "OrgUnit")
    Chain = apps.get_model("approvals", "Chain")
    ChainLevel = apps.get_model("approvals", "ChainLevel")
    ministry = OrgUnit.objects.filter(code="MOL").first()
    if ministry is None:
        return
    chain, _ = Chain.objects.get_or_create(
        root_unit=ministry, defaults={"name": "สายการอนุมัติ กระทรวงแรงงาน"}
    )
    for order, name, role, kind, is_check, skip in LEVELS:
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
            level.skip_for_units.set(OrgUnit.objects.filter(code__in=skip))


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_initial"), ("orgs", "0002_load_org_units")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
