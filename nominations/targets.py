"""The targets (chỉ tiêu) of a movement and what they reached in each period: who enters a
result, how it is recorded, and how far each target got."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_event_record
from core import clock
from core.errors import InvalidInput, NotPermitted
from councils.roles import acts_for_unit, is_standing_office
from nominations.models import Movement, Period, Registration, Target, TargetResult
from nominations.uploads import sha256_of, upload_check


def may_enter_result(user: User | AnonymousUser | None, target: Target) -> bool:
    """The standing office of the launching authority (or the one continuing it) enters
    the plan's targets; a unit enters the targets of its own registration."""
    if may_assess_movement(user, target.movement):
        return True
    return bool(target.registration_id and acts_for_unit(user, target.registration.unit))


def may_assess_movement(user: User | AnonymousUser | None, movement: Movement) -> bool:
    """The standing office of the launching authority, or of the one continuing it, enters
    the plan's results and assesses the units' pledges."""
    authority = movement.authority
    return is_standing_office(user, authority) or is_standing_office(
        user, authority.continuing_on(clock.today())
    )


def may_assess(user: User | AnonymousUser | None, registration: Registration) -> bool:
    return may_assess_movement(user, registration.movement)


@transaction.atomic
def target_result_record(
    *,
    target: Target,
    period: Period,
    actor: User,
    value: Decimal | None,
    text: str = "",
    met: bool | None = None,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> TargetResult:
    """Enter (or correct) what the target reached in the period; an audit event says who,
    what and from what."""
    if not may_enter_result(actor, target):
        raise NotPermitted(_("Bạn không nhập kết quả chỉ tiêu này."))
    if period.movement_id != target.movement_id:
        raise InvalidInput(_("Đợt không thuộc phong trào của chỉ tiêu."))
    if value is None and not text.strip() and met is None:
        raise InvalidInput(_("Nhập số liệu đạt được, hoặc kết quả bằng chữ."))
    if value is not None and value < 0:
        raise InvalidInput(_("Số liệu đạt được không âm."))
    digest = ""
    if evidence is not None:
        upload_check(evidence)
        digest = sha256_of(evidence)
    result = (
        TargetResult.objects.select_for_update(of=("self",))
        .filter(target=target, period=period)
        .order_by()
        .first()
    )
    created = result is None
    if created:
        result = TargetResult(target=target, period=period)
    before = {"value": _plain(result.value), "text": result.text, "met": result.met}
    result.value, result.text, result.met, result.note = value, text.strip(), met, note.strip()
    result.entered_by = actor
    if evidence is not None:
        result.evidence.save(evidence.name, evidence, save=False)
    result._change_reason = "Nhập kết quả chỉ tiêu"
    try:
        with transaction.atomic():
            result.save()
    except IntegrityError as error:
        # Two people entered the first result of this target at the same moment.
        raise InvalidInput(
            _("Kết quả này vừa được người khác nhập: tải lại trang để xem rồi sửa.")
        ) from error
    audit_event_record(
        actor=actor,
        action="target.result",
        target=result,
        authority=target.movement.authority,
        unit=target.registration.unit if target.registration_id else None,
        payload={
            "target": target.pk,
            "period": period.pk,
            "before": None if created else before,
            "value": _plain(value),
            "text": result.text,
            "met": met,
            "evidence_sha256": digest,
        },
    )
    return result


@transaction.atomic
def registration_assess(
    *, registration: Registration, actor: User, met: bool, assessment: str = ""
) -> Registration:
    """Record whether the unit kept its pledge (at the tổng kết)."""
    if not may_assess(actor, registration):
        raise NotPermitted(_("Chỉ Thường trực Hội đồng đánh giá việc thực hiện đăng ký."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    before = registration.pledge_met
    registration.pledge_met, registration.assessment = met, assessment.strip()[:500]
    registration._change_reason = "Đánh giá thực hiện đăng ký thi đua"
    registration.save(update_fields=["pledge_met", "assessment"])
    audit_event_record(
        actor=actor,
        action="registration.assess",
        target=registration,
        authority=registration.movement.authority,
        unit=registration.unit,
        payload={"before": before, "met": met, "assessment": registration.assessment},
    )
    return registration


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


@dataclass(frozen=True)
class Progress:
    """A target with its result in a period: percent of a figure, and whether it was met."""

    target: Target
    result: TargetResult | None

    @property
    def is_heading(self) -> bool:
        """A group header of the plan's table ("Chỉ tiêu về Nông thôn mới")."""
        return self.target.target_value is None and not self.target.target_text

    @property
    def percent(self) -> Decimal | None:
        """Achieved over target, as a percentage with one decimal; None where either is not
        a figure."""
        goal = self.target.target_value
        if self.result is None or self.result.value is None or not goal:
            return None
        return (self.result.value * 100 / goal).quantize(Decimal("0.1"))

    @property
    def percent_label(self) -> str:
        """ "104,6" or "105": as a Vietnamese text writes it."""
        return format_figure(self.percent) if self.percent is not None else ""

    @property
    def met(self) -> bool | None:
        """As entered; else a figure at or above its target; None while unknown."""
        if self.result is None:
            return None
        if self.result.met is not None:
            return self.result.met
        percent = self.percent
        return None if percent is None else percent >= 100

    @property
    def achieved(self) -> str:
        if self.result is None:
            return ""
        if self.result.value is not None:
            return format_figure(self.result.value)
        return self.result.text


def format_figure(value: Decimal | None) -> str:
    """Vietnamese separators: 1.417 and 400,5."""
    if value is None:
        return ""
    whole, _dot, fraction = format(value.normalize(), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def target_progress(targets: list[Target], period: Period) -> list[Progress]:
    """Each target with its result in the period: one query for the results."""
    results = {
        result.target_id: result
        for result in TargetResult.objects.filter(period=period, target__in=[t.pk for t in targets])
    }
    return [Progress(target, results.get(target.pk)) for target in targets]
