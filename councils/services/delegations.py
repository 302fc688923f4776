"""Changes to the organisation that carry legal weight, each with its audit event."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import save_and_record
from core.errors import InvalidInput, NotPermitted
from councils.models import Authority, Delegation, Membership


def _holds(user: User, role: str, authority: Authority, day: datetime.date) -> bool:
    return (
        Membership.objects.active_on(day).filter(user=user, role=role, authority=authority).exists()
    )


@transaction.atomic
def delegation_grant(
    *,
    authority: Authority,
    chairman: User,
    delegate: User,
    valid_from: datetime.date,
    valid_to: datetime.date,
    reason: str = "",
) -> Delegation:
    """The chairman lets a vice-chairman decide awards for a span of dates ("KT. CHỦ TỊCH")."""
    if not _holds(chairman, Membership.Role.CHAIRMAN, authority, timezone.localdate()):
        raise NotPermitted(_("Chỉ Chủ tịch đương nhiệm mới ủy quyền quyết định khen thưởng."))
    if valid_to < valid_from:
        raise InvalidInput(_("Ngày kết thúc ủy quyền phải sau ngày bắt đầu."))
    if not _holds(delegate, Membership.Role.VICE_CHAIRMAN, authority, valid_from):
        raise InvalidInput(_("Người được ủy quyền phải là Phó Chủ tịch của cơ quan vào ngày đó."))
    delegation = Delegation(
        authority=authority,
        chairman=chairman,
        delegate=delegate,
        valid_from=valid_from,
        valid_to=valid_to,
        reason=reason,
    )
    save_and_record(
        delegation,
        actor=chairman,
        action="delegation.grant",
        authority=authority,
        payload={
            "delegate": delegate.pk,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
            "reason": reason,
        },
    )
    return delegation


@transaction.atomic
def delegation_revoke(*, delegation: Delegation, actor: User) -> Delegation:
    locked = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if not _holds(actor, Membership.Role.CHAIRMAN, locked.authority, timezone.localdate()):
        raise NotPermitted(_("Chỉ Chủ tịch đương nhiệm mới thu hồi ủy quyền."))
    if locked.revoked_at is not None:
        raise InvalidInput(_("Ủy quyền này đã được thu hồi."))
    locked.revoked_at = timezone.now()
    save_and_record(
        locked,
        actor=actor,
        action="delegation.revoke",
        update_fields=["revoked_at"],
        authority=locked.authority,
    )
    return locked
