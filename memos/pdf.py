"""A memo as the official page: HTML from a template, PDF from WeasyPrint.

The memo's font ships with the product (static/fonts/, TH Sarabun's size: see
scripts/memo_fonts.py) and is loaded by @font-face from its files, so the PDF
looks the same on any server. A memo of several pages is laid out twice, for the
continuation word at each page's foot (pagination.py).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from .attachments import render_attachments
from .models import Letterhead, Memo
from .pagination import continuation_css
from .paragraphs import number

_ANNOUNCING = ("ดังนี้", "ประกอบด้วย", ":")


def _emblem_url() -> str | None:
    letterhead = Letterhead.objects.filter(is_active=True).first()
    if letterhead is None or not letterhead.emblem:
        return None
    return letterhead.emblem.path and f"file://{letterhead.emblem.path}"


def _keep_with_next(paragraphs) -> set[int]:
    """Paragraphs that announce what follows ("… ดังนี้", "ประกอบด้วย"): never a page's last."""
    return {i for i, p in enumerate(paragraphs) if p.text.rstrip().endswith(_ANNOUNCING)}


def memo_html(memo: Memo) -> str:
    paragraphs = number(memo.body)
    return render_to_string(
        "memos/memo_pdf.html",
        {
            "memo": memo,
            "paragraphs": paragraphs,
            "keep_with_next": _keep_with_next(paragraphs),
            "attachments": render_attachments(memo.attachments, memo.figures),
            "fonts": f"file://{settings.SARABUN_DIR}",
            "memo_fonts": f"file://{settings.MEMO_FONT_DIR}",
            "emblem": _emblem_url(),
        },
    )


def memo_pdf(memo: Memo) -> bytes:
    """The memo's PDF (a draft prints with a "ร่าง" watermark)."""
    html = HTML(string=memo_html(memo), base_url=str(settings.BASE_DIR))
    document = html.render()
    if len(document.pages) > 1 and (css := continuation_css(document.pages)):
        document = html.render(stylesheets=[CSS(string=css)])
    return document.write_pdf()
