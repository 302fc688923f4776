"""Statistics forms as data: a form (biểu), its rows and its columns. Each figure of a report
is the count (or the prize total) of the ledger rows that match its row's filter and its
column's filter, so a new version of the circular is a new form with its rows, not new code."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from councils.models import Authority
from nominations.models import AwardType, Period
from nominations.models.catalogue import Confidence


class StatisticsForm(models.Model):
    """A biểu of the reporting regime (or of the authority's own), valid over dates."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    symbol = models.CharField(
        _("ký hiệu biểu"), max_length=60, blank=True, help_text=_("Ví dụ: Biểu số 0602.N/BNV-TĐKT")
    )
    name = models.CharField(_("tên biểu"), max_length=300)
    legal_basis = models.CharField(_("căn cứ"), max_length=400)
    source = models.CharField(_("nguồn đã đối chiếu"), max_length=400, blank=True)
    confidence = models.CharField(
        _("mức xác nhận"), max_length=12, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )
    # The counting year of thi đua - khen thưởng statistics runs from 01/12 of the year before
    # to 30/11 (domain.md, reporting regime [C]); an authority may report on another span.
    year_starts_month = models.PositiveSmallIntegerField(
        _("năm thống kê bắt đầu tháng"), default=12
    )
    year_starts_day = models.PositiveSmallIntegerField(_("năm thống kê bắt đầu ngày"), default=1)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biểu thống kê")
        verbose_name_plural = _("biểu thống kê")
        ordering = ["-valid_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_starts_month__gte=1, year_starts_month__lte=12)
                & Q(year_starts_day__gte=1, year_starts_day__lte=28),
                name="statistics_form_year_start_plausible",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="statistics_form_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.name}".strip()

    def year_span(self, year: int) -> tuple[datetime.date, datetime.date]:
        """The counting year named `year`: 01/12/(year-1) – 30/11/year by default; a year that
        starts on 01/01 is the calendar year."""
        if (self.year_starts_month, self.year_starts_day) == (1, 1):
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        start = datetime.date(year - 1, self.year_starts_month, self.year_starts_day)
        end = datetime.date(year, self.year_starts_month, self.year_starts_day)
        return start, end - datetime.timedelta(days=1)

    def counting_year(self, day: datetime.date) -> int:
        """The counting year `day` falls in: a day of December counts for the next year when
        the year starts on 01/12."""
        start, _end = self.year_span(day.year + 1)
        return day.year + 1 if day >= start else day.year

    def in_force_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class NomineeGroup(models.TextChoices):
    """How a ledger row names its nominee: the columns of a form split by these."""

    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class StatisticsRow(models.Model):
    """A row of a form: the awards it counts. Every filter left empty matches all; a row with
    no filter at all is a heading that counts everything."""

    form = models.ForeignKey(
        StatisticsForm, verbose_name=_("biểu"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("mã số"), max_length=10, help_text=_("Ví dụ: 1, 1.1, I"))
    label = models.CharField(_("chỉ tiêu"), max_length=300)
    bold = models.BooleanField(_("in đậm (dòng tổng)"), default=False)
    award_types = models.ManyToManyField(
        AwardType, verbose_name=_("danh hiệu, hình thức"), blank=True, related_name="+"
    )
    award_category = models.CharField(
        _("loại"), max_length=10, choices=AwardType.Category.choices, blank=True
    )
    issuing_level = models.CharField(
        _("cấp quyết định"), max_length=10, choices=Authority.Level.choices, blank=True
    )
    award_kind = models.CharField(
        _("loại khen thưởng"), max_length=10, choices=Period.Kind.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng của biểu")
        verbose_name_plural = _("dòng của biểu")
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="statistics_row_position"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"


class StatisticsColumn(models.Model):
    """A column: what is counted (awards, or the prize money in đồng) and for which nominees."""

    class Measure(models.TextChoices):
        COUNT = "count", _("Số lượt khen thưởng")
        PRIZE = "prize", _("Tiền thưởng (đồng)")
        # Dossiers sent in the span (from the nominations, decided or not): what was asked
        # for beside what was given. A row by deciding level has no such figure.
        PROPOSED = "proposed", _("Số hồ sơ đề nghị")

    form = models.ForeignKey(
        StatisticsForm, verbose_name=_("biểu"), on_delete=models.CASCADE, related_name="columns"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("mã cột"), max_length=10)
    label = models.CharField(_("tên cột"), max_length=200)
    measure = models.CharField(
        _("số liệu"), max_length=10, choices=Measure.choices, default=Measure.COUNT
    )
    nominee_group = models.CharField(
        _("đối tượng"), max_length=12, choices=NomineeGroup.choices, blank=True
    )
    award_kind = models.CharField(
        _("loại khen thưởng"), max_length=10, choices=Period.Kind.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cột của biểu")
        verbose_name_plural = _("cột của biểu")
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="statistics_column_position"),
        ]

    def __str__(self) -> str:
        return f"({self.code}) {self.label}"


__all__ = [
    "NomineeGroup",
    "StatisticsColumn",
    "StatisticsForm",
    "StatisticsRow",
]
