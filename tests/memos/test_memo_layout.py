"""Every memo kind on the page, read back with `pdftotext -bbox`: nothing leaves the paper,
the type is TH Sarabun's size (lines as long as seed 000's), pages break where an
official letter breaks them and each page's foot names the next page's first words."""

import re
import subprocess
from dataclasses import dataclass
from statistics import mean

import pytest

from emenscr.demo import load_demo
from memos.management.commands.memo_samples import _plan as demo_plan
from memos.management.commands.memo_samples import _report_plan as report_plan
from memos.models import Memo, MemoKind
from memos.pagination import lead_words
from memos.pdf import memo_pdf
from memos.permissions import REPORT_KINDS
from memos.services import memo_draft, memo_issue
from orgs.models import Role, User
from tests.factories import user_with_role
from tests.reporting.seed000 import build_seed_000_round
from windows.rules import windows_propose

pytestmark = pytest.mark.django_db

CM = 72 / 2.54  # PDF points
SIDE, TOP_BOTTOM = 1 * CM, 0.5 * CM
LEFT_MARGIN, RIGHT_MARGIN = 3 * CM, 2 * CM  # the memo's own (ระเบียบงานสารบรรณ)

# Full lines of seed 000's memo ๗๕ (a paragraph's lines before its last, from the left
# margin to the right one), as its text gives them.
SEED_000_FULL_LINES = [
    "ไตรมาส ๑/๒๕๖๖ รวมจำนวน ๑๕๖ โครงการ ตามข้อ ๒.๑.๑ มาประมวลผลและประเมินร้อยละความก้าวหน้า",
    "ส่งผลให้การดำเนินกิจกรรมสำหรับผู้ประกันตน/ผู้ทุพพลภาพ ตามโครงการเยี่ยมบ้าน ประสานใจ ห่วงใยสร้างสุข",
    "ประกันสังคมจังหวัด จำนวน ๗ แห่ง มีความล่าช้าในการดำเนินงานของผู้รับจ้าง ประกอบกับมีการแก้ไขสัญญาจ้าง",
    "รองรับการให้บริการผู้ประกันตนต่างชาติ ตามโครงการแผนงานบริการและสิทธิประโยชน์สำหรับกลุ่มผู้ที่มี",
    "ความต้องการเฉพาะ เป็นโครงการที่ไม่ใช้งบประมาณดำเนินการ มีกิจกรรมที่อยู่ระหว่างดำเนินการ เช่น การจัดทำ",
    "การบังคับบัญชา (M7) ในระบบ eMENSOCR รวมจำนวนทั้งสิ้น ๑๕๖ โครงการ (เอกสาร ๑๒) ภายในวันที่",
]
HEAD_LABELS = {"ส่วนราชการ", "ที่", "วันที่", "เรื่อง", "เรียน"}  # 20 pt, not body text
HEADING = re.compile(r"^[๐-๙]+\.\s")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]

    def lines(self) -> list[list[Word]]:
        """The page's words grouped into lines (same baseline), top to bottom."""
        rows: dict[float, list[Word]] = {}
        for word in self.words:
            key = next((k for k in rows if abs(k - word.y1) < 2), word.y1)
            rows.setdefault(key, []).append(word)
        return [sorted(rows[k], key=lambda w: w.x0) for k in sorted(rows)]


def line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def letters(text: str) -> int:
    """Characters that pdftotext keeps in place: no spaces, no marks above or below
    the line (it moves them), ำ counted as า (it drops the circle)."""
    text = text.replace("ำ", "า")
    return sum(1 for c in text if not c.isspace() and c not in _MARKS)


_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def bbox_pages(pdf: bytes, tmp_path, name: str = "memo") -> list[Page]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        Page(
            float(width),
            float(height),
            [
                Word(float(a), float(b), float(c), float(d), t)
                for a, b, c, d, t in _WORD.findall(body)
            ],
        )
        for width, height, body in _PAGE.findall(html)
    ]


def issued(plan: list[tuple[str, dict]], user: User, evaluator: User) -> dict[str, Memo]:
    """Each kind drafted and issued in order (the circular cites the quarterly memo); the
    monthly KPI report by the evaluation office's `evaluator`."""
    memos = {}
    for kind, ctx in plan:
        author = evaluator if kind in REPORT_KINDS else user
        memos[kind] = memo_issue(memo=memo_draft(kind=kind, user=author, **ctx), user=author)
    return memos


def seed_000_plan(user: User) -> list[tuple[str, dict]]:
    build_seed_000_round()
    windows_propose(fiscal_year=2566, user=user)
    round_ = {"fiscal_year": 2566, "quarter": 1}
    return [
        (MemoKind.WINDOW_NOTICE, {"fiscal_year": 2566}),
        (MemoKind.ENTRY_APPROVAL, {"fiscal_year": 2566}),
        (MemoKind.QUARTER_APPROVAL, round_),
        (MemoKind.QUARTER_CIRCULAR, round_),
        (MemoKind.KPI_REPORT, {"fiscal_year": 2566, "month": 2}),
    ]


def demo_memos() -> dict[str, Memo]:
    load_demo()
    plan = demo_plan(None, None) + [report_plan(None)]
    users = User.objects.in_bulk(["pyp", "staff0209"], field_name="username")
    return issued(plan, users["pyp"], users["staff0209"])


def outside(page: Page) -> list[str]:
    return [
        f"{w.text!r} at x {w.x0:.0f}–{w.x1:.0f}, y {w.y0:.0f}–{w.y1:.0f} of {page.width:.0f}×{page.height:.0f}"
        for w in page.words
        if w.x0 < SIDE
        or w.x1 > page.width - SIDE
        or w.y0 < TOP_BOTTOM
        or w.y1 > page.height - TOP_BOTTOM
    ]


