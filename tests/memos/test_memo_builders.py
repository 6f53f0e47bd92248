"""Memo kinds 2–4: the circular after the quarter's approval (seed 000, ว ๗๗๖), the
window notice (seed 001, ว ๒๓ and ว ๓๐), the request to approve the year's project
entries (seed 002, steps 5–6): drafted from live data, issued and read back from the PDF."""

import subprocess
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from approvals.models import ChainLevel, ItemStatus
from core.clock import freeze
from memos.builders import Context, build
from memos.models import Memo, MemoKind
from memos.services import memo_draft, memo_issue, memo_render, memo_update
from orgs.models import OrgUnit, Role
from projects.models import ProjectRevision
from reporting.snapshots import round_snapshot_take
from tests.conftest import queries_of
from tests.factories import (
    ApprovalFactory,
    BudgetSourceFactory,
    ProjectFactory,
    QuarterlyReportFactory,
    WindowFactory,
    user_with_role,
)
from tests.memos.test_memos import pdf_text, printed
from tests.reporting.seed000 import build_seed_000_round
from windows.models import Window, WindowKind
from windows.rules import windows_propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def pyp(unit):
    """A ป.ย.ป. officer (role at the ministry) working in the ป.ย.ป. group (0214)."""
    user = user_with_role(Role.PYP_OFFICER, "MOL", phone="0 2232 1270")
    user.home_unit = unit("0214")
    user.save(update_fields=["home_unit"])
    return user


def issued_pdf_text(memo: Memo, user, tmp_path, *, on: datetime) -> str:
    with freeze(on):
        memo = memo_issue(memo=memo, user=user)
    memo_render(memo_id=memo.pk)
    memo.refresh_from_db()
    return pdf_text(memo.pdf.read(), tmp_path)


def layout_text(memo: Memo, tmp_path) -> str:
    """The issued PDF's text as laid out (a table's rows on their lines)."""
    path = tmp_path / "layout.pdf"
    path.write_bytes(memo.pdf.read())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def body_text(memo: Memo) -> str:
    return "\n".join(p["text"] for p in memo.body)


# --- (2) the circular after the quarter's approval ---------------------------------


def seed_000_round_approved(pyp) -> Memo:
    """Seed 000's round with its report window, and memo ๗๕ issued on 28 March 2566."""
    build_seed_000_round()
    WindowFactory(
        fiscal_year=2566,
        quarter=1,
        opens_on=date(2023, 1, 19),
        unit_deadline=date(2023, 3, 20),
        chain_deadline=date(2023, 3, 30),
    )
    memo = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=pyp, fiscal_year=2566, quarter=1)
    memo_update(memo=memo, user=pyp, data={"number": "75"}, body=memo.body, approvals=[])
    with freeze(datetime(2023, 3, 28, 10, 0)):
        return memo_issue(memo=memo, user=pyp)


def test_the_circular_prints_its_number_with_wo_and_addresses_the_departments(pyp, tmp_path):
    seed_000_round_approved(pyp)
    circular = memo_draft(kind=MemoKind.QUARTER_CIRCULAR, user=pyp, fiscal_year=2566, quarter=1)
    memo_update(memo=circular, user=pyp, data={"number": "776"}, body=circular.body, approvals=[])

    text = issued_pdf_text(circular, pyp, tmp_path, on=datetime(2023, 3, 31, 9, 0))

    assert printed("ที่ รง ๐๒๑๔/ว ๗๗๖", text)
    assert printed(
        "ถึง กรมการจัดหางาน กรมพัฒนาฝีมือแรงงาน กรมสวัสดิการและคุ้มครองแรงงาน สำนักงานประกันสังคม",
        text,
    )
    assert printed("และหน่วยงานในสำนักงานปลัดกระทรวงแรงงาน", text)


