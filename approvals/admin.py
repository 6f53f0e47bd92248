from django.contrib import admin

from .models import Approval, Chain, ChainLevel, Notification, Transition


class ChainLevelInline(admin.TabularInline):
    model = ChainLevel
    extra = 0
    autocomplete_fields = ["skip_for_units"]


@admin.register(Chain)
class ChainAdmin(admin.ModelAdmin):
    list_display = ["name", "root_unit"]
    inlines = [ChainLevelInline]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "acting_for", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    """Read-only: statuses move only through the M7 engine."""

    list_display = ["__str__", "unit", "status", "current_level", "submitted_at", "is_late"]
    list_filter = ["status", "current_level", "is_late"]
    list_select_related = ["content_type", "unit", "current_level"]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# What each kind of notice is, for the administrator (the senders name kinds in code).
NOTICE_KINDS = {
    "waiting": "มีรายการรอพิจารณา",
    "returned": "ถูกส่งกลับแก้ไข",
    "approved": "อนุมัติครบทุกขั้น",
    "window_open": "เปิดรอบ",
    "reminder": "เตือนก่อนกำหนด",
    "late": "เกินกำหนด",
    "locked": "ปิดรอบ",
    "digest": "สรุปรายการค้าง",
    "export_ready": "ไฟล์ส่งออกพร้อม",
    "memo_pdf_ready": "บันทึกข้อความ PDF พร้อม",
    "quarterly_report": "รายงานรายไตรมาส",
}


class NoticeKindFilter(admin.SimpleListFilter):
    title = "ประเภท"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return list(NOTICE_KINDS.items())

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind_label", "title", "created_at", "read_at", "emailed_at"]
    list_filter = [NoticeKindFilter]
    raw_id_fields = ["recipient"]

    @admin.display(description="ประเภท", ordering="kind")
    def kind_label(self, obj) -> str:
        return NOTICE_KINDS.get(obj.kind, obj.kind)
