"""The monthly KPI report (seed 003) as a memo kind: drafted by the evaluation office
from live figures, with seed 003's sections, tables and charts; frozen when issued; its
tables as Excel; read by the memos' readers."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from core.clock import freeze
from kpis.models import KpiResult
from memos.docx import memo_docx
from memos.forms import MemoNewForm
from memos.models import Memo, MemoKind
from memos.pdf import memo_pdf
from memos.permissions import managed_kinds
from memos.selectors import memo_for
from memos.services import memo_draft, memo_issue, memo_update
from orgs.models import OrgUnit, Role, UnitKind
from tests.factories import OrgUnitFactory, ProjectFactory, user_with_role
from tests.kpis.factories import planned_kpi
from tests.memos.test_memos import pdf_text, printed

pytestmark = pytest.mark.django_db

FY, MONTH = 2568, 2


@pytest.fixture
def office(db):
    """An official of the evaluation office (สตป., 0209)."""
    return user_with_role(Role.STAFF, "0209", username="evaluator")


@pytest.fixture
def figures(db):
    """Two projects of central units (one off plan) and a provincial office's copy."""
    drugs = ProjectFactory(fiscal_year=FY, name="โครงการส่งเสริมการป้องกันยาเสพติด")
    informal = ProjectFactory(fiscal_year=FY, name="โครงการพัฒนาคุณภาพชีวิตแรงงานนอกระบบ")
    planned_kpi(
        fiscal_year=FY, project=drugs, name="จำนวนแรงงานที่ได้รับการส่งเสริมความรู้",
        unit=OrgUnit.objects.get(code="0209-4"), targets={2: 6600}, results={2: 7285},
    )  # fmt: skip
    planned_kpi(
        fiscal_year=FY, project=informal, name="แรงงานนอกระบบที่ได้รับการส่งเสริม",
        unit=OrgUnit.objects.get(code="0216"), annual_target=13560000, targets={2: 2260000},
    )  # fmt: skip
    planned_kpi(
        fiscal_year=FY, name="จัดจ้างเจ้าหน้าที่สนับสนุนกลไกการส่งต่อระดับชาติ",
        unit=OrgUnit.objects.get(code="0217"), annual_target=23, targets={2: 23}, results={2: 17},
    )  # fmt: skip
    province = OrgUnitFactory(
        code="PLO-50", parent=OrgUnit.objects.get(code="OPS"), kind=UnitKind.PROVINCE,
        name_th="สำนักงานแรงงานจังหวัดเชียงใหม่",
    )  # fmt: skip
    planned_kpi(
        fiscal_year=FY, project=drugs, unit=province, name="แรงงานในสถานประกอบการได้รับความรู้",
        targets={2: 87}, results={2: 96},
    )  # fmt: skip


def draft(user) -> Memo:
    with freeze(datetime(2024, 12, 9, 10, 0)):
        return memo_draft(kind=MemoKind.KPI_REPORT, user=user, fiscal_year=FY, month=MONTH)


def test_the_report_has_seed_003s_structure(office, figures, tmp_path):
    memo = draft(office)

    text = pdf_text(memo_pdf(memo), tmp_path)

    for phrase in [
        "รายงานผลการดำเนินงาน สำนักงานปลัดกระทรวงแรงงาน",
        "รอบ ๒ เดือน (วันที่ ๑ ตุลาคม - วันที่ ๓๐ พฤศจิกายน ๒๕๖๗)",
        "๑. เกณฑ์การวัดผลการดำเนินงาน",
        "ต่ำกว่าแผนงานไม่เกินร้อยละ ๕",
        "๒.๑ ผลการดำเนินงานในภาพรวม จำแนกตามโครงการ",
        "ตารางที่ ๑ ผลการดำเนินงานในภาพรวม จำแนกตามโครงการ",
        "แผนภูมิที่ ๑",
        "๒.๒ ผลการดำเนินงานของหน่วยงานส่วนกลาง",
        "ตารางที่ ๒ ผลการดำเนินงานของหน่วยงานส่วนกลาง",
        "แผนภูมิที่ ๒",
        "หน่วยงานที่มีผลการดำเนินงานไม่เป็นไปตามแผนปฏิบัติงานฯ",
        "๒.๓ ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค ๑ จังหวัด",
        "ตารางที่ ๓ ผลการดำเนินงานของหน่วยงานส่วนภูมิภาค",
        "แผนภูมิที่ ๓",
        "แรงงานในสถานประกอบการได้รับความรู้",
        "๓.๑ สรุปผลการดำเนินงาน",
        "๓.๒ ข้อสังเกตและข้อเสนอแนะ",
        "รวบรวมและประมวลผล โดยสำนักตรวจและประเมินผล",
        "๗,๒๘๕ คน",  # a result, in Thai digits
    ]:
        assert printed(phrase, text), phrase
    assert "[[" not in text  # the markers became their tables and charts


def test_the_off_plan_reasons_are_grouped_in_the_conclusion(office, figures, tmp_path):
    # The reason the units gave with their monthly results (seed 003's หมายเหตุ).
    KpiResult.objects.update(remark="ไม่มีผู้สมัคร")

    memo = draft(office)

    off_plan = {unit["code"]: unit for unit in memo.figures["off_plan"]}
    assert set(off_plan) == {"0216", "0217"}
    assert off_plan["0217"]["lines"][0]["remark"] == "ไม่มีผู้สมัคร"
    assert off_plan["0216"]["lines"][0]["remark"] == ""  # no result row, so no remark
    reasons = [p["text"] for p in memo.body if p["level"] == 3]
    assert any(t.startswith("ไม่มีผู้สมัคร ได้แก่ สำนักงานเลขานุการศูนย์บัญชาการ") for t in reasons)
    assert any(t.startswith("หน่วยงานยังไม่ได้ระบุสาเหตุในระบบ ได้แก่ สำนักงานนโยบาย") for t in reasons)
    assert printed("ไม่มีผู้สมัคร", pdf_text(memo_pdf(memo), tmp_path))


