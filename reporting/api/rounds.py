"""A quarterly round through the API: its projects and their state, the status board,
and the figures frozen when it closed."""

from __future__ import annotations

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.clock import today
from orgs.models import OrgUnit
from orgs.permissions import can
from projects.models import Project
from projects.selectors import projects_visible_to

from ..board import round_board, step_columns
from ..models import RoundSnapshot
from ..rounds import STATE_LABELS, round_projects
from .common import (
    ERRORS,
    NO_SUCH_PAGE,
    NOT_FOUND,
    ROUND_PATH_PARAMETERS,
    ReportingUnitSerializer,
    StableOrderingFilter,
    StrictFilterForm,
    UnitCodeFilter,
    round_from_path,
)
from .views import FiveBandSerializer

# --- the round's projects ------------------------------------------------------


class RoundReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="report_id")
    status = serializers.CharField(source="report_status", help_text="สถานะรายงานใน M7")
    progress_percent = serializers.DecimalField(
        source="report_progress", max_digits=5, decimal_places=2, allow_null=True
    )


class RoundProjectSerializer(serializers.ModelSerializer):
    unit = ReportingUnitSerializer(source="owner_unit")
    round_state = serializers.ChoiceField(
        choices=list(STATE_LABELS), help_text="สถานะในรอบ: รายงานแล้ว ยังไม่รายงาน ยังไม่ถึงกำหนด ฯลฯ"
    )
    round_state_label = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField(help_text="รายงานของรอบ (null ถ้ายังไม่เริ่มรายงาน)")

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "fiscal_year",
            "cycle",
            "start_date",
            "end_date",
            "unit",
            "round_state",
            "round_state_label",
            "report",
        ]

    def get_round_state_label(self, project) -> str:
        return STATE_LABELS[project.round_state]

    @extend_schema_field(RoundReportSerializer(allow_null=True))
    def get_report(self, project) -> dict | None:
        if project.report_id is None:
            return None
        return RoundReportSerializer(project).data


class RoundProjectFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label="สถานะในรอบ",
        choices=list(STATE_LABELS.items()),
        field_name="round_state",
        error_messages={"invalid_choice": "ไม่มีสถานะนี้"},
    )
    unit = UnitCodeFilter(unit_field="owner_unit")

    class Meta:
        form = StrictFilterForm
        model = Project
        fields = ["state", "unit"]


