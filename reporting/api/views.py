"""Reporting endpoints: the five-band summary of the exchange spec."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from orgs.permissions import can

from ..forms import RoundForm
from ..summaries import BANDS, five_band_summary

ROUND_PARAMETERS = [
    OpenApiParameter(
        "fiscal_year",
        {"type": "integer", "minimum": 2500, "maximum": 2700},
        required=True,
        description="ปีงบประมาณ (พ.ศ.) เช่น 2566",
    ),
    OpenApiParameter("quarter", int, required=True, enum=[1, 2, 3, 4], description="ไตรมาส ๑–๔"),
]


class BandCountsSerializer(serializers.Serializer):
    def get_fields(self):
        return {band: serializers.IntegerField() for band in BANDS}


class BandPercentsSerializer(serializers.Serializer):
    def get_fields(self):
        return {band: serializers.CharField(help_text="ร้อยละ ทศนิยม ๒ ตำแหน่ง") for band in BANDS}


class PopulationSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    reported = serializers.IntegerField()
    not_reported = serializers.IntegerField()
    not_due = serializers.IntegerField()
    calendar_not_in_round = serializers.IntegerField()


class GroupSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="รหัสหน่วยงาน")
    level = serializers.ChoiceField(choices=["department", "cluster", "ministry"])
    name = serializers.CharField()
    reported = serializers.IntegerField()
    counts = BandCountsSerializer()
    percents = BandPercentsSerializer()


class FiveBandSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    bands = serializers.ListField(child=serializers.CharField())
    population = PopulationSerializer()
    groups = GroupSerializer(many=True)


def round_of(request) -> tuple[int, int]:
    """(fiscal_year, quarter) from the query string, or a 400 with Thai messages."""
    form = RoundForm(request.query_params)
    if not form.is_valid():
        raise ValidationError({f: [str(e) for e in errs] for f, errs in form.errors.items()})
    return form.cleaned_data["fiscal_year"], form.cleaned_data["quarter"]


class FiveBandView(APIView):
    """สรุปความก้าวหน้า ๕ ระดับของรอบ (ตามข้อกำหนดแลกเปลี่ยนข้อมูล ข้อ ๒)"""

    @extend_schema(
        parameters=ROUND_PARAMETERS,
        responses={200: FiveBandSerializer, 400: OpenApiTypes.OBJECT},
        summary="สรุปความก้าวหน้า ๕ ระดับ",
        description="จำนวนและร้อยละของโครงการที่รายงานแล้วในแต่ละระดับ รายกรม กลุ่มภารกิจ และกระทรวง",
    )
    def get(self, request):
        if not can(request.user, "summary.view", None):
            raise PermissionDenied("ไม่มีสิทธิ์ดูสรุปผล")
        fiscal_year, quarter = round_of(request)
        return Response(five_band_summary(fiscal_year=fiscal_year, quarter=quarter))
