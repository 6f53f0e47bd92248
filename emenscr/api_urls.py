"""/api/v1/: each app's endpoints, the OpenAPI schema and its documentation page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("orgs.api_urls")),
    path("", include("projects.api.urls")),
    path("", include("reporting.api.urls")),
    path("", include("approvals.api.urls")),
    path("", include("kpis.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "docs/",
        # The split view serves Swagger UI's start-up script as a file of its own (?script),
        # so the page needs no inline script under the Content Security Policy.
        SpectacularSwaggerSplitView.as_view(
            url_name="api_schema", template_name="api/swagger_ui.html"
        ),
        name="api_docs",
    ),
]
