"""The numbering of a memo's paragraphs, as Thai official letters number them.

A paragraph is {"level": L, "text": "..."}; the label comes from its level and
the paragraphs before it, so inserting or removing one renumbers the rest:

    level 1  ๑. เรื่องเดิม          (sections)
    level 2  ๑.๑ …                  (under the last section)
    level 3  ๒.๑.๑ …
    level 4  ๑) …                   (an item, counted under the last numbered paragraph)
    level 5  (๑) …                  (a sub-item)
    level 6  - …                    (a dash line, as seed 000's band lines)
    level 0  a plain paragraph, no label
"""

from __future__ import annotations

from dataclasses import dataclass

from core.fiscal import thai_digits

LEVELS = {
    0: "ย่อหน้า (ไม่มีเลขข้อ)",
    1: "ข้อ ๑.",
    2: "ข้อย่อย ๑.๑",
    3: "ข้อย่อย ๑.๑.๑",
    4: "รายการ ๑)",
    5: "รายการย่อย (๑)",
    6: "ขีด -",
}
# First-line indent (cm) of each level, from the left margin; wrapped lines return to it.
# A dash line starts under its item's text (3 cm): seed 000's longest band line,
# "- ความก้าวหน้าระดับปานกลาง (๕๐ % - ๗๔ %) จำนวน ๑๐ โครงการ ร้อยละ ๑๘.๘๗", is 12.7 cm
# at 16 pt TH Sarabun and fits its one line only from there.
INDENT_CM = {0: 2.5, 1: 2.5, 2: 2.5, 3: 2.5, 4: 3.0, 5: 3.5, 6: 3.0}


@dataclass(frozen=True)
class Numbered:
    level: int
    label: str
    text: str

    @property
    def indent_cm(self) -> float:
        return INDENT_CM[self.level]


def clean(paragraphs: list[dict]) -> list[dict]:
    """Paragraphs as stored: known levels, text stripped, empty ones dropped."""
    result = []
    for p in paragraphs:
        level, text = int(p.get("level", 0)), str(p.get("text", "")).strip()
        if level not in LEVELS:
            raise ValueError(f"unknown paragraph level {level}")
        if text:
            result.append({"level": level, "text": text})
    return result


def number(paragraphs: list[dict], *, thai: bool = True) -> list[Numbered]:
    """Each paragraph with its label (Thai digits unless `thai=False`)."""
    digits = thai_digits if thai else str
    sections = [0, 0, 0]  # counters of levels 1, 2, 3
    item = sub = 0
    result = []
    for p in paragraphs:
        level = p["level"]
        if 1 <= level <= 3:
            sections[level - 1] += 1
            sections[level:] = [0] * (3 - level)
            item = sub = 0
            label = ".".join(digits(n) for n in sections[:level]) + ("." if level == 1 else "")
        elif level == 4:
            item, sub = item + 1, 0
            label = f"{digits(item)})"
        elif level == 5:
            sub += 1
            label = f"({digits(sub)})"
        elif level == 6:
            label = "-"
        else:
            label = ""
        result.append(Numbered(level, label, p["text"]))
    return result
