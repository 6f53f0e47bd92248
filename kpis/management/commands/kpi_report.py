import json

from django.core.management.base import BaseCommand, CommandError

from kpis.periods import MONTHS
from kpis.report import kpi_report_data
from kpis.selectors import UnknownUnit

LIGHT_WORDS = {"green": "เขียว", "yellow": "เหลือง", "red": "แดง", "not_due": "ยังไม่ถึงกำหนด"}


class Command(BaseCommand):
    help = "The monthly KPI report of a fiscal year to a month (shared/spec/exchange.md section 3)."

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="ปีงบประมาณ (พ.ศ.)")
        parser.add_argument("--month", type=int, required=True, choices=list(MONTHS))
        parser.add_argument("--json", action="store_true", help="พิมพ์เป็น JSON ตามข้อกำหนด")
        parser.add_argument("--unit", help="รหัสหน่วยงานที่เป็นรากของรายงาน (ค่าเริ่มต้น: OPS)")

    def handle(self, *args, fiscal_year: int, month: int, json: bool, unit: str | None, **options):
        if not 2500 <= fiscal_year <= 2700:
            raise CommandError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568")
        try:
            data = kpi_report_data(user=None, fiscal_year=fiscal_year, month=month, unit=unit)
        except UnknownUnit as exc:
            raise CommandError(f"ไม่พบหน่วยงานรหัส {exc}") from exc
        if json:
            self.stdout.write(_dumps(data))
            return
        self._print(data)

    def _print(self, data: dict) -> None:
        projects, units = data["projects"], data["units"]
        self.stdout.write(f"ปีงบประมาณ {data['fiscal_year']} รอบ {data['month']} เดือน")
        self.stdout.write(
            f"ตามโครงการ: {_figure(projects['percent_to_date'])} (ทั้งปี "
            f"{_figure(projects['percent_of_year'])}) {LIGHT_WORDS[projects['light']]}"
        )
        for row in projects["rows"]:
            ahead = " ก่อนแผน" if row["ahead_of_plan"] else ""
            self.stdout.write(
                f"  {row['project']} | {_figure(row['percent_to_date'])} | "
                f"{_figure(row['percent_of_year'])} | {LIGHT_WORDS[row['light']]}{ahead}"
            )
        self.stdout.write(
            f"ตามหน่วยงาน ({units['unit']}): {_figure(units['percent_to_date'])} "
            f"{LIGHT_WORDS[units['light']]} เป็นไปตามเป้าหมาย {units['met']} "
            f"ไม่เป็นไปตามเป้าหมาย {units['not_met']} ยังไม่ถึงกำหนด {units['not_due']}"
        )
        for row in units["rows"]:
            indent = "  " * row["level"]
            self.stdout.write(
                f"{indent}{row['unit']} | {_figure(row['percent_to_date'])} | "
                f"{row['met']} / {row['not_met']} / {row['not_due']}"
            )


def _figure(value: str | None) -> str:
    return "-" if value is None else value


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
