def unread_notifications(request):
    """The unread count shown beside "การแจ้งเตือน" on every page (one query)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"unread_notifications": user.notifications.filter(read_at__isnull=True).count()}
