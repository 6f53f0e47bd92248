"""The projects endpoints of /api/v1/."""

from django.urls import path

from .statistics import ProjectStatisticsView
from .strategy import StrategyNodeView, StrategyTreeView
from .views import ProjectDetailView, ProjectListView

urlpatterns = [
    path("strategy-tree/", StrategyTreeView.as_view(), name="api_strategy_tree"),
    path("strategy-tree/<str:code>/", StrategyNodeView.as_view(), name="api_strategy_node"),
    path("projects/", ProjectListView.as_view(), name="api_projects"),
    path("projects/<int:pk>/", ProjectDetailView.as_view(), name="api_project"),
    path("statistics/projects/", ProjectStatisticsView.as_view(), name="api_project_statistics"),
]

# Entering a project from another system (projects/api/entry.py).
from . import entry  # noqa: E402

urlpatterns += [
    path("entry/projects/", entry.ProjectEntryCreateView.as_view(), name="api_entry_create"),
    path("entry/projects/<int:pk>/", entry.ProjectEntryView.as_view(), name="api_entry_project"),
    path("entry/projects/<int:pk>/m1/", entry.M1View.as_view(), name="api_entry_m1"),
    path("entry/projects/<int:pk>/m2/", entry.M2View.as_view(), name="api_entry_m2"),
    path("entry/projects/<int:pk>/m3/", entry.M3View.as_view(), name="api_entry_m3"),
    path("entry/projects/<int:pk>/m4/", entry.M4View.as_view(), name="api_entry_m4"),
    path("entry/projects/<int:pk>/m5/", entry.M5View.as_view(), name="api_entry_m5"),
    path(
        "entry/projects/<int:pk>/confirm-not-duplicate/",
        entry.ConfirmNotDuplicateView.as_view(),
        name="api_entry_confirm_not_duplicate",
    ),
]
