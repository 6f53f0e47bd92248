from django.urls import path

from . import views

app_name = "open"

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/", views.projects, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects.<str:fmt>", views.projects_download, name="projects_download"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/<int:fiscal_year>/<int:quarter>/", views.round_detail, name="round"),
    path("rounds.<str:fmt>", views.rounds_download, name="rounds_download"),
    path("linkage/", views.linkage, name="linkage"),
    path("linkage.<str:fmt>", views.linkage_download, name="linkage_download"),
    path("catalog.json", views.catalog_json, name="catalog"),
]
