"""The kinds of item that climb the chain, and what the engine needs of each.

Each app registers its approvable models here (in its AppConfig.ready), so
the engine knows an item's unit, what must hold before it is submitted, what
to do when it is finally approved, and how to freeze its approved content,
without importing those apps.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

# The ป.ย.ป. check of a project entry (seed 002 step 4). Another kind names its own
# points (ItemKind.checklist); keys are unique across kinds, so one box in a bulk
# check confirms one point of one kind.
PROJECT_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("linkage", "ความเชื่อมโยงกับแผนระดับ ๑ ๒ ๓ ถูกต้อง"),
    ("budget", "งบประมาณ แผนการใช้จ่าย และรหัส GFMIS ถูกต้อง"),
    ("duplicates", "ไม่ซ้ำกับโครงการอื่น"),
    ("content", "ข้อมูลครบถ้วนและถูกต้อง"),
)


@dataclass(frozen=True)
class ItemKind:
    model: type[models.Model]
    label: str  # Thai, for inboxes and messages
    unit_path: (
        str  # lookup from the item to its OrgUnit, e.g. "owner_unit" or "project__owner_unit"
    )
    describe: Callable[[models.Model], str]
    url: Callable[[models.Model], str]
    submit_checks: Callable[[models.Model], list[str]] = field(default=lambda item: [])
    on_approved: Callable[..., None] = field(default=lambda item, user: None)
    # Freeze the current (approved) content of these items so it stays readable
    # once a new revision changes them (approvals.services.editing).
    freeze: Callable[..., None] = field(default=lambda items, user: None)
    # The window (รอบ) each item is entered or reported in, item pk → window, for many
    # items at once: the inbox's round filter and deadlines read it from the Approval.
    windows_of: Callable[[list], dict] = field(
        default=lambda items: {item.pk: getattr(item, "window", None) for item in items}
    )
    # What the ป.ย.ป. officer confirms at the check step: (key, Thai label) pairs.
    checklist: tuple[tuple[str, str], ...] = PROJECT_CHECKLIST

    def unit_of(self, item):
        value = item
        for part in self.unit_path.split("__"):
            value = getattr(value, part)
        return value


_KINDS: dict[type, ItemKind] = {}


def register(kind: ItemKind) -> None:
    _KINDS[kind.model] = kind


def kind_of(item_or_model) -> ItemKind:
    model = item_or_model if isinstance(item_or_model, type) else type(item_or_model)
    try:
        return _KINDS[model._meta.concrete_model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not an approvable item") from None


def kinds() -> list[ItemKind]:
    return list(_KINDS.values())


def checklist_points(kinds_: list[ItemKind] | None = None) -> list[tuple[str, str]]:
    """The check points of these kinds (of every kind when None), each key once, in order."""
    seen: dict[str, str] = {}
    for kind in kinds() if kinds_ is None else kinds_:
        for key, label in kind.checklist:
            seen.setdefault(key, label)
    return list(seen.items())
