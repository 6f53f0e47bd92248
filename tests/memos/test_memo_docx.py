"""The memo as DOCX: the same words as its PDF, in the official fonts, sizes and margins."""

import io
import shutil
import subprocess
from datetime import datetime

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from core.clock import freeze
from memos.docx import memo_docx
from memos.models import Memo, MemoKind
from memos.pdf import memo_pdf
from memos.permissions import REPORT_KINDS
from memos.report_blocks import block_key
from memos.services import memo_draft, memo_issue
from orgs.models import Role
from tests.factories import user_with_role
from tests.memos.test_memos import squash
from tests.reporting.seed000 import build_seed_000_round

pytestmark = pytest.mark.django_db

# The PDF's top margin (1.5 cm = 42.5 pt) holds only the page number "- ๒ -", which the
# DOCX keeps in its page header (LibreOffice's text leaves headers out), and its bottom
# margin (2 cm from 785 pt down) only the continuation word ("/๒.๒ สถานะ..."), which Word
# pages for itself: read between them.
BELOW_PAGE_NUMBER = ["-x", "0", "-y", "41", "-W", "1000", "-H", "745"]


def issued_quarterly_memo(user) -> Memo:
    build_seed_000_round()
    memo = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=user, fiscal_year=2566, quarter=1)
    with freeze(datetime(2023, 3, 28, 10, 0)):
        return memo_issue(memo=memo, user=user)


