"""The printed forms of ระเบียบงานสารบรรณ: the circular as a หนังสือประทับตรา (seed 000's
ว ๗๗๖), and the urgency mark of a บันทึกข้อความ (red, at least 32 pt, between the
emblem and the title without touching either), read from the PDF and its layout."""

import io
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from weasyprint import HTML

from core.clock import freeze
from memos.models import Letterhead, MemoKind
from memos.pdf import memo_html
from memos.services import memo_draft, memo_issue, memo_render, memo_update
from orgs.models import Role
from tests.factories import user_with_role
from tests.memos.test_memo_builders import reported_round
from tests.memos.test_memos import pdf_text, printed, squash

pytestmark = pytest.mark.django_db
PT = 96 / 72  # WeasyPrint lays out in CSS px


@pytest.fixture
def pyp(unit):
    """A ป.ย.ป. officer of the ป.ย.ป. group (0214), with a telephone of his own."""
    user = user_with_role(Role.PYP_OFFICER, "MOL", phone="0 2232 1270")
    user.home_unit = unit("0214")
    user.save(update_fields=["home_unit"])
    return user


@pytest.fixture
def emblem(settings, tmp_path):
    """An emblem uploaded by an administrator (a plain square stands in for the ครุฑ)."""
    settings.MEDIA_ROOT = tmp_path
    picture = io.BytesIO()
    Image.new("RGB", (120, 140), "black").save(picture, format="PNG")
    letterhead = Letterhead(is_active=True)
    letterhead.emblem.save("krut.png", ContentFile(picture.getvalue()), save=True)
    return letterhead


def issued_circular(pyp, tmp_path) -> str:
    reported_round(2)
    circular = memo_draft(kind=MemoKind.QUARTER_CIRCULAR, user=pyp, fiscal_year=2566, quarter=1)
    memo_update(memo=circular, user=pyp, data={"number": "776"}, body=circular.body, approvals=[])
    with freeze(datetime(2023, 3, 28, 9, 0)):
        circular = memo_issue(memo=circular, user=pyp)
    memo_render(memo_id=circular.pk)
    circular.refresh_from_db()
    return pdf_text(circular.pdf.read(), tmp_path)


def test_the_circular_prints_as_a_stamped_letter_without_subject_closing_or_signature(
    pyp, tmp_path
):
    text = issued_circular(pyp, tmp_path)

    assert printed("ที่ รง ๐๒๑๔/ว ๗๗๖", text)
    assert printed("ถึง กรมการจัดหางาน", text)
    assert not printed("บันทึกข้อความ", text)
    assert not printed("เรื่อง แจ้งการอนุมัติ", text)  # the subject stays in the register
    assert not printed("จึงเรียนมา", text) and not printed("ขอแสดงความนับถือ", text)
    assert not printed("ปฏิบัติราชการแทน", text) and not printed("(……", text)
    # the issuing department over its stamp, the date as the regulation writes it, then
    # the owner unit and its telephone at the foot
    after_body = squash(text).split(squash("มาเพื่อเป็นข้อมูลในการกำกับติดตามงาน"))[1]
    assert after_body.index(squash("สำนักงานปลัดกระทรวงแรงงาน")) < after_body.index(
        squash("๒๘ มีนาคม ๒๕๖๖")
    )
    assert after_body.index(squash("๒๘ มีนาคม ๒๕๖๖")) < after_body.index(
        squash("กลุ่มขับเคลื่อนการปฏิรูปประเทศ ยุทธศาสตร์ชาติ และการสร้างความสามัคคีปรองดอง")
    )
    assert printed("โทรศัพท์ ๐ ๒๒๓๒ ๑๒๗๐", after_body)


def test_the_circular_takes_the_units_telephone_before_the_drafters(pyp, tmp_path):
    pyp.home_unit.phone = "0 2247 5254"
    pyp.home_unit.save(update_fields=["phone"])

    text = issued_circular(pyp, tmp_path)

    assert printed("โทรศัพท์ ๐ ๒๒๔๗ ๕๒๕๔", text)
    assert not printed("๐ ๒๒๓๒ ๑๒๗๐", text)


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def first_page_boxes(memo) -> list:
    page = HTML(string=memo_html(memo)).render().pages[0]
    return [b for b in _boxes(page._page_box) if getattr(b, "element", None) is not None]


def box_of(boxes: list, *, tag: str = "", css_class: str = ""):
    return next(
        b
        for b in boxes
        if (not tag or b.element_tag == tag)
        and (not css_class or css_class in (b.element.get("class") or "").split())
    )


def right_edge(box) -> float:
    return box.position_x + box.margin_width()


@pytest.mark.parametrize("urgency", ["ด่วน", "ด่วนที่สุด"])
def test_the_urgency_is_red_32_pt_between_the_emblem_and_the_title_touching_neither(
    pyp, emblem, urgency
):
    memo = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)
    memo.urgency = urgency

    boxes = first_page_boxes(memo)

    mark = box_of(boxes, css_class="urgency")
    image = box_of(boxes, css_class="emblem")
    title = box_of(boxes, tag="h1")
    assert mark.style["font_size"] >= 32 * PT
    red, green, blue = mark.style["color"].to("srgb").coordinates
    assert red > 0.7 and green < 0.1 and blue < 0.1
    gap = 0.3 * 96 / 2.54  # 3 mm
    assert right_edge(image) + gap <= mark.border_box_x()  # right of the emblem …
    mark_right = mark.border_box_x() + mark.border_width()
    assert mark_right + gap <= title.border_box_x()  # … and clear of the title


def test_without_an_emblem_the_title_stays_centred(pyp):
    memo = memo_draft(kind=MemoKind.WINDOW_NOTICE, user=pyp, fiscal_year=2567)

    boxes = first_page_boxes(memo)

    title = box_of(boxes, tag="h1")
    head = box_of(boxes, css_class="head")
    left = title.position_x - head.content_box_x()
    right = head.content_box_x() + head.width - (title.position_x + title.margin_width())
    assert left == pytest.approx(right, abs=1)
