"""Nine members vote in parallel while the standing office closes the meeting."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from audit.verification import verify_chain
from core.errors import WrongState
from councils import services as council_services
from councils.models import AgendaItem, Ballot, CouncilMember
from nominations.models import Nomination
from tests.threads import run_together
from tests.world import council_of
from workflow import meetings


@pytest.mark.parametrize("award", ["chien-si-thi-dua-co-so", "lao-dong-tien-tien"])
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_ballot_is_counted_once_or_refused_and_the_tally_matches(world, award):
    council, members = council_of(world, size=9)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    nomination = world.nomination(award, Nomination.State.APPRAISED)
    item = meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    seats = list(
        CouncilMember.objects.filter(pk__in=[m.pk for m in members]).select_related("user")
    )

    def vote(seat):
        return lambda: council_services.ballot_cast(
            item=AgendaItem.objects.get(pk=item.pk), actor=seat.user, choice="yes"
        )

    def close():
        return meetings.meeting_close(
            meeting=type(meeting).objects.get(pk=meeting.pk), actor=office
        )

    results = run_together([*(vote(seat) for seat in seats), close])
    *ballots, closing = results
    assert not isinstance(closing, Exception), closing
    accepted = [r for r in ballots if isinstance(r, Ballot)]
    refused = [r for r in ballots if isinstance(r, Exception)]
    assert len(accepted) + len(refused) == 9
    assert all(isinstance(r, WrongState) and "đã kết thúc" in r.message for r in refused), refused
    assert Ballot.objects.filter(item=item).count() == len(accepted)
    item.refresh_from_db()
    assert item.yes_count == len(accepted)
    assert item.base == 9
    # Nine appenders at once never chain onto the same tail (audit.services: audit_append
    # locks the chain on PostgreSQL; SQLite serialises writers).
    assert AuditEvent.objects.filter(action="ballot.cast").count() == len(accepted)
    assert verify_chain().intact
