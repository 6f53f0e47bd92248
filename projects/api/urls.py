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
