"""Lifecycle throughput: nominations taken from draft to decision through the services
(submit, appraise, schedule, council votes, close, end of posting, approve), with the SQL
statements each step costs; and the same logical writes by hand-written SQL, the floor."""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import GENESIS_HASH, audit_events_append, event_content, event_hash
from bench.pages import QueryCounter
from bench.province import Commune
from core.clock import business_date
from councils import services as council_services
from councils.models import CouncilMember, Membership
from nominations.models import Attachment, AwardType, Decision, Nomination, Person
from outbox.models import OutboxMessage
from workflow import meetings
from workflow import services as workflow_services
from workflow.selectors import posting_last_day

S = Nomination.State
PAPERS = ("to_trinh", "danh_sach", "bien_ban_binh_xet")
USER_ACTIONS = ("submit", "appraise", "schedule", "ballot", "end posting")


def _drafts(commune: Commune, count: int) -> list[Nomination]:
    """Drafts with their papers, written in bulk: set-up, not measured."""
    unit = commune.units[0]
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    people = Person.objects.bulk_create(
        Person(unit=unit, full_name=f"Trần Văn Luồng {i}", gender="male") for i in range(count)
    )
    drafts = Nomination.objects.bulk_create(
        Nomination(
            proposing_unit=unit,
            nominee_kind="individual",
            person=person,
            award_type=award,
            period=commune.period,
            achievements="Hoàn thành xuất sắc nhiệm vụ.",
            task_rating="htt",
            months_served=12,
            current_authority=commune.authority,
        )
        for person in people
    )
    Attachment.objects.bulk_create(
        Attachment(nomination=n, document=paper, file=f"bench/{paper}.pdf")
        for n in drafts
        for paper in PAPERS
    )
    return drafts


class _Steps:
    """Runs each service call under a query counter, grouped by step."""

    def __init__(self) -> None:
        self.queries: dict[str, list[int]] = defaultdict(list)
        self.seconds: dict[str, float] = defaultdict(float)

    def __call__(self, step: str, call: Callable[[], object]) -> object:
        counter = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            result = call()
        self.seconds[step] += time.perf_counter() - started
        self.queries[step].append(counter.count)
        return result

    def user_actions(self) -> int:
        """What people do one by one (the close and the decision are amortised over them)."""
        return sum(len(q) for step, q in self.queries.items() if step in USER_ACTIONS)

    def per_call(self) -> dict[str, float]:
        return {step: round(sum(q) / len(q), 1) for step, q in self.queries.items()}

    def ms_per_call(self) -> dict[str, float]:
        """Where an action's time goes, step by step."""
        return {
            step: round(1000 * self.seconds[step] / len(q), 2) for step, q in self.queries.items()
        }