def test_the_circular_cites_the_approval_memo_and_gives_the_rounds_figures(pyp, tmp_path):
    seed_000_round_approved(pyp)
    circular = memo_draft(kind=MemoKind.QUARTER_CIRCULAR, user=pyp, fiscal_year=2566, quarter=1)

    text = issued_pdf_text(circular, pyp, tmp_path, on=datetime(2023, 3, 31, 9, 0))

    assert printed("สำหรับไตรมาสที่ ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ตั้งแต่วันที่ ๑๙ มกราคม ๒๕๖๖", text)
    assert printed("ตามหนังสือกลุ่ม ป.ย.ป. ที่ รง ๐๒๑๔/๗๕ ลงวันที่ ๒๘ มีนาคม ๒๕๖๖", text)
    assert printed("รวมจำนวน ๑๕๖ โครงการ", text)
    assert printed("ความก้าวหน้าระดับมากที่สุด (๑๐๐ %) จำนวน ๒๙ โครงการ ร้อยละ ๑๘.๕๙", text)
    assert printed(
        "ความก้าวหน้าระดับน้อยที่สุด (ต่ำกว่า ๒๕ %) จำนวน ๔๖ โครงการ ร้อยละ ๒๙.๔๙", text
    )  # seed: ๒๙.๔๘ by hand
    assert printed("ความก้าวหน้าการดำเนินโครงการ ๕ ระดับ ไตรมาส ๑/๒๕๖๖", text)  # the chart
    assert printed("กลุ่มขับเคลื่อนการปฏิรูปประเทศ ยุทธศาสตร์ชาติ และการสร้างความสามัคคีปรองดอง", text)
    assert printed("โทรศัพท์ ๐ ๒๒๓๒ ๑๒๗๐", text)


def test_the_circular_leaves_a_blank_for_an_approval_memo_not_issued_here(pyp):
    build_seed_000_round()

    circular = memo_draft(kind=MemoKind.QUARTER_CIRCULAR, user=pyp, fiscal_year=2566, quarter=1)

    assert "ตามหนังสือกลุ่ม ป.ย.ป. ที่ รง ๐๒๑๔/…… ลงวันที่ ……" in body_text(circular)
    assert "ตั้งแต่วันที่ ……" in body_text(circular)  # no report window was opened


def test_the_circular_keeps_the_frozen_figures_of_a_closed_round(pyp):
    build_seed_000_round()
    snapshot, _ = round_snapshot_take(fiscal_year=2566, quarter=1, reason="ปิดรอบ")
    late = ProjectFactory(
        fiscal_year=2566, start_date=date(2022, 10, 1), end_date=date(2023, 9, 30)
    )
    QuarterlyReportFactory(project=late, fiscal_year=2566, quarter=1, status="submitted")

    circular = memo_draft(kind=MemoKind.QUARTER_CIRCULAR, user=pyp, fiscal_year=2566, quarter=1)

    assert circular.figures["source"] == "frozen"
    assert circular.figures["five_band"] == snapshot.data["five_band"]
    assert "รวมจำนวน ๑๕๖ โครงการ" in body_text(circular)


def reported_round(count: int) -> None:
    for n in range(count):
        project = ProjectFactory(
            fiscal_year=2566,
            start_date=date(2022, 10, 1),
            end_date=date(2023, 9, 30),
            status="approved",
        )
        QuarterlyReportFactory(
            project=project,
            fiscal_year=2566,
            quarter=1,
            progress_percent=n * 9 % 100,
            status="submitted",
        )


def test_the_circular_reads_a_fixed_number_of_queries(pyp):
    context = Context(fiscal_year=2566, quarter=1, unit=pyp.home_unit, user=pyp)
    reported_round(2)
    few = queries_of(lambda: build(MemoKind.QUARTER_CIRCULAR, context))
    reported_round(12)

    assert queries_of(lambda: build(MemoKind.QUARTER_CIRCULAR, context)) == few


# --- (3) the window notice -----------------------------------------------------------


