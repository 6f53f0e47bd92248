"""Writing memos: draft from live figures, edit, refresh, issue, render the PDF.

Issuing is the one way out of a draft: under a row lock it gives the memo its
number (the typed one, or the sender's next running number of the year), its
date, and keeps the figures; from then on nothing changes it (the model refuses)
except the PDF, which a Celery task writes once.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from approvals.services.notifications import notify
from core.chaos import pause_point
from core.clock import now, today
from core.fiscal import arabic_digits, be_year
from core.outbox import outbox_enqueue
from orgs.models import OrgUnit, User
from orgs.permissions import can

from . import paragraphs
from .builders import Context, build, phone_of
from .models import PDF_STUCK_AFTER, Memo, MemoKind, MemoSequence, MemoStatus, PdfStatus
from .permissions import REPORT_KINDS
from .signing import pdf_sign, signing_enabled

EDITABLE = [
    "urgency",
    "is_circular",
    "salutation",
    "department_line",
    "doc_prefix",
    "number",
    "memo_date",
    "subject",
    "addressee",
    "closing",
    "signatory_name",
    "signatory_position",
    "contact",
]


def _require_manage(user: User, kind: str) -> None:
    if not can(user, "memo.manage", kind):
        if kind in REPORT_KINDS:
            raise PermissionDenied("เฉพาะเจ้าหน้าที่สำนักตรวจและประเมินผล จัดทำรายงานผลการดำเนินงานได้")
        raise PermissionDenied("เฉพาะเจ้าหน้าที่กลุ่ม ป.ย.ป. จัดทำบันทึกข้อความได้")


def _draft_fields(draft) -> dict:
    return {
        "subject": draft.subject,
        "addressee": draft.addressee,
        "body": paragraphs.clean(draft.body),
        "figures": draft.figures,
        "closing": draft.closing,
        "urgency": draft.urgency,
        "is_circular": draft.is_circular,
        "memo_heading": draft.memo_heading,
        "salutation": draft.salutation,
        "signatory_name": draft.signatory_name,
        "signatory_position": draft.signatory_position,
        "approvals": draft.approvals,
        "attachments": draft.attachments,
        "contact": draft.contact,
    }


def memo_draft(
    *,
    kind: str,
    user: User,
    fiscal_year: int,
    quarter: int | None = None,
    month: int | None = None,
    window=None,
    unit: OrgUnit | None = None,
) -> Memo:
    """A new draft of `kind`, written from today's figures."""
    if kind not in MemoKind.values:
        raise ValidationError("ไม่รู้จักประเภทบันทึกนี้")
    _require_manage(user, kind)
    if kind in REPORT_KINDS and month not in range(1, 13):
        raise ValidationError({"month": "รายงานรายเดือนต้องระบุเดือน (๑–๑๒)"})
    unit = unit or user.home_unit
    if unit is None:
        raise ValidationError("ไม่ทราบส่วนราชการเจ้าของเรื่อง กรุณากำหนดหน่วยงานของผู้ใช้")
    context = Context(
        fiscal_year=fiscal_year, quarter=quarter, month=month, window=window, unit=unit, user=user
    )
    draft = build(kind, context)
    return Memo.objects.create(
        kind=kind,
        fiscal_year=fiscal_year,
        quarter=quarter,
        month=month,
        window=window,
        unit=unit,
        department_line=draft.department_line or _department_line(unit, user),
        doc_prefix=unit.doc_code or unit.code,
        created_by=user,
        **_draft_fields(draft),
    )


def _department_line(unit: OrgUnit, user: User) -> str:
    """ส่วนราชการ of a บันทึกข้อความ: the owner unit and its telephone (seed 000 and 001)."""
    phone = phone_of(unit, user)
    return f"{unit.name_th} โทรศัพท์ {phone}" if phone else unit.name_th


def _locked_draft(memo: Memo) -> Memo:
    locked = Memo.objects.select_for_update().get(pk=memo.pk)
    if locked.status != MemoStatus.DRAFT:
        raise ValidationError("บันทึกนี้ออกเลขแล้ว แก้ไขไม่ได้")
    return locked


@transaction.atomic
def memo_update(
    *,
    memo: Memo,
    user: User,
    data: dict,
    body: list[dict],
    approvals: list[dict],
    attachments: list[str] | None = None,
) -> Memo:
    """Save the user's edits of a draft (header fields, paragraphs, approval lines)."""
    _require_manage(user, memo.kind)
    locked = _locked_draft(memo)
    for name in EDITABLE:
        if name in data:
            setattr(locked, name, data[name])
    locked.number = arabic_digits(locked.number or "").strip()
    locked.body = paragraphs.clean(body)
    if not locked.body:
        raise ValidationError({"body": "บันทึกต้องมีเนื้อความอย่างน้อยหนึ่งย่อหน้า"})
    locked.approvals = [a for a in approvals if any(str(v).strip() for v in a.values())]
    if attachments is not None:
        locked.attachments = attachments
    locked.full_clean(exclude=["created_by", "unit"])
    locked.save()
    return locked


