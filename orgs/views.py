"""Pages of the officials themselves: their personal API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm
from .models import ApiToken
from .tokens import api_token_create, api_token_revoke


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
