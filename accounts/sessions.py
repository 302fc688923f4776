"""When a signed-in session was last used, for the idle sign-out (accounts/web/idle.py)."""

from __future__ import annotations

import time

LAST_USE = "last_use"


def session_started(sender, request, user, **kwargs) -> None:
    """Signing in is the session's first use (a receiver of user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_USE] = time.time()
