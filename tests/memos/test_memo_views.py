"""Memo pages: the archive, drafting, the editor, issue, the PDF, and who may do what."""

import io
from datetime import date, datetime

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.clock import freeze
from memos.forms import LetterheadForm
from memos.models import Memo, MemoKind, MemoStatus, PdfStatus
from memos.paragraphs import number
from memos.services import memo_draft
from orgs.models import Role
from tests.conftest import queries_of, wait_until
from tests.factories import WindowFactory, user_with_role
from tests.reporting.seed000 import build_seed_000_round
from windows.models import WindowKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def ps():
    return user_with_role(Role.PERMANENT_SECRETARY, "MOL")


def as_user(client, user):
    client.force_login(user)
    return client


def a_memo(user, *, issued: bool = False, **fields) -> Memo:
    """A memo row as the services leave it (the archive only reads them)."""
    values = {
        "kind": MemoKind.QUARTER_APPROVAL,
        "fiscal_year": 2566,
        "quarter": 1,
        "unit": user.home_unit,
        "department_line": "กลุ่ม ป.ย.ป.",
        "doc_prefix": "รง 0214",
        "subject": "อนุมัติรายงานความก้าวหน้า ไตรมาส ๑",
        "addressee": "ปลัดกระทรวงแรงงาน",
        "body": [{"level": 1, "text": "เรื่องเดิม"}],
        "created_by": user,
        **fields,
    }
    if issued:
        values.setdefault("number", "75")
        values.update(
            status=MemoStatus.ISSUED,
            memo_date=date(2023, 3, 28),
            issued_at=timezone.now(),
            issued_by=user,
        )
        values.setdefault("pdf_status", PdfStatus.PENDING)
    return Memo.objects.create(**values)


def quarterly_draft(user) -> Memo:
    build_seed_000_round()
    return memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=user, fiscal_year=2566, quarter=1)


def editor_post(memo: Memo, **changes) -> dict:
    """The editor form as the page posts it, from the memo's current values."""
    data = {
        "urgency": memo.urgency,
        "department_line": memo.department_line,
        "doc_prefix": memo.doc_prefix,
        "number": memo.number,
        "memo_date": memo.memo_date.isoformat() if memo.memo_date else "",
        "subject": memo.subject,
        "salutation": memo.salutation,
        "addressee": memo.addressee,
        "closing": memo.closing,
        "signatory_name": memo.signatory_name,
        "signatory_position": memo.signatory_position,
        "contact": memo.contact,
        "attachments": memo.attachments,
        "para_level": [str(p["level"]) for p in memo.body],
        "para_text": [p["text"] for p in memo.body],
        "approval_text": [a["text"] for a in memo.approvals],
        "approval_name": [a["name"] for a in memo.approvals],
        "approval_position": [a["position"] for a in memo.approvals],
    }
    if memo.is_circular:  # a checkbox posts only when ticked
        data["is_circular"] = "on"
    data.update(changes)
    return data


def archive(client, **params):
    return client.get(reverse("memos:memos"), params)


# --- the archive --------------------------------------------------------------


def test_the_archive_shows_the_number_in_thai_digits_and_the_buddhist_date(client, pyp):
    a_memo(pyp, issued=True)

    page = archive(as_user(client, pyp)).content.decode()

    assert "รง ๐๒๑๔/๗๕" in page
    assert "๒๘ มีนาคม ๒๕๖๖" in page


def test_the_archive_filters_by_year_kind_status_window_and_search(client, pyp):
    window = WindowFactory(fiscal_year=2567, kind=WindowKind.PROJECT_ENTRY, quarter=None)
    quarter_window = WindowFactory(fiscal_year=2566, quarter=1)
    q1 = a_memo(pyp, issued=True, subject="ไตรมาส ๑ ปี ๒๕๖๖")
    q2 = a_memo(pyp, quarter=2, subject="ไตรมาส ๒ ปี ๒๕๖๖")
    notice = a_memo(
        pyp,
        kind=MemoKind.WINDOW_NOTICE,
        fiscal_year=2567,
        quarter=None,
        window=window,
        subject="แจ้งกำหนดการนำเข้าโครงการ",
    )
    client = as_user(client, pyp)

    def shown(**params) -> set[int]:
        return {m.pk for m in archive(client, **params).context["page"]}

    assert shown(fiscal_year=2567) == {notice.pk}
    assert shown(kind=MemoKind.QUARTER_APPROVAL) == {q1.pk, q2.pk}
    assert shown(status=MemoStatus.DRAFT) == {q2.pk, notice.pk}
    assert shown(window=window.pk) == {notice.pk}
    assert shown(window=quarter_window.pk) == {q1.pk}
    assert shown(q="๗๕") == {q1.pk}
    assert shown(q="รง 0214/75") == {q1.pk}
    assert shown(q="กำหนดการ") == {notice.pk}
    assert shown(q="ไตรมาส 2") == {q2.pk}


