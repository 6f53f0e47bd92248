"""GET /api/v1/windows/: the windows (รอบ) that concern the user, with their extensions."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from orgs.models import OrgUnit, User
from orgs.permissions import can, unit_scope_q
from windows.models import Extension, Window, WindowKind
from windows.selectors import window_scope_q

from .common import (
    ERRORS,
    NO_SUCH_PAGE,
    NOT_FOUND,
    FiscalYearFilter,
    ReportingUnitSerializer,
    StableOrderingFilter,
    StrictFilterForm,
)


def windows_for(user: User) -> QuerySet[Window]:
    """Every window (any year, open or not) that concerns the user, with its units and
    the extensions the user may see: all for those who manage windows, else their units'."""
    concerning = Window.objects.filter(window_scope_q(user)).values("pk")
    extensions = Extension.objects.select_related("unit").order_by("-granted_at", "pk")
    if not can(user, "window.manage", None):
        extensions = extensions.filter(unit_scope_q(user, field="unit"))
    return Window.objects.filter(pk__in=concerning).prefetch_related(
        Prefetch("units", queryset=OrgUnit.objects.order_by("path")),
        Prefetch("extensions", queryset=extensions),
    )


class WindowExtensionSerializer(serializers.ModelSerializer):
    unit = ReportingUnitSerializer(
        allow_null=True, help_text="หน่วยงานที่ได้รับการขยายเวลา (รวมหน่วยงานในสังกัด)"
    )
    item_type = serializers.SerializerMethodField(
        help_text="ประเภทรายการที่ขยายเวลาให้ (ถ้าขยายรายรายการ)"
    )

    class Meta:
        model = Extension
        fields = ["id", "unit", "item_type", "object_id", "until", "reason", "granted_at"]

    def get_item_type(self, extension) -> str | None:
        return extension.content_type.model if extension.content_type_id else None


class ReportingWindowSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", help_text="ชื่อประเภทรอบ")
    units = ReportingUnitSerializer(many=True, help_text="หน่วยงานในรอบ (ว่าง = ทุกหน่วยงาน)")
    extensions = WindowExtensionSerializer(many=True, help_text="การขยายเวลาของรอบนี้")

    class Meta:
        model = Window
        fields = [
            "id",
            "fiscal_year",
            "kind",
            "kind_label",
            "quarter",
            "name",
            "opens_on",
            "unit_deadline",
            "chain_deadline",
            "locked_at",
            "units",
            "extensions",
        ]


class WindowFilter(django_filters.FilterSet):
    fiscal_year = FiscalYearFilter()
    kind = django_filters.ChoiceFilter(
        label="ประเภทรอบ",
        choices=WindowKind.choices,
        error_messages={"invalid_choice": "ไม่มีประเภทรอบนี้"},
    )

    class Meta:
        form = StrictFilterForm
        model = Window
        fields = ["fiscal_year", "kind"]


@extend_schema_view(
    list=extend_schema(
        summary="รอบการนำเข้าและรายงานที่เกี่ยวข้องกับผู้ใช้",
        description=(
            "รอบทุกปีที่เกี่ยวข้องกับหน่วยงานของผู้ใช้ (รอบที่ไม่ระบุหน่วยงานเกี่ยวข้องกับทุกคน) "
            "พร้อมวันเปิด กำหนดส่งของหน่วยงาน กำหนดอนุมัติครบทุกขั้น และการขยายเวลา"
        ),
        responses={200: ReportingWindowSerializer(many=True), **ERRORS, **NO_SUCH_PAGE},
    ),
    retrieve=extend_schema(
        summary="รอบการนำเข้าหรือรายงานหนึ่งรอบ",
        responses={200: ReportingWindowSerializer, **ERRORS, **NOT_FOUND},
    ),
)
class WindowViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportingWindowSerializer
    filterset_class = WindowFilter
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    lookup_value_regex = "[^/]+"  # any id reaches the view, which answers 404 in JSON
    ordering_fields = ["fiscal_year", "opens_on", "unit_deadline", "chain_deadline", "kind"]
    ordering = ["-fiscal_year", "opens_on", "kind", "pk"]

    def get_queryset(self):
        return windows_for(self.request.user)
