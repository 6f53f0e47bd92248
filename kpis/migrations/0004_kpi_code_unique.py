from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0003_kpi_codes_filled"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="kpi",
            constraint=models.UniqueConstraint(
                fields=("fiscal_year", "code"),
                name="unique_kpi_code_per_year",
                violation_error_message="รหัสตัวชี้วัดนี้มีอยู่แล้วในปีงบประมาณเดียวกัน",
            ),
        ),
    ]
