"""What the server-drawn SVG charts share (reporting.charts, kpis.charts): the font the
product ships, text, names cut to their column, and a chart's frame (white ground, title,
unit). Pages inline the SVG; WeasyPrint renders it in PDFs."""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

FONT = "Sarabun, 'TH Sarabun New', sans-serif"


def svg_text(
    x: float, y: float, body: str, *, size: int = 14, anchor: str = "start", **attrs
) -> str:
    """A <text> element; attribute names in snake_case (font_weight → font-weight)."""
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{escape(body)}</text>"
    )


def shorten(name: str, limit: int) -> str:
    """A long name cut to `limit` characters with an ellipsis (tables have it in full)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def chart_frame(
    width: int,
    height: int,
    *,
    title: str,
    digits: Callable,
    title_y: int = 28,
    title_size: int = 18,
    unit_margin: int = 20,
) -> list[str]:
    """The chart's opening: the <svg> element, a white ground, the title centred and
    "หน่วย : ร้อยละ" at the right (the caller closes with "</svg>")."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        svg_text(
            width / 2, title_y, digits(title), size=title_size, anchor="middle", font_weight="700"
        ),
        svg_text(width - unit_margin, 48, "หน่วย : ร้อยละ", size=12, anchor="end", fill="#555"),
    ]
