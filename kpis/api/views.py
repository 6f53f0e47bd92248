"""The monthly KPI report (shared/spec/exchange.md section 3) through the API: the same
JSON as `manage.py kpi_report --json` (kpis.report), for the units the caller covers."""

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from orgs.permissions import can

from ..periods import MONTHS
from ..report import kpi_report_data
from ..selectors import UnknownUnit

LIGHTS = ["green", "yellow", "red", "not_due"]


class ReportQueryForm(forms.Form):
    fiscal_year = forms.IntegerField(
        min_value=2500,
        max_value=2700,
        error_messages={
            "required": "ต้องระบุปีงบประมาณ (พ.ศ.)",
            "invalid": "ปีงบประมาณต้องเป็นตัวเลขจำนวนเต็ม (พ.ศ.)",
            "min_value": "ปีงบประมาณต้องไม่น้อยกว่า 2500",
            "max_value": "ปีงบประมาณต้องไม่เกิน 2700",
        },
    )
    month = forms.TypedChoiceField(
        coerce=int,
        choices=[(m, m) for m in MONTHS],
        error_messages={
            "required": "ต้องระบุรอบ (เดือนที่ 1–12 ของปีงบประมาณ)",
            "invalid_choice": "รอบต้องเป็นเดือนที่ 1–12 ของปีงบประมาณ (ต.ค. = 1)",
        },
    )
    unit = forms.CharField(required=False, max_length=32)


class PercentField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("help_text", "ร้อยละ ทศนิยม ๒ ตำแหน่ง; null เมื่อยังไม่ถึงกำหนด")
        super().__init__(**kwargs)


class ProjectRowSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="รหัสโครงการ")
    percent_to_date = PercentField()
    percent_of_year = PercentField()
    light = serializers.ChoiceField(choices=LIGHTS)
    ahead_of_plan = serializers.BooleanField()


class ProjectsSerializer(serializers.Serializer):
    percent_to_date = PercentField()
    percent_of_year = PercentField()
    light = serializers.ChoiceField(choices=LIGHTS)
    rows = ProjectRowSerializer(many=True)


class UnitRowSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="รหัสหน่วยงาน")
    level = serializers.IntegerField(help_text="1 = หน่วยงานที่อยู่ใต้หน่วยงานรากโดยตรง")
    percent_to_date = PercentField()
    light = serializers.ChoiceField(choices=LIGHTS)
    met = serializers.IntegerField()
    not_met = serializers.IntegerField()
    not_due = serializers.IntegerField()


class UnitsSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="รหัสหน่วยงานรากของรายงาน")
    percent_to_date = PercentField()
    light = serializers.ChoiceField(choices=LIGHTS)
    met = serializers.IntegerField()
    not_met = serializers.IntegerField()
    not_due = serializers.IntegerField()
    rows = UnitRowSerializer(many=True)


class KpiReportSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    month = serializers.IntegerField()
    projects = ProjectsSerializer()
    units = UnitsSerializer()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="ข้อความแจ้งเหตุ (ภาษาไทย)")


class KpiReportView(APIView):
    """ผลการดำเนินงานตามตัวชี้วัดรายเดือน (ตามข้อกำหนดแลกเปลี่ยนข้อมูล ข้อ ๓)"""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "fiscal_year",
                {"type": "integer", "minimum": 2500, "maximum": 2700},
                required=True,
                description="ปีงบประมาณ (พ.ศ.) เช่น 2568",
            ),
            OpenApiParameter(
                "month",
                {"type": "integer", "minimum": 1, "maximum": 12},
                required=True,
                description="รอบ: เดือนที่ของปีงบประมาณ (ต.ค. = 1 … ก.ย. = 12)",
            ),
            OpenApiParameter(
                "unit", str, required=False, description="รหัสหน่วยงานรากของรายงาน (ค่าเริ่มต้น OPS)"
            ),
        ],
        responses={
            200: KpiReportSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="ค่าที่ส่งมาไม่ถูกต้อง"),
            401: OpenApiResponse(ErrorSerializer, description="ยังไม่ได้เข้าสู่ระบบหรือโทเค็นไม่ถูกต้อง"),
            403: OpenApiResponse(ErrorSerializer, description="ไม่มีสิทธิ์"),
        },
        summary="รายงานผลการดำเนินงานตามตัวชี้วัดรายเดือน",
        description=(
            "ตารางที่ 1 (ตามโครงการ) และตารางที่ 2 (ตามหน่วยงาน) ของรายงานประจำเดือน "
            "เหมือน manage.py kpi_report --json เฉพาะหน่วยงานที่ผู้เรียกมีสิทธิ์ดู"
        ),
    )
    def get(self, request):
        if not can(request.user, "kpi.report", None):
            raise PermissionDenied("ไม่มีสิทธิ์ดูรายงานตัวชี้วัด")
        form = ReportQueryForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({f: [str(e) for e in errs] for f, errs in form.errors.items()})
        try:
            data = kpi_report_data(
                user=request.user,
                fiscal_year=form.cleaned_data["fiscal_year"],
                month=form.cleaned_data["month"],
                unit=form.cleaned_data["unit"] or None,
            )
        except UnknownUnit as exc:
            raise ValidationError({"unit": [f"ไม่พบหน่วยงานรหัส {exc}"]}) from exc
        return Response(data)
