from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("workbook/import/", views.workbook_import, name="workbook_import"),
    path("workbook/export.xlsx", views.workbook_export, name="workbook_export"),
    path("reports/", views.round_list, name="rounds"),
    path("reports/board/", views.status_board, name="board"),
    path("reports/windows/", views.window_list, name="windows"),
    path("reports/windows/<int:pk>/", views.window_edit, name="window"),
    path(
        "reports/<int:project_id>/<int:fiscal_year>/<int:quarter>/",
        views.report_edit,
        name="report",
    ),
]