def lifecycle_services(commune: Commune, count: int) -> dict:
    drafts = _drafts(commune, count)
    head = Membership.objects.get(unit=commune.units[0], role=Membership.Role.UNIT_HEAD).user
    office, chairman = commune.office, commune.chairman
    roster = list(CouncilMember.objects.filter(council=commune.council).select_related("user"))
    step = _Steps()
    # A commune may be taken through more than once (make bench's rounds): a new number each.
    number = f"{Decision.objects.filter(authority=commune.authority).count() + 9}/QĐ-UBND"
    started = time.perf_counter()
    for n in drafts:
        step("submit", lambda n=n: workflow_services.nomination_submit(nomination=n, actor=head))
    for n in drafts:
        step(
            "appraise",
            lambda n=n: workflow_services.nomination_appraise(nomination=n, actor=office),
        )
    meeting = council_services.meeting_plan(
        council=commune.council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    items = [
        step(
            "schedule",
            lambda n=n: meetings.meeting_add_item(meeting=meeting, nomination=n, actor=office),
        )
        for n in drafts
    ]
    present = [seat.pk for seat in roster]
    council_services.meeting_open(meeting=meeting, actor=office, present_member_ids=present)
    for seat in roster:
        for item in items:
            step(
                "ballot",
                lambda item=item, seat=seat: council_services.ballot_cast(
                    item=item, actor=seat.user, choice="yes"
                ),
            )
    step("close meeting (all items)", lambda: meetings.meeting_close(meeting=meeting, actor=office))
    # The office ends a posting the day after its window (the same day for every draft).
    with business_date(posting_last_day(drafts[0]) + datetime.timedelta(days=1)):
        for n in drafts:
            step(
                "end posting",
                lambda n=n: workflow_services.nomination_end_posting(nomination=n, actor=office),
            )
    step(
        "approve (one decision)",
        lambda: workflow_services.nominations_approve(
            nominations=drafts, actor=chairman, number=number, issued_on=timezone.localdate()
        ),
    )
    elapsed = time.perf_counter() - started
    decided = Nomination.objects.filter(pk__in=[n.pk for n in drafts], state=S.APPROVED).count()
    return {
        "nominations": count,
        "approved": decided,
        "seconds": round(elapsed, 2),
        "nominations_per_s": round(count / elapsed, 1),
        "queries_per_call": step.per_call(),
        "ms_per_call": step.ms_per_call(),
        "ballots": len(roster) * count,
        "user_actions": step.user_actions(),
        # The whole run over the actions people take one by one: the close and the decision
        # are in it, amortised, as issue 22 measures "one user action".
        "ms_per_action": round(1000 * elapsed / step.user_actions(), 2),
    }


def lifecycle_sql_floor(commune: Commune, count: int, members: int) -> dict:
    """The same logical writes by hand: a state update and a chained audit row per
    transition, a ballot row per member and item, a decision with its lines."""
    drafts = _drafts(commune, count)
    ids = [n.pk for n in drafts]
    transitions = [
        "submitted",
        "appraised",
        "in_council",
        "posted",
        "awaiting_decision",
        "approved",
    ]
    roster = list(
        CouncilMember.objects.filter(council=commune.council).values_list("pk", flat=True)
    )
    roster = roster[:members]
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, previous = last if last else (0, GENESIS_HASH)
    table = Nomination._meta.db_table
    started = time.perf_counter()
    # Whole seconds, as the application writes audit times (the verifier reads them as text).
    now = timezone.now().replace(microsecond=0)
    # A datetime as the ORM would write it (SQLite keeps datetimes as text).
    stamp = AuditEvent._meta.get_field("occurred_at").get_db_prep_value(now, connection)
    with transaction.atomic(), connection.cursor() as cursor:
        state = "draft"
        for target in transitions:
            cursor.executemany(
                f"UPDATE {table} SET state = %s, updated_at = %s WHERE id = %s",
                [(target, stamp, pk) for pk in ids],
            )
            events = []
            for pk in ids:
                sequence += 1
                event = AuditEvent(
                    sequence=sequence,
                    occurred_at=now,
                    authority_id=commune.authority.pk,
                    object_type="nominations.nomination",
                    object_id=str(pk),
                    action="nomination.floor",
                    from_state=state,
                    to_state=target,
                    payload={},
                    previous_hash=previous,
                )
                event.hash = previous = event_hash(event_content(event), previous)
                events.append(event)
            # One multi-row INSERT, with the values prepared exactly as every other audit
            # row's, so the chain's hashes read back the same on every database.
            AuditEvent.objects.bulk_create(events)
            state = target
        meeting = council_services.meeting_plan(
            council=commune.council,
            actor=commune.office,
            held_on=timezone.localdate(),
            place="Hội trường",
        )
        cursor.executemany(
            "INSERT INTO councils_agendaitem (meeting_id, nomination_id, position, secret, result,"
            " tie_note) VALUES (%s, %s, %s, %s, %s, %s)",
            [(meeting.pk, pk, i, False, "passed", "") for i, pk in enumerate(ids, 1)],
        )
        cursor.execute("SELECT id FROM councils_agendaitem WHERE meeting_id = %s", [meeting.pk])
        items = [row[0] for row in cursor.fetchall()]
        cursor.executemany(
            "INSERT INTO councils_ballot (item_id, member_id, choice, written_opinion,"
            " opinion_scan, recorded_by_id) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (item, member, "yes", False, "", commune.office.pk)
                for item in items
                for member in roster
            ],
        )
        cursor.execute(
            "INSERT INTO nominations_decision (authority_id, number, issued_on, signing_capacity,"
            " legal_basis, recorded_from_higher_level, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                commune.authority.pk,
                "99/QĐ-UBND",
                timezone.localdate(),
                "chairman",
                "",
                False,
                stamp,
            ],
        )
        cursor.execute(
            "SELECT id FROM nominations_decision WHERE authority_id = %s AND number = %s",
            [commune.authority.pk, "99/QĐ-UBND"],
        )
        decision = cursor.fetchone()[0]
        cursor.executemany(
            "INSERT INTO nominations_decisionline (decision_id, nomination_id, golden_book_number,"
            " prize_amount, prize_note) VALUES (%s, %s, %s, %s, '')",
            [(decision, pk, 100_000 + i, 760_000) for i, pk in enumerate(ids, 1)],
        )
    elapsed = time.perf_counter() - started
    return {
        "nominations": count,
        "seconds": round(elapsed, 3),
        "nominations_per_s": round(count / elapsed, 1),
    }


