"""After a secret vote nothing stored links a member to a choice.

Two secret items get the same three members' ballots in the same order, with the choices
permuted between the members. If any table, history row or audit event depended on who chose
what, the records of the two items would differ; they are identical once the item's own id and
the moments of writing are set aside, so no member's choice can be recovered from them.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from councils import services as council_services
from councils.models import AgendaItem, CouncilMember, SecretTally
from nominations.models import Nomination
from tests.world import council_of
from workflow import meetings

pytestmark = pytest.mark.django_db
CHOICES = {"yes", "no", "abstain"}
PROJECT_APPS = ("accounts", "councils", "nominations", "workflow", "audit", "api")


@pytest.fixture
def secret_vote(world):
    council, members = council_of(world, size=3)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    items = []
    for _ in range(2):
        nomination = world.nomination("chien-si-thi-dua-co-so", Nomination.State.APPRAISED)
        items.append(
            meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
        )
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    plan = {items[0]: ["yes", "no", "abstain"], items[1]: ["no", "abstain", "yes"]}
    for member_index, member in enumerate(members):  # same order of casting on both items
        for item, choices in plan.items():
            council_services.ballot_cast(item=item, actor=member.user, choice=choices[member_index])
    meetings.meeting_close(meeting=meeting, actor=office)
    return items, members


def _models():
    for app in PROJECT_APPS:
        yield from apps.get_app_config(app).get_models()


def _refers_to(model, target) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is target
    ]


def _moments(model) -> set[str]:
    return {f.attname for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)}


def _normalised(model, rows, id_fields) -> Counter:
    drop = {"id", "history_id", *id_fields, *_moments(model)}
    return Counter(
        tuple(sorted((k, str(v)) for k, v in row.items() if k not in drop)) for row in rows
    )


def test_the_records_of_two_permuted_votes_are_identical(secret_vote):
    items, _members = secret_vote
    first, second = items
    compared = 0
    for model in _models():
        for field in _refers_to(model, AgendaItem):
            rows = {i.pk: list(model.objects.filter(**{field: i.pk}).values()) for i in items}
            if not rows[first.pk] and not rows[second.pk]:
                continue  # e.g. no comments were posted
            assert _normalised(model, rows[first.pk], {field}) == _normalised(
                model, rows[second.pk], {field}
            ), model._meta.label
            compared += 1
    # The agenda items themselves and their history: same counts, base and result.
    for model in (AgendaItem, AgendaItem.history.model):
        rows = {i.pk: list(model.objects.filter(id=i.pk).values()) for i in items}
        ignore = {"position", "nomination_id"}
        assert _normalised(model, rows[first.pk], ignore) == _normalised(
            model, rows[second.pk], ignore
        )
    # The audit events of each item, payload included.
    events = {}
    for item in items:
        found = [
            e
            for e in AuditEvent.objects.filter(action="ballot.cast").order_by("sequence")
            if e.payload["item"] == item.pk
        ]
        events[item.pk] = [(e.actor_id, {**e.payload, "item": None}) for e in found]
    assert events[first.pk] == events[second.pk]
    assert len(events[first.pk]) == 3
    assert compared >= 3  # at least the ballots, their history and the tally


def test_no_stored_row_holds_both_a_member_and_a_choice(secret_vote):
    _items, members = secret_vote
    user_ids = {m.user_id for m in members}
    seat_ids = {m.pk for m in members}
    for model in _models():
        member_fields = _refers_to(model, User) + _refers_to(model, CouncilMember)
        for row in model.objects.values():
            if not any(row[f] in (user_ids | seat_ids) for f in member_fields):
                continue
            for key, value in row.items():
                if isinstance(value, dict):
                    assert "choice" not in value, (model._meta.label, key)
                else:
                    assert value not in CHOICES, (model._meta.label, key)


def test_the_only_choices_are_three_counters_with_no_time_order_or_history(secret_vote):
    items, _members = secret_vote
    fields = {f.name for f in SecretTally._meta.concrete_fields}
    assert fields == {"id", "item", "yes", "no", "abstain"}
    assert not hasattr(SecretTally, "history")
    for item in items:
        item.refresh_from_db()
        assert (item.yes_count, item.no_count, item.abstain_count, item.base) == (1, 1, 1, 3)
