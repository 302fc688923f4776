"""The outbox in one process: transitions record who is told, in their own transaction; the
hand-over to a broker that is down never fails the request; delivery is idempotent; rows that
keep failing stop and show in the admin. The real broker and worker: test_outbox_broker.py."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nominations.models import GeneratedDocument, Nomination
from outbox.delivery import outbox_deliver, outbox_waiting, stable_message_id
from outbox.handlers import Handler
from outbox.handoff import hand_off
from outbox.models import OutboxMessage
from outbox.services import outbox_add
from outbox.tasks import outbox_hand_over, outbox_sweep
from tests import factories
from tests.celery_worker import celery_on, free_port
from tests.workflow.test_transitions import SOURCE, TABLE
from tests.world import council_of
from workflow import services as workflow_services
from workflow.models import Notification
from workflow.services.transitions import Move, apply_all, lock_rows

S = Nomination.State
pytestmark = pytest.mark.django_db

COUNCIL = {"chairman", "council_member"}
TOLD = {
    "submit": {"standing_office"},
    "resubmit": {"standing_office"},
    "withdraw": set(),  # from a draft: nobody outside the unit saw it
    "return": {"unit_head"},
    "appraise": COUNCIL,
    "schedule": COUNCIL,
    "defer": COUNCIL,
    "release": COUNCIL,  # back to appraised
    "council_result": set(),  # posted: the posting itself is public
    "end_posting": {"chairman"},
    "hold": {"unit_head"},
    "approve": {"unit_head"},
    "reject": {"unit_head"},
    "forward": {"district_standing_office"},  # submitted at the district, which runs the system
    "record_outcome": {"unit_head"},
    "revoke": {"unit_head"},
}


def _with_emails(world) -> None:
    for persona, user in world.people.items():
        if persona != "anonymous":
            user.email = f"{user.username}@xa.gov.vn"
            user.save(update_fields=["email"])


def test_the_table_of_who_is_told_covers_every_action():
    assert set(TOLD) == set(TABLE)


@pytest.mark.parametrize("action", sorted(TABLE))
def test_a_transition_tells_the_people_who_act_next_with_an_email_in_the_outbox(world, action):
    _with_emails(world)
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    row.call(nomination, world[sorted(row.allowed)[0]])
    told = {world[p].pk for p in TOLD[action]}
    notifications = Notification.objects.filter(nomination=nomination)
    assert {n.user_id for n in notifications} == told
    emails = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.EMAIL)
    assert sorted(m.payload["to"] for m in emails) == sorted(world[p].email for p in TOLD[action])
    assert {m.key for m in emails} == {f"notification:{n.pk}" for n in notifications}
    assert not emails.filter(delivered_at__isnull=False).exists()  # nothing sent before commit


def test_council_seats_are_told_too_and_the_actor_never_is(world):
    _with_emails(world)
    _council, members = council_of(world, size=5)
    nomination = world.nomination(state=S.SUBMITTED)
    world.attach_required_documents(nomination)
    workflow_services.nomination_appraise(nomination=nomination, actor=world["standing_office"])
    told = set(Notification.objects.values_list("user_id", flat=True))
    seated = {m.user_id for m in members} - {world["standing_office"].pk}
    assert told == seated
    assert world["standing_office"].pk not in told  # seated, but the one who appraised


def test_rows_moved_together_tell_each_of_its_own_with_its_own_email(
    world, django_capture_on_commit_callbacks
):
    """Several rows moving together (written with their notifications as one statement on
    PostgreSQL): each notification names its own dossier, each e-mail copies its own
    notification, and all are handed over after the commit."""
    _with_emails(world)
    _council, _members = council_of(world, size=4)
    office = world["standing_office"]
    rows = [world.nomination(state=S.SUBMITTED) for _ in range(3)]
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        locked = lock_rows(office, [row.pk for row in rows])
        apply_all(
            [Move(row, f"Thiếu hồ sơ {row.pk}") for row in locked], actor=office, action="return"
        )
    assert callbacks  # the outbox's hand-over, queued for after the commit
    notifications = list(Notification.objects.order_by("pk"))
    assert sorted(n.nomination_id for n in notifications) == sorted(row.pk for row in rows)
    for notification in notifications:
        assert notification.message.startswith(f"Hồ sơ số {notification.nomination_id} ")
        assert f"Thiếu hồ sơ {notification.nomination_id}" in notification.message
    emails = {m.key: m.payload for m in OutboxMessage.objects.all()}
    assert set(emails) == {f"notification:{n.pk}" for n in notifications}
    for notification in notifications:
        payload = emails[f"notification:{notification.pk}"]
        assert payload["body"] == notification.message
        assert payload["notification"] == notification.pk
        assert payload["to"] == notification.user.email
        assert f"Hồ sơ số {notification.nomination_id}:" in payload["subject"]


def test_users_without_an_address_get_the_notification_but_no_email(world):
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    assert Notification.objects.get().user == world["standing_office"]
    assert not OutboxMessage.objects.exists()


def test_a_transaction_that_rolls_back_leaves_neither_notification_nor_email(world):
    _with_emails(world)
    nomination = world.nomination()

    def request_that_fails_later() -> None:
        with transaction.atomic():
            workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
            assert OutboxMessage.objects.count() == 1
            raise RuntimeError("a later step of the same request fails")

    with pytest.raises(RuntimeError):
        request_that_fails_later()
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_same_event_is_recorded_once():
    for _ in range(2):
        outbox_add(kind="email", key="notification:1", payload={"to": "a@b.vn"})
    assert OutboxMessage.objects.count() == 1


def _email_row(key: str = "notification:1") -> OutboxMessage:
    outbox_add(
        kind=OutboxMessage.Kind.EMAIL,
        key=key,
        payload={"to": "thuongtruc@xa.gov.vn", "subject": "Hồ sơ", "body": "Nội dung"},
    )
    return OutboxMessage.objects.get(key=key)


def test_delivering_the_same_row_twice_sends_once():
    row = _email_row()
    assert outbox_deliver(message_id=row.pk) is True
    assert outbox_deliver(message_id=row.pk) is False
    assert [m.to for m in mail.outbox] == [["thuongtruc@xa.gov.vn"]]
    row.refresh_from_db()
    assert row.delivered_at is not None
    assert row.attempts == 1


def test_a_row_left_being_sent_is_sent_again_with_the_same_message_id(caplog):
    """A worker that died between the SMTP answer and its commit left the row marked "being
    sent": the next try says so in the log and repeats the Message-ID of the first."""
    row = _email_row()
    assert outbox_deliver(message_id=row.pk) is True
    first = mail.outbox[0].message()["Message-ID"]
    assert first == stable_message_id(row.key)
    OutboxMessage.objects.filter(pk=row.pk).update(delivered_at=None, sending_since=timezone.now())
    with caplog.at_level(logging.WARNING, logger="outbox"):
        assert outbox_deliver(message_id=row.pk) is True
    assert [m.message()["Message-ID"] for m in mail.outbox] == [first, first]
    assert f"sending it again with the same Message-ID {first}" in caplog.text
    row.refresh_from_db()
    assert (row.attempts, row.sending_since) == (2, None)


