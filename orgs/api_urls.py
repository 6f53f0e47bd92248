"""The org unit endpoints of /api/v1/."""

from django.urls import path, re_path

from .api import UnitDetailView, UnitListView

urlpatterns = [
    path("units/", UnitListView.as_view(), name="api_units"),
    # Any text up to the last slash (even a new line) reaches the view, which answers a JSON 404.
    re_path(r"^units/(?P<code>(?s:.+))/$", UnitDetailView.as_view(), name="api_unit"),
]
