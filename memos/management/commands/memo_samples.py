"""Sample memos for reviewers: one of each kind, from the current database.

Everything happens inside a transaction that is rolled back at the end, so the
database keeps no memo and no running number; only the files in OUTDIR remain:
each memo as PDF (PDF/A-3b, signed when a certificate is configured) and DOCX
side by side under one stem, and page 1 as PNG (drawn by pdftoppm at 100 dpi).
The quarterly memos are of the latest round, or of --fiscal-year/--quarter; the
monthly KPI report (drafted by --report-user, of the evaluation office) is of the
latest fiscal year with results, to its latest month with results or to --month.
"""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max

from core.clock import today
from core.fiscal import fiscal_year_of
from kpis.models import KpiResult
from kpis.periods import fiscal_month_of
from memos.docx import memo_docx
from memos.models import MemoKind
from memos.pdf import memo_pdf
from memos.permissions import REPORT_KINDS
from memos.services import memo_draft, memo_issue
from memos.signing import pdf_sign, signing_enabled
from orgs.models import User
from reporting.models import QuarterlyReport, RoundSnapshot
from windows.models import Window


class Command(BaseCommand):
    help = "ทำตัวอย่างบันทึกข้อความทุกประเภทจากฐานข้อมูลปัจจุบัน (PDF, DOCX และหน้าแรกเป็น PNG) แล้วย้อนกลับข้อมูล"

    def add_arguments(self, parser):
        parser.add_argument("outdir", help="โฟลเดอร์ที่จะเขียนไฟล์")
        parser.add_argument("--user", default="pyp", help="ผู้จัดทำ (เจ้าหน้าที่กลุ่ม ป.ย.ป.)")
        parser.add_argument(
            "--fiscal-year", type=int, help="ปีงบประมาณ (พ.ศ.) ของรอบ (ค่าปริยาย: รอบล่าสุด)"
        )
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="ไตรมาสของรอบ")
        parser.add_argument(
            "--report-user",
            default="staff0209",
            help="ผู้จัดทำรายงานผลการดำเนินงานรายเดือน (สำนักตรวจและประเมินผล)",
        )
        parser.add_argument("--month", type=int, choices=range(1, 13), help="รายงานถึงเดือนที่")

    def handle(
        self,
        *args,
        outdir: str,
        user: str,
        report_user: str,
        fiscal_year=None,
        quarter=None,
        **options,
    ):
        authors = {"letters": _user(user), "reports": _user(report_user)}
        out = Path(outdir)
        out.mkdir(parents=True, exist_ok=True)
        plan = _plan(fiscal_year, quarter) + [_report_plan(options.get("month"))]
        with transaction.atomic():
            for number, (kind, context) in enumerate(plan, start=1):
                author = authors["reports" if kind in REPORT_KINDS else "letters"]
                memo = memo_issue(memo=memo_draft(kind=kind, user=author, **context), user=author)
                stem = out / f"{number}_{kind}"
                pdf = memo_pdf(memo)
                stem.with_suffix(".pdf").write_bytes(
                    pdf_sign(pdf).content if signing_enabled() else pdf
                )
                stem.with_suffix(".docx").write_bytes(memo_docx(memo))
                _first_page_png(stem)
                self.stdout.write(f"{stem}.pdf  {stem}.docx  {stem}.png  {memo.subject}")
            transaction.set_rollback(True)


def _plan(fiscal_year: int | None, quarter: int | None) -> list[tuple[str, dict]]:
    """Each kind with its context, in the order that lets later memos cite earlier ones."""
    if quarter is not None and fiscal_year is None:
        raise CommandError("ระบุ --quarter พร้อมกับ --fiscal-year")
    windows = Window.objects.filter(**({"fiscal_year": fiscal_year} if fiscal_year else {}))
    year = fiscal_year or windows.aggregate(year=Max("fiscal_year"))["year"]
    year = year or fiscal_year_of(today())
    round_ = (
        {"fiscal_year": fiscal_year, "quarter": quarter} if quarter else _latest_round(fiscal_year)
    )
    return [
        (MemoKind.WINDOW_NOTICE, {"fiscal_year": year}),
        (MemoKind.ENTRY_APPROVAL, {"fiscal_year": year}),
        (MemoKind.QUARTER_APPROVAL, round_),
        (MemoKind.QUARTER_CIRCULAR, round_),
    ]


def _user(username: str) -> User:
    author = User.objects.filter(username=username).first()
    if author is None:
        raise CommandError(f"ไม่พบผู้ใช้ {username}")
    return author


def _report_plan(month: int | None) -> tuple[str, dict]:
    """The monthly KPI report of the latest fiscal year with results (the demo's is seed
    003's 2568), to `month` or that year's latest month with results."""
    latest = (
        KpiResult.objects.order_by("-kpi__fiscal_year", "-month")
        .values("kpi__fiscal_year", "month")
        .first()
    )
    year = latest["kpi__fiscal_year"] if latest else fiscal_year_of(today())
    month = month or (latest["month"] if latest else fiscal_month_of(today()))
    return MemoKind.KPI_REPORT, {"fiscal_year": year, "month": month}


def _latest_round(fiscal_year: int | None) -> dict:
    """The latest frozen round (of the year, when one is named), else the latest reported."""
    year = {"fiscal_year": fiscal_year} if fiscal_year else {}
    for model in (RoundSnapshot, QuarterlyReport):
        latest = model.objects.filter(**year).order_by("-fiscal_year", "-quarter").first()
        if latest is not None:
            return {"fiscal_year": latest.fiscal_year, "quarter": latest.quarter}
    raise CommandError("ยังไม่มีรายงานรายไตรมาสในฐานข้อมูล")


def _first_page_png(stem: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "100",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(stem.with_suffix(".pdf")),
            str(stem),
        ],
        check=True,
    )
