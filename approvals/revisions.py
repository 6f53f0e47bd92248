"""What changed between two frozen contents of an item (labelled JSON, any kind)."""

from dataclasses import dataclass

from django.db.models import Q

from .models import ItemStatus


@dataclass(frozen=True)
class Change:
    section: str
    label: str
    before: str
    after: str


def content_diff(before: dict, after: dict) -> list[Change]:
    """Every labelled value that differs between two contents, in order."""
    changes = []
    for section in after.keys() | before.keys():
        old, new = before.get(section, {}), after.get(section, {})
        if not isinstance(new, dict) or not isinstance(old, dict):
            old, new = {"รายการ": old}, {"รายการ": new}
        for label in new.keys() | old.keys():
            if old.get(label) != new.get(label):
                changes.append(Change(section, label, _text(old.get(label)), _text(new.get(label))))
    return sorted(changes, key=lambda c: (c.section, c.label))


def _text(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) or "-"
    return str(value) or "-"


def approved_once() -> Q:
    """Items that live figures count: approved now, or approved before and being revised
    (a revision after the first opens only from an approved one)."""
    return Q(status=ItemStatus.APPROVED) | Q(revision__gt=1)
