"""Decisions (quyết định khen thưởng) and their lines, one per awarded nomination."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from councils.models import Authority


class Decision(models.Model):
    class SigningCapacity(models.TextChoices):
        CHAIRMAN = "chairman", _("CHỦ TỊCH")
        ON_BEHALF = "on_behalf", _("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cơ quan quyết định"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=50, help_text=_("Ví dụ: 15/QĐ-UBND"))
    issued_on = models.DateField(_("ngày ký"))
    # Empty for a higher level's decision recorded by the standing office (record_outcome).
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signing_capacity = models.CharField(
        _("thẩm quyền ký"), max_length=10, choices=SigningCapacity.choices, blank=True
    )
    legal_basis = models.TextField(_("căn cứ thẩm quyền"), blank=True)
    recorded_from_higher_level = models.BooleanField(_("quyết định của cấp trên"), default=False)
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number"],
                name="decision_number_unique_per_authority",
                violation_error_message=_("Số quyết định này đã được dùng."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class DecisionLine(models.Model):
    """One awardee on a decision, with the prize and its sổ vàng serial."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT, related_name="lines"
    )
    nomination = models.OneToOneField(
        "nominations.Nomination",
        verbose_name=_("đề nghị"),
        on_delete=models.PROTECT,
        related_name="decision_line",
    )
    golden_book_number = models.PositiveIntegerField(_("số sổ vàng"))
    prize_amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    # Why the amount differs from the award's prize (one payment per year: NĐ 152/2025 Đ49).
    prize_note = models.CharField(_("ghi chú tiền thưởng"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("danh sách kèm theo quyết định")
        ordering = ["decision", "golden_book_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "golden_book_number"], name="decision_line_serial_unique"
            ),
            models.CheckConstraint(
                condition=Q(golden_book_number__gte=1), name="decision_line_serial_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} #{self.golden_book_number}"


class GoldenBook(models.Model):
    """The sổ vàng of an authority for one year: the last number given. Numbers run on across
    the year's decisions and are never given twice (each approval takes the next ones under
    the row's lock)."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ vàng")
        verbose_name_plural = _("sổ vàng")
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="golden_book_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.year}: {self.last_number}"
