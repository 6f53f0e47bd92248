from django.urls import path

from .views import BulkApproveView, InboxView, ItemActionView, ItemReturnView

urlpatterns = [
    path("approvals/inbox/", InboxView.as_view(), name="api_approvals_inbox"),
    path("approvals/bulk-approve/", BulkApproveView.as_view(), name="api_approvals_bulk_approve"),
    path(
        "approvals/items/<str:kind>/<str:object_id>/return/",
        ItemReturnView.as_view(),
        name="api_approvals_item_return",
    ),
    path(
        "approvals/items/<str:kind>/<str:object_id>/<str:action>/",
        ItemActionView.as_view(),
        name="api_approvals_item_action",
    ),
]
