"""The strategy tree (level-1 and level-2 plans with their reference codes) in /api/v1/.

Open data: readable without login when settings.OPEN_DATA is on. The tree is small
reference data, so it is answered whole (not paged), in one query, with an ETag
computed from its content.
"""

import json

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from core.api import OpenDataOrAuthenticated
from orgs.api import ERRORS, QueryText, path_code, path_parameter, query_params, text

from ..models import PlanLevel, PlanNode
from .conditional import etag_of, not_modified, not_modified_response, with_etag
from .serializers import PlanNodeDetailSerializer, PlanNodeSerializer

LEVEL_ORDER = {level: index for index, level in enumerate(PlanLevel.values)}


class TreeQuerySerializer(serializers.Serializer):
    level = serializers.ChoiceField(
        choices=PlanLevel.choices,
        required=False,
        error_messages={"invalid_choice": "ไม่มีระดับแผน “{input}”"},
    )
    parent = QueryText(required=False, max_length=16)


def plan_nodes_in_tree_order(nodes) -> list[PlanNode]:
    """Strategies first, then master plans, … (the hierarchy's order), each by its own order."""
    return sorted(nodes, key=lambda n: (LEVEL_ORDER[n.level], n.sort_order, n.code, n.pk))


class StrategyTreeView(generics.GenericAPIView):
    """แผนระดับ ๑ และ ๒ พร้อมรหัสอ้างอิง"""

    serializer_class = PlanNodeSerializer
    permission_classes = [OpenDataOrAuthenticated]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="ผังยุทธศาสตร์ชาติและแผนระดับ ๒",
        description=(
            "ยุทธศาสตร์ชาติ แผนแม่บท แผนย่อย เป้าหมาย (Y2/Y1) และแผนการปฏิรูปประเทศ พร้อมรหัสอ้างอิง "
            "และรหัสของแผนที่อยู่เหนือขึ้นไป เป็นข้อมูลเปิด: อ่านได้โดยไม่ต้องเข้าสู่ระบบเมื่อระบบเปิดข้อมูล "
            "รองรับ ETag (If-None-Match → 304)"
        ),
        parameters=[
            OpenApiParameter("level", str, enum=PlanLevel.values, description="ระดับของแผน"),
            OpenApiParameter("parent", text(16), description="รหัสของแผนที่อยู่เหนือขึ้นไป เช่น 1104"),
        ],
        responses={
            200: PlanNodeSerializer(many=True),
            304: OpenApiResponse(description="ข้อมูลไม่เปลี่ยนแปลงตั้งแต่ ETag ที่ส่งมา"),
            **ERRORS,
        },
    )
    def get(self, request):
        params = query_params(TreeQuerySerializer, request)
        nodes = PlanNode.objects.select_related("parent")
        if level := params.get("level"):
            nodes = nodes.filter(level=level)
        if parent := params.get("parent"):
            nodes = nodes.filter(parent__code=parent)
        data = PlanNodeSerializer(plan_nodes_in_tree_order(nodes), many=True).data
        etag = etag_of(json.dumps(data, ensure_ascii=False, sort_keys=True))
        if not_modified(request, etag):
            return not_modified_response(etag)
        return with_etag(Response(data), etag)


class StrategyNodeView(generics.GenericAPIView):
    """แผนหรือเป้าหมายหนึ่งรายการตามรหัส พร้อมรายการภายใต้"""

    serializer_class = PlanNodeDetailSerializer
    permission_classes = [OpenDataOrAuthenticated]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="แผนหรือเป้าหมายตามรหัสอ้างอิง",
        description="ระบุ level เมื่อรหัสเดียวกันมีอยู่ในหลายระดับ",
        parameters=[
            path_parameter("code", max_length=16, description="รหัสอ้างอิง เช่น 0102"),
            OpenApiParameter("level", str, enum=PlanLevel.values, description="ระดับของแผน"),
        ],
        responses={200: PlanNodeDetailSerializer, **ERRORS},
    )
    def get(self, request, code: str):
        code = path_code(code, max_length=16)
        params = query_params(TreeQuerySerializer, request)
        nodes = PlanNode.objects.select_related("parent").filter(code=code)
        if level := params.get("level"):
            nodes = nodes.filter(level=level)
        found = list(nodes.prefetch_related("children__parent")[:2])
        if not found or not code:
            raise NotFound(f"ไม่พบแผนหรือเป้าหมายรหัส {code}")
        if len(found) > 1:
            raise ValidationError({"level": ["รหัสนี้มีอยู่ในหลายระดับ กรุณาระบุ level"]})
        node = found[0]
        node.children_in_order = plan_nodes_in_tree_order(node.children.all())
        return Response(PlanNodeDetailSerializer(node).data)
