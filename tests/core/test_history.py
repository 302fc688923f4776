"""core.history.create_with_history: a new row and its simple-history row, one statement on
PostgreSQL (issue 22), the same rows as save() with simple-history writes."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.models import HistoricalRecords as LibraryRecords

from audit.models import AuditEvent
from audit.services import create_and_record
from audit.verification import verify_chain
from core.history import create_with_history, update_rows_with_history
from councils import services as council_services
from councils.models import AgendaItem, Ballot
from nominations.models import Nomination
from tests.querycount import statements
from tests.world import council_of
from workflow import meetings
from workflow.services.transitions import Move, apply_all, lock_rows

pytestmark = pytest.mark.django_db

# The models written by create_with_history, which sends no model signal.
WRITTEN_WITHOUT_SIGNALS = (Ballot, AgendaItem)


@pytest.mark.parametrize("model", WRITTEN_WITHOUT_SIGNALS)
def test_nothing_but_simple_history_listens_to_the_models_written_without_signals(model):
    sync, asynchronous = post_save._live_receivers(model)
    assert not asynchronous
    assert sync
    assert all(isinstance(r.__self__, LibraryRecords) for r in sync), sync


def _open_item(world):
    council, members = council_of(world, size=3)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    nomination = world.nomination("lao-dong-tien-tien", Nomination.State.APPRAISED)
    item = meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    return item, members, office


def test_a_row_and_its_history_row_as_save_writes_them(world):
    item, members, office = _open_item(world)
    # The agenda item, written by meeting_add_item with create_with_history.
    (kept,) = AgendaItem.history.filter(id=item.pk)
    assert (kept.history_type, kept.history_user_id) == ("+", office.pk)
    assert (kept.position, kept.nomination_id, kept.secret) == (1, item.nomination_id, False)

    ballot = Ballot(item=item, member=members[0], choice="no", recorded_by=office)
    with CaptureQueriesContext(connection) as captured:
        create_with_history(ballot, actor=members[0].user, reason="Bỏ phiếu tại phiên họp")
    sent = statements(captured)
    assert len(sent) == (1 if connection.vendor == "postgresql" else 2)
    stored = Ballot.objects.get(pk=ballot.pk)
    assert (stored.choice, stored.member_id, stored.written_opinion) == ("no", members[0].pk, False)
    assert not ballot._state.adding
    (row,) = Ballot.history.filter(id=ballot.pk)
    assert (row.history_type, row.history_user_id, row.history_change_reason) == (
        "+",
        members[0].user.pk,
        "Bỏ phiếu tại phiên họp",
    )
    assert (row.item_id, row.member_id, row.recorded_by_id) == (item.pk, members[0].pk, office.pk)
    assert not hasattr(row, "choice")  # excluded from Ballot's history: the secret stays secret
    assert abs((timezone.now() - row.history_date).total_seconds()) < 60


def test_a_refused_insert_writes_no_history_either(world):
    item, members, office = _open_item(world)
    create_with_history(
        Ballot(item=item, member=members[1], choice="yes", recorded_by=office), actor=office
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # one ballot per member and item
        create_with_history(
            Ballot(item=item, member=members[1], choice="no", recorded_by=office), actor=office
        )
    assert Ballot.objects.filter(item=item, member=members[1]).count() == 1
    assert Ballot.history.filter(item_id=item.pk, member_id=members[1].pk).count() == 1


def test_rows_moved_together_get_history_rows_with_each_ones_reason(world):
    """`update_clauses` on PostgreSQL, `bulk_history_create` elsewhere: the same rows."""
    office = world["standing_office"]
    first, second = (world.nomination(state=Nomination.State.SUBMITTED) for _ in range(2))
    with transaction.atomic():
        rows = lock_rows(office, [first.pk, second.pk])
        apply_all(
            [Move(rows[0], "Thiếu bản sao"), Move(rows[1], "Sai năm đề nghị")],
            actor=office,
            action="return",
        )
    for nomination, reason in ((first, "Thiếu bản sao"), (second, "Sai năm đề nghị")):
        kept = Nomination.history.filter(id=nomination.pk).order_by("-history_id").first()
        assert (kept.history_type, kept.history_user_id, kept.history_change_reason) == (
            "~",
            office.pk,
            reason,
        )
        now = Nomination.objects.get(pk=nomination.pk)
        assert now.state == Nomination.State.RETURNED
        assert kept.history_date == now.updated_at
        for field in Nomination._meta.concrete_fields:
            assert getattr(kept, field.attname) == getattr(now, field.attname), field.name


def test_a_ballot_its_history_row_and_its_event_written_together(world):
    """audit.services.create_and_record: one statement on PostgreSQL when the event names
    another object (the item); a refused ballot leaves no history row and no event."""
    item, members, office = _open_item(world)
    before = AuditEvent.objects.count()
    ballot = Ballot(item=item, member=members[2], choice="yes", recorded_by=office)
    with CaptureQueriesContext(connection) as captured:
        event = create_and_record(
            ballot, actor=members[2].user, action="ballot.cast", target=item,
            payload={"item": item.pk},
        )  # fmt: skip
    assert len(statements(captured)) == (1 if connection.vendor == "postgresql" else 4)
    assert Ballot.objects.get(pk=ballot.pk).member_id == members[2].pk
    assert Ballot.history.get(id=ballot.pk).history_user_id == members[2].user.pk
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.sequence, stored.hash, stored.object_id) == (
        event.sequence,
        event.hash,
        str(item.pk),
    )
    assert verify_chain().intact
    with pytest.raises(IntegrityError), transaction.atomic():
        create_and_record(
            Ballot(item=item, member=members[2], choice="no", recorded_by=office),
            actor=office, action="ballot.cast", target=item,
        )  # fmt: skip
    assert AuditEvent.objects.count() == before + 1
    assert Ballot.history.filter(member_id=members[2].pk, item_id=item.pk).count() == 1


def test_rows_saved_with_their_own_values_get_history_rows(world):
    """`update_rows_with_history` (a meeting's close): each row its own counts, one history
    row each ("~", the actor, its reason); one statement on PostgreSQL, whatever the count."""
    council, _members = council_of(world, size=3)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    items = [
        meetings.meeting_add_item(
            meeting=meeting,
            nomination=world.nomination("lao-dong-tien-tien", Nomination.State.APPRAISED),
            actor=office,
        )
        for _ in range(3)
    ]
    for index, item in enumerate(items):
        item.yes_count, item.no_count, item.base = index + 1, 2 - index, 3
        item.tie_note = "" if index else "Ngang phiếu: theo ý kiến Chủ tịch"
        item.result = AgendaItem.Result.PASSED if index else AgendaItem.Result.FAILED
    items[1]._change_reason = "Kết thúc phiên họp"
    fields = ["yes_count", "no_count", "base", "tie_note", "result"]
    with CaptureQueriesContext(connection) as captured:
        update_rows_with_history(items, fields, actor=office)
    if connection.vendor == "postgresql":
        assert len(statements(captured)) == 1
    for index, item in enumerate(items):
        stored = AgendaItem.objects.get(pk=item.pk)
        assert [getattr(stored, f) for f in fields] == [getattr(item, f) for f in fields]
        kept = AgendaItem.history.filter(id=item.pk).order_by("-history_id").first()
        assert (kept.history_type, kept.history_user_id) == ("~", office.pk)
        assert kept.history_change_reason == ("Kết thúc phiên họp" if index == 1 else None)
        for field in AgendaItem._meta.concrete_fields:
            assert getattr(kept, field.attname) == getattr(stored, field.attname), field.name
    update_rows_with_history([], fields, actor=office)  # nothing to save: no statement
