"""Sign-ins and failed sign-ins go into the audit log (Django announces them as signals)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts import throttle
from audit.services import audit_event_record


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs) -> None:
    throttle.clear(user.get_username(), _address(request))
    audit_event_record(
        actor=user, action="auth.login", target=user, payload={"ip": _address(request)}
    )


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:64]
    throttle.record_failure(username, _address(request))
    audit_event_record(
        actor=None,
        action="auth.login_failed",
        object_type="accounts.user",
        object_id=username,
        payload={"username": username, "ip": _address(request)},
    )
