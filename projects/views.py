"""Project pages: list, create, read-only detail, and the M1–M5 editor."""

import io
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from approvals.revisions import saved_message
from core import fiscal
from core.clock import today
from core.forms import UnitFilterField
from core.http import safe_next
from orgs.permissions import can, require, visible_units

from . import editor
from .completeness import MODULES
from .duplicates import LikelyDuplicatesFound
from .filters import ProjectFilterForm
from .forms import ProjectCreateForm
from .linkage import (
    PROJECT,
    linkage_map,
    linkage_title,
    linkage_workbook,
    unserved_with_parents,
)
from .linkage_svg import COLLAPSED, SvgOptions, linkage_svg
from .models import PlanLevel, PlanNode, Project
from .selectors import (
    creatable_units,
    creates_anywhere,
    project_list_count,
    project_list_rows,
    with_modules,
)
from .services.entry import (
    project_confirm_not_duplicate,
    project_create,
    project_delete_draft,
)

# What a row of the list shows (projects/templatetags/project_list.py), read as value
# rows: a project has thirty-odd columns, most of them long texts the list never prints,
# and fifty model instances with their units cost more than the rows' SQL.
LIST_COLUMNS = (
    "pk",
    "code",
    "name",
    "fiscal_year",
    "status",
    "missing",
    "budget_total",
    "owner_unit__abbr",
    "owner_unit__name_th",
)


@login_required
def project_list(request):
    form = ProjectFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    rows = project_list_rows(
        user=request.user, filters=filters, sort=request.GET.get("sort", "")
    ).values(*LIST_COLUMNS)
    paginator = Paginator(rows, 50)
    # Added up from the tallies instead of counting the rows (Paginator.count is cached).
    paginator.count = project_list_count(user=request.user, filters=filters)
    page = paginator.get_page(request.GET.get("page"))
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
            "can_create": creates_anywhere(request.user),
            "modules": MODULES,
        },
    )


@login_required
def project_create_view(request):
    """Likely duplicates are shown before a code is issued; the user creates anyway only
    by confirming they are different projects."""
    units = creatable_units(request.user)
    if not units.exists():
        messages.error(request, "คุณไม่มีสิทธิ์นำเข้าโครงการ (ต้องเป็นเจ้าหน้าที่ผู้นำเข้าข้อมูลของหน่วยงาน)")
        return redirect("projects:list")
    form = ProjectCreateForm(request.POST or None, units=units)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            project = project_create(
                user=request.user, **form.cleaned_data, distinct_from=form.distinct_from()
            )
        except LikelyDuplicatesFound as found:
            duplicates = found.found
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"สร้างโครงการ {project.code} แล้ว กรอกข้อมูลต่อได้ทีละส่วน")
            return redirect("projects:edit", pk=project.pk, module="m1")
    return render(request, "projects/create.html", {"form": form, "duplicates": duplicates})


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
        saved = Project.objects.only("revision").get(pk=project.pk)
        messages.success(
            request,
            saved_message(f" {MODULES[module]} ", revision_before=project.revision, item=saved),
        )
        target = request.POST.get("next_module") or module
        return redirect(
            "projects:edit", pk=project.pk, module=target if target in MODULES else module
        )
    return render(
        request, "projects/edit.html", editor.edit_context(request.user, project, module, page)
    )


@login_required
@require_POST
def project_delete(request, pk):
    """Delete the unit's own mistaken draft (the service says which may go, and why not)."""
    project = _visible_project(request, pk)
    try:
        code = project_delete_draft(user=request.user, project=project)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("projects:detail", pk=project.pk)
    messages.success(request, f"ลบร่างโครงการ {code} แล้ว (รหัสนี้จะไม่ถูกนำไปใช้ซ้ำ)")
    return redirect("projects:list")


