"""What the page frame shows every signed-in user: unread notifications and the menu links
their roles open (the same role rules as the pages behind the links)."""

from __future__ import annotations

import functools

from django.http import HttpRequest

from councils.roles import deciding_authorities, is_standing_office_anywhere
from councils.selectors import may_audit, works_on_councils
from workflow.models import Notification


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": {
            "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
            "may_audit": may_audit(user),
            "may_appraise": is_standing_office_anywhere(user),
            "may_decide": bool(deciding_authorities(user)),
            # A unit head with no council seat has no council page to open. Asked only by a
            # page that shows the menu (the template calls it), not by the admin's.
            "may_council": functools.partial(works_on_councils, user),
        }
    }
