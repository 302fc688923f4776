"""Workflow data that is not the nomination itself: the working-day calendar for deadlines."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CalendarException(models.Model):
    """A day that breaks the usual rule (Mon–Fri, public holidays off).

    The `holidays` package knows the fixed and lunar public holidays; the Government also moves
    days off each year (nghỉ bù, làm bù), which an administrator records here.
    """

    day = models.DateField(_("ngày"), unique=True)
    is_working_day = models.BooleanField(_("là ngày làm việc"))
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["-day"]

    def __str__(self) -> str:
        kind = _("làm việc") if self.is_working_day else _("nghỉ")
        return f"{self.day:%d/%m/%Y} ({kind})"
