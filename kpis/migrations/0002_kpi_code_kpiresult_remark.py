from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="kpi",
            name="code",
            field=models.CharField(
                default="",
                help_text="ไม่ซ้ำกันในปีงบประมาณเดียวกัน เช่น 68-0208-2-01 (ใช้จับคู่เมื่อนำเข้าจากไฟล์ Excel)",
                max_length=64,
                verbose_name="รหัสตัวชี้วัด",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="kpiresult",
            name="remark",
            field=models.TextField(
                blank=True,
                help_text="เหตุผลที่ผลการดำเนินงานไม่เป็นไปตามแผน (ต้องระบุเมื่อผลสะสมต่ำกว่าเป้าหมายที่ถึงกำหนด)",
                verbose_name="หมายเหตุ",
            ),
        ),
    ]
