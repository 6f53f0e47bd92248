from django.urls import path

from .views import compare, reports, rounds, summaries, windows, workbook

app_name = "reporting"
urlpatterns = [
    path("workbook/import/", workbook.workbook_import, name="workbook_import"),
    path("workbook/export.xlsx", workbook.workbook_export, name="workbook_export"),
    path("reports/", rounds.round_list, name="rounds"),
    path("reports/board/", rounds.status_board, name="board"),
    path("reports/windows/", windows.window_list, name="windows"),
    path("reports/windows/<int:pk>/", windows.window_edit, name="window"),
    path(
        "reports/<int:project_id>/<int:fiscal_year>/<int:quarter>/",
        reports.report_edit,
        name="report",
    ),
    path(
        "reports/<int:project_id>/<int:fiscal_year>/<int:quarter>/start/",
        reports.report_begin,
        name="report_start",
    ),
    path("summaries/five-band/", summaries.five_band_page, name="five_band"),
    path("summaries/five-band/projects/", summaries.five_band_projects, name="five_band_projects"),
    path("summaries/five-band/export.xlsx", summaries.five_band_export, name="five_band_xlsx"),
    path("summaries/five-band/chart.svg", summaries.five_band_chart_svg, name="five_band_svg"),
    path("summaries/freeze/", summaries.round_freeze, name="round_freeze"),
    path("summaries/compare/", compare.compare_page, name="compare"),
    path("summaries/compare/export.xlsx", compare.compare_export, name="compare_xlsx"),
]

from .exports import views as export_views  # noqa: E402

urlpatterns += [
    path("exports/", export_views.export_job_list, name="export_jobs"),
    path("exports/request/<slug:kind>/", export_views.export_request_view, name="export_request"),
    path("exports/<int:pk>/", export_views.export_job, name="export_job"),
    path("exports/<int:pk>/status/", export_views.export_job_status, name="export_job_status"),
    path(
        "exports/<int:pk>/download/", export_views.export_job_download, name="export_job_download"
    ),
]

from .annual.urls import urlpatterns as annual_urlpatterns  # noqa: E402

urlpatterns += annual_urlpatterns
