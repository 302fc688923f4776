"""Telling people what waits on them: in-app notifications, with e-mail copies after commit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from councils.models import Membership
from workflow.models import Deadline, Notification


def deadline_recipients(deadline: Deadline) -> list[User]:
    """Everyone who holds the responsible role today (for a unit head: of the proposing unit)."""
    memberships = Membership.objects.active_on(timezone.localdate()).filter(
        role=deadline.responsible_role, authority_id=deadline.authority_id
    )
    if deadline.responsible_role == Membership.Role.UNIT_HEAD:
        memberships = memberships.filter(unit_id=deadline.nomination.proposing_unit_id)
    return list(User.objects.filter(memberships__in=memberships, is_active=True).distinct())


def deadline_notify_overdue(*, deadline_id: int) -> list[Notification]:
    """Remind the responsible people once; a second sweep finds it notified and does nothing."""
    from workflow.tasks import send_notification_emails  # tasks import this module

    with transaction.atomic():
        deadline = (
            Deadline.objects.select_for_update(of=("self",))
            .select_related("nomination__award_type", "nomination__proposing_unit")
            .filter(pk=deadline_id, met_at__isnull=True, notified_at__isnull=True)
            .first()
        )
        if deadline is None:
            return []
        nomination = deadline.nomination
        message = (
            f"Quá hạn {deadline.due_on:%d/%m/%Y}: {deadline.get_kind_display()} — "
            f"{nomination.award_type.name}, {nomination.proposing_unit.name} "
            f"(hồ sơ số {nomination.pk})."
        )
        notifications = [
            Notification(user=user, nomination=nomination, deadline=deadline, message=message)
            for user in deadline_recipients(deadline)
        ]
        Notification.objects.bulk_create(notifications)
        deadline.notified_at = timezone.now()
        deadline.save(update_fields=["notified_at"])
        ids = [n.pk for n in Notification.objects.filter(deadline=deadline)]
        transaction.on_commit(lambda: send_notification_emails.delay(ids))
    return notifications
