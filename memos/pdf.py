"""A memo as the official page: HTML from a template, PDF from WeasyPrint.

The memo's font ships with the product (static/fonts/, TH Sarabun's size: see
scripts/memo_fonts.py) and is loaded by @font-face from its files, so the PDF
looks the same on any server. A memo of several pages is laid out twice, for the
continuation word at each page's foot (pagination.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .attachments import render_attachments
from .models import Letterhead, Memo
from .pagination import continuation_css
from .paragraphs import number
from .report_blocks import report_items

_ANNOUNCING = ("ดังนี้", "ประกอบด้วย", ":")
# Never broken across lines (seed 000 keeps them whole): a letter's number ("รง ๐๒๑๔/๔๔",
# "รง ๐๒๑๔/ว ๗๗๖", "รง ๐๒๑๔/......") and a quarter ("๑/๒๕๖๖").
_UNBROKEN = re.compile(r"(?:รง )?[0-9๐-๙]+/(?:ว )?[0-9๐-๙.…]+")


def _unbroken(text: str) -> SafeString:
    """The paragraph as HTML, its numbers in nowrap spans. Quotes stay as they are: an
    entity such as &#x27; would have its digits made Thai by `thai_digits_text`."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return mark_safe(  # noqa: S308  (escaped here; the spans are ours)
        _UNBROKEN.sub(lambda m: f'<span class="nb">{m.group(0)}</span>', text)
    )


def _emblem_url() -> str | None:
    letterhead = Letterhead.objects.filter(is_active=True).first()
    if letterhead is None or not letterhead.emblem:
        return None
    return letterhead.emblem.path and f"file://{letterhead.emblem.path}"


def _keep_with_next(paragraphs) -> set[int]:
    """Paragraphs that announce what follows ("… ดังนี้", "ประกอบด้วย"): never a page's last."""
    return {i for i, p in enumerate(paragraphs) if p.text.rstrip().endswith(_ANNOUNCING)}


def report_html(memo: Memo) -> str:
    """A report (seed 003): its title, the text with its tables and charts in place."""
    items = [
        item
        if item.block
        else replace(item, paragraph=replace(item.paragraph, text=_unbroken(item.paragraph.text)))
        for item in report_items(memo.body, memo.figures)
    ]
    return render_to_string(
        "memos/report_pdf.html",
        {
            "memo": memo,
            "items": items,
            "keep_with_next": _keep_with_next([item.paragraph for item in items]),
            "fonts": f"file://{settings.SARABUN_DIR}",
            "memo_fonts": f"file://{settings.MEMO_FONT_DIR}",
        },
    )


def memo_html(memo: Memo) -> str:
    if memo.is_report:
        return report_html(memo)
    paragraphs = [replace(p, text=_unbroken(p.text)) for p in number(memo.body)]
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


# An issued memo is a record kept for good: PDF/A-3b (archival, fonts embedded; part 3
# allows the signature and any attached files). A draft's preview needs none of it.
ISSUED_PDF_VARIANT = "pdf/a-3b"


def memo_pdf(memo: Memo) -> bytes:
    """The memo's PDF: PDF/A-3b once issued; a draft prints with a "ร่าง" watermark."""
    options = {"pdf_variant": ISSUED_PDF_VARIANT} if memo.is_issued else {}
    # One font configuration for both layouts: the memo's @font-face fonts are read and
    # loaded once, not again for the second layout (WeasyPrint's advice on speed).
    fonts = FontConfiguration()
    html = HTML(string=memo_html(memo), base_url=str(settings.BASE_DIR))
    document = html.render(font_config=fonts, **options)
    # A letter's pages end with the next page's first words; a report's do not.
    if memo.is_report:
        return document.write_pdf(**options)
    if len(document.pages) > 1 and (css := continuation_css(document.pages)):
        feet = CSS(string=css, font_config=fonts)
        document = html.render(stylesheets=[feet], font_config=fonts, **options)
    return document.write_pdf(**options)
