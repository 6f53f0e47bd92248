from django.urls import include, path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create_view, name="create"),
    path("plan-options/", views.plan_options, name="plan_options"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/<str:module>/", views.project_edit, name="edit"),
    path("<int:pk>/delete/", views.project_delete, name="delete"),
    path("<int:pk>/revisions/<int:number>/", views.project_revision, name="revision"),
    path(
        "<int:pk>/duplicates/confirm/", views.project_confirm_duplicates, name="confirm_duplicates"
    ),
]
urlpatterns += [
    path("linkage/", views.linkage_page, name="linkage"),
    path("linkage/map.svg", views.linkage_svg_download, name="linkage_svg"),
    path("linkage/map.xlsx", views.linkage_xlsx, name="linkage_xlsx"),
]
urlpatterns += [path("level3/", include("projects.level3.urls"))]
