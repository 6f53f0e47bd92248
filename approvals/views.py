"""M7 pages: the action buttons' endpoint, the inbox, bulk approval, and an item's
frozen approved revision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.clock import now
from core.http import safe_next
from core.validation import valid_id
from orgs.permissions import can

from .forms import ChecklistForm, InboxFilterForm, ItemActionForm
from .items import kind_of, kinds
from .models import Approval, ItemRevision
from .selectors import approvals_waiting_for, inbox_groups, inbox_rows
from .services.actions import done_message, item_act
from .services.transitions import items_bulk_approve


def _visible_item(request, content_type_id: int, object_id: int):
    """(kind, item) of an approvable item the user may see; another unit's item is a
    404, the same answer as a missing one."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    try:
        kind = kind_of(model)
    except LookupError:
        raise Http404 from None
    item = get_object_or_404(model, pk=object_id)
    if not can(request.user, f"{model._meta.model_name}.view", item):
        raise Http404
    return kind, item


@login_required
@require_POST
def item_action(request, content_type_id: int, object_id: int):
    """Submit, withdraw, approve/check or return one item; the engine decides."""
    kind, item = _visible_item(request, content_type_id, object_id)
    move = ItemActionForm(request.POST).act_input()
    try:
        transition = item_act(item=item, actor=request.user, **move)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message(transition))
    return redirect(safe_next(request, kind.url(item)))


@login_required
def inbox(request):
    form = InboxFilterForm(request.GET or None, user=request.user)
    rows = inbox_rows(request.user, filters=form.filters())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    labels = {ContentType.objects.get_for_model(k.model).pk: k.label for k in kinds()}
    groups = [{**g, "kind_label": labels.get(g["content_type"], "")} for g in inbox_groups(rows)]
    return render(
        request,
        "approvals/inbox.html",
        {
            "form": form,
            "page": page,
            "groups": groups,
            "total": page.paginator.count,
            "query": query.urlencode(),
            "checklist": ChecklistForm(),
        },
    )


def _selected(request) -> list[int]:
    """The approvals picked on the inbox: ticked ones, or all that match its filter."""
    if request.POST.get("scope") == "all":
        form = InboxFilterForm(request.POST, user=request.user)
        return list(inbox_rows(request.user, filters=form.filters()).values_list("pk", flat=True))
    ids = [pk for x in request.POST.getlist("approval") if (pk := valid_id(x))]
    return list(approvals_waiting_for(request.user).filter(pk__in=ids).values_list("pk", flat=True))


@login_required
@require_POST
def bulk_preview(request):
    ids = _selected(request)
    if not ids:
        messages.error(request, "ยังไม่ได้เลือกรายการ")
        return redirect("approvals:inbox")
    chosen = Approval.objects.filter(pk__in=ids)
    checked = chosen.filter(current_level__is_check=True)
    # One box per point of every kind checked here: the engine checks each item by its own.
    checked_kinds = [
        kind_of(ContentType.objects.get_for_id(ct).model_class())
        for ct in checked.values_list("content_type", flat=True).distinct().order_by()
    ]
    by_unit = chosen.values("unit__name_th", "unit__abbr", "current_level__name_th").annotate(
        count=Count("pk")
    )
    return render(
        request,
        "approvals/bulk_preview.html",
        {
            "ids": ids,
            "by_unit": by_unit.order_by("unit__name_th"),
            "needs_checklist": bool(checked_kinds),
            "checklist": ChecklistForm(kinds=checked_kinds),
        },
    )


@login_required
@require_POST
def bulk_approve(request):
    ids = [pk for x in request.POST.getlist("approval") if (pk := valid_id(x))]
    try:
        done = items_bulk_approve(
            approval_ids=ids,
            actor=request.user,
            comment=request.POST.get("comment", ""),
            checklist=ChecklistForm(request.POST).ticked(),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"อนุมัติแล้ว {len(done)} รายการ")
    return redirect(reverse("approvals:inbox"))


@login_required
def notification_list(request):
    """The user's notices, newest first; opening the page marks them read."""
    notices = Paginator(request.user.notifications.order_by("-created_at"), 30).get_page(
        request.GET.get("page")
    )
    unread = [n.pk for n in notices if n.read_at is None]
    response = render(
        request, "approvals/notifications.html", {"page": notices, "unread": set(unread)}
    )
    request.user.notifications.filter(pk__in=unread).update(read_at=now())
    return response


@login_required
def item_revision(request, content_type_id: int, object_id: int, number: int):
    """A frozen approved revision of an item, read-only (projects have their own page)."""
    kind, item = _visible_item(request, content_type_id, object_id)
    revision = get_object_or_404(
        ItemRevision, content_type_id=content_type_id, object_id=object_id, number=number
    )
    context = {"item": item, "revision": revision, "title": kind.describe(item)}
    return render(request, "approvals/revision.html", {**context, "url": kind.url(item)})
