"""A synthetic province: communes with units, councils and people in every role, nominations
spread over every state, meetings with agendas, deadlines, and a chained audit log.

Written in bulk (bulk_create, no history rows): this is set-up, never what is measured. The
province can be grown in steps, so pages are timed at one size, then at a larger one.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.services import GENESIS_HASH, event_content, event_hash
from councils.models import AgendaItem, Authority, Council, CouncilMember, Meeting, Membership, Unit
from nominations.models import AwardType, Movement, Nomination, Period, Person
from workflow.models import Deadline

S = Nomination.State
R = Membership.Role
STATES = [state for state, _label in S.choices]
SINCE = datetime.date(2020, 1, 1)
_BATCH = 5_000


@dataclass
class Commune:
    authority: Authority
    units: list[Unit]
    period: Period
    council: Council
    office: User
    chairman: User
    members: list[User]


@dataclass
class Province:
    authority: Authority
    auditor: User
    communes: list[Commune] = field(default_factory=list)

    @property
    def first(self) -> Commune:
        return self.communes[0]


def _users(prefix: str, count: int) -> list[User]:
    # One known password hash for all: hashing 2,000 passwords would dominate the set-up.
    password = User(username="x")
    password.set_password("bench")
    return User.objects.bulk_create(
        User(
            username=f"{prefix}{i}", full_name=f"Người dùng {prefix}{i}", password=password.password
        )
        for i in range(count)
    )


def province_create(*, communes: int, units_per_commune: int) -> Province:
    """The province and its communes, each with units, people in every role and a council."""
    with transaction.atomic():
        province = Authority.objects.create(
            code="bench-province", name="Tỉnh Đo", admin_type="tỉnh", level="province"
        )
        auditor = _users("bench.kiemtra.tinh", 1)[0]
        Membership.objects.create(
            user=auditor, role=R.AUDITOR, authority=province, valid_from=SINCE
        )
        made = Province(province, auditor)
        for _n in range(communes):
            made.communes.append(_commune(province, len(made.communes), units_per_commune))
    return made


def _commune(province: Authority, index: int, unit_count: int) -> Commune:
    commune = Authority.objects.create(
        code=f"bench-xa-{index}",
        name=f"Xã Đo {index}",
        admin_type="xã",
        level="commune",
        parent=province,
        runs_system=True,
    )
    units = Unit.objects.bulk_create(
        Unit(authority=commune, name=f"Thôn {index}-{u}", kind=Unit.Kind.VILLAGE)
        for u in range(unit_count)
    )
    office, chairman, *members = _users(f"bench.{index}.", 2 + 7)
    heads = _users(f"bench.{index}.truongthon", unit_count)
    Membership.objects.bulk_create(
        [
            Membership(user=office, role=R.STANDING_OFFICE, authority=commune, valid_from=SINCE),
            Membership(user=chairman, role=R.CHAIRMAN, authority=commune, valid_from=SINCE),
            *(
                Membership(user=m, role=R.COUNCIL_MEMBER, authority=commune, valid_from=SINCE)
                for m in members
            ),
            *(
                Membership(user=h, role=R.UNIT_HEAD, authority=commune, unit=u, valid_from=SINCE)
                for h, u in zip(heads, units, strict=True)
            ),
        ]
    )
    council = Council.objects.create(authority=commune, name="Hội đồng TĐKT", established_on=SINCE)
    CouncilMember.objects.bulk_create(
        CouncilMember(
            council=council, user=user, position=CouncilMember.Position.MEMBER, served_from=SINCE
        )
        for user in (chairman, office, *members)
    )
    year = timezone.localdate().year
    span = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    movement = Movement.objects.create(
        authority=commune,
        name=f"Phong trào {index}",
        kind=Movement.Kind.REGULAR,
        starts_on=span[0],
        ends_on=span[1],
    )
    period = Period.objects.create(
        movement=movement,
        name=f"Năm {year}",
        kind=Period.Kind.YEAR,
        starts_on=span[0],
        ends_on=span[1],
    )
    return Commune(commune, units, period, council, office, chairman, members)


def nominations_add(province: Province, count: int) -> None:
    """`count` more nominations, spread over the communes and units and over every state."""
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    places = itertools.cycle(
        [
            (commune, unit)
            for unit_index in range(len(province.first.units))
            for commune in province.communes
            for unit in [commune.units[unit_index]]
        ]
    )
    states = itertools.cycle(STATES)
    today = timezone.localdate()
    now = timezone.now()
    done = 0
    while done < count:
        size = min(_BATCH, count - done)
        picked = [next(places) for _n in range(size)]
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(unit=unit, full_name=f"Nguyễn Thị Đo {done + i}", gender="female")
                for i, (_commune, unit) in enumerate(picked)
            )
            rows = []
            for (commune, unit), person in zip(picked, people, strict=True):
                state = next(states)
                rows.append(
                    Nomination(
                        proposing_unit=unit,
                        nominee_kind="individual",
                        person=person,
                        award_type=award,
                        period=commune.period,
                        achievements="Hoàn thành tốt.",
                        task_rating="htt",
                        months_served=12,
                        current_authority=commune.authority,
                        state=state,
                        held_from_state=S.APPRAISED if state == S.ON_HOLD else "",
                        submitted_at=None if state == S.DRAFT else now,
                    )
                )
            created = Nomination.objects.bulk_create(rows)
            Deadline.objects.bulk_create(
                Deadline(
                    nomination=n,
                    kind=Deadline.Kind.APPRAISE,
                    responsible_role=R.STANDING_OFFICE,
                    authority=n.current_authority,
                    opened_at=now,
                    due_on=today + datetime.timedelta(days=(n.pk % 20) - 5),
                )
                for n in created
                if n.state == S.SUBMITTED
            )
        done += size


def meetings_add(province: Province, items_per_meeting: int = 10) -> dict[int, Meeting]:
    """An open meeting per commune with an agenda of nominations in council."""
    meetings = {}
    for commune in province.communes:
        meeting = Meeting.objects.create(
            council=commune.council,
            held_on=timezone.localdate(),
            place="Hội trường",
            state=Meeting.State.OPEN,
            opened_at=timezone.now(),
        )
        agenda = Nomination.objects.filter(
            current_authority=commune.authority, state=S.IN_COUNCIL
        ).order_by("pk")[:items_per_meeting]
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, nomination=n, position=i, secret=False)
            for i, n in enumerate(agenda, 1)
        )
        meetings[commune.authority.pk] = meeting
    return meetings


def audit_events_add(province: Province, count: int) -> None:
    """`count` more chained events about the province's nominations, continuing the chain."""
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, previous = last if last else (0, GENESIS_HASH)
    targets = list(
        Nomination.objects.values_list("pk", "current_authority_id", "proposing_unit_id")[:50_000]
    )
    cycle = itertools.cycle(targets)
    now = timezone.now().replace(microsecond=0)
    batch: list[AuditEvent] = []
    with transaction.atomic():
        for _n in range(count):
            sequence += 1
            pk, authority, unit = next(cycle)
            event = AuditEvent(
                sequence=sequence,
                occurred_at=now,
                authority_id=authority,
                unit_id=unit,
                object_type="nominations.nomination",
                object_id=str(pk),
                action="nomination.submit",
                from_state="draft",
                to_state="submitted",
                payload={"reason": ""},
                previous_hash=previous,
            )
            event.hash = event_hash(event_content(event), previous)
            previous = event.hash
            batch.append(event)
            if len(batch) == _BATCH:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        AuditEvent.objects.bulk_create(batch)
