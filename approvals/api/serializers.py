"""Shapes of the M7 endpoints: inbox rows, a move's request and answer, bulk approval."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..items import checklist_points, kind_of, kinds
from ..models import Action, ItemStatus

STATUSES = "สถานะ: " + ", ".join(f"{value} {label}" for value, label in ItemStatus.choices)


def kind_names() -> list[str]:
    """Every approvable item type by its model name: project, quarterlyreport, …"""
    return sorted(k.model._meta.model_name for k in kinds())


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only (DRF would also take 0, 1, "yes", …)."""

    default_error_messages = {"invalid": "ต้องเป็น true หรือ false"}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictCharField(serializers.CharField):
    """A JSON string only (DRF would also turn numbers into text)."""

    default_error_messages = {"invalid": "ต้องเป็นข้อความ"}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ItemKindField(serializers.ChoiceField):
    """An approvable item type by model name; a pattern in the schema, as an enum
    component named "kind" would collide with the other endpoints' kinds."""

    def __init__(self, **kwargs):
        super().__init__(choices=kind_names(), **kwargs)


extend_schema_field({"type": "string", "pattern": "^(" + "|".join(kind_names()) + ")$"})(
    ItemKindField
)


class ApprovalLevelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="name_th", help_text="ชื่อขั้นตอน")
    role = serializers.CharField(help_text="บทบาทผู้พิจารณา")
    is_check = serializers.BooleanField(help_text="ขั้นตอนตรวจสอบของกลุ่ม ป.ย.ป. (ต้องยืนยันรายการตรวจ)")


class ApprovalUnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="name_th")


class ApprovalWindowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    fiscal_year = serializers.IntegerField()
    chain_deadline = serializers.DateField(help_text="กำหนดอนุมัติครบทุกขั้น")


class InboxItemSerializer(serializers.Serializer):
    """One approval waiting for the user (an item revision at one of their steps)."""

    id = serializers.IntegerField(help_text="เลขรายการอนุมัติ (ใช้กับการอนุมัติพร้อมกัน)")
    kind = serializers.SerializerMethodField(help_text="ประเภทรายการ เช่น project")
    kind_label = serializers.SerializerMethodField()
    object_id = serializers.IntegerField(help_text="id ของรายการ")
    revision = serializers.IntegerField()
    description = serializers.SerializerMethodField()
    unit = ApprovalUnitSerializer()
    current_level = ApprovalLevelSerializer()
    window = ApprovalWindowSerializer(allow_null=True)
    submitted_by = serializers.CharField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField(help_text="เกินกำหนดของหน่วยงาน")

    def get_kind(self, approval) -> str:
        return approval.content_type.model

    def get_kind_label(self, approval) -> str:
        return kind_of(approval.content_type.model_class()).label

    def get_description(self, approval) -> str:
        return kind_of(approval.content_type.model_class()).describe(approval.item)


class ChecklistSerializer(serializers.Serializer):
    """The ป.ย.ป. check (seed 002 step 4): every point confirmed, or return the item."""

    def get_fields(self):
        return {
            key: StrictBooleanField(required=False, default=False, help_text=label)
            for key, label in checklist_points()  # every kind's; the engine checks each item's
        }


class ItemActionInput(serializers.Serializer):
    comment = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="หมายเหตุ หรือเหตุผลที่ส่งกลับแก้ไข (จำเป็นเมื่อส่งกลับ)",
    )
    checklist = ChecklistSerializer(
        required=False, help_text="รายการตรวจของขั้นตอนตรวจสอบ ป.ย.ป. (ต้องยืนยันครบทุกข้อ)"
    )
    expected_level = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="ขั้นตอนที่ผู้เรียกเห็นว่ารายการรออยู่ หากรายการเลื่อนไปแล้วจะตอบ 409",
    )


class ItemReturnInput(serializers.Serializer):
    # A pattern, not only "required": the schema then says a reason has a visible character.
    comment = serializers.RegexField(
        r"\S",
        max_length=5000,
        trim_whitespace=False,
        help_text="เหตุผลที่ส่งกลับแก้ไข (จำเป็น)",
        error_messages={
            "required": "กรุณาระบุเหตุผลที่ส่งกลับแก้ไข",
            "blank": "กรุณาระบุเหตุผลที่ส่งกลับแก้ไข",
            "invalid": "กรุณาระบุเหตุผลที่ส่งกลับแก้ไข",
        },
    )
    expected_level = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="ขั้นตอนที่ผู้เรียกเห็นว่ารายการรออยู่ หากรายการเลื่อนไปแล้วจะตอบ 409",
    )


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.choices)
    from_status = serializers.CharField(help_text=STATUSES)
    to_status = serializers.CharField(help_text=STATUSES)
    actor = serializers.CharField()
    acting_for = serializers.CharField(allow_null=True, help_text="ปฏิบัติราชการแทน (ถ้ามี)")
    comment = serializers.CharField()
    checklist = serializers.DictField(child=serializers.BooleanField())
    created_at = serializers.DateTimeField()


class ItemStateSerializer(serializers.Serializer):
    """Where the item stands after the move, and the move as the trail records it."""

    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    status = serializers.CharField(help_text=STATUSES)
    status_label = serializers.CharField()
    revision = serializers.IntegerField()
    current_level = ApprovalLevelSerializer(allow_null=True, help_text="ขั้นตอนที่รอพิจารณาต่อไป")
    transition = TransitionSerializer()


class BulkApproveInput(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=5000,
        help_text="เลขรายการอนุมัติจากกล่องรอพิจารณา (หรือใช้ all พร้อมตัวกรอง)",
    )
    all = StrictBooleanField(
        required=False, default=False, help_text="อนุมัติทุกรายการที่ตรงกับตัวกรอง unit kind window"
    )
    unit = StrictCharField(required=False, max_length=32, help_text="รหัสหน่วยงาน")
    kind = ItemKindField(required=False, help_text="ประเภทรายการ: " + ", ".join(kind_names()))
    window = serializers.IntegerField(required=False, min_value=1, help_text="id ของรอบ")
    comment = StrictCharField(required=False, allow_blank=True, default="", max_length=5000)
    checklist = ChecklistSerializer(required=False)


class BulkApproveResultSerializer(serializers.Serializer):
    approved = serializers.IntegerField(help_text="จำนวนรายการที่อนุมัติ/ตรวจสอบผ่าน")
    ids = serializers.ListField(child=serializers.IntegerField())
