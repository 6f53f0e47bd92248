"""Pages of the officials themselves (their personal API tokens) and the unit picker's
search."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .forms import ApiTokenForm
from .models import ApiToken
from .permissions import visible_units
from .tokens import api_token_create, api_token_revoke

PICKER_OPTIONS = 50  # a list a phone can show; typing more narrows it


@login_required
def api_tokens(request):
    """โทเค็น API: list, create (the secret is shown once, on this response only)."""
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = ApiTokenForm()
            messages.success(request, f"สร้างโทเค็น “{token.name}” แล้ว คัดลอกเก็บไว้ตอนนี้ ระบบจะไม่แสดงอีก")
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "orgs/api_tokens.html", {"form": form, "tokens": tokens, "secret": secret}
    )


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token, user=request.user)
    messages.success(request, f"ยกเลิกโทเค็น “{token.name}” แล้ว ระบบที่ใช้โทเค็นนี้จะเรียก API ไม่ได้อีก")
    return redirect("api_tokens")


def login_locked_out(request, response=None, credentials=None):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a Thai page, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@login_required
@require_GET
def unit_options(request):
    """The unit picker's options (core.widgets.UnitPicker): the units of the user's own
    scope whose name, abbreviation or code contains what was typed, in tree order; the
    first match is chosen, so typing and pressing "กรอง" filters by it."""
    text = request.GET.get("q", "").strip()[:100]
    units = visible_units(request.user).order_by("path").only("pk", "name_th", "abbr")
    if text:
        units = units.filter(
            Q(name_th__icontains=text) | Q(abbr__icontains=text) | Q(code__iexact=text)
        )
    return render(
        request,
        "orgs/unit_options.html",
        {
            "units": units[:PICKER_OPTIONS],
            "empty": request.GET.get("empty", "")[:50],
            "choose_first": bool(text),
        },
    )