def test_the_archive_runs_the_same_queries_for_few_and_many_memos(client, pyp):
    client = as_user(client, pyp)
    a_memo(pyp, issued=True)
    a_memo(pyp)
    few = queries_of(lambda: archive(client))
    for n in range(12):
        a_memo(
            pyp,
            issued=n % 2 == 0,
            number=str(100 + n),
            created_by=user_with_role(Role.PYP_OFFICER, "MOL"),
        )

    assert queries_of(lambda: archive(client)) == few


def test_readers_see_issued_memos_only_and_no_drafting_button(client, pyp, ps):
    issued = a_memo(pyp, issued=True)
    draft = a_memo(pyp)
    client = as_user(client, ps)

    response = archive(client)

    assert {m.pk for m in response.context["page"]} == {issued.pk}
    assert reverse("memos:memo_new") not in response.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("memos:memo_preview", args=[draft.pk])).status_code == 404
    assert client.get(issued.get_absolute_url()).status_code == 200


# สตป. (0209) is the evaluation office, which writes the monthly KPI report
# (tests/memos/test_kpi_report.py): another division's officials here.
@pytest.mark.parametrize(
    "role, unit_code", [(Role.STAFF, "0206"), (Role.DIVISION_DIRECTOR, "0206")]
)
def test_staff_and_division_directors_are_refused_every_memo_page(client, pyp, role, unit_code):
    memo = a_memo(pyp, issued=True, pdf_status=PdfStatus.READY)
    client = as_user(client, user_with_role(role, unit_code))
    urls = [
        reverse("memos:memos"),
        reverse("memos:memo_new"),
        memo.get_absolute_url(),
        reverse("memos:memo_preview", args=[memo.pk]),
        reverse("memos:memo_download", args=[memo.pk]),
        reverse("memos:memo_pdf_status", args=[memo.pk]),
    ]

    assert [client.get(url).status_code for url in urls] == [403] * len(urls)
    assert client.post(reverse("memos:memo_new"), {"kind": "quarter_approval"}).status_code == 403


def test_the_evaluation_office_finds_none_of_pyps_memos(client, pyp):
    memo = a_memo(pyp, issued=True, pdf_status=PdfStatus.READY)
    client = as_user(client, user_with_role(Role.STAFF, "0209"))

    assert client.get(reverse("memos:memos")).status_code == 200  # its own reports' register
    pages = [
        memo.get_absolute_url(),
        reverse("memos:memo_preview", args=[memo.pk]),
        reverse("memos:memo_download", args=[memo.pk]),
        reverse("memos:memo_pdf_status", args=[memo.pk]),
    ]
    assert [client.get(url).status_code for url in pages] == [404] * len(pages)
    new = client.post(reverse("memos:memo_new"), {"kind": "quarter_approval", "fiscal_year": 2566})
    assert new.status_code == 200  # the kind is not among its choices: the form says so
    assert Memo.objects.count() == 1


def test_an_executive_may_read_but_not_draft_or_edit(client, pyp, ps):
    draft, issued = a_memo(pyp), a_memo(pyp, issued=True, pdf_status=PdfStatus.FAILED)
    client = as_user(client, ps)

    assert client.get(reverse("memos:memo_new")).status_code == 403
    # A draft is not there for a reader; an issued memo is, but not to write.
    assert client.post(draft.get_absolute_url(), editor_post(draft)).status_code == 404
    assert client.post(reverse("memos:memo_issue", args=[draft.pk])).status_code == 404
    assert client.post(issued.get_absolute_url(), editor_post(issued)).status_code == 403
    assert Memo.objects.get(pk=draft.pk).status == MemoStatus.DRAFT


# --- drafting -----------------------------------------------------------------


