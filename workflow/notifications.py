"""Telling people what waits on them: in-app notifications, and e-mail copies through the
outbox, written in the same transaction as the change that causes them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.history import created
from core.statements import Clause, insert_clause, insert_kept, writes_as_one
from councils.models import Membership
from councils.roles import PeopleToday, seats_today
from nominations.models import Nomination
from outbox.delivery import stable_message_id
from outbox.models import OutboxMessage
from outbox.services import outbox_add_many
from workflow.flow import NominationFlow
from workflow.models import Deadline, Notification

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


def _authority_roles(roles: tuple[str, ...]) -> set[str]:
    """The roles held in the nomination's current authority (a seat counts as a member)."""
    held = {r for r in roles if r not in (R.UNIT_HEAD, COUNCIL)}
    if COUNCIL in roles:
        held.add(R.COUNCIL_MEMBER)
    return held


def tells_council(action: str) -> bool:
    """Whether the action may bring a nomination to a state whose arrival the council is
    told of (NominationFlow's declared targets)."""
    return action in _ACTIONS_TELLING_COUNCIL


_ACTIONS_TELLING_COUNCIL = frozenset(
    row.action
    for row in NominationFlow.table()
    if any(COUNCIL in TOLD_ON_ARRIVAL.get(target, ()) for target in row.targets)
)


def _recipients(
    wanted: Sequence[tuple[Nomination, tuple[str, ...]]],
    actor: User | None,
    people: PeopleToday | None = None,
) -> dict[int, list[User]]:
    """For each nomination, the active users holding any of its roles today: the
    memberships and council seats read with the actor's roles (`people`, when they cover
    the nominations' authorities and units) or one query for each, however many
    nominations and people."""
    today = clock.today()
    authorities = {nomination.current_authority_id for nomination, _roles in wanted}
    units = {n.proposing_unit_id for n, roles in wanted if R.UNIT_HEAD in roles}
    covered = people is not None and people.covers(today, authorities, units)
    if covered:
        held = [m for m in people.memberships if m.user.is_active]
    else:
        in_authority = set().union(*(_authority_roles(roles) for _n, roles in wanted))
        held = (
            Membership.objects.active_on(today)
            .filter(
                Q(role__in=in_authority, authority_id__in=authorities)
                | Q(role=R.UNIT_HEAD, unit_id__in=units),
                user__is_active=True,
            )
            .select_related("user")
        )
    by_role: dict[tuple[str, int], list[User]] = defaultdict(list)
    for membership in held:
        if membership.role == R.UNIT_HEAD:
            by_role[(R.UNIT_HEAD, membership.unit_id)].append(membership.user)
        else:
            by_role[(membership.role, membership.authority_id)].append(membership.user)
    if any(COUNCIL in roles for _n, roles in wanted):
        read = people.seats if covered else None
        serving = seats_today(today, authorities) if read is None else read
        for seat in serving:
            by_role[(COUNCIL, seat.seat_authority)].append(seat.user)
    found = {}
    for nomination, roles in wanted:
        keys = [(role, nomination.current_authority_id) for role in _authority_roles(roles)]
        if COUNCIL in roles:
            keys.append((COUNCIL, nomination.current_authority_id))
        if R.UNIT_HEAD in roles:
            keys.append((R.UNIT_HEAD, nomination.proposing_unit_id))
        users = {user.pk: user for key in keys for user in by_role[key]}
        if actor is not None:
            users.pop(actor.pk, None)  # nobody is told of what they just did
        found[nomination.pk] = [users[pk] for pk in sorted(users)]
    return found


def _subject(text: str) -> str:
    return f"[{_('Thi đua - Khen thưởng')}] {text}"


Told = list[tuple[Notification, str]]  # each notification not yet saved, with its e-mail subject