def test_the_window_notice_gives_every_window_of_the_year_in_thai_dates(pyp, tmp_path):
    windows_propose(fiscal_year=2567, user=pyp)
    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)

    text = issued_pdf_text(notice, pyp, tmp_path, on=datetime(2023, 10, 4, 9, 0))

    assert printed("ที่ รง ๐๒๑๔/ว ๑", text)
    assert printed(
        "เรื่อง การนำเข้าข้อมูลและการรายงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ในระบบติดตามและประเมินผลแห่งชาติ",
        text,
    )
    assert printed("ภายใน ๓๐ วัน หลังสิ้นไตรมาส", text)
    assert printed(
        "นำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๖ "
        "และเสนอผู้บริหารหน่วยงานอนุมัติ",
        text,
    )
    assert printed("ภายในวันที่ ๓๐ พฤศจิกายน ๒๕๖๖", text)
    assert printed("ให้แล้วเสร็จภายในวันที่ ๓๑ ธันวาคม ๒๕๖๖", text)
    for quarter, opens in [("๑", "๑ มกราคม ๒๕๖๗"), ("๔", "๑ ตุลาคม ๒๕๖๗")]:
        assert printed(f"รายงานความก้าวหน้า ไตรมาสที่ {quarter}/๒๕๖๗ ตั้งแต่วันที่ {opens}", text)
    assert printed("นำเข้าโครงการใหม่ระหว่างปี ไตรมาสที่ ๓/๒๕๖๗ ตั้งแต่วันที่ ๑ เมษายน ๒๕๖๗", text)
    assert printed("นำเข้าแผนระดับที่ ๓ ตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๖", text)
    assert printed("รายงานผลสัมฤทธิ์แผนระดับที่ ๓ ตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๖", text)
    table = layout_text(Memo.objects.get(pk=notice.pk), tmp_path)  # the timeline, row by row
    assert printed("รายงานความก้าวหน้ารายไตรมาส ๑/๒๕๖๗ ๑ ม.ค. ๖๗ ๑๖ ม.ค. ๖๗ ๓๐ ม.ค. ๖๗", table)


def test_a_notice_of_one_window_announces_it_and_cites_the_years_notice(pyp):
    windows_propose(fiscal_year=2567, user=pyp)
    year_notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)
    with freeze(datetime(2023, 10, 4, 9, 0)):
        memo_issue(memo=year_notice, user=pyp)
    window = Window.objects.get(fiscal_year=2567, kind=WindowKind.QUARTERLY_REPORT, quarter=2)

    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567, window=window)

    assert notice.subject.startswith("การรายงานความก้าวหน้าโครงการ/การดำเนินงาน ไตรมาส ๒/๒๕๖๗")
    assert [w["id"] for w in notice.figures["windows"]] == [window.pk]
    assert "ตามหนังสือกลุ่ม ป.ย.ป. ที่ รง ๐๒๑๔/ว ๑ ลงวันที่ ๔ ตุลาคม ๒๕๖๖" in body_text(notice)
    assert "ไตรมาสที่ ๒/๒๕๖๗ ตั้งแต่วันที่ ๑ เมษายน ๒๕๖๗" in body_text(notice)
    assert "ไตรมาสที่ ๑/๒๕๖๗" not in body_text(notice)


def test_a_window_of_some_units_names_them(pyp, unit):
    window = WindowFactory(
        fiscal_year=2567,
        kind=WindowKind.PROJECT_ENTRY,
        quarter=None,
        opens_on=date(2024, 2, 1),
        unit_deadline=date(2024, 2, 29),
        chain_deadline=date(2024, 3, 30),
    )
    window.units.add(unit("SSO"))

    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)

    assert "พ.ศ. ๒๕๖๗ (เฉพาะ สปส.) ตั้งแต่วันที่ ๑ กุมภาพันธ์ ๒๕๖๗" in body_text(notice)


def test_the_issued_notice_prints_the_dates_it_announced_after_a_window_moves(pyp, tmp_path):
    window = WindowFactory(fiscal_year=2567, quarter=1)
    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)
    with freeze(datetime(2023, 12, 20, 9, 0)):
        notice = memo_issue(memo=notice, user=pyp)
    Window.objects.filter(pk=window.pk).update(chain_deadline=date(2024, 2, 15))

    memo_render(memo_id=notice.pk)
    notice.refresh_from_db()
    text = pdf_text(notice.pdf.read(), tmp_path)

    assert printed("๓๐ ม.ค. ๖๗", text)
    assert not printed("๑๕ ก.พ. ๖๗", text)