def test_pyp_drafts_the_quarterly_memo_through_the_page(client, pyp):
    build_seed_000_round()
    client = as_user(client, pyp)

    response = client.post(
        reverse("memos:memo_new"),
        {"kind": MemoKind.QUARTER_APPROVAL, "fiscal_year": "2566", "quarter": "1"},
    )

    memo = Memo.objects.get()
    assert response.status_code == 302 and response.url == memo.get_absolute_url()
    assert (memo.kind, memo.fiscal_year, memo.quarter) == (MemoKind.QUARTER_APPROVAL, 2566, 1)
    page = client.get(memo.get_absolute_url()).content.decode()
    assert "ใช้ตัวเลขล่าสุดในระบบ" in page
    assert "จำนวน ๑๕๖ โครงการ" in page


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"kind": "quarter_approval", "fiscal_year": "2566"},
            "quarter",
            "บันทึกรายไตรมาสต้องระบุไตรมาส",
        ),
        (
            {"kind": "quarter_approval", "fiscal_year": "2023", "quarter": "1"},
            "fiscal_year",
            "พ.ศ.",
        ),
        ({"fiscal_year": "2567"}, "kind", "กรุณาเลือกประเภทบันทึก"),
    ],
)
def test_a_new_memo_needs_a_kind_a_buddhist_year_and_its_round(client, pyp, data, field, message):
    response = as_user(client, pyp).post(reverse("memos:memo_new"), data)

    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not Memo.objects.exists()


def test_a_window_notice_without_a_window_announces_the_whole_year(client, pyp):
    WindowFactory(fiscal_year=2567, quarter=1)

    response = as_user(client, pyp).post(
        reverse("memos:memo_new"), {"kind": MemoKind.WINDOW_NOTICE, "fiscal_year": "2567"}
    )

    memo = Memo.objects.get()
    assert response.status_code == 302 and memo.window is None
    assert [w["quarter"] for w in memo.figures["windows"]] == [1]


def test_a_window_notice_needs_a_window_of_its_fiscal_year(client, pyp):
    window = WindowFactory(fiscal_year=2566, quarter=1)

    response = as_user(client, pyp).post(
        reverse("memos:memo_new"),
        {"kind": MemoKind.WINDOW_NOTICE, "fiscal_year": "2567", "window": window.pk},
    )

    assert "ปีงบประมาณ 2566" in response.context["form"].errors["window"][0]


# --- the editor ---------------------------------------------------------------


def test_editing_paragraphs_adds_moves_and_changes_levels_and_renumbers(client, pyp):
    memo = a_memo(
        pyp,
        body=[
            {"level": 1, "text": "เรื่องเดิม"},
            {"level": 2, "text": "ข้อแรก"},
            {"level": 2, "text": "ข้อสอง"},
            {"level": 1, "text": "ข้อเท็จจริง"},
        ],
    )
    # Insert a sub-section after the first, move "ข้อเท็จจริง" above "ข้อสอง" and make
    # "ข้อแรก" a plain paragraph.
    levels = ["1", "0", "2", "1", "2"]
    texts = ["เรื่องเดิม", "ข้อแรก", "ข้อที่เพิ่ม", "ข้อเท็จจริง", "ข้อสอง"]

    response = as_user(client, pyp).post(
        memo.get_absolute_url(), editor_post(memo, para_level=levels, para_text=texts)
    )

    assert response.status_code == 302
    memo.refresh_from_db()
    labels = [(p.label, p.text) for p in number(memo.body)]
    assert labels == [
        ("๑.", "เรื่องเดิม"),
        ("", "ข้อแรก"),
        ("๑.๑", "ข้อที่เพิ่ม"),
        ("๒.", "ข้อเท็จจริง"),
        ("๒.๑", "ข้อสอง"),
    ]
    page = client.get(memo.get_absolute_url()).content.decode()
    assert page.index("ข้อที่เพิ่ม") < page.index("ข้อสอง")


def test_header_fields_and_approval_lines_are_saved(client, pyp):
    memo = a_memo(pyp, approvals=[{"text": "อนุมัติ", "name": "(ก)", "position": "ปลัด"}])

    as_user(client, pyp).post(
        memo.get_absolute_url(),
        editor_post(
            memo,
            urgency="ด่วนที่สุด",
            number="๗๕",
            memo_date="2023-03-28",
            addressee="รองปลัดกระทรวงแรงงาน",
            approval_text=["อนุมัติตามข้อ ๓.๑", "ทราบ"],
            approval_name=["(นายหนึ่ง)", "(นายสอง)"],
            approval_position=["ปลัดกระทรวงแรงงาน", "รองปลัดกระทรวงแรงงาน"],
        ),
    )

    memo.refresh_from_db()
    assert (memo.urgency, memo.number, memo.memo_date) == ("ด่วนที่สุด", "75", date(2023, 3, 28))
    assert memo.addressee == "รองปลัดกระทรวงแรงงาน"
    assert [a["name"] for a in memo.approvals] == ["(นายหนึ่ง)", "(นายสอง)"]


