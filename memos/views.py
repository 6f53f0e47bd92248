"""Memo pages: the archive, a new draft, the editor, preview, issue, PDF status and download.

Views parse input, ask the policy and call one service (`memos.services`); a
typed draft that does not validate comes back with the user's rows and Thai
messages next to the fields.
"""

from __future__ import annotations

import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.clock import today
from core.fiscal import Quarter, be_year, thai_digits
from kpis.periods import fiscal_month_of
from orgs.permissions import can, require
from reporting.models import RoundSnapshot
from reporting.selectors import current_round

from . import paragraphs
from .docx import memo_docx
from .forms import (
    MemoArchiveForm,
    MemoHeaderForm,
    MemoNewForm,
    ParagraphRows,
    approval_rows_from_post,
)
from .models import Memo, MemoKind, PdfStatus
from .pdf import memo_pdf
from .permissions import managed_kinds
from .report_xlsx import report_workbook
from .selectors import archive_windows, memo_archive, memo_for
from .services import memo_draft, memo_issue, memo_refresh, memo_render_again, memo_update

ISSUED_MESSAGE = "บันทึกนี้ออกเลขแล้ว แก้ไขไม่ได้"
PAGE_SIZE = 30


@login_required
@require_GET
def memo_list(request):
    """ทะเบียนบันทึกข้อความ: every memo the user may see, filtered and paged."""
    can_manage = can(request.user, "memo.manage")
    if not can_manage:
        require(request.user, "memo.view")
    form = MemoArchiveForm(request.GET or None, windows=archive_windows(), can_manage=can_manage)
    memos = memo_archive(user=request.user, filters=form.filters())
    page = Paginator(memos, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "memos/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "can_manage": can_manage},
    )


