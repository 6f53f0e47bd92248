"""Earlier letters a draft cites (เรื่องเดิม): issued memos in the archive, or a
blank for the user to fill when the letter was not issued through the product."""

from __future__ import annotations

from core.fiscal import format_thai_date, thai_digits

from ..models import Memo, MemoStatus

BLANK = "ตามหนังสือกลุ่ม ป.ย.ป. ที่ รง ๐๒๑๔/…… ลงวันที่ ……"


def cited_letter(*, kind: str, fiscal_year: int, window=None, quarter: int | None = None) -> str:
    """ "ตามหนังสือ… ที่ รง ๐๒๑๔/๒๘ ลงวันที่ ๓๑ มกราคม ๒๕๖๖": the latest issued memo of `kind`
    for the year (and quarter): the one about `window` when there is one, else the one
    about no window in particular (the year's). A blank to fill when none was issued."""
    memos = Memo.objects.filter(kind=kind, fiscal_year=fiscal_year, status=MemoStatus.ISSUED)
    if quarter is not None:
        memos = memos.filter(quarter=quarter)
    memos = memos.order_by("-issued_at")
    memo = memos.filter(window=window).first() if window is not None else None
    memo = memo or memos.filter(window__isnull=True).first()
    if memo is None:
        return BLANK
    return (
        f"ตามหนังสือกลุ่ม ป.ย.ป. ที่ {thai_digits(memo.reference)} "
        f"ลงวันที่ {format_thai_date(memo.memo_date, thai_numerals=True)}"
    )