def test_a_bad_edit_comes_back_with_the_typed_rows_and_thai_messages(client, pyp):
    memo = a_memo(pyp)
    levels, texts = ["2", "1"], ["ข้อย่อยที่พิมพ์ไว้ก่อนข้อหลัก", "ข้อหลักที่พิมพ์ไว้"]

    response = as_user(client, pyp).post(
        memo.get_absolute_url(),
        editor_post(memo, subject="", number="ก๑", para_level=levels, para_text=texts),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "ข้อย่อยที่พิมพ์ไว้ก่อนข้อหลัก" in page and "ข้อหลักที่พิมพ์ไว้" in page
    assert "ข้อย่อย ๑.๑ ต้องอยู่ใต้ข้อหลัก" in page
    assert "กรุณากรอกเรื่อง" in page
    assert "เลขที่หนังสือต้องเป็นตัวเลข" in page
    assert Memo.objects.get(pk=memo.pk).body == [{"level": 1, "text": "เรื่องเดิม"}]


def test_a_draft_with_no_text_is_refused_with_a_thai_message(client, pyp):
    memo = a_memo(pyp)

    response = as_user(client, pyp).post(
        memo.get_absolute_url(), editor_post(memo, para_level=["1"], para_text=["   "])
    )

    assert "บันทึกต้องมีเนื้อความอย่างน้อยหนึ่งย่อหน้า" in response.content.decode()
    assert Memo.objects.get(pk=memo.pk).body == [{"level": 1, "text": "เรื่องเดิม"}]


def test_the_preview_is_the_pdf_inline_and_a_posted_preview_saves_the_draft_first(client, pyp):
    memo = a_memo(pyp)
    client = as_user(client, pyp)
    url = reverse("memos:memo_preview", args=[memo.pk])

    shown = client.get(url)
    posted = client.post(url, editor_post(memo, subject="เรื่องที่แก้ก่อนดูตัวอย่าง"))

    for response in (shown, posted):
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")
        assert response.content.startswith(b"%PDF")
    assert Memo.objects.get(pk=memo.pk).subject == "เรื่องที่แก้ก่อนดูตัวอย่าง"


def test_refreshing_rewrites_the_draft_from_the_figures(client, pyp):
    memo = quarterly_draft(pyp)
    Memo.objects.filter(pk=memo.pk).update(body=[{"level": 0, "text": "ข้อความที่แก้ไว้"}])

    response = as_user(client, pyp).post(reverse("memos:memo_refresh", args=[memo.pk]))

    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.body[0] == {"level": 1, "text": "เรื่องเดิม"}


# --- issuing ------------------------------------------------------------------


def test_issuing_from_the_page_saves_the_typed_values_numbers_and_dates_the_memo(client, pyp):
    memo = a_memo(pyp)

    with freeze(datetime(2023, 3, 28, 10, 0)):
        response = as_user(client, pyp).post(
            reverse("memos:memo_issue", args=[memo.pk]),
            editor_post(memo, subject="เรื่องที่ออกเลข"),
        )

    memo.refresh_from_db()
    assert response.status_code == 302
    assert (memo.status, memo.number, memo.memo_date) == (MemoStatus.ISSUED, "1", date(2023, 3, 28))
    assert memo.subject == "เรื่องที่ออกเลข"
    assert memo.pdf_status == PdfStatus.PENDING
    page = client.get(memo.get_absolute_url()).content.decode()
    assert "ที่ รง ๐๒๑๔/๑" in page
    assert 'hx-trigger="every 2s"' in page


def test_a_number_already_issued_is_refused_next_to_the_field(client, pyp):
    a_memo(pyp, issued=True, number="75")
    memo = a_memo(pyp)

    response = as_user(client, pyp).post(
        reverse("memos:memo_issue", args=[memo.pk]), editor_post(memo, number="75")
    )

    assert response.status_code == 200
    assert "ออกให้บันทึกอื่นแล้ว" in response.context["form"].errors["number"][0]
    assert Memo.objects.get(pk=memo.pk).status == MemoStatus.DRAFT


@pytest.mark.parametrize("route", ["memo", "memo_issue", "memo_refresh", "memo_preview"])
def test_an_issued_memo_cannot_be_posted_to(client, pyp, route):
    memo = a_memo(pyp, issued=True)

    response = as_user(client, pyp).post(
        reverse(f"memos:{route}", args=[memo.pk]), editor_post(memo, subject="แก้หลังออกเลข")
    )

    assert response.status_code == 400
    assert "บันทึกนี้ออกเลขแล้ว แก้ไขไม่ได้" in response.content.decode()
    assert Memo.objects.get(pk=memo.pk).subject == memo.subject


def test_a_failed_pdf_is_queued_again_by_pyp_only(
    client, pyp, ps, django_capture_on_commit_callbacks
):
    memo = a_memo(pyp, issued=True, pdf_status=PdfStatus.FAILED)
    url = reverse("memos:memo_pdf_status", args=[memo.pk])

    assert as_user(client, ps).post(url).status_code == 403
    page = as_user(client, pyp).get(memo.get_absolute_url()).content.decode()
    assert "สร้างไฟล์ PDF ไม่สำเร็จ" in page and "สร้างไฟล์อีกครั้ง" in page
    with django_capture_on_commit_callbacks() as queued:
        client.post(url, HTTP_HX_REQUEST="true")

    assert len(queued) == 1
    assert Memo.objects.get(pk=memo.pk).pdf_status == PdfStatus.PENDING


def test_the_quarterly_memo_page_offers_the_attachment_workbook(client, pyp):
    memo = a_memo(pyp, issued=True)

    page = as_user(client, pyp).get(memo.get_absolute_url()).content.decode()

    assert (
        f"{reverse('reporting:export_request', args=['memo'])}?fiscal_year=2566&quarter=1" in page
    )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_pdf_after_issue_and_the_download_serves_it(
    celery_worker_thread, client, settings, tmp_path
):
    from orgs.models import OrgUnit

    settings.MEDIA_ROOT = tmp_path
    user = user_with_role(Role.PYP_OFFICER, "MOL")
    user.home_unit = OrgUnit.objects.get(code="0214")
    user.save(update_fields=["home_unit"])
    memo = a_memo(user)
    client = as_user(client, user)

    with freeze(datetime(2023, 3, 28, 10, 0)):
        client.post(reverse("memos:memo_issue", args=[memo.pk]), editor_post(memo))
    assert wait_until(lambda: Memo.objects.get(pk=memo.pk).pdf_status == PdfStatus.READY)

    status = client.get(reverse("memos:memo_pdf_status", args=[memo.pk])).content.decode()
    assert reverse("memos:memo_download", args=[memo.pk]) in status
    response = client.get(reverse("memos:memo_download", args=[memo.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert "0214-1-2566.pdf" in response["Content-Disposition"]


def test_a_draft_has_nothing_to_download(client, pyp):
    memo = a_memo(pyp)

    assert (
        as_user(client, pyp).get(reverse("memos:memo_download", args=[memo.pk])).status_code == 404
    )


# --- admin --------------------------------------------------------------------


def test_the_admin_never_changes_or_deletes_an_issued_memo(rf, pyp):
    issued, draft = a_memo(pyp, issued=True), a_memo(pyp)
    request = rf.get("/admin/")
    request.user = user_with_role(Role.ADMIN, "MOL", is_staff=True, is_superuser=True)
    memo_admin = admin_site._registry[Memo]

    assert not memo_admin.has_change_permission(request, issued)
    assert not memo_admin.has_delete_permission(request, issued)
    assert memo_admin.has_delete_permission(request, draft)
    assert "delete_selected" not in memo_admin.get_actions(request)


def image(kind: str) -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (4, 4), "gold").save(output, format=kind)
    return output.getvalue()


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("garuda.png", image("PNG"), True),
        ("garuda.jpg", image("JPEG"), True),
        ("garuda.png", image("JPEG"), False),
        ("garuda.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', True),
        ("garuda.gif", b"GIF89a", False),
        ("garuda.png", b"not an image", False),
        ("garuda.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', False),
    ],
)
def test_the_emblem_upload_takes_real_png_jpeg_or_svg_only(name, content, accepted):
    form = LetterheadForm(
        data={"is_active": True}, files={"emblem": SimpleUploadedFile(name, content)}
    )

    assert form.is_valid() == accepted
    if not accepted:
        assert any(c > "\u0e00" for c in form.errors["emblem"][0])  # a Thai message


def test_the_editor_sets_and_clears_the_circular_series_of_a_draft(client, pyp):
    memo = a_memo(pyp)
    client = as_user(client, pyp)
    assert 'name="is_circular"' in client.get(memo.get_absolute_url()).content.decode()

    client.post(memo.get_absolute_url(), editor_post(memo, is_circular="on", number="776"))
    memo.refresh_from_db()
    assert memo.is_circular and memo.reference == "รง 0214/ว 776"

    client.post(memo.get_absolute_url(), editor_post(memo, is_circular=""))
    memo.refresh_from_db()
    assert not memo.is_circular and memo.reference == "รง 0214/776"
