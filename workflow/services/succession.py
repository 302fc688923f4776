"""An authority passing to its successor on the succession date (the 2025 arrangement of
administrative units): the successor continues the predecessor's work, and the predecessor's
decisions, minutes and papers keep its name.

What passes: every dossier the predecessor holds (open ones with their holds and deadlines,
decided ones so the successor may revoke and report on them), its units with their people and
ledgers, its movements still running, and its unit heads' roles; dossiers waiting on a meeting
that was planned but not held go back to the appraised list for the successor's council. Every
moved dossier gets a history row and an audit event; the other roles of the old authority end
the day before and the successor's are given by its own decisions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from audit.services import audit_event_new, audit_events_append, save_with_history
from core.errors import InvalidInput, NotPermitted, WrongState
from councils.models import AgendaItem, Delegation, Meeting, Membership, Succession, Unit
from nominations.models import Movement, Nomination

S = Nomination.State


@dataclass(frozen=True)
class SuccessionDone:
    nominations: int
    units: int
    movements: int
    memberships_ended: int
    memberships_begun: int
    agenda_items_released: int


def _may_apply(actor: User | None) -> bool:
    # None: the nightly task applying what falls due; otherwise an administrator.
    return actor is None or (actor.is_active and actor.has_perm("councils.change_succession"))


@transaction.atomic
def succession_apply(*, succession: Succession, actor: User | None) -> SuccessionDone:
    """Hand the predecessor's work to the successor named to take it over."""
    if not _may_apply(actor):
        raise NotPermitted(_("Chỉ quản trị hệ thống được chuyển giao đơn vị hành chính."))
    succession = (
        Succession.objects.select_for_update()
        .select_related("predecessor", "successor")
        .get(pk=succession.pk)
    )
    if succession.applied_at:
        raise WrongState(_("Việc kế thừa này đã được chuyển giao."))
    if not succession.takes_over:
        raise InvalidInput(_("Đơn vị kế thừa này không tiếp nhận hồ sơ đang xử lý."))
    old, new, on = succession.predecessor, succession.successor, succession.on
    if Meeting.objects.filter(council__authority=old, state=Meeting.State.OPEN).exists():
        raise WrongState(_("Đơn vị cũ đang có phiên họp chưa kết thúc: kết thúc phiên họp trước."))
    why = f"Kế thừa: {old.full_name} → {new.full_name} từ {on:%d/%m/%Y}"

    released = _release_planned_items(old)
    moved = _move_nominations(old, new, released, actor, why)
    units = _move_units(old, new, actor, why)
    movements = list(Movement.objects.filter(authority=old, ends_on__gte=on))
    for movement in movements:
        movement.authority = new
    bulk_update_with_history(
        movements, Movement, ["authority"], default_user=actor, default_change_reason=why
    )
    ended, begun = _hand_over_roles(old, new, on, actor, why)

    succession.applied_at = timezone.now()
    save_with_history(succession, actor, reason=why, update_fields=["applied_at"])
    done = SuccessionDone(
        nominations=len(moved),
        units=len(units),
        movements=len(movements),
        memberships_ended=ended,
        memberships_begun=begun,
        agenda_items_released=len(released),
    )
    audit_events_append(
        [
            *(
                audit_event_new(
                    actor=actor,
                    action="nomination.transfer",
                    target=row,
                    authority=new,
                    unit=row.proposing_unit,
                    from_state=from_state,
                    to_state=row.state,
                    payload={"from_authority": old.pk, "to_authority": new.pk},
                )
                for row, from_state in moved
            ),
            audit_event_new(
                actor=actor,
                action="succession.apply",
                target=succession,
                authority=new,
                payload={"from_authority": old.pk, **done.__dict__},
            ),
        ]
    )
    return done


def _release_planned_items(old) -> set[int]:
    """Dossiers on a planned meeting of the old council go back to be scheduled again."""
    items = AgendaItem.objects.filter(
        meeting__council__authority=old, meeting__state=Meeting.State.PLANNED
    )
    released = set(items.values_list("nomination_id", flat=True))
    for item in items:
        item.delete()  # simple-history keeps the deleted row
    return released


def _move_nominations(old, new, released: set[int], actor, why: str) -> list[tuple]:
    rows = list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("proposing_unit")
        .filter(current_authority=old)
        .order_by("pk")
    )
    moved, now = [], timezone.now()
    for row in rows:
        from_state = row.state
        row.current_authority = new
        if row.state == S.IN_COUNCIL and row.pk in released:
            row.state = S.APPRAISED
        row.updated_at = now  # the version (ETag) changes: an edit read before is refused
        moved.append((row, from_state))
    bulk_update_with_history(
        rows,
        Nomination,
        ["current_authority", "state", "updated_at"],
        default_user=actor,
        default_change_reason=why,
    )
    return moved


def _move_units(old, new, actor, why: str) -> list[Unit]:
    """The thôn, schools and associations go on under the successor; a name the successor
    already uses gets the old commune's name after it."""
    taken = set(new.units.values_list("name", flat=True))
    units = list(Unit.objects.filter(authority=old))
    for unit in units:
        unit.authority = new
        if unit.name in taken:
            unit.name = f"{unit.name} ({old.full_name} cũ)"
    bulk_update_with_history(
        units, Unit, ["authority", "name"], default_user=actor, default_change_reason=why
    )
    return units


def _hand_over_roles(old, new, on: datetime.date, actor, why: str) -> tuple[int, int]:
    """Roles in the old authority end the day before; a unit head keeps their unit (and their
    account) under the successor."""
    last_day = on - datetime.timedelta(days=1)
    active = list(Membership.objects.filter(authority=old).active_on(on))
    successors = []
    for membership in active:
        membership.valid_to = last_day
        if membership.role == Membership.Role.UNIT_HEAD and membership.unit_id:
            successors.append(
                Membership(
                    user_id=membership.user_id,
                    role=membership.role,
                    authority=new,
                    unit_id=membership.unit_id,
                    valid_from=on,
                )
            )
    bulk_update_with_history(
        active, Membership, ["valid_to"], default_user=actor, default_change_reason=why
    )
    if successors:
        bulk_create_with_history(
            successors, Membership, default_user=actor, default_change_reason=why
        )
    delegations = list(Delegation.objects.filter(authority=old, valid_to__gte=on))
    for delegation in delegations:
        delegation.valid_to = max(last_day, delegation.valid_from)
    bulk_update_with_history(
        delegations, Delegation, ["valid_to"], default_user=actor, default_change_reason=why
    )
    return len(active), len(successors)


def successions_due(today: datetime.date) -> list[SuccessionDone]:
    """Apply every succession that takes over and has come into force (the nightly task)."""
    due = Succession.objects.filter(on__lte=today, applied_at__isnull=True, takes_over=True)
    return [succession_apply(succession=s, actor=None) for s in due.order_by("on", "pk")]
