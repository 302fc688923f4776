"""What the page frame shows every signed-in user: unread notifications, the audit menu."""

from __future__ import annotations

from django.http import HttpRequest


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from audit.selectors import may_audit  # the audit app reads roles from workflow
    from workflow.models import Notification
    from workflow.permissions import role_book

    return {
        "nav": {
            "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
            "may_audit": may_audit(user),
            "may_appraise": any(
                "standing_office" in roles for roles in role_book(user).by_authority.values()
            ),
            "may_decide": any(
                roles & {"chairman", "vice_chairman"}
                for roles in role_book(user).by_authority.values()
            ),
        }
    }
