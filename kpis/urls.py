from django.urls import path

from . import views

app_name = "kpis"
urlpatterns = [
    path("", views.report, name="report"),
    path("export.xlsx", views.report_export, name="export"),
    path("entry/", views.entry_units, name="entry_units"),
    path("entry/<int:unit_id>/", views.entry, name="entry"),
    path("workbook/import/", views.workbook_import, name="workbook_import"),
    path("workbook/export.xlsx", views.workbook_export, name="workbook_export"),
]
