"""Level-3 plan pages: list, new, detail (with documents and M7), edit, document
upload/download, and the Excel export. Thin: parse, ask the policy, call one
service or selector."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from approvals.forms import ChecklistForm
from approvals.models import ItemStatus
from approvals.revisions import revision_context, saved_message
from approvals.selectors import actions_for, next_steps, trail_for
from orgs.permissions import can, require

from ..models import Level3Plan, PlanLevel, PlanNode
from ..selectors import creatable_units, creates_anywhere
from .approval import plan_current_content, plan_missing
from .exports import plans_workbook
from .forms import DocumentForm, PlanFilterForm, PlanForm, clean_indicators, indicator_rows
from .selectors import linked_projects, plan_list_rows, plan_with_everything
from .services import (
    level3_document_upload,
    level3_plan_create,
    level3_plan_update,
    max_document_bytes,
)


@login_required
def plan_list(request):
    form = PlanFilterForm(request.GET or None, user=request.user)
    rows = plan_list_rows(user=request.user, filters=form.filters())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/level3/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": creates_anywhere(request.user),
        },
    )


@login_required
def plan_export(request):
    form = PlanFilterForm(request.GET or None, user=request.user)
    output = io.BytesIO()
    plans_workbook(rows=plan_list_rows(user=request.user, filters=form.filters())).save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename="level3-plans.xlsx")


def _visible_plan(request, pk) -> Level3Plan:
    """The plan, or 404 for one the user may not see (ids cannot be probed)."""
    plan = get_object_or_404(plan_with_everything(Level3Plan.objects.all()), pk=pk)
    if not can(request.user, "level3plan.view", plan):
        raise Http404
    return plan


@login_required
def plan_create(request):
    units = creatable_units(request.user)
    if not units.exists():
        messages.error(request, "คุณไม่มีสิทธิ์นำเข้าแผนระดับที่ ๓ (ต้องเป็นเจ้าหน้าที่ผู้นำเข้าข้อมูลของหน่วยงาน)")
        return redirect("projects:level3:list")
    form = PlanForm(request.POST or None, units=units)
    return _plan_form_page(request, form, plan=None)


@login_required
def plan_edit(request, pk):
    plan = _visible_plan(request, pk)
    require(request.user, "level3plan.edit", plan)
    if plan.status == ItemStatus.SUBMITTED:
        messages.error(request, "แผนนี้อยู่ระหว่างการอนุมัติ แก้ไขได้เมื่อถูกส่งกลับหรือดึงกลับ")
        return redirect("projects:level3:detail", pk=plan.pk)
    form = PlanForm(request.POST or None, plan=plan)
    return _plan_form_page(request, form, plan=plan)


def _plan_form_page(request, form: PlanForm, *, plan: Level3Plan | None):
    existing = {i.pk for i in plan.indicators.all()} if plan else set()
    if request.method == "POST":
        valid = form.is_valid()
        rows, indicators, outside = clean_indicators(request.POST, existing, form.period(plan))
        if valid and not outside and not any(r.errors for r in rows):
            saved = _save(request, form, plan, indicators)
            if saved is not None:
                before = plan.revision if plan else saved.revision
                noun = f"ร่างแผน “{saved.name}” "
                messages.success(request, saved_message(noun, revision_before=before, item=saved))
                return redirect("projects:level3:detail", pk=saved.pk)
        elif outside:
            years = ", ".join(str(y) for y in outside)
            form.add_error(None, f"มีค่าเป้าหมายปี {years} อยู่นอกระยะเวลาของแผน กรุณาลบหรือแก้ระยะเวลา")
    else:
        rows = indicator_rows(plan) if plan else []
    return render(request, "projects/level3/form.html", _form_context(form, plan, rows))


def _save(request, form: PlanForm, plan, indicators) -> Level3Plan | None:
    data = form.plan_input(indicators)
    try:
        if plan is None:
            return level3_plan_create(user=request.user, unit=form.cleaned_data["unit"], data=data)
        return level3_plan_update(user=request.user, plan=plan, data=data)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc.messages)
            return None
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    return None


def _form_context(form: PlanForm, plan, rows) -> dict:
    years = sorted(set(form.period(plan)) | _row_years(rows))
    return {
        "form": form,
        "plan": plan,
        "rows": rows,
        "year_columns": [(year, f"y{year}") for year in years],
        "period": form.period(plan),
        "strategies": PlanNode.objects.filter(level=PlanLevel.STRATEGY).order_by("code"),
        "master_plans": PlanNode.objects.filter(level=PlanLevel.MASTER_PLAN).order_by("code"),
    }


def _row_years(rows) -> set[int]:
    """Years typed outside the period stay on screen (with their error) until removed."""
    return {
        int(name[1:])
        for row in rows
        for name, value in row.values.items()
        if name[:1] == "y" and name[1:].isdigit() and value
    }


@login_required
def plan_detail(request, pk):
    plan = _visible_plan(request, pk)
    return render(request, "projects/level3/detail.html", _detail_context(request, plan))


def _detail_context(request, plan: Level3Plan, upload_form: DocumentForm | None = None) -> dict:
    user = request.user
    may_edit = can(user, "level3plan.edit", plan) and plan.status != ItemStatus.SUBMITTED
    indicators = list(plan.indicators.all())
    return {
        "plan": plan,
        "item": plan,
        "years": list(range(plan.start_year, plan.end_year + 1)),
        "indicators": [(i, {t.year: t.value for t in i.targets.all()}) for i in indicators],
        "projects": linked_projects(plan=plan, user=user),
        "trail": trail_for(plan),
        "next_steps": next_steps(plan),
        "actions": actions_for(user, plan),
        "content_type_id": ContentType.objects.get_for_model(Level3Plan).pk,
        "checklist": ChecklistForm(),
        "missing": plan_missing(plan) if plan.status != ItemStatus.APPROVED else [],
        "can_edit": may_edit,
        "upload_form": upload_form or (DocumentForm() if may_edit else None),
        "max_mb": max_document_bytes() // (1024 * 1024),
        **revision_context(plan, lambda: plan_current_content(plan)),
    }


@login_required
@require_POST
def document_upload(request, pk):
    plan = _visible_plan(request, pk)
    require(request.user, "level3plan.edit", plan)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = level3_document_upload(
                user=request.user, plan=plan, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error("file" if hasattr(exc, "error_dict") else None, exc.messages)
        else:
            messages.success(request, f"แนบเอกสารแผนฉบับที่ {document.version} แล้ว")
            return redirect("projects:level3:detail", pk=plan.pk)
    context = _detail_context(request, plan, upload_form=form)
    return render(request, "projects/level3/detail.html", context, status=400)


@login_required
def document_download(request, pk, version):
    plan = _visible_plan(request, pk)
    document = next((d for d in plan.documents.all() if d.version == version), None)
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    name = document.original_name or f"level3-plan-{plan.pk}-v{version}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
