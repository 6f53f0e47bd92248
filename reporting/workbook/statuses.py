"""When the workbook's statuses agree (shared/spec/exchange.md section 1).

A file moves an item forward only (draft → submitted → approved), and a report
may be submitted or approved only for an approved project. The importer never
writes a status: it asks the approvals app to record the moves decided here
(approvals.services.records.items_record_imported), after the edit guard has
opened a new revision of every approved item the file changes.
"""

from __future__ import annotations

from django.utils import timezone

from approvals.models import ItemStatus

STATUS_ORDER = {"draft": 0, "submitted": 1, "approved": 2}
STATUS_WORDS = list(STATUS_ORDER)


def status_word(item) -> str:
    """The workbook's word for an item's status: a returned item is a draft again."""
    return "draft" if item.status == ItemStatus.RETURNED else item.status


def label(word: str) -> str:
    """The Thai name of a status word (ร่าง, อยู่ระหว่างการอนุมัติ, อนุมัติแล้ว)."""
    return ItemStatus(word).label


def backward_error(*, current: str, wanted: str) -> str | None:
    """The Thai reason a file may not set `wanted` over `current`, or None."""
    if STATUS_ORDER[wanted] >= STATUS_ORDER[current]:
        return None
    return f"ย้อนสถานะจากไฟล์ไม่ได้: ในระบบเป็น “{label(current)}” แต่ในไฟล์เป็น “{label(wanted)}”"


def move_to_record(*, current: str, wanted: str, revised: bool) -> ItemStatus | None:
    """The status the import records for an item, or None when it stays where it is.

    `revised`: the file changes an approved item, so the edit guard opens its next
    revision as a draft, and `wanted` (approved) is recorded for that revision.
    """
    standing = "draft" if revised else current
    if STATUS_ORDER[wanted] > STATUS_ORDER[standing]:
        return ItemStatus(wanted)
    return None


def report_needs_approved_project(*, status: str, code: str, where: str) -> str | None:
    """The Thai reason a report of `status` may not belong to a project that is not
    approved, or None for a draft report. `where` says how the project stands."""
    if status == "draft":
        return None
    return f"รายงานสถานะ “{label(status)}” ต้องเป็นของโครงการที่อนุมัติแล้ว แต่โครงการ {code} {where}"


def rows_update_changed(model, changes: list[tuple]) -> None:
    """Write each row's changed fields in bulk: `changes` holds (row, wanted values,
    names of the fields that differ), after the edit guard has let them change."""
    fields, stamp = set(), timezone.now()
    for row, wanted, names in changes:
        for name in names:
            setattr(row, name, wanted[name])
        row.updated_at = stamp  # what save() does through auto_now
        fields.update(names)
    rows = [row for row, _, _ in changes]
    model.objects.bulk_update(rows, [*sorted(fields), "updated_at"], batch_size=500)