@login_required
@require_GET
def plan_options(request):
    """htmx: the <option>s of the next picker in the cascade.

    Under a chosen strategy come the master plans the reference tree places
    under it, then those it places under no strategy (no source said which,
    so they cannot be ruled out); another strategy's master plans never do.
    """
    level, parent = request.GET.get("level"), request.GET.get("parent", "")
    nodes = (
        PlanNode.objects.filter(level=level, is_active=True)
        if level in PlanLevel.values
        else PlanNode.objects.none()
    )
    unplaced = PlanNode.objects.none()
    if parent.isdigit():
        if level == PlanLevel.MASTER_PLAN:
            unplaced = nodes.filter(parent__isnull=True)
        nodes = nodes.filter(parent_id=parent)
    elif level != PlanLevel.MASTER_PLAN:
        nodes = nodes.none()
    order = ("sort_order", "code")
    return render(
        request,
        "projects/partials/plan_options.html",
        {
            "nodes": nodes.order_by(*order),
            "unplaced": unplaced.order_by(*order),
            "parent_chosen": parent.isdigit(),
        },
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
    return redirect(safe_next(request, reverse("projects:detail", args=[project.pk])))


# --- the strategy linkage map (แผนผังความเชื่อมโยง) -------------------------------


class LinkageFilterForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False)
    unit = UnitFilterField(empty_label="ทุกหน่วยงานที่ดูแล")
    branches = forms.ChoiceField(
        label="เป้าหมายที่แสดง",
        required=False,
        choices=[("all", "ทุกเป้าหมาย"), ("served", "เฉพาะที่มีโครงการรองรับ")],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).order_by("path")
        current = fiscal.fiscal_year_of(today())
        years = [str(y) for y in range(current + 1, current - 6, -1)]
        self.fields["fiscal_year"].choices = [(y, y) for y in years]
        # The map shows the current year unless one the box offers is chosen: so does the box.
        self.fields["fiscal_year"].initial = current
        if self.is_bound and self.data.get("fiscal_year") not in years:
            self.data = self.data.copy()
            self.data["fiscal_year"] = str(current)

    def linkage_filters(self) -> dict:
        """fiscal_year, unit and served_only (the current fiscal year unless chosen)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "fiscal_year": data.get("fiscal_year") or fiscal.fiscal_year_of(today()),
            "unit": data.get("unit"),
            "served_only": data.get("branches") == "served",
        }


def _linkage_for(request):
    """The filters and the map for this request; 403 when the user may not see it."""
    form = LinkageFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid() and "unit" in form.errors:
        raise PermissionDenied("คุณไม่มีสิทธิ์ดูข้อมูลของหน่วยงานนี้")
    filters = form.linkage_filters()
    require(request.user, "linkage.view", filters["unit"])
    return form, filters, linkage_map(user=request.user, **filters)


def _linkage_links(request, filters: dict):
    """Where each box of the drawing leads: a project, its target's list, or an expanded map."""
    listing = {"fiscal_year": filters["fiscal_year"]}
    if filters["unit"]:
        listing["unit"] = filters["unit"].pk

    def link_for(node) -> str:
        if node.level == PROJECT:
            return reverse("projects:detail", args=[node.pk])
        if node.level == COLLAPSED:
            query = request.GET.copy()
            query.appendlist("expand", node.key.split(":", 1)[1])
            return f"?{query.urlencode()}#map"
        if node.is_target and node.code:
            return f"{reverse('projects:list')}?{urlencode({**listing, 'target': node.code})}"
        return ""

    return link_for


@login_required
def linkage_page(request):
    form, filters, linkage = _linkage_for(request)
    expanded = request.GET.getlist("expand")
    options = SvgOptions(
        expanded="all" if "all" in expanded else frozenset(expanded),
        link_for=_linkage_links(request, filters),
    )
    query = request.GET.copy()
    query.pop("expand", None)
    return render(
        request,
        "projects/linkage.html",
        {
            "form": form,
            "linkage": linkage,
            "svg": mark_safe(linkage_svg(linkage, options)),  # built from escaped text only
            "query": query.urlencode(),
            "expanded": bool(expanded),
            "unserved": unserved_with_parents(linkage),
            "list_query": urlencode(
                {"fiscal_year": filters["fiscal_year"]}
                | ({"unit": filters["unit"].pk} if filters["unit"] else {})
            ),
        },
    )


@login_required
def linkage_svg_download(request):
    """The drawing as a file that stands alone (font embedded, every project listed)."""
    _form, filters, linkage = _linkage_for(request)
    options = SvgOptions(expanded="all", embed_font=True, title=linkage_title(linkage))
    response = HttpResponse(linkage_svg(linkage, options), content_type="image/svg+xml")
    name = f"linkage-{filters['fiscal_year']}.svg"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def linkage_xlsx(request):
    _form, filters, linkage = _linkage_for(request)
    output = io.BytesIO()
    linkage_workbook(linkage=linkage).save(output)
    output.seek(0)
    name = f"linkage-{filters['fiscal_year']}.xlsx"
    return FileResponse(output, as_attachment=True, filename=name)
