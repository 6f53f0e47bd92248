from django.urls import path

from . import views

app_name = "level3"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("export.xlsx", views.plan_export, name="export"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/documents/", views.document_upload, name="upload"),
    path("<int:pk>/documents/<int:version>/", views.document_download, name="document"),
]
