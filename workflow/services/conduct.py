"""Matters that stop an award whatever the achievement (NĐ 152/2025 Đ4): the standing office
opens one on a nominee (a complaint, a discipline review, an inspection) and the nominee's open
dossiers wait on hold; it records the conclusion, and releases each dossier with its own
resolution (the release says what was concluded and why the dossier may go on)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import save_and_record
from core import clock
from core.errors import InvalidInput, NotPermitted
from councils.models import Authority, Unit
from councils.roles import is_standing_office
from nominations.models import Household, Nomination, Person, Proceeding
from workflow.flow import HOLDABLE
from workflow.services.office import nomination_hold
from workflow.services.transitions import required_text


def _authority_of(nominee: Person | Household | Unit) -> Authority:
    return nominee.authority if isinstance(nominee, Unit) else nominee.unit.authority


def _nominee_field(nominee: Person | Household | Unit) -> str:
    return {Person: "person", Household: "household", Unit: "collective"}[type(nominee)]


def proceeding_open(
    *,
    actor: User,
    nominee: Person | Household | Unit,
    kind: str,
    summary: str,
    opened_on: datetime.date,
) -> Proceeding:
    """Record the matter and hold every open dossier of the nominee (one audited hold each)."""
    authority = _authority_of(nominee)
    if not is_standing_office(actor, authority):
        raise NotPermitted(_("Chỉ Thường trực Hội đồng ghi nhận vụ việc của đối tượng."))
    if kind not in Proceeding.Kind.values:
        raise InvalidInput(_("Loại vụ việc phải là khiếu nại, kỷ luật hoặc thanh tra, kiểm tra."))
    summary = required_text(summary, _("Cần ghi nội dung vụ việc."))
    if opened_on > clock.today():
        raise InvalidInput(_("Ngày phát sinh chưa tới."))
    field = _nominee_field(nominee)
    with transaction.atomic():
        proceeding = Proceeding(
            **{field: nominee}, kind=kind, summary=summary[:500], opened_on=opened_on
        )
        save_and_record(
            proceeding,
            actor=actor,
            action="proceeding.open",
            reason=summary[:100],
            authority=authority,
            payload={"kind": kind, field: nominee.pk},
        )
        waiting = Nomination.objects.filter(**{field: nominee}, state__in=HOLDABLE).order_by("pk")
        for nomination in waiting:
            nomination_hold(nomination=nomination, actor=actor, reason_code=kind, reason=summary)
    return proceeding


def proceeding_close(
    *, actor: User, proceeding: Proceeding, closed_on: datetime.date, conclusion: str
) -> Proceeding:
    """Record the conclusion. The dossiers stay on hold until the office releases each one."""
    nominee = proceeding.person or proceeding.household or proceeding.collective
    authority = _authority_of(nominee)
    if not is_standing_office(actor, authority):
        raise NotPermitted(_("Chỉ Thường trực Hội đồng ghi nhận kết luận vụ việc."))
    conclusion = required_text(conclusion, _("Cần ghi kết luận."))
    if not proceeding.is_open:
        raise InvalidInput(_("Vụ việc đã có kết luận."))
    if closed_on < proceeding.opened_on or closed_on > clock.today():
        raise InvalidInput(_("Ngày kết luận phải từ ngày phát sinh đến hôm nay."))
    proceeding.closed_on, proceeding.conclusion = closed_on, conclusion[:500]
    save_and_record(
        proceeding,
        actor=actor,
        action="proceeding.close",
        reason=conclusion[:100],
        update_fields=["closed_on", "conclusion"],
        authority=authority,
    )
    return proceeding
