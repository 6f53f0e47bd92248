"""Annual achievement report pages; included in the `reporting` namespace by reporting/urls.py."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("reports/annual/", views.annual_list, name="annual_list"),
    path("reports/annual/export.xlsx", views.annual_export, name="annual_export"),
    path("reports/annual/windows/", views.annual_windows_propose, name="annual_windows"),
    path(
        "reports/annual/<int:plan_id>/<int:year>/",
        views.annual_report_edit,
        name="annual_report",
    ),
    path(
        "reports/annual/<int:plan_id>/<int:year>/start/",
        views.annual_report_begin,
        name="annual_report_start",
    ),
]
