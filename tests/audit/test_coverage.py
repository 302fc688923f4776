"""Every kind of change leaves field history and one audit event; auditors change nothing."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from audit.admin_base import ADMIN_REASON
from audit.models import AuditEvent
from core.errors import NotPermitted
from councils import services as council_services
from councils.models import Attendance, Membership
from nominations.models import AwardType, BaseSalary, Nomination
from nominations.services import award_types_set_in_use
from tests import factories
from tests.world import council_of
from workflow import meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return factories.user("quantri", is_staff=True, is_superuser=True)


def _new_events(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("sequence")[before:])


def _form_data(response) -> dict:
    """What the admin change page would post back unchanged, inlines included."""
    data = {}

    def put(form):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if isinstance(field, forms.JSONField):
                value = field.prepare_value(value)
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            if isinstance(value, datetime.date):
                value = value.strftime("%d/%m/%Y")
            if isinstance(value, list):
                value = [getattr(v, "pk", v) for v in value]
            data[form.add_prefix(name)] = "" if value is None else value

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            put(form)
    return data


def test_an_admin_edit_leaves_history_with_the_user_and_reason_and_an_event(client, admin_user):
    client.force_login(admin_user)
    salary = BaseSalary.objects.get(valid_from=datetime.date(2026, 7, 1))
    url = reverse("admin:nominations_basesalary_change", args=[salary.pk])
    data = _form_data(client.get(url))
    data["legal_basis"] = "Nghị định 161/2026/NĐ-CP (đã đối chiếu bản gốc)"
    before = AuditEvent.objects.count()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = salary.history.first()
    assert (record.history_user, record.history_change_reason) == (admin_user, ADMIN_REASON)
    assert record.legal_basis.endswith("(đã đối chiếu bản gốc)")
    (event,) = _new_events(before)
    assert (event.action, event.actor, event.payload["changed"]) == (
        "catalogue.change", admin_user, ["legal_basis"],
    )  # fmt: skip


def test_an_inline_edit_in_the_admin_is_recorded_row_by_row(client, admin_user):
    client.force_login(admin_user)
    award_type = factories.award("lao-dong-tien-tien")
    url = reverse("admin:nominations_awardtype_change", args=[award_type.pk])
    data = _form_data(client.get(url))
    prefix = "kind_rules-0-prize_coefficient"
    data[prefix] = "0.35"
    before = AuditEvent.objects.count()
    response = client.post(url, data)
    assert response.status_code == 302
    rule = award_type.kind_rules.get()
    assert str(rule.prize_coefficient) == "0.35"
    assert rule.history.first().history_user == admin_user
    actions = [(e.action, e.object_type) for e in _new_events(before)]
    assert ("catalogue.change", "nominations.awardkindrule") in actions


def test_a_bulk_update_leaves_history_for_every_row(client, admin_user):
    client.force_login(admin_user)
    chosen = list(AwardType.objects.filter(code__in=["xa-tieu-bieu", "co-thi-dua-cap-tinh"]))
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("admin:nominations_awardtype_changelist"),
        {"action": "withdraw_from_use", "_selected_action": [a.pk for a in chosen]},
    )
    assert response.status_code == 302
    for award_type in chosen:
        record = award_type.history.first()
        assert (record.is_active, record.history_user, record.history_change_reason) == (
            False, admin_user, "Ngừng áp dụng",
        )  # fmt: skip
    assert [e.action for e in _new_events(before)] == ["catalogue.withdraw"] * 2


def test_attendance_taken_in_bulk_has_history_too(world):
    council, members = council_of(world, size=7)
    meeting = council_services.meeting_plan(
        council=council, actor=world["standing_office"], held_on=timezone.localdate(), place="HT"
    )
    council_services.meeting_open(
        meeting=meeting, actor=world["standing_office"], present_member_ids=[m.pk for m in members]
    )
    records = Attendance.history.filter(meeting_id=meeting.pk)
    assert records.count() == 7
    assert {r.history_user for r in records} == {world["standing_office"]}


def test_sign_ins_and_failed_sign_ins_are_events(client):
    user = factories.user("xa.chutich")
    before = AuditEvent.objects.count()
    client.post(reverse("accounts:login"), {"username": "xa.chutich", "password": "sai"})
    client.post(reverse("accounts:login"), {"username": "xa.chutich", "password": "pw"})
    failed, login = _new_events(before)
    assert (failed.action, failed.actor, failed.object_id) == (
        "auth.login_failed",
        None,
        "xa.chutich",
    )
    assert (login.action, login.actor) == ("auth.login", user)


def test_role_and_permission_grants_and_removals_are_events(world, admin_user):
    before = AuditEvent.objects.count()
    newcomer = factories.user("moi")
    membership = council_services.membership_grant(
        actor=admin_user,
        user=newcomer,
        role="standing_office",
        authority=world.commune,
        valid_from=datetime.date(2026, 1, 1),
    )
    council_services.membership_end(
        actor=admin_user, membership=membership, on=datetime.date(2026, 6, 30)
    )
    council_services.object_permission_grant(
        actor=admin_user, user=newcomer, permission="councils.act_for_unit", obj=world.unit
    )
    council_services.object_permission_revoke(
        actor=admin_user, user=newcomer, permission="councils.act_for_unit", obj=world.unit
    )
    events = _new_events(before)
    assert [e.action for e in events] == [
        "role.grant", "role.end", "permission.grant", "permission.revoke",
    ]  # fmt: skip
    assert all(e.actor == admin_user for e in events)
    assert membership.history.first().history_user == admin_user


def test_ballots_write_one_event_each_with_the_choice_only_when_open(world):
    council, members = council_of(world, size=7)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="HT"
    )
    secret = meetings.meeting_add_item(
        meeting=meeting,
        nomination=world.nomination("chien-si-thi-dua-co-so", Nomination.State.APPRAISED),
        actor=office,
    )
    open_item = meetings.meeting_add_item(
        meeting=meeting, nomination=world.nomination(state=Nomination.State.APPRAISED), actor=office
    )
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members[:6]]
    )
    before = AuditEvent.objects.count()
    council_services.ballot_cast(item=secret, actor=members[0].user, choice="yes")
    council_services.ballot_cast(item=open_item, actor=members[0].user, choice="no")
    council_services.ballot_record_written_opinion(
        item=open_item, actor=office, member=members[6], choice="yes",
        scan=ContentFile(b"%PDF", name="y.pdf"),
    )  # fmt: skip
    events = _new_events(before)
    assert [(e.action, e.actor, e.object_id, e.authority) for e in events] == [
        ("ballot.cast", members[0].user, str(secret.pk), world.commune),
        ("ballot.cast", members[0].user, str(open_item.pk), world.commune),
        ("ballot.cast", office, str(open_item.pk), world.commune),
    ]
    assert [e.payload.get("choice") for e in events] == [None, "no", "yes"]
    assert [e.payload["written"] for e in events] == [False, False, True]


def test_an_auditor_can_change_nothing(world, client):
    auditor = world["auditor"]
    council, members = council_of(world, size=7)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="HT"
    )
    item = meetings.meeting_add_item(
        meeting=meeting, nomination=world.nomination(state=Nomination.State.APPRAISED), actor=office
    )
    appraised = world.nomination(state=Nomination.State.APPRAISED)
    before = AuditEvent.objects.count()
    refused = [
        lambda: council_services.meeting_plan(
            council=council, actor=auditor, held_on=timezone.localdate(), place="x"
        ),
        lambda: meetings.meeting_add_item(meeting=meeting, nomination=appraised, actor=auditor),
        lambda: council_services.meeting_open(
            meeting=meeting, actor=auditor, present_member_ids=[m.pk for m in members]
        ),
        lambda: council_services.comment_post(item=item, actor=auditor, body="x"),
        lambda: council_services.delegation_grant(
            authority=world.commune, chairman=auditor, delegate=world["vice_chairman"],
            valid_from=timezone.localdate(), valid_to=timezone.localdate(),
        ),
        lambda: council_services.membership_grant(
            actor=auditor, user=auditor, role="chairman", authority=world.commune,
            valid_from=timezone.localdate(),
        ),
        lambda: council_services.object_permission_grant(
            actor=auditor, user=auditor, permission="councils.act_for_unit", obj=world.unit
        ),
        lambda: award_types_set_in_use(
            award_types=list(AwardType.objects.all()), in_use=False, actor=auditor
        ),
    ]  # fmt: skip
    for attempt in refused:
        with pytest.raises(NotPermitted):
            attempt()
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    for attempt in [
        lambda: council_services.ballot_cast(item=item, actor=auditor, choice="yes"),
        lambda: council_services.ballot_record_written_opinion(
            item=item, actor=auditor, member=members[0], choice="yes",
            scan=ContentFile(b"x", name="x.pdf"),
        ),
        lambda: meetings.meeting_defer_item(item=item, actor=auditor),
        lambda: meetings.meeting_close(meeting=meeting, actor=auditor),
    ]:  # fmt: skip
        with pytest.raises(NotPermitted):
            attempt()
    opened = AuditEvent.objects.filter(action="meeting.open").count()
    assert AuditEvent.objects.count() == before + opened
    client.force_login(auditor)
    assert client.get(reverse("admin:index")).status_code == 302  # no admin site for auditors
    assert Membership.objects.filter(user=auditor).count() == 1