def save_notifications(told: Told) -> list[Notification]:
    """Save the notifications and the e-mail copy of each (with its subject) in the outbox:
    two INSERTs however many."""
    notifications = [notification for notification, _subject in told]
    if notifications and writes_as_one(connection):
        notifications_saved(told, insert_kept(notifications, connection))
    else:
        Notification.objects.bulk_create(notifications)  # primary keys come back (RETURNING)
        _email_copies(told)
    return notifications


def notifications_clause(told: Told) -> Clause:
    """PostgreSQL: the notifications' INSERT as the clause `told` of the statement that
    writes the change they tell of (core.statements); give its keys to notifications_saved."""
    notifications = [notification for notification, _subject in told]
    return insert_clause("told", notifications, connection, returning="id")


def notifications_saved(told: Told, keys: Sequence[int]) -> None:
    """Mark the notifications saved under their keys (in order), then put their e-mail
    copies in the outbox."""
    for (notification, _subject), key in zip(told, keys, strict=True):
        created(notification, key, connection)
    _email_copies(told)


def _email_copies(told: Told) -> None:
    outbox_add_many(
        (
            OutboxMessage.Kind.EMAIL,
            f"notification:{notification.pk}",
            {
                "to": notification.user.email,
                "subject": subject,
                "body": notification.message,
                "notification": notification.pk,
            },
        )
        for notification, subject in told
        if notification.user.email
    )


def _notify(users: list[User], subject: str, **fields) -> list[Notification]:
    return save_notifications([(Notification(user=user, **fields), subject) for user in users])


def _told_on_arrival(nomination: Nomination, source: str) -> tuple[str, ...]:
    if nomination.state == S.WITHDRAWN and source == S.DRAFT:
        return ()  # nobody outside the unit ever saw it
    return TOLD_ON_ARRIVAL.get(nomination.state, ())


def transition_notifications(
    moved: Sequence[tuple[Nomination, str, str]],
    *,
    actor: User | None,
    people: PeopleToday | None = None,
) -> Told:
    """The notifications of these transitions, not yet saved (on PostgreSQL a transition
    writes them with its change: `notifications_clause`). Messages are in the site's
    language, not the actor's."""
    wanted = [(n, _told_on_arrival(n, source)) for n, source, _reason in moved]
    wanted = [(n, roles) for n, roles in wanted if roles]
    if not wanted:
        return []
    recipients = _recipients(wanted, actor, people)
    reasons = {nomination.pk: reason for nomination, _source, reason in moved}
    told = []
    with translation.override(settings.LANGUAGE_CODE):
        for nomination, _roles in wanted:
            if not recipients[nomination.pk]:
                continue
            state = nomination.get_state_display()
            message = _("Hồ sơ số %(pk)s (%(award)s, %(unit)s): %(state)s.") % {
                "pk": nomination.pk,
                "award": nomination.award_type.name,
                "unit": nomination.proposing_unit.name,
                "state": state,
            }
            if reason := reasons[nomination.pk]:
                message += " " + _("Lý do: %(reason)s") % {"reason": reason}
            subject = _subject(
                _("Hồ sơ số %(pk)s: %(state)s") % {"pk": nomination.pk, "state": state}
            )
            told.extend(
                (Notification(user=user, nomination=nomination, message=message[:500]), subject)
                for user in recipients[nomination.pk]
            )
    return told


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


def deliver_email(payload: dict, *, key: str) -> None:
    """The outbox's handler for an e-mail job (registered in WorkflowConfig.ready); every
    delivery of one job carries the same Message-ID."""
    EmailMessage(
        payload["subject"],
        payload["body"],
        None,
        [payload["to"]],
        headers={"Message-ID": stable_message_id(key)},
    ).send()


def notification_open(*, user: User, notification_id: int) -> Notification | None:
    """Mark one of the user's notifications read (first opening only) and return it; None
    when it is not theirs."""
    found = Notification.objects.filter(pk=notification_id, user=user).first()
    if found is not None and found.read_at is None:
        found.read_at = timezone.now()
        found.save(update_fields=["read_at"])
    return found
