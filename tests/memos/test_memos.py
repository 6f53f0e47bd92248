"""Memos: the quarterly approval memo drafted from the round, issued as PDF, never changed."""

import subprocess
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.clock import freeze
from memos.models import PDF_STUCK_AFTER, IssuedMemoError, Memo, MemoKind
from memos.pdf import memo_pdf
from memos.services import memo_draft, memo_issue, memo_render, memo_render_again, memo_update
from orgs.models import Role, RoleAssignment, User
from reporting.summaries import five_band_summary
from tests.factories import user_with_role
from tests.reporting.seed000 import build_seed_000_round

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "memo.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    """Text for comparing with pdftotext's: no spaces or line breaks, no Thai marks above
    or below the line (it reorders them), and ำ as า (it drops the circle with Sarabun)."""
    text = text.replace("ำ", "า")
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Mn")


def printed(phrase: str, text: str) -> bool:
    return squash(phrase) in squash(text)


def quarterly_memo(user) -> Memo:
    build_seed_000_round()
    return memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=user, fiscal_year=2566, quarter=1)


def test_the_issued_quarterly_memo_prints_the_rounds_figures_in_thai_numerals(pyp, tmp_path):
    memo = quarterly_memo(pyp)
    with freeze(datetime(2023, 3, 28, 10, 0)):
        memo = memo_issue(memo=memo, user=pyp)
    memo_render(memo_id=memo.pk)

    memo.refresh_from_db()
    text = pdf_text(memo.pdf.read(), tmp_path)
    assert printed("บันทึกข้อความ", text)
    assert printed(
        "เรื่อง อนุมัติรายงานความก้าวหน้าโครงการในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR) "
        "ไตรมาส ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        text,
    )
    assert printed("ที่ รง ๐๒๑๔/๑", text)  # the sender's first running number of the year
    assert printed("วันที่ ๒๘ มีนาคม ๒๕๖๖", text)
    assert printed("จำนวน ๑๕๖ โครงการ", text)
    assert printed("สำนักงานปลัดกระทรวงแรงงาน จำนวน ๓๙ โครงการ", text)
    assert printed("ความก้าวหน้าระดับมากที่สุด (๑๐๐ %) จำนวน ๕ โครงการ ร้อยละ ๑๒.๘๒", text)
    assert printed("ความก้าวหน้าระดับน้อย (๒๕ % - ๔๙ %) จำนวน ๑๗ โครงการ ร้อยละ ๔๓.๕๙", text)
    assert printed("กรมการจัดหางาน จำนวน ๑๗ โครงการ", text)
    assert printed("ความก้าวหน้าระดับน้อย (๒๕ % - ๔๙ %) จำนวน ๑๑ โครงการ ร้อยละ ๖๔.๗๑", text)
    assert printed("สำนักงานประกันสังคม จำนวน ๒๕ โครงการ", text)


def test_the_memos_figures_are_the_summary_pages_figures(pyp):
    memo = quarterly_memo(pyp)

    assert memo.figures["five_band"] == five_band_summary(fiscal_year=2566, quarter=1)
    assert memo.figures["source"] == "live"


def test_an_issued_memo_cannot_be_changed(pyp):
    memo = memo_issue(memo=quarterly_memo(pyp), user=pyp)

    with pytest.raises(ValidationError):
        memo_update(memo=memo, user=pyp, data={"subject": "แก้"}, body=memo.body, approvals=[])
    memo.subject = "แก้ไขหลังออกเลข"
    with pytest.raises(IssuedMemoError):
        memo.save()
    with pytest.raises(IssuedMemoError):
        memo.delete()
    assert Memo.objects.get().subject.startswith("อนุมัติรายงาน")


def test_a_typed_number_is_kept_and_moves_the_running_number(pyp):
    first = quarterly_memo(pyp)
    memo_update(memo=first, user=pyp, data={"number": "๗๕"}, body=first.body, approvals=[])
    first = memo_issue(memo=first, user=pyp)
    second = memo_issue(
        memo=memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=pyp, fiscal_year=2566, quarter=1),
        user=pyp,
    )

    assert (first.number, second.number) == ("75", "76")


def test_only_pyp_drafts_memos():
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")

    with pytest.raises(PermissionDenied):
        memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=director, fiscal_year=2566, quarter=1)


def test_a_draft_renders_with_a_draft_mark(pyp, tmp_path):
    text = pdf_text(memo_pdf(quarterly_memo(pyp)), tmp_path)

    assert printed("ร่าง", text)


def test_a_frozen_round_gives_the_memo_its_frozen_figures_not_later_approvals(pyp, client):
    from django.urls import reverse

    from reporting.models import QuarterlyReport
    from reporting.snapshots import round_snapshot_take

    build_seed_000_round()
    round_snapshot_take(fiscal_year=2566, quarter=1, reason="ปิดรอบตามกำหนด")
    QuarterlyReport.objects.update(progress_percent=100)  # late changes after the round closed
    client.force_login(pyp)
    page = client.get(reverse("reporting:five_band"), {"fiscal_year": 2566, "quarter": 1})

    memo = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=pyp, fiscal_year=2566, quarter=1)

    assert memo.figures["source"] == "frozen"
    assert memo.figures["five_band"] == page.context["summary"]
    assert any("จำนวน ๕ โครงการ ร้อยละ ๑๒.๘๒" in p["text"] for p in memo.body)


def test_a_pdf_lost_by_a_dead_worker_can_be_queued_again_but_not_a_fresh_one(pyp):
    from datetime import timedelta

    from django.utils import timezone

    from memos.models import PdfStatus
    from memos.services import memo_render_again

    memo = memo_issue(memo=quarterly_memo(pyp), user=pyp)
    assert not memo_render_again(memo=memo, user=pyp)  # just issued: its task is on the way

    Memo.objects.filter(pk=memo.pk).update(issued_at=timezone.now() - timedelta(hours=1))

    assert memo_render_again(memo=memo, user=pyp)
    assert Memo.objects.get().pdf_status == PdfStatus.PENDING


def test_with_the_clock_frozen_the_issuers_role_the_memo_date_and_the_pdf_deadline_agree():
    """On the last evening of an officer's role the memo is issued and dated that day; a
    few minutes after midnight the role has ended and the PDF is overdue, on one clock."""
    last_evening = datetime(2024, 3, 31, 23, 55)  # Bangkok time
    officer = user_with_role(Role.PYP_OFFICER, "MOL")
    RoleAssignment.objects.filter(user=officer).update(valid_until=date(2024, 3, 31))
    with freeze(last_evening):
        memo = memo_issue(memo=quarterly_memo(officer), user=officer)
        assert not memo.pdf_may_retry

    assert memo.memo_date == date(2024, 3, 31)
    assert timezone.localdate(memo.issued_at) == date(2024, 3, 31)
    with freeze(last_evening + PDF_STUCK_AFTER + timedelta(minutes=1)):
        officer = User.objects.get(pk=officer.pk)  # grants are cached on the user object
        assert Memo.objects.get(pk=memo.pk).pdf_may_retry
        with pytest.raises(PermissionDenied):
            memo_render_again(memo=memo, user=officer)
        assert memo_render_again(memo=memo, user=user_with_role(Role.PYP_OFFICER, "MOL"))
