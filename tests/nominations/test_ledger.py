"""The award ledger is written by every way an award is made or cancelled, and keeps the
awards made before it existed (issue 18 item 1)."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps

from core import clock
from nominations.ledger import ledger_for
from nominations.models import AwardRecord, Nomination
from workflow import services as workflow_services

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_a_decision_writes_one_ledger_row_per_awardee(world):
    rows = [world.nomination(state=S.AWAITING_DECISION) for _ in range(2)]
    decision = workflow_services.nominations_approve(
        nominations=rows,
        actor=world["chairman"],
        number="45/QĐ-UBND",
        issued_on=datetime.date(2025, 12, 20),
    )
    records = AwardRecord.objects.order_by("pk")
    assert [r.person_id for r in records] == [row.person_id for row in rows]
    first = records[0]
    year = world.period.ends_on.year
    assert (first.year, first.decision_number, first.source) == (year, "45/QĐ-UBND", "decision")
    assert first.issuing_authority == decision.authority
    assert first.prize_amount == 710_000
    assert first.decision_line.decision == decision


def test_an_outcome_recorded_from_the_higher_level_enters_the_ledger(world):
    nomination = world.nomination("chien-si-thi-dua-cap-tinh", state=S.FORWARDED)
    workflow_services.nomination_record_outcome(
        nomination=nomination,
        actor=world["standing_office"],
        approved=True,
        decision_number="2150/QĐ-UBND",
        decision_date=datetime.date(2025, 12, 28),
    )
    (record,) = ledger_for("person", nomination.person_id)
    assert (record.source, record.decision_number) == ("higher_level", "2150/QĐ-UBND")


def test_a_revoked_award_stays_in_the_ledger_marked_revoked(world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nomination_approve(
        nomination=nomination,
        actor=world["chairman"],
        number="46/QĐ-UBND",
        issued_on=datetime.date(2025, 12, 20),
    )
    workflow_services.nomination_revoke(
        nomination=nomination,
        actor=world["chairman"],
        reason_code="false_declaration",
        reason="Kê khai sai.",
        decision_number="12/QĐ-UBND",
        decided_on=clock.today(),
    )
    (record,) = ledger_for("person", nomination.person_id)
    assert record.is_revoked
    assert record.revocation_note.startswith("Gian dối trong kê khai thành tích")


def test_the_migration_copies_earlier_decisions_into_the_ledger(world):
    backfill = importlib.import_module("nominations.migrations.0014_award_ledger")
    nomination = world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nomination_approve(
        nomination=nomination,
        actor=world["chairman"],
        number="47/QĐ-UBND",
        issued_on=datetime.date(2025, 12, 20),
    )
    AwardRecord.objects.all().delete()  # as before the ledger existed

    backfill.ledger_from_decisions(django_apps, None)

    (record,) = AwardRecord.objects.all()
    assert (record.person_id, record.year, record.decision_number) == (
        nomination.person_id,
        world.period.ends_on.year,
        "47/QĐ-UBND",
    )
    assert record.issuing_authority_name == world.commune.full_name