def action_sql_floor(commune: Commune, actions: int) -> dict:
    """One user action as hand-written SQL, each in its own transaction, with the writes the
    project makes (issue 22): lock the nomination, update its state and version, a history
    row, a chained audit row (the chain locked), an outbox row; commit. The
    floor that matters is this, not the batched `lifecycle_sql_floor`."""
    drafts = _drafts(commune, max(1, actions // 4))
    table = Nomination._meta.db_table
    history = Nomination.history.model
    copied = [
        f.column
        for f in history._meta.concrete_fields
        if not f.name.startswith("history_") and f.name != "id"
    ]
    columns = ", ".join(["id", *copied])
    copy = (
        f"INSERT INTO {history._meta.db_table} ({columns}, history_date, history_change_reason,"
        f" history_type, history_user_id) SELECT {columns}, %s, %s, '~', %s FROM {table}"
        " WHERE id = %s"
    )
    # SQLite has no FOR UPDATE: its transaction takes the write lock (IMMEDIATE) instead.
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    actor = commune.office.pk
    states = ["submitted", "appraised", "in_council", "posted"]
    started = time.perf_counter()
    for n in range(actions):
        pk = drafts[n % len(drafts)].pk
        target = states[(n // len(drafts)) % len(states)]
        now = timezone.now().replace(microsecond=0)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT state FROM {table} WHERE id = %s{lock}", [pk])
            (source,) = cursor.fetchone()
            cursor.execute(
                # updated_at is the version (the API's ETag): one column does both.
                f"UPDATE {table} SET state = %s, updated_at = %s WHERE id = %s",
                [target, now, pk],
            )
            cursor.execute(copy, [now, "floor", actor, pk])
            # The chained audit row as the application appends it: on PostgreSQL the lock,
            # the tail, the hash and the INSERT in one statement (audit_append); SQLite reads
            # the tail, then inserts.
            audit_events_append(
                [
                    AuditEvent(
                        occurred_at=now, actor_id=actor, authority_id=commune.authority.pk,
                        object_type="nominations.nomination", object_id=str(pk),
                        action="nomination.floor", from_state=source, to_state=target, payload={},
                    )
                ]
            )  # fmt: skip
            OutboxMessage.objects.bulk_create(
                [
                    OutboxMessage(
                        kind="email",
                        key=f"floor-{drafts[0].pk}-{n}",
                        payload={"to": "x@example.vn"},
                    )
                ]
            )
    elapsed = time.perf_counter() - started
    return {"actions": actions, "seconds": round(elapsed, 3),
            "ms_per_action": round(1000 * elapsed / actions, 3)}  # fmt: skip
