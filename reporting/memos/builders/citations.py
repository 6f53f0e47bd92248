"""Earlier letters a draft cites (เรื่องเดิม): issued memos in the archive, or a
blank for the user to fill when the letter was not issued through the product."""

from __future__ import annotations

from emenscr.fiscal import format_thai_date, thai_digits

from ..models import Memo, MemoStatus

BLANK = "ตามหนังสือกลุ่ม ป.ย.ป. ที่ รง ๐๒๑๔/…… ลงวันที่ ……"


def cited_letter(*, kind: str, fiscal_year: int, window=None) -> str:
    """ "ตามหนังสือ… ที่ รง ๐๒๑๔/๒๘ ลงวันที่ ๓๑ มกราคม ๒๕๖๖" for the latest issued memo
    of `kind` (for `window` when given), else a blank to fill."""
    memos = Memo.objects.filter(kind=kind, fiscal_year=fiscal_year, status=MemoStatus.ISSUED)
    if window is not None:
        memos = memos.filter(window=window)
    memo = memos.order_by("-issued_at").first()
    if memo is None:
        return BLANK
    return (
        f"ตามหนังสือกลุ่ม ป.ย.ป. ที่ {thai_digits(memo.reference)} "
        f"ลงวันที่ {format_thai_date(memo.memo_date, thai_numerals=True)}"
    )
