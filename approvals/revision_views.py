"""A frozen approved revision of any item, read-only (projects have their own page)."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from orgs.permissions import can

from .items import kind_of
from .models import ItemRevision


@login_required
def item_revision(request, content_type_id: int, object_id: int, number: int):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    try:
        kind = kind_of(model)
    except LookupError:
        raise Http404 from None
    item = get_object_or_404(model, pk=object_id)
    if not can(request.user, f"{model._meta.model_name}.view", item):
        raise Http404  # another unit's item looks the same as a missing one
    revision = get_object_or_404(
        ItemRevision, content_type=content_type, object_id=object_id, number=number
    )
    return render(
        request,
        "approvals/revision.html",
        {"item": item, "revision": revision, "title": kind.describe(item), "url": kind.url(item)},
    )
