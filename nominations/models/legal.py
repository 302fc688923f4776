"""The legal texts a paper cites as its căn cứ, each in force between two dates.

A decision prints the texts in force on its own date, so a 2024 decision cites NĐ 98/2023 and
a 2026 one NĐ 152/2025, and printing either again later gives the same căn cứ."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from councils.models import Authority
from nominations.models.catalogue import Confidence


class LegalBasis(models.Model):
    class Kind(models.TextChoices):
        LAW = "law", _("Luật")
        DECREE = "decree", _("Nghị định")
        CIRCULAR = "circular", _("Thông tư")
        REGULATION = "regulation", _("Văn bản của địa phương")

    # Written as it follows "Căn cứ " on the paper, without the final ";".
    citation = models.CharField(_("căn cứ (ghi sau chữ “Căn cứ”)"), max_length=500)
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=Kind.choices)
    # Papers list laws, then decrees, then circulars, then local texts (NĐ 30/2020 practice);
    # within a kind the older text first.
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    in_force_from = models.DateField(_("có hiệu lực từ"))
    in_force_to = models.DateField(_("hết hiệu lực sau ngày"), null=True, blank=True)
    # A province's or a commune's own text applies to it and to the authorities under it;
    # empty for the State's texts.
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("văn bản của địa phương"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_bases",
    )
    # The Law on local government is the chairman's competence to decide: decisions cite it,
    # a unit's proposal does not.
    on_decisions = models.BooleanField(_("ghi trên quyết định"), default=True)
    on_proposals = models.BooleanField(_("ghi trên tờ trình"), default=True)
    # A text that governs some awards only (NĐ 86/2023: Gia đình văn hóa, thôn văn hóa…) is
    # cited on the papers about them; with none, on every paper.
    award_types = models.ManyToManyField(
        "nominations.AwardType",
        verbose_name=_("chỉ ghi trên văn bản về"),
        blank=True,
        related_name="legal_bases",
    )
    source = models.CharField(_("nguồn đối chiếu"), max_length=300, blank=True)
    confidence = models.CharField(
        _("mức xác nhận"), max_length=12, choices=Confidence.choices, default=Confidence.CONFIRMED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["rank", "in_force_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_to__isnull=True)
                | Q(in_force_to__gte=models.F("in_force_from")),
                name="legal_basis_dates_in_order",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(citation__startswith="Căn cứ"),
                name="legal_basis_without_the_word_can_cu",
                violation_error_message=_("Ghi tên văn bản, không ghi chữ “Căn cứ” ở đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    def in_force_on(self, day: datetime.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)
