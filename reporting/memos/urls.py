"""Memo pages; included in the `reporting` namespace by reporting/urls.py."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("memos/", views.memo_list, name="memos"),
    path("memos/new/", views.memo_new, name="memo_new"),
    path("memos/<int:pk>/", views.memo_page, name="memo"),
    path("memos/<int:pk>/preview.pdf", views.memo_preview, name="memo_preview"),
    path("memos/<int:pk>/issue/", views.memo_issue_view, name="memo_issue"),
    path("memos/<int:pk>/refresh/", views.memo_refresh_view, name="memo_refresh"),
    path("memos/<int:pk>/download/", views.memo_download, name="memo_download"),
    path("memos/<int:pk>/pdf-status/", views.memo_pdf_status, name="memo_pdf_status"),
]