@login_required
@require_http_methods(["GET", "POST"])
def memo_new(request):
    """Choose the kind and the round or window; the service writes the first draft."""
    require(request.user, "memo.manage")
    kinds = managed_kinds(request.user)
    form = MemoNewForm(request.POST or None, initial=_new_initial(request, kinds), kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            memo = memo_draft(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        except LookupError:
            form.add_error("kind", "ยังไม่รองรับการร่างบันทึกประเภทนี้")
        else:
            messages.success(request, "ร่างบันทึกจากตัวเลขล่าสุดแล้ว ตรวจทานและแก้ไขได้ก่อนออกเลข")
            return redirect(memo)
    return render(request, "memos/new.html", {"form": form})


def _new_initial(request, kinds: set[str]) -> dict:
    fiscal_year, quarter = current_round(today())
    first = next((k for k in MemoKind.values if k in kinds), "")
    return {
        "kind": request.GET.get("kind") or first,
        "fiscal_year": request.GET.get("fiscal_year") or fiscal_year,
        "quarter": request.GET.get("quarter") or quarter,
        "month": request.GET.get("month") or fiscal_month_of(today()),
    }


@login_required
@require_http_methods(["GET", "POST"])
def memo_page(request, pk: int):
    """A draft: the editor (POST saves it). An issued memo: read only, with its PDF."""
    memo = memo_for(user=request.user, pk=pk)
    if request.method == "POST":
        if refused := _refuse_post(request, memo):
            return refused
        saved, editor = _save(request, memo)
        if saved is None:
            return _editor(request, memo, editor)
        messages.success(request, "บันทึกร่างแล้ว")
        return redirect(memo)
    if memo.is_issued:
        return _issued(request, memo)
    return _editor(request, memo, _editor_state(memo))


def _refuse_post(request, memo: Memo) -> HttpResponse | None:
    """Only the kind's writers write (403), and only to a draft (400 with the issued page)."""
    require(request.user, "memo.manage", memo)
    if memo.is_issued:
        return _issued(request, memo, error=ISSUED_MESSAGE, status=400)
    return None


def _editor_state(memo: Memo) -> dict:
    return {
        "form": MemoHeaderForm(instance=memo),
        "rows": ParagraphRows.from_memo(memo),
        "approvals": memo.approvals,
    }


def _save(request, memo: Memo) -> tuple[Memo | None, dict]:
    """Save the posted editor; (memo, state) on success, (None, state with errors) otherwise."""
    form = MemoHeaderForm(request.POST, instance=memo)
    rows = ParagraphRows.from_post(request.POST)
    approvals = approval_rows_from_post(request.POST)
    state = {"form": form, "rows": rows, "approvals": approvals}
    if not (form.is_valid() and rows.is_valid()):
        return None, state
    try:
        saved = memo_update(
            memo=memo,
            user=request.user,
            data=form.cleaned_data,
            body=rows.body,
            approvals=approvals,
            attachments=form.cleaned_data["attachments"],
        )
    except ValidationError as exc:
        _add_errors(form, rows, exc)
        return None, state
    return saved, state


def _add_errors(form: MemoHeaderForm, rows: ParagraphRows, exc: ValidationError) -> None:
    """The service's errors beside the fields they name; paragraph errors above the rows."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
        elif name == "body":
            rows.error = " ".join(errors)
        else:
            form.add_error(None, errors)


def _editor(request, memo: Memo, state: dict) -> HttpResponse:
    rows = state["rows"]
    return render(
        request,
        "memos/editor.html",
        {
            "memo": memo,
            **state,
            "levels": paragraphs.LEVELS,
            "figures_note": _figures_note(memo),
            "has_errors": state["form"].errors or not rows.is_valid(),
        },
    )


def _figures_note(memo: Memo) -> dict:
    """Which figures the draft was written from: the round's frozen ones or today's live ones."""
    figures = memo.figures or {}
    taken_on = figures.get("taken_on")
    note = {"source": figures.get("source"), "taken_on": taken_on and date.fromisoformat(taken_on)}
    if note["source"] == "frozen" and memo.quarter:
        snapshot = RoundSnapshot.objects.filter(
            fiscal_year=memo.fiscal_year, quarter=memo.quarter
        ).first()
        note["frozen_at"] = snapshot.taken_at if snapshot else None
    return note


def _issued(request, memo: Memo, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(
        request,
        "memos/issued.html",
        {
            "memo": memo,
            "paragraphs": paragraphs.number(memo.body),
            "error": error,
            "can_manage": can(request.user, "memo.manage", memo),
            "can_export": memo.quarter is not None and can(request.user, "export.memo"),
            "round": Quarter(memo.fiscal_year, memo.quarter) if memo.quarter else None,
        },
        status=status,
    )


@login_required
@require_POST
def memo_issue_view(request, pk: int):
    """ออกเลขและออกหนังสือ: the editor's typed values are saved first, then the memo is issued."""
    memo = memo_for(user=request.user, pk=pk)
    if refused := _refuse_post(request, memo):
        return refused
    state = None
    if "subject" in request.POST:
        saved, state = _save(request, memo)
        if saved is None:
            return _editor(request, memo, state)
    try:
        memo = memo_issue(memo=memo, user=request.user)
    except ValidationError as exc:
        if state is None:
            messages.error(request, " ".join(exc.messages))
            return redirect(memo)
        _add_errors(state["form"], state["rows"], exc)
        return _editor(request, memo, state)
    messages.success(request, f"ออกเลขแล้ว ที่ {thai_digits(memo.reference)} ระบบกำลังสร้างไฟล์ PDF")
    return redirect(memo)


@login_required
@require_POST
def memo_refresh_view(request, pk: int):
    """ดึงตัวเลขล่าสุด: the draft is written again from today's figures."""
    memo = memo_for(user=request.user, pk=pk)
    if refused := _refuse_post(request, memo):
        return refused
    memo_refresh(memo=memo, user=request.user)
    messages.success(request, "ดึงตัวเลขล่าสุดและเขียนเนื้อความใหม่แล้ว")
    return redirect(memo)


@login_required
@require_http_methods(["GET", "POST"])
def memo_preview(request, pk: int):
    """The memo as printed, inline (a draft carries the "ร่าง" mark). A POST from the
    editor saves the typed draft first, so the preview shows what is on the screen."""
    memo = memo_for(user=request.user, pk=pk)
    if request.method == "POST":
        if refused := _refuse_post(request, memo):
            return refused
        memo, state = _save(request, memo)
        if memo is None:
            return _editor(request, memo_for(user=request.user, pk=pk), state)
    response = HttpResponse(memo_pdf(memo), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="memo-{memo.pk}-preview.pdf"'
    return response


@login_required
@require_GET
def memo_download(request, pk: int):
    """The stored PDF of an issued memo, named after its number (e.g. รง0214-75-2566.pdf)."""
    memo = memo_for(user=request.user, pk=pk)
    if not memo.is_issued or memo.pdf_status != PdfStatus.READY or not memo.pdf:
        raise Http404("ไฟล์ PDF ยังไม่พร้อม")
    return FileResponse(memo.pdf.open("rb"), as_attachment=True, filename=download_name(memo))


def download_name(memo: Memo, *, suffix: str = ".pdf") -> str:
    series = "ว" if memo.is_circular else ""
    prefix = memo.doc_prefix.replace(" ", "")
    return f"{prefix}-{series}{memo.number}-{be_year(memo.memo_date.year)}{suffix}"


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def memo_docx_download(request, pk: int):
    """The memo as a Word file for editing, to whoever may read it: an issued memo named
    after its number, a draft (ป.ย.ป. only, as for the preview) marked ร่าง."""
    memo = memo_for(user=request.user, pk=pk)
    name = download_name(memo, suffix=".docx") if memo.is_issued else f"memo-{memo.pk}-draft.docx"
    return FileResponse(
        io.BytesIO(memo_docx(memo)), as_attachment=True, filename=name, content_type=DOCX_TYPE
    )


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def memo_xlsx_download(request, pk: int):
    """A report's tables as Excel (the monthly KPI report), from the figures it keeps: an
    issued report's are frozen with it. To whoever may read the report."""
    memo = memo_for(user=request.user, pk=pk)
    if not memo.is_report:
        raise Http404("บันทึกนี้ไม่มีตารางสำหรับ Excel")
    output = io.BytesIO()
    report_workbook(memo, output)
    output.seek(0)
    name = download_name(memo, suffix=".xlsx") if memo.is_issued else f"report-{memo.pk}-draft.xlsx"
    return FileResponse(output, as_attachment=True, filename=name, content_type=XLSX_TYPE)


@login_required
@require_http_methods(["GET", "POST"])
def memo_pdf_status(request, pk: int):
    """The PDF status fragment (polled by htmx while pending); a POST renders a failed PDF again."""
    memo = memo_for(user=request.user, pk=pk)
    if request.method == "POST":
        require(request.user, "memo.manage", memo)
        queued = memo_render_again(memo=memo, user=request.user)
        if not request.htmx:
            if queued:
                messages.success(request, "ส่งคำขอสร้างไฟล์ PDF อีกครั้งแล้ว")
            return redirect(memo)
        memo.refresh_from_db(fields=["pdf", "pdf_status"])
    return render(
        request,
        "memos/_pdf_status.html",
        {"memo": memo, "can_manage": can(request.user, "memo.manage", memo)},
    )
