from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.clock import today

from .dashboard import home_panels_for


@login_required
def home(request):
    context = {"panels": home_panels_for(request.user), "today": today()}
    return render(request, "emenscr/home.html", context)


def not_found(request, exception=None):
    """404: JSON under /api/ (what API clients and the schema expect), the Thai page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "ไม่พบข้อมูลหรือเส้นทางที่เรียก"}, status=404)
    return page_not_found(request, exception)
