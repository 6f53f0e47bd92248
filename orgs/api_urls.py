"""The org unit endpoints of /api/v1/."""

from django.urls import path

from .api import UnitDetailView, UnitListView

urlpatterns = [
    path("units/", UnitListView.as_view(), name="api_units"),
    path("units/<str:code>/", UnitDetailView.as_view(), name="api_unit"),
]
