"""M7 for integrating systems: the inbox, one move on one item, bulk approval.

Every move goes through the engine (`approvals.services.actions.item_act`, as
from the pages), so it is locked, checked for this user now and recorded in the
trail; the answer's status comes from the type of the engine's refusal
(`approvals.api.errors.api_refusal`): 409 when the item has moved on (a stale
expected level, or a status the move does not start from), 403 when the step is
not the user's, 400 for what the request itself lacks.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.validation import MAX_ID, valid_id
from orgs.permissions import can, roles_of, visible_units
from windows.models import Window

from ..items import kinds
from ..models import Action, Approval, ChainLevel, ItemStatus
from ..selectors import inbox_rows
from ..services.actions import ACTIONS, item_act
from ..services.transitions import items_bulk_approve
from .errors import api_refusal
from .serializers import (
    BulkApproveInput,
    BulkApproveResultSerializer,
    InboxItemSerializer,
    ItemActionInput,
    ItemReturnInput,
    ItemStateSerializer,
    kind_names,
)

ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


def _model_for(kind: str):
    model = next((k.model for k in kinds() if k.model._meta.model_name == kind), None)
    if model is None:
        raise NotFound(f"ไม่รู้จักประเภทรายการ “{kind}”")
    return model


def inbox_filters(user, data: dict) -> dict | None:
    """The inbox page's filters (unit, kind, window) from codes and ids; None when a
    unit or window matches nothing the user oversees (an empty inbox, as the page's
    filter would give). A kind the engine does not know is a 400."""
    filters: dict = {}
    if code := data.get("unit"):
        filters["unit"] = visible_units(user).filter(code=code).first()
    if (kind := data.get("kind")) is not None:
        if kind not in kind_names():
            raise ValidationError(
                {"kind": [f"ไม่รู้จักประเภทรายการ “{kind}” ใช้ {', '.join(kind_names())}"]}
            )
        filters["kind"] = ContentType.objects.get_for_model(_model_for(kind))
    if window := data.get("window"):
        filters["window"] = Window.objects.filter(pk=window).first()
    return None if None in filters.values() else filters


def waiting_rows(user, data: dict):
    """inbox_rows for these filters, or no rows when a filter matches nothing."""
    filters = inbox_filters(user, data)
    if filters is None:
        return Approval.objects.none()
    return inbox_rows(user, filters=filters)


def _positive_int(params, field: str, message: str) -> int | None:
    """A whole number from the query string, None when the parameter is absent."""
    if field not in params:
        return None
    pk = valid_id(params[field])
    if pk is None:
        raise ValidationError({field: [message]})
    return pk


class InboxView(ListAPIView):
    """รายการที่รอผู้ใช้ของโทเค็นพิจารณา"""

    serializer_class = InboxItemSerializer
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        data = {
            "unit": params.get("unit", ""),
            "kind": params.get("kind"),
            "window": _positive_int(params, "window", "เลขที่รอบต้องเป็นจำนวนเต็มบวก"),
        }
        if "page" in params and not params["page"].lstrip("-").isdigit():
            # 0 or -1 are numbers: the paginator answers those with its 404
            raise ValidationError({"page": ["เลขหน้าต้องเป็นจำนวนเต็ม"]})
        return waiting_rows(self.request.user, data)

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", str, description="รหัสหน่วยงาน (รวมหน่วยงานในสังกัด) เช่น 0209"),
            OpenApiParameter("kind", str, enum=kind_names(), description="ประเภทรายการ"),
            OpenApiParameter("window", ID_SCHEMA, description="id ของรอบ"),
        ],
        responses={
            200: InboxItemSerializer(many=True),
            400: _error("ตัวกรองไม่ถูกต้อง"),
            404: _error("ไม่มีหน้านี้"),
        },
        summary="กล่องรายการรอพิจารณา (M7)",
        description=(
            "รายการที่รออยู่ที่ขั้นตอนของผู้ใช้ (ตามบทบาทและหน่วยงาน รวมที่ปฏิบัติราชการแทน) "
            "เรียงตามกำหนดอนุมัติของรอบ หน่วยงาน และเลขรายการ กรองได้เช่นเดียวกับหน้ากล่องรอพิจารณา"
        ),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _state(item, transition) -> dict:
    item.refresh_from_db(fields=["status", "revision"])
    approval = Approval.objects.select_related("current_level").get(pk=transition.approval_id)
    return ItemStateSerializer(
        {
            "kind": item._meta.model_name,
            "object_id": item.pk,
            "status": item.status,
            "status_label": ItemStatus(item.status).label,
            "revision": item.revision,
            "current_level": approval.current_level,
            "transition": transition,
        }
    ).data


class ItemActionView(APIView):
    """ส่ง ดึงกลับ อนุมัติ/ตรวจสอบ หรือส่งกลับแก้ไข หนึ่งรายการ"""

    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=kind_names(), description="ประเภทรายการ"
            ),
            OpenApiParameter(
                "object_id",
                ID_SCHEMA,
                OpenApiParameter.PATH,
                description="id ของรายการ",
            ),
            OpenApiParameter(
                "action",
                str,
                OpenApiParameter.PATH,
                enum=[str(a) for a in ACTIONS if a != Action.RETURN],
                description="submit ส่งขออนุมัติ, withdraw ดึงกลับ, approve อนุมัติ (หรือตรวจสอบผ่าน); "
                "ส่งกลับแก้ไขใช้ …/return/ ซึ่งต้องมีเหตุผล",
            ),
        ],
        request=ItemActionInput,
        responses={
            200: ItemStateSerializer,
            400: _error("คำขอไม่ครบ เช่น ไม่มีเหตุผลที่ส่งกลับ รายการตรวจไม่ครบ หรือข้อมูลยังไม่ครบก่อนส่ง"),
            403: _error("ไม่ใช่ขั้นตอนหรือรายการที่ผู้ใช้มีสิทธิ์ดำเนินการ"),
            404: _error("ไม่พบรายการ (หรือไม่มีสิทธิ์เห็น)"),
            409: _error("รายการเปลี่ยนสถานะไปแล้ว (ขั้นตอนที่คาดไว้ไม่ตรง หรือสถานะไม่เปิดให้ทำเช่นนี้)"),
        },
        summary="ดำเนินการกับรายการในสายการอนุมัติ",
        description=(
            "ผ่านกลไกเดียวกับปุ่มบนหน้าเว็บ: ล็อกรายการ ตรวจสิทธิ์ ณ ขณะนั้น และบันทึกประวัติการอนุมัติ "
            "ที่ขั้นตอนตรวจสอบของ ป.ย.ป. การอนุมัติคือการตรวจสอบผ่าน ต้องยืนยัน checklist ครบทุกข้อ"
        ),
    )
    def post(self, request, kind: str, object_id: str, action: str):
        return self.act(request, kind, object_id, action, ItemActionInput)

    def act(self, request, kind: str, object_id: str, action: str, input_class):
        model = _model_for(kind)
        pk = valid_id(object_id)
        item = model.objects.filter(pk=pk).first() if pk else None
        if item is None or not can(request.user, f"{kind}.view", item):
            raise NotFound("ไม่พบรายการ")
        if action not in ACTIONS:
            raise NotFound(f"ไม่รู้จักการดำเนินการ “{action}”")
        body = input_class(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            transition = item_act(
                item=item,
                action=action,
                actor=request.user,
                comment=data["comment"],
                checklist=data.get("checklist") or {},
                expected_level_id=data.get("expected_level"),
            )
        except DjangoValidationError as exc:
            raise api_refusal(exc) from None
        return Response(_state(item, transition))


class ItemReturnView(ItemActionView):
    """ส่งกลับแก้ไขหนึ่งรายการ พร้อมเหตุผล"""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=kind_names(), description="ประเภทรายการ"
            ),
            OpenApiParameter(
                "object_id", ID_SCHEMA, OpenApiParameter.PATH, description="id ของรายการ"
            ),
        ],
        request=ItemReturnInput,
        responses={
            200: ItemStateSerializer,
            400: _error("ไม่มีเหตุผลที่ส่งกลับ"),
            403: _error("ไม่ใช่ขั้นตอนหรือรายการที่ผู้ใช้มีสิทธิ์ดำเนินการ"),
            404: _error("ไม่พบรายการ (หรือไม่มีสิทธิ์เห็น)"),
            409: _error("รายการเปลี่ยนสถานะไปแล้ว"),
        },
        summary="ส่งกลับแก้ไข",
        description="ผู้พิจารณาขั้นปัจจุบันส่งรายการกลับให้เจ้าหน้าที่แก้ไข พร้อมเหตุผล (บันทึกในประวัติการอนุมัติ)",
    )
    def post(self, request, kind: str, object_id: str):
        return self.act(request, kind, object_id, Action.RETURN, ItemReturnInput)


class BulkApproveView(APIView):
    """อนุมัติหลายรายการพร้อมกัน ทั้งหมดหรือไม่มีเลย"""

    parser_classes = [JSONParser]

    @extend_schema(
        request=BulkApproveInput,
        responses={
            200: BulkApproveResultSerializer,
            400: _error("ไม่มีรายการใดถูกบันทึก: รายการตรวจ (checklist) ไม่ครบ"),
            409: _error("ไม่มีรายการใดถูกบันทึก: บางรายการไม่พบหรือไม่ได้รอผู้ใช้พิจารณาแล้ว"),
            403: _error("ผู้ใช้ไม่ได้เป็นผู้พิจารณาในสายการอนุมัติ"),
        },
        summary="อนุมัติหลายรายการพร้อมกัน",
        description=(
            "ระบุเลขรายการอนุมัติ (ids จากกล่องรอพิจารณา) หรือ all=true กับตัวกรอง unit kind window "
            "ทุกรายการต้องรออยู่ที่ขั้นตอนของผู้ใช้ มิฉะนั้นไม่บันทึกเลย ที่ขั้นตอนตรวจสอบของ ป.ย.ป. "
            "checklist ที่ยืนยันครั้งเดียวใช้กับทุกรายการ"
        ),
    )
    def post(self, request):
        user = request.user
        if not ChainLevel.objects.filter(role__in=roles_of(user)).exists():
            raise PermissionDenied("คุณไม่ได้เป็นผู้พิจารณาในสายการอนุมัติ")
        body = BulkApproveInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        ids = data["ids"]
        if data["all"]:
            ids = list(waiting_rows(user, data).values_list("pk", flat=True))
        if not ids:
            return Response({"approved": 0, "ids": []})
        try:
            done = items_bulk_approve(
                approval_ids=ids,
                actor=user,
                comment=data["comment"],
                checklist=data.get("checklist") or {},
            )
        except DjangoValidationError as exc:
            raise api_refusal(exc) from None
        return Response({"approved": len(done), "ids": sorted(t.approval_id for t in done)})
