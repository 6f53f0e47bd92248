"""Memo pages; included in the `reporting` namespace by reporting/urls.py."""

urlpatterns: list = []
