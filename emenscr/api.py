"""Shared pieces of the /api/v1/ endpoints: the open-data permission and the URL list
that gathers each app's endpoints (projects/api, reporting/api, approvals/api, orgs)."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission


class OpenDataOrAuthenticated(BasePermission):
    """Reads without login when settings.OPEN_DATA is on (the strategy tree, statistics)."""

    message = "ต้องเข้าสู่ระบบหรือใช้โทเค็น API"

    def has_permission(self, request, view) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        return settings.OPEN_DATA and request.method in SAFE_METHODS
