"""Entering a project from another system: create a draft, then save M1–M5.

Each module's JSON body is parsed into the module's typed input (`projects.inputs`),
the same one the editor's forms produce, and saved by the same service
(`projects.services.modules.project_save_module`): the same rules, the same policy
and the same Thai messages, field by field. Every answer is the project's
completeness, as the editor shows it beside its tabs.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from approvals.api.errors import api_refusal
from approvals.services.errors import Refusal
from core.validation import valid_id
from orgs.models import Cycle, OrgUnit
from orgs.permissions import can

from .. import editor, inputs
from ..completeness import MODULES
from ..duplicates import unreviewed_duplicates
from ..forms import ProjectCreateForm
from ..inputs import FIXED_SOURCES
from ..models import AreaLevel, Project, ProjectKind, TargetKind
from ..selectors import creatable_units, with_modules
from ..services.entry import project_confirm_not_duplicate, project_create
from ..services.modules import project_save_module

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="ข้อมูลไม่ถูกต้อง: ข้อความภาษาไทยรายช่อง"),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="ไม่มีสิทธิ์นำเข้าหรือแก้ไขโครงการนี้"),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="ไม่พบโครงการ (หรือไม่มีสิทธิ์เห็น)"),
}
NO_ENTRY_RIGHT = "คุณไม่มีสิทธิ์นำเข้าโครงการ (ต้องเป็นเจ้าหน้าที่ผู้นำเข้าข้อมูลของหน่วยงาน)"
QUARTER_KEY = r"^\d{4}-[1-4]$"
NAMED = r"^[^\x00]*\S[^\x00]*$"  # some text, and no NUL (which PostgreSQL refuses)


# --- the answer: the project's completeness ------------------------------------------


class ModuleMarkSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=list(MODULES), help_text="ส่วนของข้อมูล m1–m5")
    label = serializers.CharField()
    complete = serializers.BooleanField(help_text="ส่วนนี้ครบถ้วนแล้ว")
    missing = serializers.ListField(child=serializers.CharField(), help_text="สิ่งที่ยังขาด")


class DuplicateSerializer(serializers.Serializer):
    code = serializers.CharField(source="project.code")
    name = serializers.CharField(source="project.name")
    unit = serializers.CharField(source="project.owner_unit.code")
    reason = serializers.CharField(help_text="เหตุที่อาจซ้ำ")


class CompletenessSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="รหัสโครงการ เช่น รง 0209-67-0001")
    name = serializers.CharField()
    unit = serializers.CharField(source="owner_unit.code", help_text="รหัสหน่วยงานรับผิดชอบ")
    fiscal_year = serializers.IntegerField(help_text="ปีงบประมาณ (พ.ศ.)")
    status = serializers.CharField(help_text="draft, submitted, returned หรือ approved")
    status_label = serializers.CharField(source="get_status_display")
    revision = serializers.IntegerField(help_text="ฉบับที่")
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    is_complete = serializers.BooleanField(help_text="ข้อมูลครบทุกส่วน พร้อมส่งขออนุมัติ")
    modules = serializers.SerializerMethodField(help_text="ความครบถ้วนรายส่วน ตามที่หน้าแก้ไขแสดง")
    duplicates = serializers.SerializerMethodField(
        help_text="โครงการที่อาจซ้ำซึ่งยังไม่ได้ยืนยันว่าเป็นคนละโครงการ (ต้องยืนยันก่อนส่ง)"
    )

    @extend_schema_field(ModuleMarkSerializer(many=True))
    def get_modules(self, project):
        return ModuleMarkSerializer(editor.module_marks(project), many=True).data

    @extend_schema_field(DuplicateSerializer(many=True))
    def get_duplicates(self, project):
        return DuplicateSerializer(unreviewed_duplicates(project), many=True).data


def completeness(pk: int) -> dict:
    return CompletenessSerializer(with_modules(Project.objects.filter(pk=pk)).get()).data


# --- what the client sends, module by module -------------------------------------------


def _text(max_length: int | None = None, **kwargs):
    return serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length, **kwargs
    )


def _money(**kwargs):
    return serializers.DecimalField(max_digits=15, decimal_places=2, min_value=0, **kwargs)


def _one_of(values: list[str]) -> dict:
    """A choice as a pattern, not an enum: spectacular names enum components after the
    field ("kind", "level"), and other endpoints have kinds and levels of their own."""
    return {"type": "string", "pattern": f"^({'|'.join(values)})$"}


@extend_schema_field(_one_of(ProjectKind.values))
class ProjectKindField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(TargetKind.values))
class TargetKindField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(AreaLevel.values))
class AreaLevelField(serializers.ChoiceField):
    pass


class ProjectCreateInput(serializers.Serializer):
    unit = serializers.RegexField(
        NAMED,
        max_length=32,
        trim_whitespace=False,
        error_messages={"invalid": "กรุณาระบุรหัสหน่วยงาน เช่น 0209"},
        help_text="รหัสหน่วยงานรับผิดชอบ เช่น 0209",
    )
    fiscal_year = serializers.IntegerField(
        min_value=2500, max_value=2700, help_text="ปีงบประมาณ (พ.ศ.) ปีปัจจุบัน ปีถัดไป หรือปีก่อน"
    )
    name = serializers.RegexField(
        NAMED,
        max_length=500,
        error_messages={"invalid": "กรุณากรอกชื่อโครงการ (ข้อความที่ไม่มีอักขระควบคุม NUL)"},
        help_text="ชื่อโครงการ/การดำเนินงาน",
    )
    kind = ProjectKindField(
        choices=ProjectKind.choices,
        help_text="ลักษณะการดำเนินงาน: project โครงการ, operation การดำเนินงาน",
    )


class LinksInput(serializers.Serializer):
    target_codes = serializers.ListField(
        child=serializers.CharField(max_length=16),
        default=list,
        help_text="รหัสเป้าหมายแผนแม่บท (Y2) / เป้าหมายแผนย่อย (Y1) ๖ หลัก เช่น 110401",
    )
    reform_areas = serializers.ListField(
        child=serializers.IntegerField(min_value=1), default=list, help_text="แผนการปฏิรูปประเทศ (id)"
    )
    level3_plans = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        default=list,
        help_text="แผนระดับที่ ๓ ที่อนุมัติแล้วและครอบคลุมปีงบประมาณของโครงการ (id)",
    )


class GeneralInput(serializers.Serializer):
    name = serializers.CharField(max_length=500, help_text="ชื่อโครงการ/การดำเนินงาน")
    kind = ProjectKindField(
        choices=ProjectKind.choices,
        help_text="ลักษณะการดำเนินงาน: project โครงการ, operation การดำเนินงาน",
    )
    cycle = serializers.ChoiceField(choices=Cycle.choices, help_text="รอบปีของโครงการ")
    programme = _text(500, help_text="ภายใต้แผนงาน")
    uses_budget = serializers.BooleanField(default=True, help_text="โครงการที่ใช้งบประมาณ")
    in_house = serializers.BooleanField(default=True, help_text="ดำเนินการเอง")
    contracted = serializers.BooleanField(default=False, help_text="จัดจ้าง")
    gfmis_code = _text(64, help_text="รหัส GFMIS ของโครงการ")
    director_title = _text(32, help_text="คำนำหน้าผู้อำนวยการ")
    director_first_name = _text(128)
    director_last_name = _text(128)
    director_email = _text(254, help_text="อีเมล (หน่วยงาน)")
    director_email_alt = _text(254, help_text="อีเมล (ส่วนตัว/สำรอง)")
    director_phone = _text(64)
    director_fax = _text(64)
    start_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="เดือนที่เริ่มต้น (ค.ศ. YYYY-MM-DD เก็บเป็นวันที่ ๑ ของเดือน)",
    )
    end_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="เดือนที่สิ้นสุด (เก็บเป็นวันสุดท้ายของเดือน)"
    )


class TargetInput(serializers.Serializer):
    id = serializers.IntegerField(required=False, allow_null=True, help_text="id ของแถวเดิม (ถ้ามี)")
    kind = TargetKindField(choices=TargetKind.choices, help_text="output, outcome หรือ kpi")
    description = serializers.CharField(allow_blank=True)
    target_value = serializers.DecimalField(
        max_digits=15, decimal_places=2, required=False, allow_null=True
    )
    unit_of_measure = _text(64, help_text="หน่วยนับ")


class AreaInput(serializers.Serializer):
    id = serializers.IntegerField(required=False, allow_null=True)
    level = AreaLevelField(
        choices=AreaLevel.choices, help_text="ขอบเขตพื้นที่: " + ", ".join(AreaLevel.values)
    )
    region = _text(128)
    province = _text(128)
    district = _text(128)
    subdistrict = _text(128)
    village = _text(128)
    detail = _text()
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        allow_null=True,
    )


class DetailInput(serializers.Serializer):
    rationale = _text(help_text="หลักการและเหตุผล")
    objectives = _text(help_text="วัตถุประสงค์")
    expected_results = _text(help_text="ผลที่คาดว่าจะได้รับ")
    target_groups = _text(help_text="กลุ่มเป้าหมาย")
    targets = TargetInput(many=True, default=list, help_text="เป้าหมายผลผลิต ผลลัพธ์ และตัวชี้วัด")
    areas = AreaInput(many=True, default=list, help_text="พื้นที่ดำเนินการ")


class ActivityInput(serializers.Serializer):
    id = serializers.IntegerField(required=False, allow_null=True)
    name = serializers.CharField(allow_blank=True, max_length=500, help_text="ชื่อกิจกรรม")
    depth = serializers.IntegerField(
        min_value=0, max_value=5, default=0, help_text="ระดับย่อหน้า (0 = กิจกรรมหลัก)"
    )
    quarters = serializers.ListField(
        child=serializers.RegexField(QUARTER_KEY),
        default=list,
        help_text="ไตรมาสที่ดำเนินการ เช่น 2567-1 (ปีงบประมาณ พ.ศ.-ไตรมาส)",
    )


class ActivitiesInput(serializers.Serializer):
    activities = ActivityInput(many=True, help_text="กิจกรรมตามลำดับที่แสดง กิจกรรมย่อยตามหลังกิจกรรมหลัก")


class SourcesInput(serializers.Serializer):
    def get_fields(self):
        return {str(k): _money(required=False, allow_null=True) for k in FIXED_SOURCES}


class OtherSourceInput(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=255, help_text="ที่มาของงบประมาณ")
    amount = _money()


class BudgetInput(serializers.Serializer):
    sources = SourcesInput(default=dict, help_text="จำนวนเงิน (บาท) ของแหล่งเงินหลักแต่ละแหล่ง")
    via_agency = _text(255, help_text="หน่วยงานที่ขอผ่าน (เมื่อมีงบประมาณที่ขอผ่านหน่วยงานอื่น)")
    others = OtherSourceInput(many=True, default=list, help_text="งบประมาณจากแหล่งอื่น")
    plan = serializers.DictField(
        child=_money(), default=dict, help_text='แผนการใช้จ่ายรายไตรมาส เช่น {"2567-1": "25000.00"}'
    )


# --- the body as the module's typed input ------------------------------------------------


def _links_input(data: dict) -> inputs.LinksInput:
    return inputs.LinksInput(**data)


def _general_input(data: dict) -> inputs.GeneralInput:
    return inputs.GeneralInput(**data)


def _detail_input(data: dict) -> inputs.DetailInput:
    return inputs.DetailInput(
        **{n: data[n] for n in ("rationale", "objectives", "expected_results", "target_groups")},
        targets=[inputs.TargetRow(**row) for row in data["targets"]],
        areas=[inputs.AreaRow(**row) for row in data["areas"]],
    )


def _activities_input(data: dict) -> inputs.ActivitiesInput:
    return inputs.ActivitiesInput([inputs.ActivityInputRow(**row) for row in data["activities"]])


def _budget_input(data: dict) -> inputs.BudgetInput:
    return inputs.BudgetInput(
        sources=data["sources"],
        via_agency=data["via_agency"],
        others=[inputs.OtherSourceRow(**row) for row in data["others"]],
        plan=data["plan"],
    )


# --- refusals, back as JSON ---------------------------------------------------------------


def _nested(errors: dict[str, list[str]], body: dict) -> dict:
    """Field paths ("targets.0.kind", "plan.2568-1") as the body's own shape: a list with
    one object per row sent (empty for a row without fault), or an object by key."""
    nested: dict = {}
    for path, messages in errors.items():
        group, _, rest = path.partition(".")
        if path == "__all__":
            nested.setdefault("non_field_errors", []).extend(messages)
        elif not rest:
            nested[group] = messages
        elif isinstance(body.get(group), list) and rest.partition(".")[0].isdigit():
            number, _, name = rest.partition(".")
            rows = nested.setdefault(group, [{} for _ in body[group]])
            rows[int(number)][name] = messages
        else:
            nested.setdefault(group, {})[rest] = messages
    return nested


# --- the endpoints ------------------------------------------------------------------------


PROJECT_ID = OpenApiParameter(
    "project_id",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.PATH,
    description="id ของโครงการ",
)


def _project_for(request, project_id: str, *, edit: bool) -> Project:
    """The project as the editor's pages find it: 404 when the user may not see it
    (or the id is no id at all), 403 when they may see but not change it."""
    pk = valid_id(project_id)
    if pk is None:
        raise NotFound("ไม่พบโครงการ")
    project = get_object_or_404(with_modules(Project.objects.all()), pk=pk)
    if not can(request.user, "project.view", project):
        raise NotFound("ไม่พบโครงการ")
    if edit and not can(request.user, "project.edit", project):
        raise PermissionDenied("คุณไม่มีสิทธิ์แก้ไขโครงการนี้")
    return project


class ProjectEntryCreateView(APIView):
    """สร้างโครงการฉบับร่างจากระบบอื่น (เช่นเดียวกับปุ่ม “นำเข้าโครงการ”)"""

    parser_classes = [JSONParser]

    @extend_schema(
        request=ProjectCreateInput,
        responses={201: CompletenessSerializer, **ERRORS},
        summary="สร้างโครงการฉบับร่าง",
        description=(
            "ออกรหัสโครงการของหน่วยงานและปีงบประมาณให้อัตโนมัติ แล้วกรอก M1–M5 ทีละส่วนด้วย "
            "PUT /api/v1/entry/projects/{id}/m1/ … m5/ ต้องเป็นเจ้าหน้าที่ผู้นำเข้าข้อมูลหรือผู้อำนวยการของหน่วยงาน"
        ),
    )
    def post(self, request):
        units = creatable_units(request.user)
        if not units.exists():
            raise PermissionDenied(NO_ENTRY_RIGHT)
        body = ProjectCreateInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        unit = OrgUnit.objects.filter(code=data["unit"]).first()
        if unit is None or not can(request.user, "project.create", unit):
            raise PermissionDenied("คุณไม่มีสิทธิ์นำเข้าโครงการของหน่วยงานนี้")
        form = ProjectCreateForm({**data, "unit": unit.pk}, units=units)
        if not form.is_valid():
            raise ValidationError(
                {k if k != "__all__" else "non_field_errors": v for k, v in form.errors.items()}
            )
        try:
            project = project_create(user=request.user, **form.cleaned_data)
        except DjangoValidationError as exc:
            raise ValidationError(_nested(_messages(exc), {})) from None
        return Response(completeness(project.pk), status=status.HTTP_201_CREATED)


class ProjectEntryView(APIView):
    """ความครบถ้วนของโครงการ (สิ่งที่ยังขาดก่อนส่งขออนุมัติ)"""

    @extend_schema(
        parameters=[PROJECT_ID],
        responses={200: CompletenessSerializer, 404: ERRORS[404]},
        summary="ความครบถ้วนของโครงการ",
        description="สิ่งที่ยังขาดในแต่ละส่วน (M1–M5) และโครงการที่อาจซ้ำ ตามที่หน้าแก้ไขแสดง",
    )
    def get(self, request, project_id: str):
        return Response(completeness(_project_for(request, project_id, edit=False).pk))


class ModuleView(APIView):
    """Save one module: the body as its typed input, through the editor's write path."""

    parser_classes = [JSONParser]
    module = ""
    serializer_class = serializers.Serializer
    to_input = staticmethod(lambda data: None)

    def put(self, request, project_id: str):
        project = _project_for(request, project_id, edit=True)
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        data = self.to_input(body.validated_data)
        try:
            project_save_module(user=request.user, project=project, data=data)
        except Refusal as exc:  # the edit guard: the project waits in the chain (409)
            raise api_refusal(exc) from None
        except DjangoValidationError as exc:
            raise ValidationError(_nested(_messages(exc), body.validated_data)) from None
        return Response(completeness(project.pk))


