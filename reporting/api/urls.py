from django.urls import path

from .compare import ComparisonView
from .views import FiveBandView

urlpatterns = [
    path("summaries/five-band/", FiveBandView.as_view(), name="api_five_band"),
    path("summaries/compare/", ComparisonView.as_view(), name="api_compare"),
]

from django.urls import re_path  # noqa: E402
from rest_framework.routers import SimpleRouter  # noqa: E402

from .reports import ReportViewSet  # noqa: E402
from .rounds import FrozenFiveBandView, RoundProjectsView, RoundStatusView  # noqa: E402
from .windows import WindowViewSet  # noqa: E402

_router = SimpleRouter()
_router.register("windows", WindowViewSet, basename="api_window")
_router.register("reports", ReportViewSet, basename="api_report")
_ROUND = r"^rounds/(?P<fiscal_year>[^/]+)/(?P<quarter>[^/]+)/"
urlpatterns += _router.urls
urlpatterns += [
    re_path(_ROUND + r"projects/$", RoundProjectsView.as_view(), name="api_round_projects"),
    re_path(_ROUND + r"status/$", RoundStatusView.as_view(), name="api_round_status"),
    re_path(
        _ROUND + r"five-band/frozen/$", FrozenFiveBandView.as_view(), name="api_five_band_frozen"
    ),
]
