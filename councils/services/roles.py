"""Granting and ending roles and object permissions, each with its audit event."""

from __future__ import annotations

import datetime

from django.db import models, transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import User
from audit.services import audit_event_record, save_and_record
from core.errors import InvalidInput, NotPermitted
from councils.models import Authority, Membership, Unit


def _require(actor: User, permission: str) -> None:
    if not (actor and actor.is_active and actor.has_perm(permission)):
        raise NotPermitted(_("Chỉ quản trị hệ thống được giao, thu hồi vai trò và quyền."))


@transaction.atomic
def membership_grant(
    *,
    actor: User,
    user: User,
    role: str,
    authority: Authority,
    unit: Unit | None = None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Membership:
    _require(actor, "councils.add_membership")
    membership = Membership(
        user=user,
        role=role,
        authority=authority,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    try:
        membership.full_clean()
    except Exception as error:
        raise InvalidInput(_("Vai trò không hợp lệ."), reasons=[str(error)]) from error
    save_and_record(
        membership,
        actor=actor,
        action="role.grant",
        reason="Giao vai trò",
        authority=authority,
        unit=unit,
        payload={"user": user.pk, "role": role, "valid_from": valid_from.isoformat()},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership, on: datetime.date) -> Membership:
    _require(actor, "councils.change_membership")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if on < membership.valid_from:
        raise InvalidInput(_("Ngày kết thúc phải sau ngày bắt đầu vai trò."))
    membership.valid_to = on
    save_and_record(
        membership,
        actor=actor,
        action="role.end",
        reason="Kết thúc vai trò",
        update_fields=["valid_to"],
        authority=membership.authority,
        payload={"user": membership.user_id, "role": membership.role, "valid_to": on.isoformat()},
    )
    return membership


def _object_permission_event(actor, action, user, permission, obj) -> None:
    audit_event_record(
        actor=actor,
        action=action,
        target=obj,
        authority=obj if isinstance(obj, Authority) else getattr(obj, "authority", None),
        payload={"user": user.pk, "permission": permission},
    )


@transaction.atomic
def object_permission_grant(*, actor: User, user: User, permission: str, obj: models.Model) -> None:
    """A guardian grant on one object (a unit, an authority, a nomination)."""
    _require(actor, "guardian.add_userobjectpermission")
    assign_perm(permission, user, obj)
    _object_permission_event(actor, "permission.grant", user, permission, obj)


@transaction.atomic
def object_permission_revoke(
    *, actor: User, user: User, permission: str, obj: models.Model
) -> None:
    _require(actor, "guardian.delete_userobjectpermission")
    remove_perm(permission, user, obj)
    _object_permission_event(actor, "permission.revoke", user, permission, obj)