def _messages(exc: DjangoValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def module_view(module: str, serializer, to_input, description: str):
    view = type(
        f"{module.upper()}EntryView",
        (ModuleView,),
        {
            "module": module,
            "serializer_class": serializer,
            "to_input": staticmethod(to_input),
            "__doc__": MODULES[module],
        },
    )

    def put(self, request, project_id: str):
        return ModuleView.put(self, request, project_id)

    view.put = extend_schema(
        parameters=[PROJECT_ID],
        request=serializer,
        responses={200: CompletenessSerializer, **ERRORS},
        summary=f"บันทึก {MODULES[module]}",
        description=description + " ส่งข้อมูลทั้งส่วน (แทนที่ของเดิมทั้งส่วน) ตอบกลับด้วยความครบถ้วนของโครงการ",
    )(put)
    return view


M1View = module_view(
    "m1",
    LinksInput,
    _links_input,
    "เป้าหมายแผนแม่บท/แผนย่อยที่โครงการสนับสนุน แผนการปฏิรูปประเทศ และแผนระดับที่ ๓",
)
M2View = module_view(
    "m2",
    GeneralInput,
    _general_input,
    "ข้อมูลทั่วไป: ชื่อ ลักษณะ วิธีดำเนินงาน ผู้อำนวยการ และระยะเวลา (เป็นเดือน)",
)
M3View = module_view(
    "m3", DetailInput, _detail_input, "หลักการและเหตุผล วัตถุประสงค์ เป้าหมาย/ตัวชี้วัด และพื้นที่ดำเนินการ"
)
M4View = module_view(
    "m4",
    ActivitiesInput,
    _activities_input,
    "แผนการดำเนินงาน/กิจกรรม และไตรมาสที่ดำเนินการ (อยู่ในระยะเวลาโครงการ)",
)
M5View = module_view(
    "m5", BudgetInput, _budget_input, "แหล่งเงินและแผนการใช้จ่ายรายไตรมาส (ยอดรวมสองส่วนต้องเท่ากัน)"
)


class ConfirmNotDuplicateView(APIView):
    """ยืนยันว่าโครงการที่อาจซ้ำเป็นคนละโครงการ"""

    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[PROJECT_ID],
        request=None,
        responses={200: CompletenessSerializer, 403: ERRORS[403], 404: ERRORS[404]},
        summary="ยืนยันว่าไม่ซ้ำกับโครงการอื่น",
        description="บันทึกว่าได้ตรวจโครงการที่อาจซ้ำในขณะนี้แล้ว และเป็นคนละโครงการ (จำเป็นก่อนส่งขออนุมัติ)",
    )
    def post(self, request, project_id: str):
        project = _project_for(request, project_id, edit=True)
        project_confirm_not_duplicate(user=request.user, project=project)
        return Response(completeness(project.pk))
