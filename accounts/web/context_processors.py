"""What the page frame shows every signed-in user: unread notifications and the menu links
their roles open (the same role rules as the pages behind the links)."""

from __future__ import annotations

from django.http import HttpRequest

from audit.selectors import may_audit
from councils.roles import deciding_authorities, standing_office_authorities
from workflow.models import Notification


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": {
            "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
            "may_audit": may_audit(user),
            "may_appraise": bool(standing_office_authorities(user)),
            "may_decide": bool(deciding_authorities(user)),
        }
    }
