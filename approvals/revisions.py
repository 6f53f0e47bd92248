"""Reads of frozen revisions: what changed between two contents (labelled JSON, any
kind), an item page's revision state, and which items live figures count."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from .models import ItemRevision, ItemStatus


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


def revision_context(item, content: Callable[[], dict]) -> dict:
    """For an item's page: its last approved revision while a newer one is in progress,
    what changed since (against `content()`, the item's content now), and its page."""
    context = {"approved_revision": None, "changes": [], "revision_url": ""}
    if item.status == ItemStatus.APPROVED or item.revision == 1:
        return context
    content_type = ContentType.objects.get_for_model(type(item))
    revision = (
        ItemRevision.objects.filter(
            content_type=content_type, object_id=item.pk, number__lt=item.revision
        )
        .order_by("-number")
        .first()
    )
    if revision is None:
        return context
    context["approved_revision"] = revision
    context["changes"] = content_diff(revision.content, content())
    context["revision_url"] = reverse(
        "approvals:item_revision", args=[content_type.pk, item.pk, revision.number]
    )
    return context


def saved_message(noun: str, *, revision_before: int, item) -> str:
    """What a page says after saving `item`: whether the save opened a new revision."""
    if item.revision > revision_before:
        return (
            f"บันทึก{noun}แล้ว เป็นฉบับแก้ไขที่ {item.revision} ซึ่งต้องส่งขออนุมัติตามสายการบังคับบัญชา (M7) ใหม่"
            " ระหว่างนั้นสรุปผลยังคงใช้ฉบับที่อนุมัติแล้ว"
        )
    return f"บันทึก{noun}แล้ว"
