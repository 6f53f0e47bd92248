"""Org units in /api/v1/ (any logged-in user), and the error shapes every endpoint declares."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
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


# Query parameter schemas with the bounds the views enforce, so a fuzzer's "valid" value is valid.
YEAR = {"type": "integer", "minimum": 2400, "maximum": 2800}


def text(max_length: int) -> dict:
    return {"type": "string", "maxLength": max_length}


def year_field() -> serializers.IntegerField:
    """A Buddhist-era year in a query string (YEAR in the schema)."""
    return serializers.IntegerField(
        required=False,
        min_value=YEAR["minimum"],
        max_value=YEAR["maximum"],
        error_messages={
            "invalid": "ปีต้องเป็นตัวเลข พ.ศ. เช่น 2567",
            "min_value": "ปีต้องเป็น พ.ศ. ตั้งแต่ {min_value}",
            "max_value": "ปีต้องเป็น พ.ศ. ไม่เกิน {max_value}",
        },
    )


def named_choice_field(component: str, choices, **kwargs) -> serializers.ChoiceField:
    """A choice field whose enum has its own name in the schema: many serializers of the
    API have a "kind" or a "level", each with other choices."""
    if component not in _NAMED_FIELDS:
        enum = {"type": "string", "enum": [value for value, _ in choices]}
        field_class = type(f"{component}Field", (serializers.ChoiceField,), {})
        _NAMED_FIELDS[component] = extend_schema_field(enum, component_name=component)(field_class)
    return _NAMED_FIELDS[component](choices=choices, **kwargs)


_NAMED_FIELDS: dict[str, type] = {}


def path_parameter(name: str, *, max_length: int, description: str) -> OpenApiParameter:
    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    return OpenApiParameter(name, schema, OpenApiParameter.PATH, description=description)


def json_errors(*codes: int) -> dict:
    """ERRORS for views that also answer files: errors are always JSON."""
    return {(code, "application/json"): ERRORS[code] for code in codes}


def query_params(serializer_class, request, **context) -> dict:
    """The query string validated by a serializer, or a 400 with its Thai messages.

    An empty number or choice (`?status=`) is an error, not "no filter": only text may be empty.
    """
    params = serializer_class(data=request.query_params, context=context)
    empty = {
        name: ["ต้องระบุค่า หรือไม่ส่งพารามิเตอร์นี้"]
        for name, field in params.fields.items()
        if request.query_params.get(name) == "" and not isinstance(field, serializers.CharField)
    }
    if empty or not params.is_valid():
        raise ValidationError(empty or params.errors)
    return dict(params.validated_data)


class QueryText(serializers.CharField):
    """Text to search or match in a query string. A NUL character cannot be stored nor
    typed, and PostgreSQL refuses it in a query: it is dropped (so it matches nothing more)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)  # empty text: no filter
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str):
            data = data.replace("\x00", "")
        return super().run_validation(data)


def path_code(code: str, *, max_length: int) -> str:
    """A code taken from the URL, or 404 for one that cannot be a code (too long, NUL)."""
    if len(code) > max_length or "\x00" in code:
        raise NotFound("ไม่พบข้อมูลตามรหัสที่ระบุ")
    return code


class OrgUnitSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="รหัสหน่วยงาน")
    abbr = serializers.CharField(help_text="ชื่อย่อ")
    name = serializers.CharField(source="name_th", help_text="ชื่อหน่วยงาน")
    kind = named_choice_field("UnitKindEnum", UnitKind.choices, help_text="ประเภทหน่วยงาน")
    kind_label = serializers.CharField(source="get_kind_display")
    parent_code = serializers.CharField(
        source="parent.code", default=None, allow_null=True, help_text="รหัสหน่วยงานต้นสังกัด"
    )
    cycle = named_choice_field("PlanningCycleEnum", Cycle.choices, help_text="รอบการวางแผน")
    doc_code = serializers.CharField(help_text="รหัสหนังสือราชการ เช่น รง 0209")
    depth = serializers.IntegerField(help_text="ระดับในผังหน่วยงาน เริ่มที่ 0 (กระทรวง)")
    is_active = serializers.BooleanField()


class UnitQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=UnitKind.choices,
        required=False,
        error_messages={"invalid_choice": "ไม่มีประเภทหน่วยงาน “{input}”"},
    )
    parent = QueryText(required=False, max_length=32)


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
            OpenApiParameter(
                "parent", text(32), description="รหัสหน่วยงานต้นสังกัด (เฉพาะหน่วยงานลูกโดยตรง)"
            ),
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
        parameters=[path_parameter("code", max_length=32, description="รหัสหน่วยงาน เช่น 0209")],
        responses={200: OrgUnitSerializer, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
