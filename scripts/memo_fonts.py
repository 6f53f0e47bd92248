"""Make the memo font: TLWG's Laksaman scaled to TH Sarabun's size (static/fonts/).

Laksaman (Debian fonts-tlwg-laksaman, GPL-2+ with font exception) is the free
version of TH Sarabun PSK, the government's standard memo font, but drawn
1 / 0.66 times larger on the same em; TLWG's own fontconfig rule synthesizes
"TH Sarabun" as Laksaman at 0.66, which WeasyPrint lays out at the smaller size
but draws at the larger one. So we scale the outlines once, here, and ship the
result: 16 pt then means what it means in TH Sarabun New.

Laksaman also draws a tone mark after a below vowel (กลุ่ม) by swapping the two glyphs
(the tone, lowered, first); WeasyPrint maps glyphs back to text in drawing order, so
the PDF's text would read กลุ่ม. The swap is replaced by lowering the tone in place.

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


def _single_substitutions(gsub) -> dict[tuple[str, str], int]:
    """(glyph, substitute) -> index of a one-to-one substitution lookup that makes it."""
    found = {}
    for index, lookup in enumerate(gsub.LookupList.Lookup):
        if lookup.LookupType == 1 and len(lookup.SubTable[0].mapping) > 2:
            for glyph, substitute in lookup.SubTable[0].mapping.items():
                found.setdefault((glyph, substitute), index)
    return found


def unswap_marks(font: TTFont) -> int:
    """Rewrite each "below vowel + tone" swap as "lower the tone in place"; returns how many."""
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    lowering = _single_substitutions(gsub)
    rewritten = 0
    for lookup in lookups:
        for sub in lookup.SubTable if lookup.LookupType == 6 else ():
            if sub.Format != 1:
                continue
            for first, rules in zip(sub.Coverage.glyphs, sub.ChainSubRuleSet, strict=True):
                for rule in rules.ChainSubRule if rules else ():
                    records = rule.SubstLookupRecord
                    if len(rule.Input) != 1 or len(records) != 2:
                        continue
                    swap = lookups[records[0].LookupListIndex]
                    if records[1].LookupListIndex != swap_index(lookups, swap):
                        continue
                    mapping = swap.SubTable[0].mapping
                    second = rule.Input[0]
                    if mapping.get(second) != first:
                        continue  # not a swap of the two
                    drawn = mapping[first]  # what the swap drew for the tone
                    if drawn == second:
                        rule.SubstLookupRecord, rule.SubstCount = [], 0
                    elif (second, drawn) in lowering:
                        records[1].SequenceIndex = 1
                        records[1].LookupListIndex = lowering[(second, drawn)]
                        rule.SubstLookupRecord, rule.SubstCount = [records[1]], 1
                    else:
                        continue
                    rewritten += 1
    return rewritten


def swap_index(lookups, lookup) -> int:
    return next(i for i, candidate in enumerate(lookups) if candidate is lookup)


def scaled(source: Path, target: Path, style: str) -> None:
    font = TTFont(source)
    unswap_marks(font)
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
