"""Shared pieces of the /api/v1/ endpoints: the open-data permission and the URL list
that gathers each app's endpoints (projects/api, reporting/api, approvals/api, orgs)."""

from django.conf import settings
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission


class OpenDataOrAuthenticated(BasePermission):
    """Reads without login when settings.OPEN_DATA is on (the strategy tree, statistics)."""

    message = "ต้องเข้าสู่ระบบหรือใช้โทเค็น API"

    def has_permission(self, request, view) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        return settings.OPEN_DATA and request.method in SAFE_METHODS


class StrictPageNumberPagination(PageNumberPagination):
    """Page numbers as the schema declares them: `?page=` (empty) is a 404 like `?page=x`."""

    def check_page_number(self, request) -> None:
        """404 unless the page parameter is absent, a whole number from 1, or "last"."""
        value = request.query_params.get(self.page_query_param)
        if value is None or value in self.last_page_strings:
            return
        if not (value.isascii() and value.isdecimal() and int(value) >= 1):
            raise NotFound("ไม่พบหน้าที่ระบุ: หมายเลขหน้าต้องเป็นจำนวนเต็มตั้งแต่ 1")

    def get_page_number(self, request, paginator):
        self.check_page_number(request)
        return super().get_page_number(request, paginator)


# DRF messages written without gettext (the locale cannot reach them).
UNTRANSLATED = {"No data provided": "ไม่มีข้อมูลที่ส่งมา: ต้องส่งเป็นออบเจกต์ JSON"}


def _thai(detail):
    """An error body with DRF's untranslated messages in Thai, keys and codes kept."""
    from rest_framework.exceptions import ErrorDetail

    if isinstance(detail, dict):
        return {key: _thai(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_thai(value) for value in detail]
    if isinstance(detail, ErrorDetail) and str(detail) in UNTRANSLATED:
        return ErrorDetail(UNTRANSLATED[str(detail)], code=detail.code)
    return detail


def exception_handler(exc, context):
    """DRF's handler, with Thai where DRF has no Thai text (throttling, a body that is
    no JSON). Field messages are Thai through the locale (locale/th/LC_MESSAGES)."""
    from rest_framework.exceptions import ParseError, Throttled, ValidationError
    from rest_framework.views import exception_handler as drf_handler

    if isinstance(exc, ValidationError):
        exc.detail = _thai(exc.detail)

    if isinstance(exc, ParseError):
        # DRF writes "JSON parse error - <the parser's words>" without gettext.
        reason = str(exc.detail).partition(" - ")[2]
        exc.detail = f"อ่านข้อมูลที่ส่งมาไม่ได้: ต้องเป็น JSON ที่ถูกต้อง{f' ({reason})' if reason else ''}"
    if isinstance(exc, Throttled):
        wait = f" กรุณารอประมาณ {int(exc.wait) + 1} วินาที" if exc.wait else ""
        exc.detail = f"เรียกใช้บ่อยเกินกำหนด{wait}"
    return drf_handler(exc, context)
