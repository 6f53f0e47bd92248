"""Projects in /api/v1/: the list (JSON, CSV, Excel) and the detail with M1–M6.

The rows come from the list page's selector (`project_list_rows`, which starts from
`projects_visible_to`), and the detail answers 404 where the detail page does
(`can(user, "project.view", …)`), so the API sees exactly what the pages show.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from approvals.models import ItemStatus
from core.validation import valid_id
from orgs.api import (
    ERRORS,
    YEAR,
    QueryText,
    json_errors,
    query_params,
    text,
    year_field,
)
from orgs.permissions import can, visible_units

from ..models import Project
from ..selectors import project_list_rows, with_modules
from .conditional import not_modified, not_modified_response, project_rows_etag, with_etag
from .files import FILE_FORMATS, XLSX_MEDIA_TYPE, ProjectCsvRenderer, ProjectXlsxRenderer
from .serializers import ProjectDetailSerializer, ProjectListSerializer

# API ordering → the list page's sort keys (projects.selectors.SORTS); code breaks ties.
ORDERINGS = {
    "code": "code",
    "-code": "-code",
    "fiscal_year": "year",
    "-fiscal_year": "-year",
    "updated": "updated",
    "-updated": "-updated",
}


class ProjectQuerySerializer(serializers.Serializer):
    fiscal_year = year_field()
    unit = QueryText(required=False, max_length=32)
    target = QueryText(required=False, max_length=16)
    status = serializers.ChoiceField(
        choices=ItemStatus.choices,
        required=False,
        error_messages={"invalid_choice": "ไม่มีสถานะ “{input}”"},
    )
    q = QueryText(required=False, max_length=200)
    ordering = serializers.ChoiceField(
        choices=list(ORDERINGS),
        required=False,
        error_messages={"invalid_choice": "เรียงลำดับได้ตาม code, fiscal_year หรือ updated เท่านั้น"},
    )

    def validate_unit(self, code: str):
        """The unit, or None when the user sees no unit with that code (no rows match)."""
        if not code:
            return ""
        return visible_units(self.context["user"]).filter(code=code).first()


LIST_PARAMETERS = [
    OpenApiParameter("fiscal_year", YEAR, description="ปีงบประมาณ (พ.ศ.) เช่น 2567"),
    OpenApiParameter(
        "unit",
        text(32),
        description="รหัสหน่วยงาน: โครงการของหน่วยงานนี้และหน่วยงานในสังกัด "
        "(รหัสที่ไม่รู้จักหรืออยู่นอกขอบเขตที่ดูได้ ได้รายการว่าง)",
    ),
    OpenApiParameter("target", text(16), description="รหัสเป้าหมาย Y1/Y2 ที่โครงการเชื่อมโยง เช่น 110401"),
    OpenApiParameter("status", str, enum=ItemStatus.values, description="สถานะ M7"),
    OpenApiParameter("q", text(200), description="ค้นหาข้อความในรหัสหรือชื่อโครงการ"),
    OpenApiParameter("ordering", str, enum=list(ORDERINGS), description="เรียงตาม (- = มากไปน้อย)"),
    OpenApiParameter(
        "format",
        str,
        enum=["json", "csv", "xlsx"],
        description="csv หรือ xlsx: ทุกแถวตามเงื่อนไขเป็นไฟล์",
    ),
]


class ProjectListView(generics.ListAPIView):
    """รายการโครงการที่ผู้ใช้มีสิทธิ์ดู"""

    serializer_class = ProjectListSerializer
    filter_backends: list = []
    renderer_classes = [
        *api_settings.DEFAULT_RENDERER_CLASSES,
        ProjectCsvRenderer,
        ProjectXlsxRenderer,
    ]

    def filtered_rows(self):
        params = query_params(ProjectQuerySerializer, self.request, user=self.request.user)
        sort = ORDERINGS.get(params.pop("ordering", ""), "")
        rows = project_list_rows(user=self.request.user, filters=params, sort=sort)
        return rows.none() if "unit" in params and params["unit"] is None else rows

    @extend_schema(
        summary="รายการโครงการ",
        description=(
            "โครงการที่ผู้ใช้มีสิทธิ์ดูตามบทบาท (เช่นเดียวกับหน้ารายการโครงการ) แบ่งหน้าละ ๕๐ รายการ "
            "รองรับ ETag: ส่ง If-None-Match เพื่อรับ 304 เมื่อข้อมูลไม่เปลี่ยน "
            "?format=csv (UTF-8 มี BOM) หรือ ?format=xlsx ได้ไฟล์ของทุกแถวตามเงื่อนไข"
        ),
        parameters=LIST_PARAMETERS,
        responses={
            (200, "application/json"): ProjectListSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            (200, XLSX_MEDIA_TYPE): OpenApiTypes.BINARY,
            304: OpenApiResponse(description="ข้อมูลไม่เปลี่ยนแปลงตั้งแต่ ETag ที่ส่งมา"),
            **json_errors(400, 401, 403, 404),
        },
    )
    def get(self, request, *args, **kwargs):
        rows = self.filtered_rows()
        etag = project_rows_etag(rows, request=request)
        if not_modified(request, etag):
            return not_modified_response(etag)
        rows = rows.prefetch_related("plan_nodes")
        if request.accepted_renderer.format in FILE_FORMATS:
            response = self.file_response(rows)
        else:
            page = self.paginate_queryset(rows)
            response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        return with_etag(response, etag)

    def file_response(self, rows) -> Response:
        """Every row under the filters (a file is never paged, but a bad page is still a 404)."""
        self.paginator.check_page_number(self.request)
        response = Response(self.get_serializer(rows, many=True).data)
        fmt = self.request.accepted_renderer.format
        response["Content-Disposition"] = f'attachment; filename="projects.{fmt}"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Only the rows make a file: errors (and OPTIONS) answer JSON even when a file was asked for.
        renderer = getattr(request, "accepted_renderer", None)
        is_rows = response.data is None or isinstance(response.data, list)
        if renderer and renderer.format in FILE_FORMATS and not is_rows:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def project_detail_queryset():
    return with_modules(Project.objects.all()).prefetch_related("reports")


class ProjectDetailView(generics.RetrieveAPIView):
    """โครงการหนึ่งโครงการ ครบ M1–M6 พร้อมสถานะ M7"""

    serializer_class = ProjectDetailSerializer

    def get_object(self):
        pk = valid_id(self.kwargs["pk"])
        project = project_detail_queryset().filter(pk=pk).first() if pk else None
        if project is None or not can(self.request.user, "project.view", project):
            raise NotFound("ไม่พบโครงการ หรือคุณไม่มีสิทธิ์ดูโครงการนี้")
        return project

    @extend_schema(
        summary="รายละเอียดโครงการ (M1–M6)",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="เลขที่โครงการ")],
        description=(
            "M1 ความเชื่อมโยงกับแผน M2 ข้อมูลทั่วไป M3 เป้าหมายและพื้นที่ M4 ผังกิจกรรมรายไตรมาส "
            "M5 แหล่งงบประมาณและแผนการใช้จ่าย M6 รายงานผลรายไตรมาส และสถานะ M7 "
            "โครงการที่ไม่มีสิทธิ์ดูตอบ 404 เช่นเดียวกับโครงการที่ไม่มีอยู่"
        ),
        responses={
            200: ProjectDetailSerializer,
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
