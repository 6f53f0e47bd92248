"""Project pages: list, create, read-only detail, and the M1–M5 editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from orgs.permissions import can, require

from . import editor
from .completeness import MODULES
from .filters import ProjectFilterForm
from .forms import ProjectCreateForm
from .models import PlanLevel, PlanNode, Project
from .selectors import creatable_units, project_list_rows, with_modules
from .services.entry import project_confirm_not_duplicate, project_create


@login_required
def project_list(request):
    form = ProjectFilterForm(request.GET or None, user=request.user)
    rows = project_list_rows(
        user=request.user, filters=form.filters(), sort=request.GET.get("sort", "")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "sort": request.GET.get("sort", ""),
            "can_create": creatable_units(request.user).exists(),
            "modules": MODULES,
        },
    )


@login_required
def project_create_view(request):
    units = creatable_units(request.user)
    if not units.exists():
        messages.error(request, "คุณไม่มีสิทธิ์นำเข้าโครงการ (ต้องเป็นเจ้าหน้าที่ผู้นำเข้าข้อมูลของหน่วยงาน)")
        return redirect("projects:list")
    form = ProjectCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            project = project_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"สร้างโครงการ {project.code} แล้ว กรอกข้อมูลต่อได้ทีละส่วน")
            return redirect("projects:edit", pk=project.pk, module="m1")
    return render(request, "projects/create.html", {"form": form})


def _visible_project(request, pk):
    """The project, or 404 for one the user may not see (ids cannot be probed)."""
    project = get_object_or_404(with_modules(Project.objects.all()), pk=pk)
    if not can(request.user, "project.view", project):
        raise Http404
    return project


@login_required
def project_detail(request, pk):
    project = _visible_project(request, pk)
    return render(request, "projects/detail.html", editor.detail_context(request.user, project))


@login_required
def project_edit(request, pk, module):
    if module not in MODULES:
        raise Http404
    project = _visible_project(request, pk)
    require(request.user, "project.edit", project)
    page = editor.MODULE_PAGES[module](request, project)
    if page.saved:
        messages.success(request, f"บันทึก {MODULES[module]} แล้ว")
        target = request.POST.get("next_module") or module
        return redirect(
            "projects:edit", pk=project.pk, module=target if target in MODULES else module
        )
    return render(request, "projects/edit.html", editor.edit_context(project, module, page))


@login_required
@require_GET
def plan_options(request):
    """htmx: the <option>s of the next picker in the cascade."""
    level, parent = request.GET.get("level"), request.GET.get("parent", "")
    nodes = (
        PlanNode.objects.filter(level=level, is_active=True)
        if level in PlanLevel.values
        else PlanNode.objects.none()
    )
    if parent.isdigit():
        children = nodes.filter(parent_id=parent)
        # The reference tree may not link master plans to strategies: then list them all.
        if children.exists() or level != PlanLevel.MASTER_PLAN:
            nodes = children
    elif level != PlanLevel.MASTER_PLAN:
        nodes = nodes.none()
    return render(
        request,
        "projects/partials/plan_options.html",
        {"nodes": nodes.order_by("sort_order", "code")},
    )


@login_required
def project_revision(request, pk, number):
    """A frozen revision, read-only (the approved version stays readable)."""
    project = _visible_project(request, pk)
    revision = get_object_or_404(project.revisions, number=number)
    return render(request, "projects/revision.html", {"project": project, "revision": revision})


@login_required
@require_POST
def project_confirm_duplicates(request, pk):
    project = _visible_project(request, pk)
    project_confirm_not_duplicate(user=request.user, project=project)
    messages.success(request, "บันทึกแล้วว่าตรวจสอบโครงการที่อาจซ้ำกันแล้ว และเป็นคนละโครงการ")
    return redirect(request.POST.get("next") or reverse("projects:detail", args=[project.pk]))
