from django.urls import path

from . import views

app_name = "approvals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("notifications/", views.notification_list, name="notifications"),
    path("bulk/preview/", views.bulk_preview, name="bulk_preview"),
    path("bulk/approve/", views.bulk_approve, name="bulk_approve"),
    path("item/<int:content_type_id>/<int:object_id>/", views.item_action, name="item_action"),
    path(
        "item/<int:content_type_id>/<int:object_id>/revisions/<int:number>/",
        views.item_revision,
        name="item_revision",
    ),
]
