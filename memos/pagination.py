"""The continuation word at the foot of a memo page ("/๒.๑.๒ โครงการ..." in seed 000):
the first words of the next page, right-aligned under the text, after a slash.

CSS cannot know what the next page starts with, so the memo is laid out once, each
page's first line is read from WeasyPrint's boxes, and the memo is laid out again
with the words in a bottom margin box of each page (`@page :nth(n)`). Margin boxes
live outside the page area, so the second layout breaks the pages where the first
did. The box tree is WeasyPrint's internal structure (`Page._page_box`), read only
here; attachments (เอกสารแนบ) are documents of their own and get no word.
"""

from __future__ import annotations

from weasyprint.formatting_structure.boxes import Box, LineBox, MarginBox, TextBox
from weasyprint.text.line_break import get_log_attrs

FONT = '"Laksaman TH", "TH Sarabun New", "TH SarabunPSK", "Laksaman"'


def _classes(box: Box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def _first_line(box: Box, in_attachment: bool = False) -> tuple[str, bool] | None:
    """The text of the first line laid out in `box`, and whether it is an attachment's."""
    if isinstance(box, MarginBox) or "draft-mark" in _classes(box):
        return None
    in_attachment = in_attachment or "attachment" in _classes(box)
    if isinstance(box, LineBox):
        text = "".join(b.text for b in box.descendants() if isinstance(b, TextBox)).strip()
        return (text, in_attachment) if text else None
    for child in getattr(box, "children", ()):
        found = _first_line(child, in_attachment)
        if found is not None:
            return found
    return None


def _first_word(text: str) -> str:
    """The first word of a Thai run (Thai has no spaces between words: Pango finds them)."""
    attrs = get_log_attrs(text, "th")
    ends = [i for i in range(1, len(text) + 1) if attrs[i].is_word_end]
    return text[: ends[0]] if ends else text


def lead_words(line: str) -> str:
    """What the foot of the page before shows of `line`: a paragraph's number with the
    word after it ("๒.๑.๒ โครงการ"), or the line's first word."""
    tokens = line.split()
    if not tokens:
        return ""
    if len(tokens) > 1 and not any(c.isalpha() for c in tokens[0]):  # a number, "-"
        return f"{tokens[0]} {_first_word(tokens[1])}"
    return _first_word(tokens[0])


def continuation_words(pages) -> dict[int, str]:
    """For each page (numbered from 1) followed by a page of the same letter: the words."""
    firsts = [_first_line(page._page_box) for page in pages]
    words = {}
    for number, following in enumerate(firsts[1:], start=1):
        if following is not None and not following[1] and lead_words(following[0]):
            words[number] = f"/{lead_words(following[0])}..."
    return words


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def continuation_css(pages) -> str:
    """`@page :nth(n)` rules that print each page's continuation word; "" if none."""
    return "\n".join(
        f"@page :nth({number}) {{ @bottom-right {{ content: {_css_string(words)}; "
        f"font-family: {FONT}; font-size: 16pt; vertical-align: top; padding-top: .1cm; }} }}"
        for number, words in continuation_words(pages).items()
    )
