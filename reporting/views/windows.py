"""The window pages of ป.ย.ป.: the year's windows, and one window's dates and extensions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.clock import today
from core.fiscal import fiscal_year_of
from orgs.permissions import require
from windows.models import Window
from windows.rules import extension_grant, window_state, window_update, windows_propose

from ..forms import ExtensionForm, WindowDatesForm


@login_required
def window_list(request):
    """ป.ย.ป.: the year's windows; the product proposes the statutory defaults."""
    require(request.user, "window.manage", None)
    fiscal_year = int(request.GET.get("fiscal_year") or fiscal_year_of(today()))
    if request.method == "POST":
        created = windows_propose(fiscal_year=fiscal_year, user=request.user)
        messages.success(request, f"สร้างรอบตามกำหนดของระเบียบฯ แล้ว {len(created)} รอบ")
        return redirect(f"{reverse('reporting:windows')}?fiscal_year={fiscal_year}")
    windows = list(
        Window.objects.filter(fiscal_year=fiscal_year)
        .prefetch_related("units")
        .annotate(extension_count=Count("extensions"), extended_until=Max("extensions__until"))
    )
    on = today()
    for window in windows:
        window.state = window_state(window=window, on=on, extended_until=window.extended_until)
    return render(
        request, "reporting/windows.html", {"windows": windows, "fiscal_year": fiscal_year}
    )


@login_required
def window_edit(request, pk: int):
    require(request.user, "window.manage", None)
    window = get_object_or_404(Window, pk=pk)
    dates = WindowDatesForm(
        request.POST if "save_dates" in request.POST else None,
        initial={
            "opens_on": window.opens_on,
            "unit_deadline": window.unit_deadline,
            "chain_deadline": window.chain_deadline,
        },
    )
    extension = ExtensionForm(request.POST if "extend" in request.POST else None)
    form = dates if "save_dates" in request.POST else extension
    if request.method == "POST" and form.is_valid():
        try:
            if form is dates:
                window_update(window=window, user=request.user, **dates.cleaned_data)
                messages.success(request, "บันทึกวันที่ของรอบแล้ว")
            else:
                extension_grant(window=window, user=request.user, **extension.cleaned_data)
                messages.success(request, "บันทึกการขยายเวลาแล้ว")
            return redirect("reporting:window", pk=window.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    extensions = list(window.extensions.select_related("unit", "granted_by"))
    extended_until = max((e.until for e in extensions), default=None)
    return render(
        request,
        "reporting/window.html",
        {
            "window": window,
            "state": window_state(window=window, on=today(), extended_until=extended_until),
            "dates": dates,
            "extension": extension,
            "extensions": extensions,
        },
    )
