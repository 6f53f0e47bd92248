"""A memo as the official page: HTML from a template, PDF from WeasyPrint.

The Sarabun font ships with the product (fontpkg-sarabun) and is loaded by
@font-face from its files, so the PDF looks the same on any server.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from .attachments import render_attachments
from .models import Letterhead, Memo
from .paragraphs import number


def _emblem_url() -> str | None:
    letterhead = Letterhead.objects.filter(is_active=True).first()
    if letterhead is None or not letterhead.emblem:
        return None
    return letterhead.emblem.path and f"file://{letterhead.emblem.path}"


def memo_html(memo: Memo) -> str:
    return render_to_string(
        "memos/memo_pdf.html",
        {
            "memo": memo,
            "paragraphs": number(memo.body),
            "attachments": render_attachments(memo.attachments, memo.figures),
            "fonts": f"file://{settings.SARABUN_DIR}",
            "emblem": _emblem_url(),
        },
    )


def memo_pdf(memo: Memo) -> bytes:
    """The memo's PDF (a draft prints with a "ร่าง" watermark)."""
    return HTML(string=memo_html(memo), base_url=str(settings.BASE_DIR)).write_pdf()