def test_a_try_is_marked_being_sent_before_the_handler_runs(monkeypatch):
    row = _email_row()
    seen = []
    monkeypatch.setattr(
        "outbox.handlers._HANDLERS",
        {"email": Handler(lambda payload, key: seen.append(
            OutboxMessage.objects.values_list("sending_since", flat=True).get(pk=row.pk)
        ), under_lock=False)},
    )  # fmt: skip
    assert outbox_deliver(message_id=row.pk) is True
    assert seen[0] is not None  # committed before the send
    row.refresh_from_db()
    assert row.sending_since is None
    assert row.delivered_at is not None


def test_on_commit_the_row_is_delivered_once(world, django_capture_on_commit_callbacks):
    _with_emails(world)
    nomination = world.nomination()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    assert [m.to for m in mail.outbox] == [[world["standing_office"].email]]
    assert mail.outbox[0].body == Notification.objects.get().message
    assert OutboxMessage.objects.get().delivered_at is not None
    assert outbox_sweep() == 0  # nothing left for the sweep


class Refusing:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_a_failed_send_is_recorded_and_the_row_waits(settings):
    settings.EMAIL_BACKEND = "tests.workflow.test_outbox.Refusing"
    row = _email_row()
    with pytest.raises(ConnectionRefusedError):
        outbox_deliver(message_id=row.pk)
    row.refresh_from_db()
    assert row.delivered_at is None
    assert row.attempts == 1
    assert "SMTP server unreachable" in row.last_error


