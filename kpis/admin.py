from django.contrib import admin

from .models import Kpi, KpiResult, KpiTarget


class KpiTargetInline(admin.TabularInline):
    model = KpiTarget
    extra = 0
    max_num = 12


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "fiscal_year",
        "unit",
        "project",
        "annual_target",
        "unit_of_measure",
        "is_quantitative",
    ]
    list_filter = ["fiscal_year", "is_quantitative"]
    search_fields = ["code", "name", "unit__name_th", "project__name", "project__code"]
    list_select_related = ["unit", "project"]
    autocomplete_fields = ["project"]
    inlines = [KpiTargetInline]


@admin.register(KpiResult)
class KpiResultAdmin(admin.ModelAdmin):
    list_display = ["kpi", "month", "value", "remark", "entered_by", "updated_at"]
    list_filter = ["kpi__fiscal_year", "month"]
    list_select_related = ["kpi", "entered_by"]
    search_fields = ["kpi__code", "kpi__name", "remark"]
    readonly_fields = ["entered_by", "created_at", "updated_at"]
