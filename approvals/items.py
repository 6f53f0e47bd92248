"""The kinds of item that climb the chain, and what the engine needs of each.

Each app registers its approvable models here (in its AppConfig.ready), so
the engine knows an item's unit, what must hold before it is submitted, what
to do when it is finally approved, and how to freeze its approved content,
without importing those apps.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


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