class RefusingOneAddress:
    """An SMTP server that refuses one mailbox and takes the rest."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        if any("hong@" in to for m in messages for to in m.to):
            raise ConnectionRefusedError("550 mailbox unavailable")
        mail.outbox.extend(messages)
        return len(messages)


def test_inline_one_failed_send_does_not_hold_back_the_others(settings):
    settings.EMAIL_BACKEND = "tests.workflow.test_outbox.RefusingOneAddress"
    rows = [
        OutboxMessage.objects.create(
            kind=OutboxMessage.Kind.EMAIL, key=f"notification:{n}",
            payload={"to": f"{name}@xa.gov.vn", "subject": "Hồ sơ", "body": "Nội dung"},
        )
        for n, name in enumerate(["an", "hong", "binh"])
    ]  # fmt: skip
    outbox_hand_over([row.pk for row in rows])
    assert sorted(m.to[0] for m in mail.outbox) == ["an@xa.gov.vn", "binh@xa.gov.vn"]
    assert OutboxMessage.objects.filter(delivered_at__isnull=True).get().pk == rows[1].pk


def test_the_sweep_takes_what_waits_and_stops_after_the_last_attempt(settings):
    settings.OUTBOX_SWEEP_AFTER_SECONDS = 10
    settings.OUTBOX_RETRY_AFTER_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3
    now = timezone.now()
    old = now - datetime.timedelta(minutes=5)
    fresh, waiting, tried_now, given_up, delivered = (
        _email_row(f"notification:{n}") for n in range(5)
    )
    OutboxMessage.objects.exclude(pk=fresh.pk).update(created_at=old)
    OutboxMessage.objects.filter(pk=tried_now.pk).update(attempts=1, attempted_at=now)
    OutboxMessage.objects.filter(pk=given_up.pk).update(attempts=3, attempted_at=old)
    OutboxMessage.objects.filter(pk=delivered.pk).update(delivered_at=old)
    assert list(outbox_waiting(now).values_list("pk", flat=True)) == [waiting.pk]
    assert outbox_sweep() == 1  # inline here: delivered at once
    assert [m.to for m in mail.outbox] == [["thuongtruc@xa.gov.vn"]]


def test_a_row_that_gave_up_shows_in_the_admin_and_can_be_tried_again(
    client, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    admin = factories.user("quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    row = _email_row()
    OutboxMessage.objects.filter(pk=row.pk).update(attempts=3, last_error="SMTP: 421 bận")
    _email_row("notification:2")
    url = reverse("admin:outbox_outboxmessage_changelist")
    page = client.get(url, {"status": "stuck"}).content.decode()
    assert "notification:1" in page
    assert "SMTP: 421 bận" in page
    assert "notification:2" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "retry", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.delivered_at is not None  # queued again (inline here) and sent
    assert len(mail.outbox) == 1


def test_a_document_job_goes_through_the_outbox_and_runs_once(world, monkeypatch):
    made = []
    monkeypatch.setattr(
        "nominations.tasks.document_generate",
        lambda **kw: made.append(kw) or GeneratedDocument(pk=1),
    )
    row = OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.DOCUMENT,
        key="document:x",
        payload={"kind": "decision", "subject_id": 1, "actor_id": None,
                 "request_id": "6f1c1d2e-8f4b-4c4e-9a55-1c0f4b2a9e11", "period_id": None},
    )  # fmt: skip
    assert outbox_deliver(message_id=row.pk) is True
    assert outbox_deliver(message_id=row.pk) is False
    assert len(made) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_broker_down_the_page_still_acts_and_the_row_waits(client, caplog):
    from tests.world import build_world

    world = build_world()
    _with_emails(world)
    nomination = world.nomination()
    client.force_login(world["unit_head"])
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with celery_on(closed), caplog.at_level(logging.WARNING, logger="outbox"):
        response = client.post(reverse("nominations:act", args=[nomination.pk, "submit"]))
        assert hand_off.wait_idle(timeout=30)  # the hand-over runs beside the request
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED  # committed
    row = OutboxMessage.objects.get()
    assert row.delivered_at is None
    assert row.payload["to"] == world["standing_office"].email
    assert "not handed to Celery" in caplog.text
    assert mail.outbox == []
