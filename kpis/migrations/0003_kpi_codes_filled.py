"""Every KPI entered before codes existed gets one: 68-0208-2-01 (the fiscal year's two
digits, the unit's code, a running number per unit and year in the plan's order)."""

from django.db import migrations


def fill_codes(apps, schema_editor):
    Kpi = apps.get_model("kpis", "Kpi")
    kpis = list(
        Kpi.objects.select_related("unit").order_by("fiscal_year", "unit__code", "position", "pk")
    )
    taken = {(k.fiscal_year, k.code) for k in kpis if k.code}
    numbers: dict[tuple[int, int], int] = {}
    changed = []
    for kpi in kpis:
        if kpi.code:
            continue
        key = (kpi.fiscal_year, kpi.unit_id)
        while True:
            numbers[key] = numbers.get(key, 0) + 1
            code = f"{kpi.fiscal_year % 100:02d}-{kpi.unit.code}-{numbers[key]:02d}"
            if (kpi.fiscal_year, code) not in taken:
                break
        kpi.code = code
        taken.add((kpi.fiscal_year, code))
        changed.append(kpi)
    Kpi.objects.bulk_update(changed, ["code"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0002_kpi_code_kpiresult_remark"),
    ]

    operations = [
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
    ]
