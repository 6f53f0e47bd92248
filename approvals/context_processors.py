from orgs.permissions import can


def unread_notifications(request):
    """What every page's navigation needs: unread notices, and the links this user may use."""

    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
        "nav_board": can(user, "round.board", None),
        "nav_windows": can(user, "window.manage", None),
        "nav_summaries": can(user, "summary.view", None),
        "nav_compare": can(user, "summary.compare", None),
        "nav_memos": can(user, "memo.view", None),
    }
