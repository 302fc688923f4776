"""The one helper services write a record through: history row and audit event together."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from audit.services import save_and_record
from nominations.models import Person
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_saved_record_carries_its_actor_reason_and_audit_event():
    commune = factories.authority()
    unit = factories.unit(commune)
    clerk = factories.user("clerk")
    person = Person(unit=unit, full_name="Nguyễn Văn A", gender="male")

    event = save_and_record(
        person, actor=clerk, action="person.add", reason="Thêm để đề nghị", authority=commune
    )

    history = person.history.get()
    assert (history.history_user, history.history_change_reason) == (clerk, "Thêm để đề nghị")
    assert AuditEvent.objects.get() == event
    assert (event.actor, event.action, event.object_id) == (clerk, "person.add", str(person.pk))


def test_only_the_named_fields_are_written():
    commune = factories.authority()
    person = factories.person(factories.unit(commune), full_name="Trần Thị B")
    Person.objects.filter(pk=person.pk).update(position="Trưởng thôn")  # someone else's change
    person.full_name = "Trần Thị Bình"

    save_and_record(
        person, actor=None, action="person.add", update_fields=["full_name"], authority=commune
    )

    person.refresh_from_db()
    assert (person.full_name, person.position) == ("Trần Thị Bình", "Trưởng thôn")