def docx_texts_by_libreoffice(documents: dict[str, bytes], tmp_path) -> dict[str, str]:
    """Each DOCX as LibreOffice reads it (headless, one run for all), as plain text."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make services installs it)")
    sources = []
    for stem, content in documents.items():
        sources.append(tmp_path / f"{stem}.docx")
        sources[-1].write_bytes(content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {stem: (tmp_path / f"{stem}.txt").read_text(encoding="utf-8-sig") for stem in documents}


def pdf_body_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "memo.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", *BELOW_PAGE_NUMBER, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def same_words(text: str) -> str:
    """`squash`, and without dashes: pdftotext moves a lone "-" (an empty figure, a dash
    line) out of its place in the line, so their order cannot be compared."""
    return squash(text).replace("-", "")


def every_kind_issued(user) -> list[Memo]:
    """One memo of each kind, issued, in the order memo_samples issues them."""
    build_seed_000_round()
    contexts = {
        MemoKind.WINDOW_NOTICE: {"fiscal_year": 2566},
        MemoKind.ENTRY_APPROVAL: {"fiscal_year": 2566},
        MemoKind.QUARTER_APPROVAL: {"fiscal_year": 2566, "quarter": 1},
        MemoKind.QUARTER_CIRCULAR: {"fiscal_year": 2566, "quarter": 1},
        MemoKind.KPI_REPORT: {"fiscal_year": 2566, "month": 2},
    }
    assert set(contexts) == set(MemoKind.values)
    evaluator = user_with_role(Role.STAFF, "0209")  # the monthly report's drafter
    memos = []
    with freeze(datetime(2023, 3, 28, 10, 0)):
        for kind, context in contexts.items():
            author = evaluator if kind in REPORT_KINDS else user
            memo = memo_draft(kind=kind, user=author, **context)
            memos.append(memo_issue(memo=memo, user=author))
    return memos


def test_the_docx_of_every_kind_says_what_its_pdf_says(pyp, tmp_path):
    memos = every_kind_issued(pyp)
    for memo in memos:
        # The memo proper: its attachments repeat table heads on each PDF page and draw
        # a chart; their tables are compared by the next test. A report's tables and
        # charts stand in its text as markers: the text around them is compared.
        memo.attachments = []
        memo.body = [p for p in memo.body if not block_key(p["text"])]

    docx_texts = docx_texts_by_libreoffice({m.kind: memo_docx(m) for m in memos}, tmp_path)

    for memo in memos:
        pdf_text = pdf_body_text(memo_pdf(memo), tmp_path)
        opening = memo.addressee if memo.is_stamped_letter else memo.subject
        assert opening[:10] in docx_texts[memo.kind]
        assert same_words(docx_texts[memo.kind]) == same_words(pdf_text), memo.kind


def test_attachment_tables_are_word_tables_with_the_same_cells(pyp):
    memo = issued_quarterly_memo(pyp)
    assert "five_band_table" in memo.attachments

    document = Document(io.BytesIO(memo_docx(memo)))

    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["หน่วยงาน", "จำนวนโครงการที่รายงาน", "มากที่สุด"]
    ministry = [c.text for c in table.rows[2].cells]
    assert ministry[:2] == ["กระทรวงแรงงาน", "๑๕๖"]  # Thai digits, as printed
    heads = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows[:3]
    ]
    assert heads == [True, True, False]  # the column heads repeat on each page


def test_the_docx_has_the_official_fonts_sizes_and_margins(pyp):
    memo = issued_quarterly_memo(pyp)

    document = Document(io.BytesIO(memo_docx(memo)))

    section = document.sections[0]
    lengths = ["left_margin", "right_margin", "top_margin", "bottom_margin", "page_width"]
    cm = [round(getattr(section, name).cm, 2) for name in lengths]
    assert cm == [3, 2, 1.5, 2, 21]  # A4; the emblem sits about 1.5 cm from the top
    numbers = section._sectPr.find(qn("w:pgNumType"))
    assert numbers.get(qn("w:fmt")) == "thaiNumbers"  # "- ๒ -" from page 2
    assert section.different_first_page_header_footer
    rpr = document.styles["Normal"].element.rPr
    fonts = rpr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs")} == {"TH Sarabun New"}
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"  # 16 pt, in half points
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"  # and for Thai (complex script)
    title = next(r for p in document.paragraphs for r in p.runs if r.text == "บันทึกข้อความ")
    assert title.bold and title._r.rPr.find(qn("w:szCs")).get(qn("w:val")) == "58"  # 29 pt
    reference = next(p.text for p in document.paragraphs if p.text.startswith("ที่"))
    assert "รง ๐๒๑๔/๑" in reference and "๒๘ มีนาคม ๒๕๖๖" in reference


def test_an_active_emblem_is_printed_at_the_top(pyp, settings, tmp_path):
    from django.core.files.base import ContentFile
    from PIL import Image

    from memos.models import Letterhead

    settings.MEDIA_ROOT = tmp_path
    png = io.BytesIO()
    Image.new("RGB", (60, 60), "black").save(png, "PNG")
    Letterhead.objects.create(emblem=ContentFile(png.getvalue(), name="garuda.png"))
    memo = issued_quarterly_memo(pyp)

    document = Document(io.BytesIO(memo_docx(memo)))

    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].height == Cm(1.5)


@pytest.mark.parametrize("kind", [k for k in MemoKind.values if k != MemoKind.QUARTER_APPROVAL])
def test_every_kind_makes_a_docx(pyp, kind):
    build_seed_000_round()
    context = {"fiscal_year": 2566}
    if kind == MemoKind.QUARTER_CIRCULAR:
        context["quarter"] = 1
    author = pyp
    if kind in REPORT_KINDS:
        context["month"], author = 2, user_with_role(Role.STAFF, "0209")
    memo = memo_draft(kind=kind, user=author, **context)

    document = Document(io.BytesIO(memo_docx(memo)))

    texts = [squash(p.text) for p in document.paragraphs]
    # A หนังสือประทับตรา (the circular) has no เรื่อง: it opens with ที่ and ถึง.
    opening = memo.addressee if memo.is_stamped_letter else memo.subject
    assert any(squash(opening)[:20] in text for text in texts)
    assert document.sections[0].first_page_header.paragraphs[0].text.startswith("ร่าง")


def test_the_docx_is_downloaded_as_the_pdf_is(client, pyp):
    memo = issued_quarterly_memo(pyp)
    client.force_login(pyp)

    page = client.get(memo.get_absolute_url()).content.decode()
    response = client.get(reverse("memos:memo_docx", args=[memo.pk]))

    assert reverse("memos:memo_docx", args=[memo.pk]) in page  # beside the PDF
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    disposition = response["Content-Disposition"]  # รง0214-1-2566.docx, its Thai encoded
    assert disposition.startswith("attachment;") and disposition.endswith("0214-1-2566.docx")
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_a_draft_docx_is_refused_to_readers_and_staff(client, pyp):
    build_seed_000_round()
    draft = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=pyp, fiscal_year=2566, quarter=1)
    url = reverse("memos:memo_docx", args=[draft.pk])

    client.force_login(user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    assert client.get(url).status_code == 404  # a draft is ป.ย.ป.'s working paper
    client.force_login(user_with_role(Role.STAFF, "0206"))
    assert client.get(url).status_code == 403
    # the evaluation office opens the register (its monthly report) but not ป.ย.ป.'s draft
    client.force_login(user_with_role(Role.STAFF, "0209"))
    assert client.get(url).status_code == 404
    client.force_login(pyp)
    assert client.get(url).status_code == 200


def test_memo_samples_writes_each_kind_as_pdf_and_docx_for_the_named_round(pyp, tmp_path):
    from django.core.management import call_command

    build_seed_000_round()

    evaluator = user_with_role(Role.STAFF, "0209")
    call_command(
        "memo_samples", str(tmp_path), user=pyp.username, fiscal_year=2566, quarter=1,
        report_user=evaluator.username,
    )  # fmt: skip

    stems = {"1_window_notice", "2_entry_approval", "3_quarter_approval", "4_quarter_circular"}
    stems.add("5_kpi_report")
    assert {p.stem for p in tmp_path.glob("*.pdf")} == stems
    assert {p.stem for p in tmp_path.glob("*.docx")} == stems
    quarterly = Document(tmp_path / "3_quarter_approval.docx")
    assert any("ไตรมาส ๑" in p.text and "๒๕๖๖" in p.text for p in quarterly.paragraphs)
    assert not Memo.objects.exists()