class RoundProjectsView(generics.ListAPIView):
    """โครงการในรอบรายงานที่ผู้ใช้เห็นได้ พร้อมสถานะในรอบและสถานะรายงาน"""

    serializer_class = RoundProjectSerializer
    filterset_class = RoundProjectFilter
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    ordering_fields = ["code", "name", "fiscal_year", "round_state", "owner_unit__path"]
    ordering = ["owner_unit__path", "code", "pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Project.objects.none()
        fiscal_year, quarter = round_from_path(self.kwargs)
        projects = projects_visible_to(self.request.user)
        return round_projects(
            fiscal_year=fiscal_year, quarter=quarter, projects=projects
        ).select_related("owner_unit")

    @extend_schema(
        parameters=ROUND_PATH_PARAMETERS,
        summary="โครงการในรอบรายงาน",
        description=(
            "โครงการของหน่วยงานที่ผู้ใช้เห็นได้ที่อยู่ในรอบ (ปีงบประมาณ/ไตรมาส) พร้อมสถานะในรอบ "
            "(reported, not_reported, not_due, calendar_not_in_round) และรายงานของรอบ"
        ),
        responses={200: RoundProjectSerializer(many=True), **ERRORS, **NO_SUCH_PAGE},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- the status board --------------------------------------------------------------


class RoundBoardStepSerializer(serializers.Serializer):
    order = serializers.IntegerField(help_text="ลำดับขั้นตอนในสายการอนุมัติ")
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="รายงานที่รอที่ขั้นตอนนี้")


class RoundBoardRowSerializer(serializers.Serializer):
    unit = ReportingUnitSerializer()
    due = serializers.IntegerField(help_text="โครงการที่ต้องรายงาน")
    not_started = serializers.IntegerField(help_text="ยังไม่เริ่มรายงาน")
    drafted = serializers.IntegerField(help_text="ร่างหรือถูกส่งกลับ")
    submitted = serializers.IntegerField(help_text="อยู่ระหว่างการอนุมัติ")
    approved = serializers.IntegerField(help_text="อนุมัติครบแล้ว")
    late = serializers.IntegerField(help_text="เกินกำหนด")
    steps = RoundBoardStepSerializer(many=True)


class RoundWindowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opens_on = serializers.DateField()
    unit_deadline = serializers.DateField()
    chain_deadline = serializers.DateField()


class RoundBoardSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    on = serializers.DateField(help_text="วันที่ที่ใช้ตัดสินว่าเกินกำหนด")
    window = RoundWindowSerializer(allow_null=True, help_text="รอบรายงานของกระทรวง (ถ้าเปิดแล้ว)")
    rows = RoundBoardRowSerializer(many=True)


def board_payload(*, fiscal_year: int, quarter: int) -> dict:
    """The board as the page shows it today, shaped for the API (units in one query)."""
    on = today()
    rows, window = round_board(fiscal_year=fiscal_year, quarter=quarter, on=on)
    steps = step_columns()
    units = OrgUnit.objects.in_bulk([r["owner_unit"] for r in rows])
    keys = ["due", "not_started", "drafted", "submitted", "approved", "late"]
    return {
        "fiscal_year": fiscal_year,
        "quarter": quarter,
        "on": on,
        "window": window,
        "rows": [
            {
                "unit": units[row["owner_unit"]],
                **{key: row[key] for key in keys},
                "steps": [
                    {"order": order, "name": name, "count": row[f"step_{order}"]}
                    for order, name in steps
                ],
            }
            for row in rows
        ],
    }


class RoundStatusView(APIView):
    """กระดานสถานะการรายงานของรอบ (เฉพาะกลุ่ม ป.ย.ป. และผู้บริหาร)"""

    serializer_class = RoundBoardSerializer

    @extend_schema(
        parameters=ROUND_PATH_PARAMETERS,
        summary="สถานะการรายงานของรอบรายหน่วยงาน",
        description=(
            "ต่อหน่วยงาน: จำนวนโครงการที่ต้องรายงาน ยังไม่เริ่ม ร่าง อยู่ที่แต่ละขั้นการอนุมัติ "
            "อนุมัติแล้ว และเกินกำหนด เฉพาะกลุ่ม ป.ย.ป. ผู้บริหาร และผู้ดูแลระบบ"
        ),
        responses={200: RoundBoardSerializer, **ERRORS},
    )
    def get(self, request, fiscal_year, quarter):
        if not can(request.user, "round.board", None):
            raise PermissionDenied("ไม่มีสิทธิ์ดูสถานะการรายงานของรอบ")
        fiscal_year, quarter = round_from_path(self.kwargs)
        payload = board_payload(fiscal_year=fiscal_year, quarter=quarter)
        return Response(RoundBoardSerializer(payload).data)


# --- the frozen figures --------------------------------------------------------------


class FrozenProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField(help_text="รหัสหน่วยงาน")
    department = serializers.CharField(allow_null=True, help_text="รหัสกรม")
    state = serializers.CharField(help_text="สถานะในรอบเมื่อตรึงตัวเลข")
    progress = serializers.CharField(allow_null=True, help_text="ร้อยละความก้าวหน้า")
    band = serializers.CharField(allow_null=True, help_text="ระดับความก้าวหน้า")
    problems = serializers.CharField(allow_blank=True)


class FrozenFiguresSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    taken_at = serializers.DateTimeField(help_text="เวลาที่ตรึงตัวเลข")
    reason = serializers.CharField(allow_blank=True)
    five_band = FiveBandSerializer()
    projects = FrozenProjectSerializer(
        many=True, help_text="โครงการในรอบเมื่อตรึงตัวเลข เฉพาะที่ผู้ใช้เห็นได้"
    )


def frozen_payload(snapshot: RoundSnapshot, user) -> dict:
    """The snapshot's figures; its project rows cut to the projects the user may see."""
    rows = snapshot.data.get("projects", [])
    visible = set(
        projects_visible_to(user)
        .filter(pk__in=[r["id"] for r in rows])
        .values_list("pk", flat=True)
    )
    return {
        "fiscal_year": snapshot.fiscal_year,
        "quarter": snapshot.quarter,
        "taken_at": snapshot.taken_at,
        "reason": snapshot.reason,
        "five_band": snapshot.data["five_band"],
        "projects": [r for r in rows if r["id"] in visible],
    }


class FrozenFiveBandView(APIView):
    """ตัวเลขสรุป ๕ ระดับที่ตรึงไว้เมื่อปิดรอบ"""

    serializer_class = FrozenFiguresSerializer

    @extend_schema(
        parameters=ROUND_PATH_PARAMETERS,
        summary="สรุปความก้าวหน้า ๕ ระดับที่ตรึงไว้ของรอบ",
        description=(
            "ตัวเลขที่บันทึกไว้เมื่อปิดรอบ (ใช้ในบันทึกข้อความเสนอปลัดกระทรวง) ไม่เปลี่ยนตามการอนุมัติภายหลัง "
            "ตอบ 404 ถ้ารอบยังไม่ถูกตรึงตัวเลข"
        ),
        responses={200: FrozenFiguresSerializer, **ERRORS, **NOT_FOUND},
    )
    def get(self, request, fiscal_year, quarter):
        if not can(request.user, "summary.view", None):
            raise PermissionDenied("ไม่มีสิทธิ์ดูสรุปผล")
        fiscal_year, quarter = round_from_path(self.kwargs)
        snapshot = RoundSnapshot.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
        if snapshot is None:
            raise NotFound(f"รอบไตรมาส {quarter}/{fiscal_year} ยังไม่ได้ตรึงตัวเลข")
        return Response(FrozenFiguresSerializer(frozen_payload(snapshot, request.user)).data)