def test_an_issued_report_keeps_its_figures(office, figures, tmp_path):
    memo = draft(office)
    with freeze(datetime(2024, 12, 9, 11, 0)):
        issued = memo_issue(memo=memo, user=office)
    before = pdf_text(memo_pdf(Memo.objects.get(pk=issued.pk)), tmp_path)
    kpi = KpiResult.objects.get(value=17).kpi
    KpiResult.objects.filter(kpi=kpi).update(value=Decimal(23))  # the unit catches up

    kept = Memo.objects.get(pk=issued.pk)

    assert kept.figures == issued.figures
    assert pdf_text(memo_pdf(kept), tmp_path) == before
    live = draft(office).figures
    assert live["off_plan"] != kept.figures["off_plan"]  # the live figures moved on
    with pytest.raises(Exception, match="ออกเลขแล้ว"):
        memo_update(memo=kept, user=office, data={}, body=kept.body, approvals=[])


def test_the_excel_file_opens_with_the_tables(client, office, figures):
    memo = draft(office)
    client.force_login(office)

    response = client.get(reverse("memos:memo_xlsx", args=[memo.pk]))

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == [
        "เกณฑ์", "ตารางที่ 1 ตามโครงการ", "ตารางที่ 2 ส่วนกลาง", "ไม่เป็นไปตามแผน",
        "ตารางที่ 3 ส่วนภูมิภาค",
    ]  # fmt: skip
    projects = [row[0] for row in book["ตารางที่ 1 ตามโครงการ"].iter_rows(values_only=True)]
    assert "จำนวนแรงงานที่ได้รับการส่งเสริมความรู้" in projects
    provinces = list(book["ตารางที่ 3 ส่วนภูมิภาค"].iter_rows(values_only=True))
    assert any(row[0] == "แรงงานในสถานประกอบการได้รับความรู้" and row[4] == 96 for row in provinces)
    off_plan = [row[0] for row in book["ไม่เป็นไปตามแผน"].iter_rows(values_only=True)]
    assert "สำนักงานเลขานุการศูนย์บัญชาการป้องกันการค้ามนุษย์ด้านแรงงาน" in off_plan


def test_the_docx_has_the_reports_tables(office, figures):
    document = Document(io.BytesIO(memo_docx(draft(office))))

    heads = [table.rows[0].cells[0].text for table in document.tables]
    assert heads[:3] == ["การดำเนินงาน", "โครงการ/ตัวชี้วัด", "สำนัก/กอง/ศูนย์/กลุ่ม"]
    assert "โครงการ/กิจกรรม" in heads


def test_the_evaluation_office_drafts_it_and_nobody_else_but_the_administrator(office, figures):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    planner = user_with_role(Role.STAFF, "0206")
    group = user_with_role(Role.STAFF, "0209-3")  # กลุ่มงานวิเคราะห์และประเมินผล

    assert MemoKind.KPI_REPORT in managed_kinds(office)
    assert MemoKind.KPI_REPORT in managed_kinds(group)
    assert MemoKind.QUARTER_APPROVAL not in managed_kinds(office)
    for user in (pyp, planner):
        with pytest.raises(PermissionDenied):
            draft(user)
    with pytest.raises(PermissionDenied):
        memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=office, fiscal_year=2566, quarter=1)
    form = MemoNewForm(kinds=managed_kinds(office))
    assert [value for value, _ in form.fields["kind"].choices] == [MemoKind.KPI_REPORT]


def test_the_group_compiles_it_in_its_own_name(figures):
    group = user_with_role(Role.STAFF, "0209-3")

    memo = draft(group)

    assert memo.contact.endswith("โดยสำนักตรวจและประเมินผล กลุ่มงานวิเคราะห์และประเมินผล")
    assert memo.figures["units"]["count"] >= 3  # the whole of สป.รง., not the group alone


def test_readers_read_the_issued_report_and_no_draft(office, figures):
    memo = draft(office)
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    planner = user_with_role(Role.STAFF, "0206")

    with pytest.raises(Http404):
        memo_for(user=ps, pk=memo.pk)  # a draft is the office's working paper
    with freeze(datetime(2024, 12, 9, 11, 0)):
        memo_issue(memo=memo, user=office)
    assert memo_for(user=ps, pk=memo.pk).is_report
    with pytest.raises(PermissionDenied):
        memo_for(user=planner, pk=memo.pk)


def test_the_office_does_not_read_the_groups_letters(client, office, pyp):
    letter = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2566)
    client.force_login(office)

    assert client.get(reverse("memos:memo", args=[letter.pk])).status_code == 404
    assert client.get(reverse("memos:memos")).status_code == 200
    assert letter.subject not in client.get(reverse("memos:memos")).content.decode()


def test_the_new_memo_page_drafts_the_report(client, office, figures):
    client.force_login(office)

    response = client.post(
        reverse("memos:memo_new"), {"kind": "kpi_report", "fiscal_year": FY, "month": MONTH}
    )

    memo = Memo.objects.get(kind=MemoKind.KPI_REPORT)
    assert response.status_code == 302 and memo.month == MONTH
    page = client.get(reverse("memos:memo", args=[memo.pk])).content.decode()
    assert "[[ตารางที่ ๑]]" in page and 'id="memo-xlsx"' in page
    missing = client.post(reverse("memos:memo_new"), {"kind": "kpi_report", "fiscal_year": FY})
    assert "รายงานรายเดือนต้องระบุเดือน" in missing.content.decode()
