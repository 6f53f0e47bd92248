"""Org units in /api/v1/ (any logged-in user), and the error shapes every endpoint declares."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError

from .models import Cycle, OrgUnit, UnitKind


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="ข้อความอธิบายเป็นภาษาไทย")


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="ค่าพารามิเตอร์ไม่ถูกต้อง (ข้อความรายช่อง)"),
    401: OpenApiResponse(DetailSerializer, description="ต้องเข้าสู่ระบบหรือใช้โทเค็น API"),
    403: OpenApiResponse(DetailSerializer, description="ไม่มีสิทธิ์"),
    404: OpenApiResponse(DetailSerializer, description="ไม่พบข้อมูล หรืออยู่นอกขอบเขตที่ดูได้"),
}


def json_errors(*codes: int) -> dict:
    """ERRORS for views that also answer files: errors are always JSON."""
    return {(code, "application/json"): ERRORS[code] for code in codes}


def query_params(serializer_class, request, **context) -> dict:
    """The query string validated by a serializer, or a 400 with its Thai messages."""
    params = serializer_class(data=request.query_params, context=context)
    if not params.is_valid():
        raise ValidationError(params.errors)
    return dict(params.validated_data)


def path_code(code: str, *, max_length: int) -> str:
    """A code taken from the URL, or 404 for one that cannot be a code (too long, NUL)."""
    if len(code) > max_length or "\x00" in code:
        raise NotFound("ไม่พบข้อมูลตามรหัสที่ระบุ")
    return code


class OrgUnitSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="รหัสหน่วยงาน")
    abbr = serializers.CharField(help_text="ชื่อย่อ")
    name = serializers.CharField(source="name_th", help_text="ชื่อหน่วยงาน")
    kind = serializers.ChoiceField(choices=UnitKind.choices, help_text="ประเภทหน่วยงาน")
    kind_label = serializers.CharField(source="get_kind_display")
    parent_code = serializers.CharField(
        source="parent.code", default=None, allow_null=True, help_text="รหัสหน่วยงานต้นสังกัด"
    )
    cycle = serializers.ChoiceField(choices=Cycle.choices, help_text="รอบการวางแผน")
    doc_code = serializers.CharField(help_text="รหัสหนังสือราชการ เช่น รง 0209")
    depth = serializers.IntegerField(help_text="ระดับในผังหน่วยงาน เริ่มที่ 0 (กระทรวง)")
    is_active = serializers.BooleanField()


class UnitQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=UnitKind.choices,
        required=False,
        error_messages={"invalid_choice": "ไม่มีประเภทหน่วยงาน “{input}”"},
    )
    parent = serializers.CharField(required=False, max_length=32)


def units_ordered() -> QuerySet[OrgUnit]:
    # The materialised path is unique and sorts in tree order: a stable ordering.
    return OrgUnit.objects.select_related("parent").order_by("path")


class UnitListView(generics.ListAPIView):
    """หน่วยงานทั้งหมดตามผังหน่วยงาน"""

    serializer_class = OrgUnitSerializer
    filter_backends: list = []

    def get_queryset(self):
        params = query_params(UnitQuerySerializer, self.request)
        units = units_ordered()
        if kind := params.get("kind"):
            units = units.filter(kind=kind)
        if parent := params.get("parent"):
            units = units.filter(parent__code=parent)
        return units

    @extend_schema(
        summary="รายชื่อหน่วยงาน",
        description="หน่วยงานทุกระดับ (กระทรวง กลุ่มภารกิจ กรม กอง) เรียงตามผังหน่วยงาน",
        parameters=[
            OpenApiParameter("kind", str, enum=UnitKind.values, description="ประเภทหน่วยงาน"),
            OpenApiParameter("parent", str, description="รหัสหน่วยงานต้นสังกัด (เฉพาะหน่วยงานลูกโดยตรง)"),
        ],
        responses={200: OrgUnitSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class UnitDetailView(generics.RetrieveAPIView):
    """หน่วยงานหนึ่งหน่วยตามรหัส"""

    serializer_class = OrgUnitSerializer

    def get_object(self):
        code = path_code(self.kwargs["code"], max_length=32)
        unit = units_ordered().filter(code=code).first()
        if unit is None:
            raise NotFound(f"ไม่พบหน่วยงานรหัส {code}")
        return unit

    @extend_schema(
        summary="ข้อมูลหน่วยงาน",
        responses={200: OrgUnitSerializer, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
