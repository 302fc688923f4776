"""The optional second factor (TOTP, django-otp): who may enrol, who must give a code."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import audit_event_record
from core.errors import InvalidInput, NotPermitted


def _administrators_only(user) -> bool:
    return user.is_staff or user.is_superuser


# Who may enrol is a role rule, and roles live above this app: councils registers its rule
# (councils.roles.may_enrol_second_factor) in CouncilsConfig.ready().
_enrolment_policy: Callable[[object], bool] = _administrators_only


def enrolment_policy_set(policy: Callable[[object], bool]) -> None:
    global _enrolment_policy
    _enrolment_policy = policy


def may_enrol(user) -> bool:
    """Whether the user may protect their account with a code (the registered rule)."""
    return bool(user is not None and user.is_authenticated and _enrolment_policy(user))


def confirmed_device(user) -> TOTPDevice | None:
    if user is None or not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_code(user) -> bool:
    return confirmed_device(user) is not None


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: created unconfirmed, confirmed by a first good code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def provisioning(device: TOTPDevice) -> dict:
    """What the enrolment page shows: the QR code (an SVG data URI, no script) and the key."""
    return {
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        "secret": b32encode(device.bin_key).decode(),
    }


def verify(device: TOTPDevice, code: str) -> bool:
    """django-otp's own throttling doubles the wait after each wrong code."""
    allowed, _info = device.verify_is_allowed()
    return bool(allowed) and device.verify_token(code.strip())


@transaction.atomic
def device_confirm(*, user, device: TOTPDevice, code: str, request=None) -> TOTPDevice:
    if not may_enrol(user):
        raise NotPermitted(_("Chỉ Chủ tịch và quản trị viên dùng mã xác thực hai bước."))
    if device.user_id != user.pk or not verify(device, code):
        raise InvalidInput(_("Mã xác thực không đúng hoặc đã hết hạn."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    audit_event_record(actor=user, action="auth.otp_enrol", target=user, payload=_ip(request))
    return device


@transaction.atomic
def device_remove(*, user, code: str, request=None) -> None:
    device = confirmed_device(user)
    if device is None or not verify(device, code):
        raise InvalidInput(_("Mã xác thực không đúng hoặc đã hết hạn."))
    TOTPDevice.objects.filter(user=user).delete()
    audit_event_record(actor=user, action="auth.otp_remove", target=user, payload=_ip(request))


def record_wrong_code(user, request=None) -> None:
    audit_event_record(actor=user, action="auth.otp_failed", target=user, payload=_ip(request))


def _ip(request) -> dict:
    return {"ip": request.META.get("REMOTE_ADDR", "")} if request is not None else {}
