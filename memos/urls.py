"""Memo pages, under /reports/memos/ (emenscr/urls.py)."""

from django.urls import path

from . import views

app_name = "memos"

urlpatterns = [
    path("", views.memo_list, name="memos"),
    path("new/", views.memo_new, name="memo_new"),
    path("<int:pk>/", views.memo_page, name="memo"),
    path("<int:pk>/preview.pdf", views.memo_preview, name="memo_preview"),
    path("<int:pk>/issue/", views.memo_issue_view, name="memo_issue"),
    path("<int:pk>/refresh/", views.memo_refresh_view, name="memo_refresh"),
    path("<int:pk>/download/", views.memo_download, name="memo_download"),
    path("<int:pk>/memo.docx", views.memo_docx_download, name="memo_docx"),
    path("<int:pk>/report.xlsx", views.memo_xlsx_download, name="memo_xlsx"),
    path("<int:pk>/pdf-status/", views.memo_pdf_status, name="memo_pdf_status"),
]