def test_the_window_notice_addresses_the_heads_by_position_as_seed_001(pyp):
    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)

    assert notice.salutation == "เรียน"
    assert notice.addressee == (
        "อธิบดีกรมการจัดหางาน อธิบดีกรมพัฒนาฝีมือแรงงาน อธิบดีกรมสวัสดิการและคุ้มครองแรงงาน "
        "เลขาธิการสำนักงานประกันสังคม ผู้อำนวยการสถาบันส่งเสริมความปลอดภัย อาชีวอนามัย "
        "และสภาพแวดล้อมในการทำงาน (องค์การมหาชน) ผู้อำนวยการสำนัก/กอง/ศูนย์ "
        "ผู้ตรวจสอบภายในกระทรวง ผู้เชี่ยวชาญด้านการพัฒนาระบบบริหาร "
        "หัวหน้าศูนย์ปฏิบัติการต่อต้านการทุจริต และหัวหน้าสำนักงานเลขานุการ"
        "ศูนย์บัญชาการป้องกันการค้ามนุษย์ด้านแรงงาน"
    )


def test_the_window_notice_prints_the_units_telephone(pyp):
    pyp.home_unit.phone = "0 2232 1403"
    pyp.home_unit.save(update_fields=["phone"])

    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)

    assert notice.department_line == (
        "กลุ่มขับเคลื่อนการปฏิรูปประเทศ ยุทธศาสตร์ชาติ และการสร้างความสามัคคีปรองดอง โทรศัพท์ 0 2232 1403"
    )
    assert "กลุ่ม ป.ย.ป. โทรศัพท์ ๐ ๒๒๓๒ ๑๔๐๓" in body_text(notice)
    assert "……" not in body_text(notice)


def test_the_window_notice_reads_a_fixed_number_of_queries(pyp, unit):
    context = Context(fiscal_year=2567, unit=pyp.home_unit, user=pyp)
    WindowFactory(fiscal_year=2567, quarter=1).units.add(unit("SSO"))
    few = queries_of(lambda: build(MemoKind.WINDOW_NOTICE, context))
    windows_propose(fiscal_year=2567, user=pyp)
    WindowFactory(fiscal_year=2567, quarter=2).units.add(unit("DOE"), unit("DSD"))

    assert queries_of(lambda: build(MemoKind.WINDOW_NOTICE, context)) == few


# --- (4) the request to approve the year's project entries -----------------------------


def final_level() -> ChainLevel:
    return ChainLevel.objects.get(role=Role.PERMANENT_SECRETARY)


def entered(unit_code: str, state: str, *, budget: str = "100000.00", fiscal_year: int = 2567):
    """A project of the year in an M7 state: draft, approved, waiting at the final
    step, or waiting at the cluster head."""
    unit = OrgUnit.objects.get(code=unit_code)
    status = {"final": "submitted", "cluster": "submitted"}.get(state, state)
    project = ProjectFactory(owner_unit=unit, fiscal_year=fiscal_year, status=status)
    BudgetSourceFactory(project=project, amount=Decimal(budget))
    if state in ("final", "cluster"):
        level = (
            final_level() if state == "final" else ChainLevel.objects.get(role=Role.CLUSTER_HEAD)
        )
        ApprovalFactory(item=project, status=ItemStatus.SUBMITTED, current_level=level)
    return project


def entry_year() -> None:
    """DOE: 3 approved, 2 waiting for the Permanent Secretary; SSO: 1 at the cluster
    head, 1 draft; สตป. (สป.รง.): 2 waiting for the Permanent Secretary."""
    for state in ["approved"] * 3 + ["final"] * 2:
        entered("DOE", state)
    entered("SSO", "cluster")
    entered("SSO", "draft", budget="50000.00")
    entered("0209", "final", budget="250000.00")
    entered("0209", "final", budget="250000.00")
    entered("0209", "approved", fiscal_year=2566)  # another year: not counted


