"""Conditional GET for the large reads: an ETag from the data, and 304 when it matches.

The project list's tag is computed from the rows under the request's filters (count,
latest edit of a project, latest M7 move on one: approvals change a project's status
without touching its `updated_at`) plus whatever else shapes the answer (user, query
string, format), without reading the rows themselves.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, QuerySet
from django.utils.http import parse_etags, quote_etag
from rest_framework.response import Response

from approvals.models import Approval
from projects.models import Project


def etag_of(*parts) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return quote_etag(digest)


def project_rows_etag(rows: QuerySet[Project], *, request) -> str:
    """Two aggregate queries, whatever the number of rows."""
    ids = rows.order_by().values("pk")
    stats = Project.objects.filter(pk__in=ids).aggregate(n=Count("pk"), edited=Max("updated_at"))
    moved = Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id__in=ids
    ).aggregate(at=Max("updated_at"))["at"]
    return etag_of(
        request.user.pk,
        sorted(request.query_params.lists()),
        request.accepted_renderer.format,
        stats["n"],
        stats["edited"],
        moved,
    )


def not_modified(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return bool(header) and (etag in parse_etags(header) or header.strip() == "*")


def with_etag(response: Response, etag: str) -> Response:
    response["ETag"] = etag
    # Answers depend on who asks: browsers may keep them, shared caches may not.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Accept, Authorization, Cookie"
    return response


def not_modified_response(etag: str) -> Response:
    return with_etag(Response(status=304), etag)
