"""The outbox against real components: a Redis broker of the test's own that is stopped and
started, and a real `celery worker` process on the committed test database (SQLite file or
PostgreSQL, whichever DATABASE_URL names), sending e-mail into files the test counts."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from django.test import override_settings

from nominations.models import Nomination
from outbox.delivery import stable_message_id
from outbox.handoff import hand_off
from outbox.models import OutboxMessage
from outbox.tasks import outbox_hand_over, outbox_sweep
from tests.celery_worker import RedisServer, Worker, celery_on, wait_until
from tests.mail_backend import sent_messages
from tests.world import build_world
from workflow import services as workflow_services

S = Nomination.State
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def broker(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def worker(broker, mail_dir, tmp_path):
    process = Worker(broker, mail_dir, tmp_path / "worker.log")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def world():
    world = build_world()
    for persona, user in world.people.items():
        if persona != "anonymous":
            user.email = f"{user.username}@xa.gov.vn"
            user.save(update_fields=["email"])
    return world


def _delivered_everything(broker: RedisServer, mail_dir: Path, count: int, log: Path) -> None:
    wait_until(
        lambda: len(sent_messages(mail_dir)) >= count,
        30,
        f"{count} e-mails (worker log: {log.read_text(errors='replace')[-2000:]})",
    )
    wait_until(broker.idle, 15, "the queue to drain")


def _deliver_all_again_and_drain(broker: RedisServer, stale: int = 0) -> None:
    """Every row handed to the worker a second time: it must find them delivered."""
    outbox_hand_over(OutboxMessage.objects.values_list("pk", flat=True))
    wait_until(lambda: broker.idle(stale), 15, "the second deliveries to finish")


def test_transitions_commit_while_redis_is_down_and_each_email_arrives_once(
    world, broker, worker, mail_dir
):
    submitted = world.nomination()
    returned = world.nomination(state=S.SUBMITTED)
    rejected = world.nomination(state=S.AWAITING_DECISION)
    deferred = world.nomination(state=S.IN_COUNCIL)
    with celery_on(broker.url):
        broker.stop()
        # Each commits; the hand-over after the commit fails, is logged, and raises nothing.
        workflow_services.nomination_submit(nomination=submitted, actor=world["unit_head"])
        workflow_services.nomination_return(
            nomination=returned, actor=world["standing_office"], reason="Thiếu"
        )
        workflow_services.nomination_reject(
            nomination=rejected, actor=world["chairman"], reason="Chưa đạt"
        )
        workflow_services.nomination_defer(nomination=deferred, actor=world["standing_office"])
        states = dict(Nomination.objects.values_list("pk", "state"))
        assert [states[n.pk] for n in (submitted, returned, rejected, deferred)] == [
            S.SUBMITTED, S.RETURNED, S.REJECTED, S.APPRAISED,
        ]  # fmt: skip
        assert OutboxMessage.objects.filter(delivered_at__isnull=True).count() == 5
        assert hand_off.wait_idle(timeout=30)  # its tries failed: the broker is down
        assert sent_messages(mail_dir) == []

        broker.start()  # the same port: the worker and this process reconnect
        with override_settings(OUTBOX_SWEEP_AFTER_SECONDS=0):
            assert outbox_sweep() == 5  # what celery beat runs every minute
        _delivered_everything(broker, mail_dir, 5, worker.log)
        with override_settings(OUTBOX_SWEEP_AFTER_SECONDS=0):
            assert outbox_sweep() == 0  # the next beat finds nothing left
        _deliver_all_again_and_drain(broker)

    recipients = sorted(to for message in sent_messages(mail_dir) for to in message["to"])
    expected = ["standing_office", "unit_head", "unit_head", "chairman", "council_member"]
    assert recipients == sorted(world[p].email for p in expected)
    assert not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()


def test_a_hung_redis_holds_neither_an_action_nor_healthz_and_the_mail_goes_once(
    world, broker, worker, mail_dir, client, settings
):
    """Redis alive but not answering (SIGSTOP): the action answers at once with its normal
    result, /healthz says 503 within 2 s, and after SIGCONT the e-mail is delivered once."""
    nomination = world.nomination()
    client.force_login(world["unit_head"])
    settings.CELERY_BROKER_URL = broker.url  # what /healthz probes
    with celery_on(broker.url):
        broker.pause()
        try:
            started = time.monotonic()
            response = client.post(
                f"/api/v1/nominations/{nomination.pk}/actions/submit/",
                content_type="application/json",
            )
            action_took = time.monotonic() - started
            started = time.monotonic()
            health = client.get("/healthz")
            health_took = time.monotonic() - started
        finally:
            broker.resume()
        assert (response.status_code, response.json()["state"]) == (200, S.SUBMITTED)
        assert action_took < 5.0
        assert (health.status_code, health.json()["broker"]) == (503, "timeout")
        assert health_took < 2.0

        # The hand-over thread gets its answer (or its timeout) now; the sweep catches up.
        assert hand_off.wait_idle(timeout=30)
        with override_settings(OUTBOX_SWEEP_AFTER_SECONDS=0, OUTBOX_RETRY_AFTER_SECONDS=0):
            outbox_sweep()
        _delivered_everything(broker, mail_dir, 1, worker.log)
        _deliver_all_again_and_drain(broker)
        assert client.get("/healthz").status_code == 200

    assert [m["to"] for m in sent_messages(mail_dir)] == [[world["standing_office"].email]]
    assert OutboxMessage.objects.get().delivered_at is not None


def test_every_delivery_of_one_row_carries_the_same_message_id(world, broker, worker, mail_dir):
    """A repeat the worker could not avoid (killed between the SMTP answer and its commit) is
    recognisable: the same Message-ID, and the row said it was being sent."""
    nomination = world.nomination()
    with celery_on(broker.url):
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
        _delivered_everything(broker, mail_dir, 1, worker.log)
        # What a kill after the send and before the commit leaves: sent, not marked delivered.
        row = OutboxMessage.objects.get()
        OutboxMessage.objects.filter(pk=row.pk).update(
            delivered_at=None, sending_since=row.attempted_at
        )
        outbox_hand_over([row.pk])
        _delivered_everything(broker, mail_dir, 2, worker.log)

    first, second = sent_messages(mail_dir)
    assert first["message_id"] == second["message_id"] == stable_message_id(row.key)
    row.refresh_from_db()
    assert (row.attempts, row.sending_since) == (2, None)
    assert row.delivered_at is not None


def test_a_worker_killed_mid_delivery_is_redelivered_and_the_email_arrives_once(
    world, broker, worker, mail_dir
):
    (mail_dir / "block").touch()  # the next send stops before it sends, until killed
    nomination = world.nomination()
    with celery_on(broker.url):
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
        started = mail_dir / "started"
        wait_until(started.exists, 30, "the worker to start sending")
        assert sent_messages(mail_dir) == []
        os.kill(int(started.read_text()), signal.SIGKILL)  # the pool process, mid-task

        # acks_late + reject_on_worker_lost: the message goes back to the queue, and the
        # worker's new pool process delivers it; the killed try left the row undelivered.
        _delivered_everything(broker, mail_dir, 1, worker.log)
        _deliver_all_again_and_drain(broker)

    assert [m["to"] for m in sent_messages(mail_dir)] == [[world["standing_office"].email]]
    row = OutboxMessage.objects.get()
    assert row.delivered_at is not None
    assert row.attempts == 2  # the killed try, and the one that sent


def test_a_whole_worker_killed_mid_delivery_is_covered_by_the_sweep(
    world, broker, worker, mail_dir
):
    """The main process dies too, so nothing puts the message back before Redis's visibility
    timeout (an hour); the beat sweep finds the row undelivered and a new worker sends it."""
    (mail_dir / "block").touch()
    nomination = world.nomination()
    with celery_on(broker.url):
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
        wait_until((mail_dir / "started").exists, 30, "the worker to start sending")
        worker.stop()  # SIGKILL to the worker and its pool process
        assert sent_messages(mail_dir) == []
        worker.start()
        with override_settings(OUTBOX_SWEEP_AFTER_SECONDS=0, OUTBOX_RETRY_AFTER_SECONDS=0):
            assert outbox_sweep() == 1
        wait_until(lambda: sent_messages(mail_dir), 30, f"the e-mail ({worker.log})")
        _deliver_all_again_and_drain(broker, stale=1)  # the dead worker's message

    assert [m["to"] for m in sent_messages(mail_dir)] == [[world["standing_office"].email]]
    assert OutboxMessage.objects.get().delivered_at is not None
