from django.urls import path

from .views import FiveBandView

urlpatterns = [
    path("summaries/five-band/", FiveBandView.as_view(), name="api_five_band"),
]
