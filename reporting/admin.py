from django.contrib import admin

from .models import AnnualReport, Extension, QuarterlyReport, RoundSnapshot, Window


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0
    fields = ["unit", "until", "reason", "granted_by", "granted_at"]
    readonly_fields = ["granted_at"]
    autocomplete_fields = ["unit", "granted_by"]


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "fiscal_year",
        "kind",
        "quarter",
        "opens_on",
        "unit_deadline",
        "chain_deadline",
    ]
    list_filter = ["fiscal_year", "kind"]
    autocomplete_fields = ["units"]
    readonly_fields = ["opened_at", "late_marked_at", "locked_at", "created_by"]
    inlines = [ExtensionInline]


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(admin.ModelAdmin):
    list_display = ["project", "fiscal_year", "quarter", "progress_percent", "status"]
    list_filter = ["fiscal_year", "quarter", "status"]
    list_select_related = ["project"]
    search_fields = ["project__code", "project__name"]
    raw_id_fields = ["project", "window"]
    readonly_fields = ["status", "revision"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["plan", "year", "status"]
    list_filter = ["year", "status"]
    raw_id_fields = ["plan", "window"]
    readonly_fields = ["status", "revision"]


@admin.register(RoundSnapshot)
class RoundSnapshotAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "quarter", "taken_at", "reason"]
    readonly_fields = ["fiscal_year", "quarter", "data", "reason", "taken_by", "taken_at"]