@transaction.atomic
def memo_refresh(*, memo: Memo, user: User) -> Memo:
    """Write the draft again from today's figures (the user's edits of the text are replaced)."""
    _require_manage(user, memo.kind)
    locked = _locked_draft(memo)
    context = Context(
        fiscal_year=locked.fiscal_year,
        quarter=locked.quarter,
        month=locked.month,
        window=locked.window,
        unit=locked.unit,
        user=user,
    )
    for name, value in _draft_fields(build(locked.kind, context)).items():
        setattr(locked, name, value)
    locked.save()
    return locked


def _next_number(*, doc_prefix: str, is_circular: bool, on: date) -> str:
    sequence, _ = MemoSequence.objects.select_for_update().get_or_create(
        doc_prefix=doc_prefix, is_circular=is_circular, year=be_year(on.year)
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return str(sequence.last_number)


def _note_typed_number(*, memo: Memo, on: date) -> None:
    """A typed number (from the paper register) moves the running number past it."""
    if not memo.number.isdigit():
        return
    sequence, _ = MemoSequence.objects.select_for_update().get_or_create(
        doc_prefix=memo.doc_prefix, is_circular=memo.is_circular, year=be_year(on.year)
    )
    if sequence.last_number < int(memo.number):
        sequence.last_number = int(memo.number)
        sequence.save(update_fields=["last_number"])


@transaction.atomic
def memo_issue(*, memo: Memo, user: User) -> Memo:
    """Number, date and freeze the memo; its PDF is rendered by Celery after commit."""
    _require_manage(user, memo.kind)
    locked = _locked_draft(memo)
    on = locked.memo_date or today()
    if locked.number:
        clash = Memo.objects.filter(
            status=MemoStatus.ISSUED,
            doc_prefix=locked.doc_prefix,
            is_circular=locked.is_circular,
            number=locked.number,
        )
        if clash.exists():
            raise ValidationError({"number": f"เลขที่ {locked.reference} ออกให้บันทึกอื่นแล้ว"})
        _note_typed_number(memo=locked, on=on)
    else:
        locked.number = _next_number(
            doc_prefix=locked.doc_prefix, is_circular=locked.is_circular, on=on
        )
    locked.memo_date = on
    locked.status = MemoStatus.ISSUED
    locked.issued_by = user
    locked.issued_at = now()
    locked.pdf_status = PdfStatus.PENDING
    Memo.objects.filter(pk=locked.pk).update(
        number=locked.number,
        memo_date=on,
        status=MemoStatus.ISSUED,
        issued_by=user,
        issued_at=locked.issued_at,
        pdf_status=PdfStatus.PENDING,
    )
    _queue_render(locked.pk)
    return locked


def _queue_render(memo_id: int) -> None:
    outbox_enqueue("memos.tasks.memo_render_pdf", memo_id)


def memo_render(*, memo_id: int) -> str:
    """Write an issued memo's PDF once (safe to run twice), signed when a certificate is
    configured (a signing failure fails the PDF: an issued memo is not left unsigned
    silently); returns the PDF status."""
    from .pdf import memo_pdf

    memo = Memo.objects.get(pk=memo_id)
    if memo.pdf_status == PdfStatus.READY or memo.status != MemoStatus.ISSUED:
        return memo.pdf_status
    try:
        content = memo_pdf(memo)
        if signing_enabled():
            signed = pdf_sign(content)
            content = signed.content
            memo.pdf_signed_by, memo.pdf_signed_at = signed.signed_by, signed.signed_at
    except Exception:
        memo.pdf_status = PdfStatus.FAILED
        memo.save(update_fields=["pdf_status"])
        raise
    name = memo_pdf_name(memo)
    # A render cut short after storing the file (worker killed) left it here: replace it,
    # so an issued memo has one PDF however often it was rendered.
    memo.pdf.storage.delete(name)
    memo.pdf.name = memo.pdf.storage.save(name, ContentFile(content))
    pause_point("memo_pdf_stored")
    memo.pdf_status = PdfStatus.READY
    with transaction.atomic():
        memo.save(update_fields=["pdf", "pdf_status", "pdf_signed_by", "pdf_signed_at"])
        if memo.issued_by_id:
            notify(
                recipient=memo.issued_by,
                kind="memo_pdf_ready",
                title=f"ไฟล์ PDF ของบันทึกข้อความ {memo.reference} พร้อมแล้ว"[:255],
                url=memo.get_absolute_url(),
                dedupe_key=f"memo:{memo.pk}:pdf",
            )
    return memo.pdf_status


def memo_pdf_name(memo: Memo) -> str:
    """One file per memo: a render that runs again replaces it."""
    return f"memos/{memo.issued_at or now():%Y}/memo-{memo.pk}.pdf"


def memo_render_again(*, memo: Memo, user: User) -> bool:
    """Queue an issued memo's PDF again when it failed, or is still pending long after
    issue (a worker died). Returns whether it was queued; the status guards doubles."""
    _require_manage(user, memo.kind)
    retry = Q(pdf_status=PdfStatus.FAILED) | Q(
        pdf_status=PdfStatus.PENDING, issued_at__lt=now() - PDF_STUCK_AFTER
    )
    with transaction.atomic():
        queued = Memo.objects.filter(retry, pk=memo.pk, status=MemoStatus.ISSUED).update(
            pdf_status=PdfStatus.PENDING
        )
        if queued:
            _queue_render(memo.pk)
    return bool(queued)
