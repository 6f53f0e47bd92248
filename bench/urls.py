"""The product's URLs and the load test's two baselines (bench/views.py)."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/floor/", views.stack_floor, name="bench_floor"),
    path("bench/bare/", views.bare_list, name="bench_bare"),
    path("", include("emenscr.urls")),
]
