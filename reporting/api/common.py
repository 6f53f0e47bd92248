"""Pieces shared by the reporting endpoints: unit references, Thai 400s for bad
rounds and formats, stable ordering, declared error responses, and conditional GET."""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.renderers import JSONRenderer

from orgs.models import OrgUnit

from ..forms import RoundForm


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "code", "abbr", "name_th"]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="ข้อความแจ้งเหตุ (ภาษาไทย)")


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="ค่าที่ส่งมาไม่ถูกต้อง (ข้อความภาษาไทยรายช่อง)"),
    401: OpenApiResponse(ErrorSerializer, description="ยังไม่ได้เข้าสู่ระบบหรือโทเค็นไม่ถูกต้อง"),
    403: OpenApiResponse(ErrorSerializer, description="ไม่มีสิทธิ์"),
}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="ไม่พบข้อมูล")}
NOT_MODIFIED = {304: OpenApiResponse(description="ข้อมูลไม่เปลี่ยนแปลงตั้งแต่ครั้งก่อน (ETag ตรงกัน)")}

ROUND_PATH_PARAMETERS = [
    OpenApiParameter(
        "fiscal_year", int, OpenApiParameter.PATH, description="ปีงบประมาณ (พ.ศ.) เช่น 2567"
    ),
    OpenApiParameter("quarter", int, OpenApiParameter.PATH, description="ไตรมาส ๑–๔"),
]


def round_from_path(kwargs: dict) -> tuple[int, int]:
    """(fiscal_year, quarter) from the URL, or a 400 with Thai messages."""
    form = RoundForm({"fiscal_year": kwargs.get("fiscal_year"), "quarter": kwargs.get("quarter")})
    if not form.is_valid():
        raise ValidationError({f: [str(e) for e in errs] for f, errs in form.errors.items()})
    return form.cleaned_data["fiscal_year"], form.cleaned_data["quarter"]


class StableOrderingFilter(OrderingFilter):
    """The client's ordering, then the primary key, so pages never shuffle rows."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(f.lstrip("-") in ("pk", "id") for f in ordering):
            ordering = [*ordering, "pk"]
        return ordering


def unit_code_filter(queryset, field: str, unit: OrgUnit | None):
    """Rows whose unit (reached by `field`) is `unit` or lies below it."""
    if unit is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": unit.path})


@extend_schema_field(OpenApiTypes.STR)
class UnitCodeFilter(django_filters.ModelChoiceFilter):
    """`?unit=0209`: the unit with that code and every unit below it."""

    def __init__(self, *, unit_field: str, **kwargs):
        self.unit_field = unit_field
        kwargs.setdefault("label", "รหัสหน่วยงาน (รวมหน่วยงานในสังกัด)")
        kwargs.setdefault("queryset", OrgUnit.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("error_messages", {"invalid_choice": "ไม่พบหน่วยงานรหัสนี้"})
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return unit_code_filter(qs, self.unit_field, value)


class ThaiFormatMixin:
    """`?format=` other than the ones offered answers 400 in Thai (DRF would answer 404),
    and errors always come back as JSON even when a file was asked for."""

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            offered = ", ".join(r.format for r in self.get_renderers() if r.format != "api")
            raise ValidationError({"format": [f"รูปแบบไม่ถูกต้อง เลือกได้: {offered}"]}) from None

    def handle_exception(self, exc):
        renderer = getattr(self.request, "accepted_renderer", None)
        if renderer is not None and not isinstance(renderer, JSONRenderer):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class ConditionalGetMixin:
    """ETag from the body: an unchanged answer costs the client a 304 and no body.

    The fingerprint is the content itself, so any change a reader could see (a
    status moved by the chain, a renamed project, a lost permission) changes it.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        patch_vary_headers(response, ["Authorization", "Cookie"])
        response = set_response_etag(response)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
