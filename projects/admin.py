from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from core.forms import ThaiDateAdminMixin

from .models import (
    Activity,
    ActivityQuarter,
    BudgetSource,
    CodeSequence,
    Level3Indicator,
    Level3Plan,
    Level3PlanDocument,
    OperatingArea,
    PlanNode,
    Project,
    ProjectRevision,
    ProjectTarget,
    SpendingPlan,
)


@admin.register(PlanNode)
class PlanNodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name_th"]
    autocomplete_fields = ["parent"]


class TargetInline(admin.TabularInline):
    model = ProjectTarget
    extra = 0


class AreaInline(admin.TabularInline):
    model = OperatingArea
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["parent", "position", "name"]


class SourceInline(admin.TabularInline):
    model = BudgetSource
    extra = 0


class SpendingInline(admin.TabularInline):
    model = SpendingPlan
    extra = 0


@admin.register(Project)
class ProjectAdmin(ThaiDateAdminMixin, GuardedModelAdmin):
    list_display = ["code", "name", "owner_unit", "fiscal_year", "cycle", "status"]
    list_filter = ["fiscal_year", "status", "cycle", "kind"]
    list_select_related = ["owner_unit"]
    search_fields = ["code", "name", "gfmis_code"]
    autocomplete_fields = ["owner_unit", "plan_nodes", "level3_plans"]
    readonly_fields = ["status", "revision", "created_by", "created_at", "updated_at"]
    inlines = [TargetInline, AreaInline, ActivityInline, SourceInline, SpendingInline]

    def has_delete_permission(self, request, obj=None):
        # A project that was ever approved has frozen revisions: records the database
        # refuses to delete (core.append_only).
        if obj is not None and obj.revisions.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "parent", "position"]
    search_fields = ["name", "project__code"]
    raw_id_fields = ["project", "parent"]


@admin.register(ActivityQuarter)
class ActivityQuarterAdmin(admin.ModelAdmin):
    list_display = ["activity", "fiscal_year", "quarter"]
    raw_id_fields = ["activity"]


@admin.register(ProjectRevision)
class ProjectRevisionAdmin(admin.ModelAdmin):
    list_display = ["project", "number", "created_at", "approved_at"]
    raw_id_fields = ["project"]
    readonly_fields = ["project", "number", "content", "created_by", "created_at", "approved_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # a record (core.append_only)


@admin.register(CodeSequence)
class CodeSequenceAdmin(admin.ModelAdmin):
    list_display = ["prefix", "fiscal_year", "last_number"]


class Level3IndicatorInline(admin.TabularInline):
    model = Level3Indicator
    extra = 0


class Level3DocumentInline(admin.TabularInline):
    model = Level3PlanDocument
    extra = 0
    readonly_fields = ["uploaded_by", "uploaded_at"]


@admin.register(Level3Plan)
class Level3PlanAdmin(ThaiDateAdminMixin, GuardedModelAdmin):
    list_display = ["name", "plan_type", "owner_unit", "start_year", "end_year", "status"]
    list_filter = ["plan_type", "status"]
    search_fields = ["name"]
    autocomplete_fields = ["owner_unit", "co_units", "plan_nodes"]
    readonly_fields = ["status", "revision"]
    inlines = [Level3IndicatorInline, Level3DocumentInline]
