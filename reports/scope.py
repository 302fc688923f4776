"""Who reads the reports of which authority, and which authorities a report covers.

The standing office, the chairman and a deciding vice-chairman report on their authority;
auditors on theirs. A report covers the authority, every level below it (a province, its
communes) and those it succeeded (a merged commune, its former communes), as auditors read.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import User
from councils.models import Authority
from councils.roles import (
    audited_authorities,
    deciding_authorities,
    signed_in,
    standing_office_authorities,
    units_acted_for,
)
from councils.selectors import authorities_read_by_auditors
from nominations.models import Movement


def reporting_authorities(user: User | AnonymousUser | None) -> list[Authority]:
    """The authorities this user may choose to report on, by name (every one for a
    superuser)."""
    if not signed_in(user):
        return []
    if user.is_superuser:
        return list(Authority.objects.order_by("level", "name"))
    own = standing_office_authorities(user) | deciding_authorities(user) | audited_authorities(user)
    if not own:
        return []
    return list(Authority.objects.filter(pk__in=own).order_by("level", "name"))


def may_report_on(user: User | AnonymousUser | None, authority: Authority) -> bool:
    """The user reports on the authority, or on one above it or that it continues."""
    if not signed_in(user):
        return False
    if user.is_superuser:
        return True
    own = standing_office_authorities(user) | deciding_authorities(user)
    own |= audited_authorities(user)
    return bool(own) and authority.pk in authorities_read_by_auditors(own)


def covered(authority: Authority) -> set[int]:
    """The authority, those below it and those it succeeded: what its reports count."""
    return authorities_read_by_auditors({authority.pk})


def chosen_authority(authorities: list[Authority], value: str | None) -> Authority:
    """The authority among `authorities` (those the user reports on) named by `value`, else
    the first."""
    return next((a for a in authorities if str(a.pk) == (value or "")), authorities[0])


def movement_get_for_user(user: User | AnonymousUser | None, pk: int) -> Movement:
    """The movement if the user reports on its authority (or on one above it or continuing
    it), or acts for a unit registered in it; else 404, as if absent."""
    movement = Movement.objects.select_related("authority").filter(pk=pk).first()
    if movement is not None and may_report_on(user, movement.authority):
        return movement
    units = units_acted_for(user) if movement is not None else set()
    if units and movement.registrations.filter(unit_id__in=units).exists():
        return movement
    raise Http404("Không tìm thấy phong trào.")
