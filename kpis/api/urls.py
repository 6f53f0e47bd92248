"""The monthly KPI endpoints of /api/v1/."""

from django.urls import path

from .views import KpiReportView

urlpatterns = [
    path("kpis/report/", KpiReportView.as_view(), name="api_kpi_report"),
]
