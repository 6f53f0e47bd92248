"""GET /api/v1/reports/: the quarterly reports (M6) the user may see, as JSON, CSV or Excel."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.settings import api_settings

from approvals.models import ItemStatus
from core.validation import valid_id
from orgs.models import User
from orgs.permissions import can, filter_by_units

from ..models import QuarterlyReport, ReportActivityProgress, ReportTargetProgress
from .common import (
    ERRORS,
    NO_SUCH_PAGE,
    NOT_FOUND,
    NOT_MODIFIED,
    ConditionalGetMixin,
    FiscalYearFilter,
    ReportingUnitSerializer,
    StableOrderingFilter,
    StrictFilterForm,
    ThaiFormatMixin,
    UnitCodeFilter,
)
from .report_files import FILE_RENDERERS, XLSX_TYPE, report_file_response


def reports_visible_to(user: User) -> QuerySet[QuarterlyReport]:
    """Reports of the projects the user's roles cover (as the project list decides)."""
    return filter_by_units(
        QuarterlyReport.objects.select_related("project__owner_unit"),
        user,
        field="project__owner_unit",
    )


class QuarterlyReportProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    unit = ReportingUnitSerializer(source="owner_unit")


class QuarterlyReportSerializer(serializers.ModelSerializer):
    project = QuarterlyReportProjectSerializer()
    status_label = serializers.CharField(source="get_status_display", help_text="สถานะใน M7")

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "fiscal_year",
            "quarter",
            "project",
            "status",
            "status_label",
            "revision",
            "progress_percent",
            "disbursed",
            "created_at",
            "updated_at",
        ]


class ReportTargetProgressSerializer(serializers.ModelSerializer):
    target_id = serializers.IntegerField()
    kind = serializers.CharField(source="target.kind", help_text="output, outcome หรือ kpi")
    description = serializers.CharField(source="target.description")
    target_value = serializers.DecimalField(
        source="target.target_value", max_digits=18, decimal_places=2, allow_null=True
    )
    unit_of_measure = serializers.CharField(source="target.unit_of_measure")

    class Meta:
        model = ReportTargetProgress
        fields = [
            "target_id",
            "kind",
            "description",
            "target_value",
            "unit_of_measure",
            "result_value",
            "progress",
        ]


class ReportActivityProgressSerializer(serializers.ModelSerializer):
    activity_id = serializers.IntegerField()
    parent_id = serializers.IntegerField(source="activity.parent_id", allow_null=True)
    name = serializers.CharField(source="activity.name")

    class Meta:
        model = ReportActivityProgress
        fields = ["activity_id", "parent_id", "name", "progress_percent", "note"]


class QuarterlyReportDetailSerializer(QuarterlyReportSerializer):
    target_progress = ReportTargetProgressSerializer(many=True)
    activity_progress = ReportActivityProgressSerializer(many=True)

    class Meta(QuarterlyReportSerializer.Meta):
        fields = [
            *QuarterlyReportSerializer.Meta.fields,
            "contribution_level1",
            "contribution_level2",
            "contribution_level3",
            "result",
            "problems",
            "suggestions",
            "target_progress",
            "activity_progress",
        ]


class ReportFilter(django_filters.FilterSet):
    fiscal_year = FiscalYearFilter()
    quarter = django_filters.ChoiceFilter(
        label="ไตรมาส",
        choices=[(q, q) for q in (1, 2, 3, 4)],
        error_messages={"invalid_choice": "ไตรมาสต้องเป็น ๑ ถึง ๔"},
    )
    status = django_filters.ChoiceFilter(
        label="สถานะใน M7",
        choices=ItemStatus.choices,
        error_messages={"invalid_choice": "ไม่มีสถานะนี้"},
    )
    unit = UnitCodeFilter(unit_field="project__owner_unit")

    class Meta:
        form = StrictFilterForm
        model = QuarterlyReport
        fields = ["fiscal_year", "quarter", "status", "unit"]


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv", "xlsx"],
    description="json (ค่าเริ่มต้น แบ่งหน้า), csv (UTF-8 มี BOM ทุกแถว) หรือ xlsx (Excel ทุกแถว)",
)


@extend_schema_view(
    list=extend_schema(
        summary="รายงานผลรายไตรมาส (M6) ที่ผู้ใช้เห็นได้",
        description=(
            "รายงานของโครงการในหน่วยงานที่ผู้ใช้รับผิดชอบ กรองตามปีงบประมาณ ไตรมาส หน่วยงาน และสถานะ "
            "ส่ง ETag มาด้วย: ถ้าส่ง If-None-Match ที่ตรงกันจะได้ 304 "
            "?format=csv หรือ xlsx ให้ไฟล์ของทุกแถวตามเงื่อนไข"
        ),
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): QuarterlyReportSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            (200, XLSX_TYPE): OpenApiTypes.BINARY,
            **NOT_MODIFIED,
            **{(code, "application/json"): r for code, r in {**ERRORS, **NO_SUCH_PAGE}.items()},
        },
    ),
    retrieve=extend_schema(
        summary="รายงานผลรายไตรมาสหนึ่งฉบับ พร้อมผลตามเป้าหมายและกิจกรรม",
        responses={200: QuarterlyReportDetailSerializer, **NOT_MODIFIED, **ERRORS, **NOT_FOUND},
    ),
)
class ReportViewSet(ThaiFormatMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = QuarterlyReportSerializer
    filterset_class = ReportFilter
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    lookup_value_regex = "[^/]+"  # any id reaches the view, which answers 404 in JSON
    ordering_fields = ["fiscal_year", "quarter", "status", "updated_at", "project__code"]
    ordering = ["-fiscal_year", "-quarter", "project__owner_unit__path", "project__code", "pk"]
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, *FILE_RENDERERS]

    def get_renderers(self):
        """Files only for the list; one report is JSON."""
        renderers = super().get_renderers()
        if self.action != "retrieve":
            return renderers
        return [r for r in renderers if r.format not in ("csv", "xlsx")]

    def get_serializer_class(self):
        return (
            QuarterlyReportDetailSerializer
            if self.action == "retrieve"
            else QuarterlyReportSerializer
        )

    def get_queryset(self):
        return reports_visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        file_format = request.accepted_renderer.format
        if file_format in ("csv", "xlsx"):
            reports = self.filter_queryset(self.get_queryset())
            return report_file_response(reports, file_format=file_format)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        """One report through the policy (`quarterlyreport.view`), like the report page."""
        pk = valid_id(str(self.kwargs["pk"]))
        targets = ReportTargetProgress.objects.select_related("target")
        activities = ReportActivityProgress.objects.select_related("activity")
        report = None
        if pk is not None:
            report = (
                QuarterlyReport.objects.select_related("project__owner_unit")
                .prefetch_related(
                    Prefetch("target_progress", targets.order_by("target__position", "pk")),
                    Prefetch("activity_progress", activities.order_by("activity__position", "pk")),
                )
                .filter(pk=pk)
                .first()
            )
        if report is None or not can(self.request.user, "quarterlyreport.view", report):
            raise NotFound("ไม่พบรายงานนี้ หรือคุณไม่มีสิทธิ์ดู")
        return report
