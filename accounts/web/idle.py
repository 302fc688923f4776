"""Signed-in sessions end after a quiet spell, and nobody loses their work to it.

- A session unused for `SESSION_IDLE_MINUTES` (30 by default) is signed out on its next
  request. The meeting page's live count polls every few seconds; those polls neither count
  as use nor keep a session alive.
- An htmx request that needs signing in gets `HX-Redirect` to the sign-in page (and back to
  the page it came from), never the sign-in page pasted into a fragment.
- A form posted after the session ended is kept: its text goes with the person through the
  sign-in and is put back in the form on the page they return to (static/app.js).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.sessions import LAST_USE

_RECORD_EVERY = 60  # seconds
KEPT_FORM = "kept_form"
# Polls that show a page's state without anyone touching it.
PASSIVE_HEADER = "HTTP_X_PASSIVE_POLL"
# Fields never carried over: the token is the new session's, files cannot be kept.
_NOT_KEPT = {"csrfmiddlewaretoken", "confirmed"}


def _idle_seconds() -> int:
    return int(settings.SESSION_IDLE_MINUTES) * 60


def _same_site_path(url: str) -> str:
    """The path (and query) of a URL of this site; empty for anything else."""
    parts = urlsplit(url or "")
    if parts.scheme and parts.scheme not in ("http", "https"):
        return ""
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if path.startswith("/") and not path.startswith("//") else ""


def _sign_in_url(back_to: str) -> str:
    """The sign-in page, back to `back_to` after (written as login_required writes it)."""
    login = resolve_url(settings.LOGIN_URL)
    return redirect_to_login(back_to, login)["Location"] if back_to else login


class IdleSessionMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        passive = PASSIVE_HEADER in request.META
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_USE, 0.0)
            if LAST_USE in request.session and now - last > _idle_seconds():
                auth.logout(request)  # the rest of this request runs signed out
                messages.info(
                    request,
                    _(
                        "Phiên làm việc đã kết thúc sau %(minutes)d phút không dùng. Đăng nhập"
                        " lại để tiếp tục; nội dung đang nhập được giữ lại."
                    )
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
            elif not passive and now - last > _RECORD_EVERY:
                # Written at most once a minute: a session write per page would cost a query.
                request.session[LAST_USE] = now
        response = self.get_response(request)
        if not self._sends_to_sign_in(response):
            return response
        if getattr(request, "htmx", False):
            # Back to the page the fragment belongs to, not to the fragment.
            page = _same_site_path(request.headers.get("HX-Current-URL", ""))
            return HttpResponseClientRedirect(_sign_in_url(page))
        if request.method == "POST":
            page = _same_site_path(request.headers.get("Referer", "")) or request.path
            request.session[KEPT_FORM] = {
                "page": page.split("?")[0],
                "fields": {
                    name: request.POST.getlist(name)
                    for name in request.POST
                    if name not in _NOT_KEPT
                },
            }
            response["Location"] = _sign_in_url(page)
        return response

    @staticmethod
    def _sends_to_sign_in(response: HttpResponse) -> bool:
        """A page that needs a signed-in user sent this one to sign in (login_required says
        where to come back to; the sign-in pages' own redirects do not)."""
        if response.status_code != 302:
            return False
        target = urlsplit(response.get("Location", ""))
        return target.path == resolve_url(settings.LOGIN_URL) and "next=" in target.query


def kept_form(request: HttpRequest) -> dict:
    """Context: the text of a form posted after the session ended, on the page it came from
    (once), for static/app.js to put back."""
    kept = request.session.get(KEPT_FORM) if hasattr(request, "session") else None
    if not kept or kept.get("page") != request.path or not request.user.is_authenticated:
        return {}
    del request.session[KEPT_FORM]
    return {"kept_form": kept["fields"]}
