from django.contrib import admin

from core.forms import ThaiDateAdminMixin

from .models import Extension, Window


class ExtensionInline(ThaiDateAdminMixin, admin.TabularInline):
    model = Extension
    extra = 0
    fields = ["unit", "until", "reason", "granted_by", "granted_at"]
    readonly_fields = ["granted_at"]
    autocomplete_fields = ["unit", "granted_by"]


@admin.register(Window)
class WindowAdmin(ThaiDateAdminMixin, admin.ModelAdmin):
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