@pytest.fixture
def seed_000_memos(pyp) -> dict[str, Memo]:
    return issued(seed_000_plan(pyp), pyp, user_with_role(Role.STAFF, "0209"))


@pytest.mark.parametrize("data", ["demo", "seed_000"])
def test_every_word_of_every_kind_lies_inside_the_page(data, pyp, tmp_path, request):
    memos = demo_memos() if data == "demo" else request.getfixturevalue("seed_000_memos")
    assert sorted(memos) == sorted(MemoKind.values)

    for kind, memo in memos.items():
        pages = bbox_pages(memo_pdf(memo), tmp_path, kind)
        for number, page in enumerate(pages, start=1):
            assert not outside(page), f"{kind} page {number}: {outside(page)[:5]}"


def test_the_five_band_table_prints_on_a_landscape_page(seed_000_memos, tmp_path):
    pages = bbox_pages(memo_pdf(seed_000_memos[MemoKind.QUARTER_APPROVAL]), tmp_path)

    table = [p for p in pages if any(line_text(ln).startswith("ตาราง") for ln in p.lines()[:3])]
    assert table and all(p.width > p.height for p in table)
    assert all(p.width < p.height for p in pages[:2])  # the letter itself stays portrait


def body_pages(memo: Memo, tmp_path) -> list[Page]:
    """The memo without its attachments (only the letter's pages)."""
    memo.attachments = []
    return bbox_pages(memo_pdf(memo), tmp_path, "body")


def test_band_lines_print_whole_on_one_line_as_in_seed_000(seed_000_memos, tmp_path):
    pages = body_pages(seed_000_memos[MemoKind.QUARTER_APPROVAL], tmp_path)

    bands = [
        line_text(ln)
        for page in pages
        for ln in page.lines()
        if line_text(ln).startswith("- ความก้าวหน้าระดับ")
    ]
    assert len(bands) == 30  # five departments and the ministry, five bands each
    assert not [b for b in bands if not re.search(r"จ[าำ]นวน \S+ โครงการ ร้อยละ \S+$", b)]


def full_lines(pages: list[Page]) -> list[str]:
    """Body lines that run from the left margin to (about) the right one."""
    return [
        line_text(ln)
        for page in pages
        for ln in page.lines()
        if abs(ln[0].x0 - LEFT_MARGIN) < 4
        and ln[-1].x1 > page.width - RIGHT_MARGIN - 1.2 * CM
        and ln[0].text not in HEAD_LABELS
    ]


def test_full_lines_hold_as_many_characters_as_seed_000s(seed_000_memos, tmp_path):
    pages = body_pages(seed_000_memos[MemoKind.QUARTER_APPROVAL], tmp_path)

    ours = mean(letters(line) for line in full_lines(pages))
    seeds = mean(letters(line) for line in SEED_000_FULL_LINES)
    assert len(full_lines(pages)) >= 5
    assert abs(ours - seeds) / seeds <= 0.10, (ours, seeds)


def test_each_page_foot_names_the_next_pages_first_words(seed_000_memos, tmp_path):
    pages = body_pages(seed_000_memos[MemoKind.QUARTER_APPROVAL], tmp_path)
    assert len(pages) >= 2

    for page, following in zip(pages, pages[1:], strict=False):
        foot = line_text(page.lines()[-1])
        first = line_text(following.lines()[1])  # below the page number
        assert foot.startswith("/") and foot.endswith("..."), foot
        assert letters(foot[1:-3]) == letters(lead_words(first)), (foot, first)
        assert page.lines()[-1][-1].x1 > page.width - RIGHT_MARGIN - 0.2 * CM  # right-aligned
    assert not line_text(pages[-1].lines()[-1]).startswith("/")


def test_no_heading_ends_a_page_and_the_signature_follows_a_paragraph(seed_000_memos, tmp_path):
    for kind, memo in seed_000_memos.items():
        pages = body_pages(memo, tmp_path)
        ends = [ln[-1].text for page in pages for ln in page.lines()]
        broken = [e for e in ends if e == "รง" or re.search(r"[๐-๙]/(ว)?$", e)]
        assert not broken, (kind, broken)  # letter numbers and quarters stay whole
        for page in pages[:-1]:
            body = [ln for ln in page.lines() if not line_text(ln).startswith("/")]
            assert not HEADING.match(line_text(body[-1])), (kind, line_text(body[-1]))
        name = letters(memo.signatory_name.strip("()"))
        for page in pages:
            texts = [line_text(ln) for ln in page.lines()]
            signed = [i for i, t in enumerate(texts) if letters(t.strip("()")) == name]
            if name and signed:
                assert signed[0] >= 3, (kind, texts[: signed[0]])  # page number, paragraph, closing


def test_the_five_band_table_keeps_a_long_unit_name_inside_its_column(seed_000_memos, tmp_path):
    memo = seed_000_memos[MemoKind.QUARTER_APPROVAL]
    group = memo.figures["five_band"]["groups"][1]
    group["name"] = "สถาบันส่งเสริมความปลอดภัย อาชีวอนามัย และสภาพแวดล้อมในการทำงาน (องค์การมหาชน) " * 3
    memo.attachments = ["five_band_table"]

    pages = bbox_pages(memo_pdf(memo), tmp_path)

    table = [p for p in pages if p.width > p.height]
    assert table and all(not outside(p) for p in table)
    words = [w for p in table for w in p.words if w.text.startswith("สถาบัน")]
    assert words and max(w.x1 for w in words) < 2 * CM + 6 * CM  # the unit column: 6 cm
