"""The public portal (`/open/`): no login, Thai, only approved and frozen data.

Views parse the query, call a selector and render; every one is rate-limited for
anonymous visitors and its pages cached until the next approval or freeze (cache.public).
"""

from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from core.fiscal import Quarter
from reporting.charts import department_chart
from reporting.summaries import BAND_LABELS, BAND_SHORT, BANDS

from .cache import public
from .catalog import catalog
from .datasets import DATASETS, linkage_table, projects_table, rounds_table, source_text
from .downloads import FORMATS, respond
from .forms import ProjectSearchForm, YearForm
from .linkage import public_linkage
from .models import PublishedProject
from .selectors import (
    frozen_round,
    frozen_round_figures,
    frozen_rounds,
    published_projects,
    published_years,
)

PAGE_SIZE = 50


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404("ไม่มีรูปแบบไฟล์นี้")
    return fmt


@require_safe
@public
def home(request):
    years = (
        PublishedProject.objects.values("fiscal_year")
        .annotate(n=Count("pk"), budget=Sum("budget_total"))
        .order_by("-fiscal_year")
    )
    return render(
        request,
        "opendata/home.html",
        {"years": years, "rounds": frozen_rounds()[:8], "datasets": DATASETS},
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
@public
def projects(request):
    form = ProjectSearchForm(request.GET or None)
    rows = published_projects(filters=form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/projects.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "target": form.target_node(),
            "formats": FORMATS,
        },
    )


@require_safe
@public
def project_detail(request, pk: int):
    project = get_object_or_404(PublishedProject.objects.select_related("unit"), pk=pk)
    return render(
        request,
        "opendata/project.html",
        {
            "project": project,
            "sources": [source_text(s) for s in project.budget_sources],
            "report_round": Quarter(project.report_fiscal_year, project.report_quarter)
            if project.report_quarter
            else None,
        },
    )


@require_safe
@public(cached=False)
def projects_download(request, fmt: str):
    form = ProjectSearchForm(request.GET or None)
    return respond(projects_table(published_projects(filters=form.filters())), _format(fmt))


@require_safe
@public
def rounds(request):
    return render(request, "opendata/rounds.html", {"rounds": frozen_rounds(), "formats": FORMATS})


@require_safe
@public
def round_detail(request, fiscal_year: int, quarter: int):
    if not 1 <= quarter <= 4:
        raise Http404("ไม่มีไตรมาสนี้")
    snapshot = frozen_round(fiscal_year=fiscal_year, quarter=quarter)
    if snapshot is None:
        raise Http404("รอบนี้ยังไม่ปิดและตรึงตัวเลข")
    summary = snapshot.data["five_band"]
    round_ = Quarter(fiscal_year, quarter)
    return render(
        request,
        "opendata/round.html",
        {
            "snapshot": snapshot,
            "round": round_,
            "summary": summary,
            "bands": [(b, BAND_LABELS[b], f"{BAND_SHORT[b]} ({b} %)") for b in BANDS],
            # Our own SVG, drawn from numbers and escaped names (reporting.charts).
            "year_query": f"fiscal_year={fiscal_year}",
            "chart": mark_safe(department_chart(summary, title=f"ผลความก้าวหน้า {round_.label}")),
            "formats": FORMATS,
        },
    )


@require_safe
@public(cached=False)
def rounds_download(request, fmt: str):
    years = sorted(set(frozen_rounds().values_list("fiscal_year", flat=True)), reverse=True)
    form = YearForm(request.GET or None, years=years)
    year = form.cleaned_data["fiscal_year"] if form.is_bound and form.is_valid() else None
    return respond(rounds_table(frozen_round_figures(fiscal_year=year)), _format(fmt))


def _linkage_year(request) -> tuple[YearForm, int | None]:
    years = published_years()
    form = YearForm(request.GET or None, years=years)
    return form, form.year(years)


@require_safe
@public
def linkage(request):
    form, year = _linkage_year(request)
    linkage_map = public_linkage(fiscal_year=year) if year else None
    return render(
        request,
        "opendata/linkage.html",
        {
            "form": form,
            "year": year,
            "year_query": f"fiscal_year={year}",
            "linkage": linkage_map,
            "rows": list(linkage_map.walk()) if linkage_map else [],
            "formats": FORMATS,
        },
    )


@require_safe
@public(cached=False)
def linkage_download(request, fmt: str):
    _, year = _linkage_year(request)
    linkage_map = public_linkage(fiscal_year=year) if year else None
    return respond(linkage_table(linkage_map), _format(fmt))


@require_safe
@public
def catalog_json(request):
    return JsonResponse(catalog(request), json_dumps_params={"ensure_ascii": False, "indent": 2})
