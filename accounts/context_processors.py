"""What the page frame shows every signed-in user: unread notifications, the audit menu."""

from __future__ import annotations

from django.http import HttpRequest


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from audit.selectors import may_audit  # the audit app reads roles from workflow
    from workflow.models import Notification

    return {
        "nav": {
            "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
            "may_audit": may_audit(user),
        }
    }
