"""The projects endpoints of /api/v1/."""

from django.urls import path, re_path

from .statistics import ProjectStatisticsView
from .strategy import StrategyNodeView, StrategyTreeView
from .views import ProjectDetailView, ProjectListView

urlpatterns = [
    path("strategy-tree/", StrategyTreeView.as_view(), name="api_strategy_tree"),
    # Any text up to the last slash (even a new line) reaches the view, which answers a JSON 404.
    re_path(
        r"^strategy-tree/(?P<code>(?s:.+))/$", StrategyNodeView.as_view(), name="api_strategy_node"
    ),
    path("projects/", ProjectListView.as_view(), name="api_projects"),
    path("projects/<str:pk>/", ProjectDetailView.as_view(), name="api_project"),
    path("statistics/projects/", ProjectStatisticsView.as_view(), name="api_project_statistics"),
]

# Entering a project from another system (projects/api/entry.py).
from . import entry  # noqa: E402

urlpatterns += [
    path("entry/projects/", entry.ProjectEntryCreateView.as_view(), name="api_entry_create"),
    path(
        "entry/projects/<str:project_id>/",
        entry.ProjectEntryView.as_view(),
        name="api_entry_project",
    ),
    path("entry/projects/<str:project_id>/m1/", entry.M1View.as_view(), name="api_entry_m1"),
    path("entry/projects/<str:project_id>/m2/", entry.M2View.as_view(), name="api_entry_m2"),
    path("entry/projects/<str:project_id>/m3/", entry.M3View.as_view(), name="api_entry_m3"),
    path("entry/projects/<str:project_id>/m4/", entry.M4View.as_view(), name="api_entry_m4"),
    path("entry/projects/<str:project_id>/m5/", entry.M5View.as_view(), name="api_entry_m5"),
    path(
        "entry/projects/<str:project_id>/confirm-not-duplicate/",
        entry.ConfirmNotDuplicateView.as_view(),
        name="api_entry_confirm_not_duplicate",
    ),
]
