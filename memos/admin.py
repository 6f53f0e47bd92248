"""Memos in the admin: issued memos are read only; the emblem upload is validated."""

from django.contrib import admin
from django.contrib import messages as admin_messages

from .forms import LetterheadForm
from .models import Letterhead, Memo, MemoStatus


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    """Memos are written through their pages (services); here they are looked up.
    An issued memo is never changed or deleted; a draft may be deleted."""

    list_display = ["subject", "kind", "fiscal_year", "quarter", "status", "number", "memo_date"]
    list_filter = ["status", "kind", "fiscal_year", "pdf_status"]
    search_fields = ["subject", "number"]
    list_select_related = ["created_by"]
    actions = ["delete_drafts"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == MemoStatus.ISSUED:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would bypass the issued-memo guard
        return actions

    @admin.action(description="ลบร่างที่เลือก (บันทึกที่ออกเลขแล้วลบไม่ได้)", permissions=["delete"])
    def delete_drafts(self, request, queryset):
        deleted, _ = queryset.filter(status=MemoStatus.DRAFT).delete()
        admin_messages.info(request, f"ลบร่างบันทึกแล้ว {deleted} ฉบับ")


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    form = LetterheadForm
    list_display = ["__str__", "is_active", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
