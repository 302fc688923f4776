"""Telling people what waits on them: in-app notifications, and e-mail copies through the
outbox, written in the same transaction as the change that causes them."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from councils.models import CouncilMember, Membership
from nominations.models import Nomination
from workflow import clock
from workflow.models import Deadline, Notification, OutboxMessage
from workflow.outbox import outbox_add_many

S = Nomination.State
R = Membership.Role
COUNCIL = "council"  # the council's roster: the chairman, members, and whoever has a seat today

# Who is told when a nomination arrives in a state (design.md §1 and §4): the people who must
# act next, or, for an outcome, the unit that proposed it.
TOLD_ON_ARRIVAL: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (R.STANDING_OFFICE,),
    S.APPRAISED: (R.CHAIRMAN, COUNCIL),
    S.IN_COUNCIL: (R.CHAIRMAN, COUNCIL),
    S.AWAITING_DECISION: (R.CHAIRMAN,),
    S.RETURNED: (R.UNIT_HEAD,),
    S.ON_HOLD: (R.UNIT_HEAD,),
    S.FORWARDED: (R.UNIT_HEAD,),
    S.APPROVED: (R.UNIT_HEAD,),
    S.REJECTED: (R.UNIT_HEAD,),
    S.REVOKED: (R.UNIT_HEAD,),
    S.WITHDRAWN: (R.STANDING_OFFICE,),
}


def _recipients(nomination: Nomination, roles: tuple[str, ...], actor: User | None) -> list[User]:
    """One query, whatever the roles: the active users holding any of them today."""
    today = clock.today()
    memberships = Membership.objects.active_on(today)
    who = Q(pk__in=[])
    authority_roles = [r for r in roles if r not in (R.UNIT_HEAD, COUNCIL)]
    if COUNCIL in roles:
        authority_roles.append(R.COUNCIL_MEMBER)
        seats = CouncilMember.objects.serving_on(today).filter(
            council__authority_id=nomination.current_authority_id,
            council__dissolved_on__isnull=True,
        )
        who |= Q(pk__in=seats.values("user_id"))
    if authority_roles:
        held = memberships.filter(
            role__in=authority_roles, authority_id=nomination.current_authority_id
        )
        who |= Q(pk__in=held.values("user_id"))
    if R.UNIT_HEAD in roles:
        heads = memberships.filter(role=R.UNIT_HEAD, unit_id=nomination.proposing_unit_id)
        who |= Q(pk__in=heads.values("user_id"))
    users = User.objects.filter(who, is_active=True).order_by("pk")
    if actor is not None:
        users = users.exclude(pk=actor.pk)  # nobody is told of what they just did
    return list(users)


def _subject(text: str) -> str:
    return f"[{_('Thi đua - Khen thưởng')}] {text}"


def _email_jobs(notifications: list[Notification], subject: str):
    for notification in notifications:
        if notification.user.email:
            yield (
                OutboxMessage.Kind.EMAIL,
                f"notification:{notification.pk}",
                {
                    "to": notification.user.email,
                    "subject": subject,
                    "body": notification.message,
                    "notification": notification.pk,
                },
            )


def _notify(users: list[User], subject: str, **fields) -> list[Notification]:
    """Save one notification per user and its e-mail copy in the outbox: two INSERTs."""
    notifications = [Notification(user=user, **fields) for user in users]
    Notification.objects.bulk_create(notifications)  # primary keys come back (RETURNING)
    outbox_add_many(_email_jobs(notifications, subject))
    return notifications


def nomination_notify_transition(
    *, nomination: Nomination, source: str, actor: User | None, reason: str = ""
) -> list[Notification]:
    """Tell who must act now that `nomination` has left `source`; called by the transition,
    inside its transaction. Messages are stored in the site's language, not the actor's."""
    roles = TOLD_ON_ARRIVAL.get(nomination.state, ())
    if nomination.state == S.WITHDRAWN and source == S.DRAFT:
        roles = ()  # nobody outside the unit ever saw it
    if not roles:
        return []
    users = _recipients(nomination, roles, actor)
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        state = nomination.get_state_display()
        message = _("Hồ sơ số %(pk)s (%(award)s, %(unit)s): %(state)s.") % {
            "pk": nomination.pk,
            "award": nomination.award_type.name,
            "unit": nomination.proposing_unit.name,
            "state": state,
        }
        if reason:
            message += " " + _("Lý do: %(reason)s") % {"reason": reason}
        subject = _subject(_("Hồ sơ số %(pk)s: %(state)s") % {"pk": nomination.pk, "state": state})
    return _notify(users, subject, nomination=nomination, message=message[:500])


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
        with translation.override(settings.LANGUAGE_CODE):
            message = _("Quá hạn %(due)s: %(kind)s — %(award)s, %(unit)s (hồ sơ số %(pk)s).") % {
                "due": f"{deadline.due_on:%d/%m/%Y}",
                "kind": deadline.get_kind_display(),
                "award": nomination.award_type.name,
                "unit": nomination.proposing_unit.name,
                "pk": nomination.pk,
            }
            subject = _subject(_("Việc quá hạn"))
        notifications = _notify(
            deadline_recipients(deadline),
            subject,
            nomination=nomination,
            deadline=deadline,
            message=message,
        )
        deadline.notified_at = timezone.now()
        deadline.save(update_fields=["notified_at"])
    return notifications