def entry_window() -> Window:
    return WindowFactory(
        fiscal_year=2567,
        kind=WindowKind.PROJECT_ENTRY,
        quarter=None,
        opens_on=date(2023, 11, 1),
        unit_deadline=date(2023, 11, 30),
        chain_deadline=date(2023, 12, 31),
    )


def test_the_entry_request_counts_each_departments_projects_by_m7_state(pyp, tmp_path):
    entry_year()
    memo = memo_draft(kind=MemoKind.ENTRY_APPROVAL, user=pyp, fiscal_year=2567)

    text = issued_pdf_text(memo, pyp, tmp_path, on=datetime(2023, 12, 20, 9, 0))

    assert printed("เรียน ปลัดกระทรวงแรงงาน", text)
    assert printed("รวมทั้งสิ้น ๙ โครงการ งบประมาณรวม ๑,๑๕๐,๐๐๐.๐๐ บาท", text)
    assert printed(
        "กลุ่มภารกิจด้านส่งเสริมขีดความสามารถในการแข่งขันของประเทศ จำนวน ๕ โครงการ งบประมาณ ๕๐๐,๐๐๐.๐๐ บาท",
        text,
    )
    assert printed(
        "กรมการจัดหางาน นำเข้า ๕ โครงการ อนุมัติแล้ว ๓ โครงการ รออนุมัติในลำดับสุดท้าย ๒ โครงการ",
        text,
    )
    assert printed("สำนักงานประกันสังคม นำเข้า ๒ โครงการ", text)
    assert printed("สำนักงานปลัดกระทรวงแรงงาน นำเข้า ๒ โครงการ", text)
    # pdftotext takes a "-" (none) at the end of a line for a hyphen, so read the text
    lines = body_text(memo)
    assert "สำนักงานประกันสังคม นำเข้า ๒ โครงการ อนุมัติแล้ว - โครงการ รออนุมัติในลำดับสุดท้าย - โครงการ" in lines
    assert (
        "สำนักงานปลัดกระทรวงแรงงาน นำเข้า ๒ โครงการ อนุมัติแล้ว - โครงการ "
        "รออนุมัติในลำดับสุดท้าย ๒ โครงการ" in lines
    )


def test_the_entry_request_asks_for_the_waiting_projects_by_the_chain_deadline(pyp, tmp_path):
    entry_year()
    entry_window()
    memo = memo_draft(kind=MemoKind.ENTRY_APPROVAL, user=pyp, fiscal_year=2567)

    text = issued_pdf_text(memo, pyp, tmp_path, on=datetime(2023, 12, 20, 9, 0))

    assert printed("อนุมัติครบทุกขั้นแล้ว จำนวน ๓ โครงการ", text)
    assert printed(
        "ในระบบ eMENSCR จำนวน ๔ โครงการ งบประมาณรวม ๗๐๐,๐๐๐.๐๐ บาท ภายในวันที่ ๓๑ ธันวาคม ๒๕๖๖",
        text,
    )
    assert printed("ยังไม่ผ่านการอนุมัติครบทุกขั้น จำนวน ๒ โครงการ", text)
    assert printed("อนุมัติตามข้อ ๓.๑", text)
    # the attachment lists each project with its state in M7
    assert printed("รายชื่อโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", text)
    assert printed("รอรองปลัดกระทรวง หัวหน้ากลุ่มภารกิจ อนุมัติ", text)
    assert printed("รอปลัดกระทรวงแรงงาน อนุมัติ", text)


