"""Sign-ins, failed sign-ins and lock-outs go into the audit log (Django and django-axes
announce them as signals)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.sessions import session_started
from audit.services import audit_event_record
from core.requests import client_address


def _address(request) -> str:
    return client_address(request) if request is not None else ""


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs) -> None:
    audit_event_record(
        actor=user, action="auth.login", target=user, payload={"ip": _address(request)}
    )


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:64]
    audit_event_record(
        actor=None,
        action="auth.login_failed",
        object_type="accounts.user",
        object_id=username,
        payload={"username": username, "ip": _address(request)},
    )


@receiver(user_locked_out)
def record_lockout(sender, request, username, ip_address, **kwargs) -> None:
    # axes also announces every refused attempt during a lock-out; only the failure that
    # started it counted an attempt (axes_failures_since_start), and only it is the event.
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    username = str(username or "")[:64]
    audit_event_record(
        actor=None,
        action="auth.locked_out",
        object_type="accounts.user",
        object_id=username,
        payload={"username": username, "ip": ip_address or ""},
    )


user_logged_in.connect(session_started, dispatch_uid="accounts.session_started")
