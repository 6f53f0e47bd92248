import json

from django.core.management.base import BaseCommand, CommandError

from reporting.models import RoundSnapshot
from reporting.summaries import BAND_SHORT, BANDS, five_band_summary


class Command(BaseCommand):
    help = (
        "The five-band progress summary of a quarterly round (shared/spec/exchange.md section 2)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="ปีงบประมาณ (พ.ศ.)")
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--json", action="store_true", help="พิมพ์เป็น JSON ตามข้อกำหนด")
        parser.add_argument(
            "--frozen", action="store_true", help="ใช้ตัวเลขที่ตรึงไว้เมื่อปิดรอบ แทนตัวเลขปัจจุบัน"
        )

    def handle(self, *args, fiscal_year: int, quarter: int, json: bool, frozen: bool, **options):
        if not 2500 <= fiscal_year <= 2700:
            raise CommandError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566")
        summary = self._summary(fiscal_year, quarter, frozen)
        if json:
            self.stdout.write(_dumps(summary))
            return
        population = summary["population"]
        self.stdout.write(
            f"ไตรมาส {quarter}/{fiscal_year}: โครงการ {population['total']} "
            f"รายงานแล้ว {population['reported']} ยังไม่รายงาน {population['not_reported']} "
            f"ไม่อยู่ในช่วง {population['not_due']} ปีปฏิทินไม่อยู่ในรอบ "
            f"{population['calendar_not_in_round']}"
        )
        self.stdout.write("หน่วยงาน | รายงาน | " + " | ".join(BAND_SHORT[b] for b in BANDS))
        for g in summary["groups"]:
            cells = [f"{g['counts'][b]} ({g['percents'][b]})" for b in BANDS]
            self.stdout.write(f"{g['name']} | {g['reported']} | " + " | ".join(cells))

    def _summary(self, fiscal_year: int, quarter: int, frozen: bool) -> dict:
        if not frozen:
            return five_band_summary(fiscal_year=fiscal_year, quarter=quarter)
        snapshot = RoundSnapshot.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
        if snapshot is None:
            raise CommandError(f"รอบไตรมาส {quarter}/{fiscal_year} ยังไม่ได้ตรึงตัวเลข")
        return snapshot.data["five_band"]


def _dumps(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2)
