"""Sample memos for reviewers: one of each kind, from the current database.

Everything happens inside a transaction that is rolled back at the end, so the
database keeps no memo and no running number; only the files in OUTDIR remain
(the PDF and page 1 as PNG, drawn by pdftoppm at 100 dpi).
"""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max

from core.clock import today
from core.fiscal import fiscal_year_of
from memos.models import MemoKind
from memos.pdf import memo_pdf
from memos.services import memo_draft, memo_issue
from orgs.models import User
from reporting.models import QuarterlyReport, RoundSnapshot
from windows.models import Window


class Command(BaseCommand):
    help = "ทำตัวอย่างบันทึกข้อความทุกประเภทจากฐานข้อมูลปัจจุบัน (PDF และหน้าแรกเป็น PNG) แล้วย้อนกลับข้อมูล"

    def add_arguments(self, parser):
        parser.add_argument("outdir", help="โฟลเดอร์ที่จะเขียนไฟล์")
        parser.add_argument("--user", default="pyp", help="ผู้จัดทำ (เจ้าหน้าที่กลุ่ม ป.ย.ป.)")

    def handle(self, *args, outdir: str, user: str, **options):
        author = User.objects.filter(username=user).first()
        if author is None:
            raise CommandError(f"ไม่พบผู้ใช้ {user}")
        out = Path(outdir)
        out.mkdir(parents=True, exist_ok=True)
        with transaction.atomic():
            for number, (kind, context) in enumerate(_plan(), start=1):
                memo = memo_issue(memo=memo_draft(kind=kind, user=author, **context), user=author)
                stem = out / f"{number}_{kind}"
                stem.with_suffix(".pdf").write_bytes(memo_pdf(memo))
                _first_page_png(stem)
                self.stdout.write(f"{stem}.pdf  {stem}.png  {memo.subject}")
            transaction.set_rollback(True)


def _plan() -> list[tuple[str, dict]]:
    """Each kind with its context, in the order that lets later memos cite earlier ones."""
    year = Window.objects.aggregate(year=Max("fiscal_year"))["year"] or fiscal_year_of(today())
    snapshot = RoundSnapshot.objects.order_by("-fiscal_year", "-quarter").first()
    if snapshot is not None:
        round_ = {"fiscal_year": snapshot.fiscal_year, "quarter": snapshot.quarter}
    else:
        latest = QuarterlyReport.objects.order_by("-fiscal_year", "-quarter").first()
        if latest is None:
            raise CommandError("ยังไม่มีรายงานรายไตรมาสในฐานข้อมูล")
        round_ = {"fiscal_year": latest.fiscal_year, "quarter": latest.quarter}
    return [
        (MemoKind.WINDOW_NOTICE, {"fiscal_year": year}),
        (MemoKind.ENTRY_APPROVAL, {"fiscal_year": year}),
        (MemoKind.QUARTER_APPROVAL, round_),
        (MemoKind.QUARTER_CIRCULAR, round_),
    ]


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
