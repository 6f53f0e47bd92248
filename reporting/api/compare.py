"""Comparisons across rounds and units through the API: the figures of the page
/summaries/compare/, parsed by the same form and computed by the same function."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.clock import today
from core.db import reporting_reads
from orgs.permissions import can

from ..compare import comparison
from ..forms import compare_form
from .common import ERRORS, YEAR_SCHEMA
from .views import BandCountsSerializer, BandPercentsSerializer

PARAMETERS = [
    OpenApiParameter(
        "units",
        str,
        many=True,
        explode=True,
        description="รหัสหน่วยงาน (กระทรวง กลุ่มภารกิจ หรือกรม) ซ้ำได้ เช่น units=DOE&units=DSD "
        "(ไม่ระบุ = ทั้งกระทรวงและทุกกรม)",
    ),
    OpenApiParameter(
        "fiscal_year_from", YEAR_SCHEMA, description="ตั้งแต่ปีงบประมาณ (พ.ศ.) (ไม่ระบุ = ๒ ปีก่อนปีสุดท้าย)"
    ),
    OpenApiParameter(
        "fiscal_year_to", YEAR_SCHEMA, description="ถึงปีงบประมาณ (พ.ศ.) (ไม่ระบุ = ปีของรอบที่กำลังรายงาน)"
    ),
    OpenApiParameter(
        "quarters",
        int,
        many=True,
        explode=True,
        enum=[1, 2, 3, 4],
        description="ไตรมาส ซ้ำได้ (ไม่ระบุ = ทุกไตรมาส)",
    ),
]


class CompareRoundSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    frozen = serializers.BooleanField(help_text="ใช้ตัวเลขที่ตรึงไว้เมื่อปิดรอบ")
    taken_at = serializers.DateTimeField(allow_null=True, help_text="เวลาที่ตรึงตัวเลข")
    unit_deadline = serializers.DateField(help_text="กำหนดส่งของหน่วยงาน (รวม M7 ของหน่วยงาน)")


class CompareRowSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="รหัสหน่วยงาน")
    level = serializers.ChoiceField(choices=["department", "cluster", "ministry"])
    name = serializers.CharField()
    fiscal_year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    frozen = serializers.BooleanField()
    projects = serializers.IntegerField(help_text="โครงการที่ต้องรายงานในรอบ")
    budget = serializers.DecimalField(
        max_digits=20, decimal_places=2, help_text="งบประมาณ (M5) ของโครงการที่ต้องรายงาน"
    )
    reported = serializers.IntegerField()
    not_reported = serializers.IntegerField()
    on_time = serializers.IntegerField(
        help_text="รายงานและผ่านการอนุมัติของหน่วยงานภายในกำหนดส่งของหน่วยงาน (ตามประวัติการอนุมัติ)"
    )
    reporting_rate = serializers.CharField(allow_null=True, help_text="ร้อยละที่รายงาน")
    on_time_rate = serializers.CharField(allow_null=True, help_text="ร้อยละภายในกำหนด")
    counts = BandCountsSerializer()
    percents = BandPercentsSerializer()


class ComparisonSerializer(serializers.Serializer):
    fiscal_year_from = serializers.IntegerField()
    fiscal_year_to = serializers.IntegerField()
    quarters = serializers.ListField(child=serializers.IntegerField())
    rounds = CompareRoundSerializer(many=True)
    rows = CompareRowSerializer(many=True, help_text="หนึ่งแถวต่อหน่วยงานต่อรอบ")


class ComparisonView(APIView):
    """เปรียบเทียบผลการรายงานระหว่างหน่วยงานและรอบ (เฉพาะกลุ่ม ป.ย.ป. และผู้บริหาร)"""

    serializer_class = ComparisonSerializer

    @extend_schema(
        parameters=PARAMETERS,
        summary="เปรียบเทียบหน่วยงานและปีงบประมาณ",
        description=(
            "ต่อหน่วยงานต่อรอบ: จำนวนและงบประมาณของโครงการที่ต้องรายงาน การกระจาย ๕ ระดับ "
            "ร้อยละที่รายงาน และร้อยละที่รายงานและอนุมัติของหน่วยงานภายในกำหนด รอบที่ปิดแล้วใช้ตัวเลขที่ตรึงไว้ "
            "ตัวเลขเดียวกับหน้า /summaries/compare/"
        ),
        responses={200: ComparisonSerializer, **ERRORS},
    )
    def get(self, request):
        if not can(request.user, "summary.compare", None):
            raise PermissionDenied("ไม่มีสิทธิ์ดูการเปรียบเทียบ")
        form = compare_form(request.query_params, on=today())
        if not form.is_valid():
            raise ValidationError({f: [str(e) for e in errs] for f, errs in form.errors.items()})
        data = form.cleaned_data
        with reporting_reads():
            figures = comparison(units=data["units"], rounds=data["rounds"])
        payload = {
            "fiscal_year_from": data["fiscal_year_from"],
            "fiscal_year_to": data["fiscal_year_to"],
            "quarters": data["quarters"],
            **figures,
        }
        return Response(ComparisonSerializer(payload).data)
