"""The nomination (đề nghị khen thưởng). Its state moves only through workflow services."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from councils.models import Authority, Unit
from nominations.models.catalogue import AwardType, NomineeKind
from nominations.models.movements import Period
from nominations.models.nominee_links import nominee_links
from nominations.models.nominees import Household, Person


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    RETURNED = "returned", _("Trả lại, yêu cầu bổ sung")
    APPRAISED = "appraised", _("Đã thẩm định, chờ Hội đồng")
    IN_COUNCIL = "in_council", _("Đang xét tại Hội đồng")
    POSTED = "posted", _("Đang công khai")
    ON_HOLD = "on_hold", _("Tạm dừng")
    AWAITING_DECISION = "awaiting_decision", _("Chờ Chủ tịch quyết định")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    APPROVED = "approved", _("Đã khen thưởng")
    REJECTED = "rejected", _("Không khen thưởng")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REVOKED = "revoked", _("Đã hủy khen thưởng")


FINAL_STATES = (
    NominationState.APPROVED,
    NominationState.REJECTED,
    NominationState.WITHDRAWN,
    NominationState.REVOKED,
)


class TaskRating(models.TextChoices):
    """Xếp loại chất lượng of officials and public employees; farmers and workers are not rated."""

    EXCELLENT = "htxs", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "htt", _("Hoàn thành tốt nhiệm vụ")
    DONE = "ht", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "kht", _("Không hoàn thành nhiệm vụ")
    NOT_RATED = "na", _("Không thuộc diện xếp loại (nông dân, người lao động)")


# A nomination in any other state blocks a second one for the same nominee, award and
# period: after a refusal or withdrawal the unit may propose again; an award already given
# for the period may not be given twice (Luật TĐKT 2022 Đ5).
RELEASED_STATES = (NominationState.REJECTED, NominationState.WITHDRAWN, NominationState.REVOKED)


class Nomination(models.Model):
    State = NominationState
    FINAL_STATES = FINAL_STATES
    RELEASED_STATES = RELEASED_STATES

    proposing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    # A collective or a village is a unit (a school, a thôn…).
    person, household, collective = nominee_links(
        person="nominations", household="nominations", collective="collective_nominations"
    )
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    # The nominee's year, as the unit reports it: the rating of how the tasks were done (Luật
    # Đ24.1: LĐTT needs "hoàn thành tốt nhiệm vụ" or better) and the months served.
    task_rating = models.CharField(
        _("mức hoàn thành nhiệm vụ"), max_length=4, choices=TaskRating.choices, blank=True
    )
    months_served = models.PositiveSmallIntegerField(
        _("số tháng công tác trong năm"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(12)],
    )
    merit_ground = models.ForeignKey(
        "nominations.MeritGround",
        verbose_name=_("căn cứ đề nghị thay điều kiện nhiều năm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("đợt thi đua"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    achievements = models.TextField(_("tóm tắt thành tích"))
    current_authority = models.ForeignKey(
        Authority,
        verbose_name=_("cơ quan đang xử lý"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    # Where `release` returns to; set only while on hold.
    held_from_state = models.CharField(
        _("trạng thái trước khi tạm dừng"), max_length=20, choices=State.choices, blank=True
    )
    # Evidence the eligibility rules read (Luật TĐKT 2022 Đ23 for CSTĐCS).
    excellence_confirmed = models.BooleanField(_("hoàn thành xuất sắc nhiệm vụ"), default=False)
    initiative = models.ForeignKey(
        "nominations.Initiative",
        verbose_name=_("sáng kiến, đề tài"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        # Granted per nomination with django-guardian to an extra reviewer.
        permissions = [("review_nomination", _("Xem xét hồ sơ đề nghị được giao"))]
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["current_authority", "state"]),
            models.Index(fields=["proposing_unit", "state"]),
            models.Index(fields=["award_type", "period"]),
            # Lists show the latest first: a reader who sees most of them (a province's
            # auditor) walks this instead of sorting every nomination of the province.
            models.Index(fields=["updated_at", "id"], name="nomination_latest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        nominee_kind=NomineeKind.INDIVIDUAL,
                        person__isnull=False,
                        household__isnull=True,
                        collective__isnull=True,
                    )
                    | Q(
                        nominee_kind=NomineeKind.HOUSEHOLD,
                        person__isnull=True,
                        household__isnull=False,
                        collective__isnull=True,
                    )
                    | Q(
                        nominee_kind__in=[NomineeKind.COLLECTIVE, NomineeKind.VILLAGE],
                        person__isnull=True,
                        household__isnull=True,
                        collective__isnull=False,
                    )
                ),
                name="nomination_nominee_matches_kind",
            ),
            *(
                models.UniqueConstraint(
                    fields=[nominee, "award_type", "period"],
                    condition=Q(**{f"{nominee}__isnull": False}) & ~Q(state__in=RELEASED_STATES),
                    name=f"nomination_one_open_per_{nominee}",
                    violation_error_message=_(
                        "Đối tượng này đã có một đề nghị đang xử lý cho cùng danh hiệu và đợt."
                    ),
                )
                for nominee in ("person", "household", "collective")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} — {self.nominee}"

    @property
    def nominee(self) -> Person | Household | Unit | None:
        return self.person or self.household or self.collective

    @property
    def version(self) -> int:
        """Changes with every save (updated_at to the microsecond): the API's ETag, so a write
        based on a stale read can be refused."""
        return int(self.updated_at.timestamp() * 1_000_000) if self.updated_at else 0

    @property
    def uses_simplified_procedure(self) -> bool:
        """An ad-hoc feat for an award that allows it (Luật Đ85): no council, no posting."""
        return self.period.kind == "ad_hoc" and self.award_type.simplified_for_ad_hoc

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (
            self.award_type_id
            and self.nominee_kind
            and not self.award_type.kind_rules.filter(nominee_kind=self.nominee_kind).exists()
        ):
            errors["award_type"] = _("Danh hiệu này không áp dụng cho loại đối tượng đã chọn.")
        if (
            self.award_type_id
            and self.period_id
            and not self.award_type.given_for(self.period.kind)
        ):
            errors["period"] = _(
                "%(award)s không xét cho %(period)s (%(kind)s); chọn đợt phù hợp."
            ) % {
                "award": self.award_type.name,
                "period": self.period.name,
                "kind": self.period.get_kind_display().lower(),
            }
        if self.merit_ground_id and self.merit_ground.award_type_id != self.award_type_id:
            errors["merit_ground"] = _("Căn cứ đề nghị này không thuộc danh hiệu đã chọn.")
        unit = self.proposing_unit if self.proposing_unit_id else None
        if unit and self.person_id and self.person.unit_id != unit.pk:
            errors["person"] = _("Cá nhân không thuộc đơn vị đề nghị.")
        if unit and self.household_id and self.household.unit_id != unit.pk:
            errors["household"] = _("Hộ gia đình không thuộc thôn đề nghị.")
        if unit and self.collective_id and self.collective.authority_id != unit.authority_id:
            errors["collective"] = _("Tập thể không thuộc cùng xã với đơn vị đề nghị.")
        if errors:
            raise ValidationError(errors)
