"""Baselines for the project list under load, served by the same gunicorn and settings.

- `stack_floor`: "ok" behind `login_required`: the middleware, the session and the user,
  and nothing else. No page can be faster on this stack.
- `bare_list`: the page a Django developer would write first: the same 50 projects as
  the product's list (the same filters, order and page, with the owner unit and the
  budget total the project keeps), paginated with a count, through a plain template without the site's
  layout. The product's list (`project_list_vs_bare`) is measured against it.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from orgs.models import OrgUnit
from projects.models import Project


@login_required
def stack_floor(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def bare_list(request):
    unit = get_object_or_404(OrgUnit, pk=request.GET["unit"])
    projects = (
        Project.objects.filter(
            fiscal_year=request.GET["fiscal_year"],
            status=request.GET["status"],
            owner_unit__path__startswith=unit.path,
        )
        .select_related("owner_unit")
        .order_by("-fiscal_year", "code")
    )
    page = Paginator(projects, 50).get_page(request.GET.get("page"))
    return render(request, "bench/bare_list.html", {"page": page})
