"""Make the memo font: TLWG's Laksaman scaled to TH Sarabun's size (static/fonts/).

Laksaman (Debian fonts-tlwg-laksaman, GPL-2+ with font exception) is the free
version of TH Sarabun PSK, the government's standard memo font, but drawn
1 / 0.66 times larger on the same em; TLWG's own fontconfig rule synthesizes
"TH Sarabun" as Laksaman at 0.66, which WeasyPrint lays out at the smaller size
but draws at the larger one. So we scale the outlines once, here, and ship the
result: 16 pt then means what it means in TH Sarabun New.

Run (only to remake the files, which are committed): scripts/apt_ensure.sh
fonts-tlwg-laksaman-ttf && .venv/bin/python scripts/memo_fonts.py
"""

from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

SOURCE = Path("/usr/share/fonts/truetype/tlwg")
TARGET = Path(__file__).resolve().parent.parent / "static" / "fonts"
SCALE = 0.66  # TLWG's 89-tlwg-laksaman-synthetic.conf: TH Sarabun = Laksaman x 0.66
FAMILY = "Laksaman TH"


def scaled(source: Path, target: Path, style: str) -> None:
    font = TTFont(source)
    upem = font["head"].unitsPerEm
    scale_upem(font, round(upem * SCALE))
    font["head"].unitsPerEm = upem  # same outlines on the old em: 0.66 the size
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} {style}".replace(" Regular", "")
        elif record.nameID == 6:
            record.string = f"LaksamanTH-{style}"
    font.save(target)


if __name__ == "__main__":
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, style in (("Laksaman.ttf", "Regular"), ("Laksaman-Bold.ttf", "Bold")):
        scaled(SOURCE / name, TARGET / f"LaksamanTH-{style}.ttf", style)
        print(TARGET / f"LaksamanTH-{style}.ttf")
