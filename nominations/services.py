"""Writes to the award catalogue that are not a single admin form."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from audit.services import audit_event_record
from nominations.models import AwardType
from workflow.errors import NotPermitted


@transaction.atomic
def award_types_set_in_use(*, award_types: Sequence[AwardType], in_use: bool, actor: User) -> int:
    """Take award types out of use (or back) in one statement, history and audit kept."""
    if not (actor and actor.is_active and actor.has_perm("nominations.change_awardtype")):
        raise NotPermitted("Chỉ quản trị hệ thống được sửa danh mục khen thưởng.")
    changed = [a for a in award_types if a.is_active != in_use]
    for award_type in changed:
        award_type.is_active = in_use
    reason = "Áp dụng lại" if in_use else "Ngừng áp dụng"
    bulk_update_with_history(
        changed, AwardType, ["is_active"], default_user=actor, default_change_reason=reason
    )
    for award_type in changed:
        audit_event_record(
            actor=actor,
            action="catalogue.reinstate" if in_use else "catalogue.withdraw",
            target=award_type,
            payload={"code": award_type.code},
        )
    return len(changed)