def test_the_entry_request_cites_the_notice_of_the_entry_window(pyp):
    entry_year()
    window = entry_window()
    notice = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567, window=window)
    memo_update(memo=notice, user=pyp, data={"number": "30"}, body=notice.body, approvals=[])
    with freeze(datetime(2023, 11, 1, 9, 0)):
        memo_issue(memo=notice, user=pyp)

    memo = memo_draft(kind=MemoKind.ENTRY_APPROVAL, user=pyp, fiscal_year=2567)

    assert "ตามหนังสือกลุ่ม ป.ย.ป. ที่ รง ๐๒๑๔/ว ๓๐ ลงวันที่ ๑ พฤศจิกายน ๒๕๖๖" in body_text(memo)
    assert "ตั้งแต่วันที่ ๑ พฤศจิกายน ๒๕๖๖" in body_text(memo)


def test_with_nothing_waiting_the_entry_memo_reports_the_approved_count_and_asks_no_approval(
    pyp,
):
    entry_window()
    entered("DOE", "approved")
    entered("DOE", "approved")
    entered("SSO", "draft")

    memo = memo_draft(kind=MemoKind.ENTRY_APPROVAL, user=pyp, fiscal_year=2567)

    text = body_text(memo)
    assert "ในระบบ eMENSCR แล้ว จำนวนทั้งสิ้น ๒ โครงการ" in text  # เรื่องเดิม, as seed 000's ๑.๒
    assert "ได้รับการอนุมัติครบทุกขั้นแล้ว จำนวน ๒ โครงการ และขณะนี้ยังไม่มีโครงการที่รอการอนุมัติในลำดับสุดท้าย" in text
    assert "จำนวน - โครงการ งบประมาณรวม - บาท" not in text
    assert memo.closing == "จึงเรียนมาเพื่อโปรดทราบ"
    assert memo.approvals[0]["text"] == "ทราบ"


def test_with_no_project_at_all_the_entry_memo_says_so_in_words(pyp):
    memo = memo_draft(kind=MemoKind.ENTRY_APPROVAL, user=pyp, fiscal_year=2567)

    text = body_text(memo)
    assert "ขณะนี้ยังไม่มีโครงการที่รอการอนุมัติในลำดับสุดท้าย" in text
    assert "อนุมัติการนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ในลำดับสุดท้าย" not in text


def test_the_quarter_memo_gives_the_years_approved_entries_in_its_history(pyp):
    reported_round(3)  # approved projects of 2566, reported in Q1
    revised = ProjectFactory(fiscal_year=2566, status="submitted")
    ProjectRevision.objects.create(
        project=revised, number=1, content={}, approved_at=timezone.now()
    )
    ProjectFactory(fiscal_year=2566, status="draft")  # never approved: not counted

    memo = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=pyp, fiscal_year=2566, quarter=1)

    assert (
        "ปลัดกระทรวงแรงงาน อนุมัติการนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ "
        "ของกระทรวงแรงงาน ในระบบ eMENSCR จำนวนทั้งสิ้น ๔ โครงการ รายละเอียด" in body_text(memo)
    )


def test_the_entry_request_reads_a_fixed_number_of_queries(pyp):
    context = Context(fiscal_year=2567, unit=pyp.home_unit, user=pyp)
    entry_window()
    entered("DOE", "final")
    few = queries_of(lambda: build(MemoKind.ENTRY_APPROVAL, context))
    entry_year()

    assert queries_of(lambda: build(MemoKind.ENTRY_APPROVAL, context)) == few


# --- samples for reviewers ----------------------------------------------------------------


def test_memo_samples_writes_page_one_of_each_kind_and_keeps_no_memo(pyp, tmp_path):
    from django.core.management import call_command

    build_seed_000_round()
    windows_propose(fiscal_year=2567, user=pyp)

    evaluator = user_with_role(Role.STAFF, "0209")  # the monthly KPI report's drafter

    call_command("memo_samples", str(tmp_path), user=pyp.username, report_user=evaluator.username)

    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "1_window_notice.png",
        "2_entry_approval.png",
        "3_quarter_approval.png",
        "4_quarter_circular.png",
        "5_kpi_report.png",
    ]
    assert len(list(tmp_path.glob("*.pdf"))) == 5
    assert not Memo.objects.exists()
