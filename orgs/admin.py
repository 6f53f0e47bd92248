from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from guardian.admin import GuardedModelAdminMixin

from core.forms import ThaiDateAdminMixin
from core.tables import read_rows

from .forms import UnitImportForm
from .models import Delegation, OrgUnit, RoleAssignment, User
from .services import org_units_import


class RoleAssignmentInline(ThaiDateAdminMixin, admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class OfficialAdmin(GuardedModelAdminMixin, UserAdmin):
    list_display = ["username", "full_name", "position", "home_unit", "is_active"]
    list_select_related = ["home_unit"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["home_unit"]
    inlines = [RoleAssignmentInline]
    fieldsets = UserAdmin.fieldsets + (
        ("ข้อมูลข้าราชการ", {"fields": ("title", "position", "phone", "home_unit")}),
    )

    @admin.display(description="ชื่อ-นามสกุล", ordering="first_name")
    def full_name(self, user):
        return user.full_name


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "code", "abbr", "kind", "doc_code", "cycle", "is_active"]
    list_filter = ["kind", "cycle", "is_active"]
    search_fields = ["code", "abbr", "name_th"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth"]
    change_list_template = "admin/orgs/orgunit/change_list.html"

    @admin.display(description="หน่วยงาน", ordering="path")
    def indented_name(self, unit):
        return "— " * unit.depth + unit.name_th

    def get_urls(self):
        extra = [
            path(
                "import/", self.admin_site.admin_view(self.import_view), name="orgs_orgunit_import"
            )
        ]
        return extra + super().get_urls()

    def import_view(self, request):
        # admin_view lets any staff account in: an import adds and changes units.
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = UnitImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload, dry_run = form.cleaned_data["file"], form.cleaned_data["dry_run"]
            try:
                with transaction.atomic():
                    report = org_units_import(rows=read_rows(upload.read(), filename=upload.name))
                    transaction.set_rollback(dry_run)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                counts = (
                    f"เพิ่ม {report.created} ปรับปรุง {report.updated} ไม่เปลี่ยนแปลง {report.unchanged}"
                )
                if dry_run:
                    self.message_user(request, f"ไฟล์ถูกต้อง (ยังไม่บันทึก): {counts}", messages.INFO)
                    return redirect("admin:orgs_orgunit_import")
                self.message_user(request, f"นำเข้าหน่วยงานแล้ว: {counts}", messages.SUCCESS)
                return redirect("admin:orgs_orgunit_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "title": "นำเข้าหน่วยงาน"}
        return render(request, "admin/orgs/orgunit/import.html", context)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ThaiDateAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "unit", "valid_from", "valid_until"]
    list_filter = ["role"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name_th"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Delegation)
class DelegationAdmin(ThaiDateAdminMixin, admin.ModelAdmin):
    list_display = ["delegate", "kind", "assignment", "starts_on", "ends_on", "revoked_at"]
    list_select_related = ["delegate", "assignment__user", "assignment__unit"]
    autocomplete_fields = ["delegate", "assignment"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


# django-axes registers its admin before ours (INSTALLED_APPS order); its status column
# has no description, so Django heads it with the English method name.
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class SignInAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description="สถานะ")
    def status(self, obj):
        return super().status(obj)
