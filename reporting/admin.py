from django.contrib import admin

from .models import AnnualReport, QuarterlyReport, RoundSnapshot


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

    def has_delete_permission(self, request, obj=None):
        return False  # frozen figures are a record (core.append_only)
