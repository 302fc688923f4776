"""The award ledger (sổ theo dõi khen thưởng): every award a person, household or collective
has received, across years and authorities. Eligibility across years and the one-payment rule
read it, not the nominations."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from councils.models import Authority, Unit
from nominations.models.catalogue import AwardType, Confidence, NomineeKind
from nominations.models.decisions import DecisionLine
from nominations.models.movements import Period
from nominations.models.nominee_links import nominee_links


class AwardRecord(models.Model):
    class Source(models.TextChoices):
        DECISION = "decision", _("Quyết định ban hành trên hệ thống")
        HIGHER_LEVEL = "higher_level", _("Kết quả của cấp trên")
        LEGACY = "legacy", _("Khen thưởng trước khi dùng hệ thống")

    person, household, collective = nominee_links(
        person="awards", household="awards", collective="awards"
    )
    # The nominee's unit when the award was recorded (a person may move later): the register
    # of an authority, its statistics and its awards per unit read this, not today's unit.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    # The year the achievement is counted for ("Lao động tiên tiến năm 2024").
    year = models.PositiveSmallIntegerField(_("năm"))
    # Annual, a đợt/chuyên đề, or ad hoc, as the period was: đột xuất and chuyên đề results
    # are never grounds for an award on merit (NĐ 152/2025 Đ4).
    kind = models.CharField(
        _("loại khen thưởng"), max_length=10, choices=Period.Kind.choices, default=Period.Kind.YEAR
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_authority = models.ForeignKey(
        Authority,
        verbose_name=_("cơ quan quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuing_authority_name = models.CharField(_("tên cơ quan quyết định"), max_length=200)
    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    decision_line = models.OneToOneField(
        DecisionLine,
        verbose_name=_("dòng quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_record",
    )
    prize_amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    revoked_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    revocation_note = models.CharField(_("căn cứ hủy"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ngày ghi"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("sổ theo dõi khen thưởng")
        ordering = ["-year", "-decision_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, household__isnull=True, collective__isnull=True)
                    | Q(person__isnull=True, household__isnull=False, collective__isnull=True)
                    | Q(person__isnull=True, household__isnull=True, collective__isnull=False)
                ),
                name="award_record_one_nominee",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="award_record_year_plausible"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="award_record_person_year"),
            models.Index(fields=["collective", "year"], name="award_record_unit_year"),
            models.Index(fields=["unit", "decision_date"], name="award_record_unit_date"),
            models.Index(
                fields=["issuing_authority", "decision_date"], name="award_record_issuer_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} năm {self.year} ({self.decision_number})"

    def save(self, *args, **kwargs) -> None:
        if self.unit_id is None:
            self.unit_id = self.nominee_unit_id()
        super().save(*args, **kwargs)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None

    def nominee_unit_id(self) -> int | None:
        """The unit of the nominee this row names (a collective is its own unit)."""
        if self.collective_id:
            return self.collective_id
        nominee = self.person if self.person_id else self.household if self.household_id else None
        return nominee.unit_id if nominee is not None else None

    @property
    def nominee(self):
        return self.person or self.household or self.collective

    @property
    def nominee_kind(self) -> str:
        if self.person_id:
            return NomineeKind.INDIVIDUAL
        return NomineeKind.HOUSEHOLD if self.household_id else NomineeKind.COLLECTIVE


class ChainRule(models.Model):
    """An award that needs earlier ones in consecutive years, e.g. CSTĐ cấp tỉnh ⇐ three
    consecutive CSTĐCS (Luật TĐKT 2022 Đ22). Read from the ledger on the nomination's year: the
    run of `required` ends in that year, unrevoked."""

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức xét"),
        on_delete=models.CASCADE,
        related_name="chain_rules",
    )
    required = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu cần có trước"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    consecutive_years = models.PositiveSmallIntegerField(_("số năm liên tục"))
    nominee_kind = models.CharField(
        _("chỉ cho đối tượng"),
        max_length=12,
        choices=NomineeKind.choices,
        blank=True,
        help_text=_("Để trống: mọi đối tượng."),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    confidence = models.CharField(
        _("mức xác nhận"), max_length=12, choices=Confidence.choices, default=Confidence.CONFIRMED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điều kiện nhiều năm liên tục")
        verbose_name_plural = _("điều kiện nhiều năm liên tục")
        constraints = [
            models.CheckConstraint(
                condition=Q(consecutive_years__gte=1, consecutive_years__lte=10),
                name="chain_rule_years_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} ⇐ {self.consecutive_years} × {self.required}"


class MeritGround(models.Model):
    """Another ground on which an award may be proposed for a year, instead of its
    consecutive-year rules: the provincial Bằng khen goes to an individual with "02 lần liên
    tục CSTĐCS" or, e.g., two years' excellent work with two recognised initiatives (Bắc Ninh
    QĐ 86/2025/QĐ-UBND Đ3.3.a). The proposer names the ground; the standing office checks its
    evidence at appraisal."""

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="merit_grounds",
    )
    text = models.CharField(_("căn cứ đề nghị"), max_length=300)
    legal_basis = models.CharField(_("nguồn quy định"), max_length=300)
    confidence = models.CharField(
        _("mức xác nhận"), max_length=12, choices=Confidence.choices, default=Confidence.SECONDARY
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ đề nghị thay điều kiện nhiều năm")
        verbose_name_plural = _("căn cứ đề nghị thay điều kiện nhiều năm")
        ordering = ["award_type", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.award_type.short_name or self.award_type.name}: {self.text}"
