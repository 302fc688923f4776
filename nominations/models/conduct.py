"""What stands in the way of an award whatever the achievement (NĐ 152/2025 Đ4): an open
complaint, discipline review or inspection on the nominee (the dossier waits), and a discipline
in effect during the year counted (the year does not count for a title)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from nominations.models.nominee_links import nominee_links
from nominations.models.nominees import Person


class Proceeding(models.Model):
    """A matter open on a nominee: while open, no award is appraised, forwarded or decided for
    them, and their open dossiers wait (on hold)."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Khiếu nại, tố cáo")
        DISCIPLINE = "discipline", _("Đang xem xét kỷ luật")
        INSPECTION = "inspection", _("Thanh tra, kiểm tra, kiểm toán")

    person, household, collective = nominee_links(
        person="proceedings", household="proceedings", collective="proceedings"
    )
    kind = models.CharField(_("loại vụ việc"), max_length=12, choices=Kind.choices)
    summary = models.CharField(_("nội dung"), max_length=500)
    opened_on = models.DateField(_("ngày phát sinh"))
    closed_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    conclusion = models.CharField(_("kết luận"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vụ việc đang xem xét")
        verbose_name_plural = _("vụ việc đang xem xét")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, household__isnull=True, collective__isnull=True)
                    | Q(person__isnull=True, household__isnull=False, collective__isnull=True)
                    | Q(person__isnull=True, household__isnull=True, collective__isnull=False)
                ),
                name="proceeding_one_nominee",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="proceeding_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Discipline(models.Model):
    """A disciplinary measure on a person and how long it is in effect; achievements count
    only from the day it ends (NĐ 152/2025 Đ4)."""

    class Level(models.IntegerChoices):
        # Luật Cán bộ, công chức; Luật Viên chức: the measures, lightest first.
        REPRIMAND = 1, _("Khiển trách")
        WARNING = 2, _("Cảnh cáo")
        SALARY_DOWN = 3, _("Hạ bậc lương")
        DEMOTION = 4, _("Giáng chức")
        DISMISSAL = 5, _("Cách chức")
        TERMINATION = 6, _("Buộc thôi việc")

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="disciplines"
    )
    level = models.PositiveSmallIntegerField(_("hình thức kỷ luật"), choices=Level.choices)
    decision_number = models.CharField(_("số quyết định kỷ luật"), max_length=50)
    decided_on = models.DateField(_("ngày quyết định"))
    in_effect_until = models.DateField(_("hết hiệu lực sau ngày"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_effect_until__gte=F("decided_on")),
                name="discipline_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.decision_number})"

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        return self.decided_on <= last and self.in_effect_until >= first
