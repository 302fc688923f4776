"""Emulation movements (phong trào thi đua), their periods, registrations and targets."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import clock
from core.history import HistoricalRecords
from councils.models import Authority, Unit


class Movement(models.Model):
    """A movement launched by an authority's plan (kế hoạch phát động)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường xuyên")
        THEMATIC = "thematic", _("Theo chuyên đề, đợt")

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cơ quan phát động"),
        on_delete=models.PROTECT,
        related_name="movements",
    )
    name = models.CharField(_("tên phong trào"), max_length=300)
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    theme = models.TextField(_("chủ đề, khẩu hiệu"), blank=True)
    plan_number = models.CharField(_("số kế hoạch"), max_length=50, blank=True)
    plan_date = models.DateField(_("ngày kế hoạch"), null=True, blank=True)
    plan_title = models.TextField(_("trích yếu kế hoạch"), blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    scores_blocs = models.BooleanField(
        _("chấm điểm các khối thi đua"),
        default=False,
        help_text=_("Khi kế hoạch chấm điểm, xếp hạng các đơn vị trong từng khối thi đua."),
    )
    bloc_scoring_basis = models.CharField(
        _("căn cứ chấm điểm khối"), max_length=300, blank=True,
        help_text=_("Ví dụ: thang điểm 100 theo hướng dẫn của Hội đồng."),
    )  # fmt: skip
    registration_deadline = models.DateField(
        _("hạn đăng ký thi đua"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối các đơn vị gửi đăng ký (ví dụ “trước ngày 20/11/2023”)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="movement_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Period(models.Model):
    """The span a nomination's achievements are counted over: a year for the annual titles
    (LĐTT, CSTĐCS, TTLĐTT… "năm 2024"), a đợt or chuyên đề of a movement for its own awards, or
    an ad-hoc feat (Luật TĐKT 2022 Đ8: thường xuyên, theo đợt/chuyên đề, đột xuất)."""

    class Kind(models.TextChoices):
        YEAR = "year", _("Hằng năm (thường xuyên)")
        CAMPAIGN = "campaign", _("Theo đợt, chuyên đề")
        AD_HOC = "ad_hoc", _("Đột xuất")

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="periods"
    )
    name = models.CharField(_("tên đợt"), max_length=200)
    kind = models.CharField(
        _("loại khen thưởng"), max_length=10, choices=Kind.choices, default=Kind.CAMPAIGN
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["movement", "starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="period_dates_ordered"
            ),
            models.UniqueConstraint(fields=["movement", "name"], name="period_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y})"

    def open_for_proposals(self, day: datetime.date) -> bool:
        """Units propose from the period's start until some days after its end, when the
        office collects the round (the length is settings.PROPOSAL_DAYS_AFTER_PERIOD [U])."""
        after = datetime.timedelta(days=settings.PROPOSAL_DAYS_AFTER_PERIOD)
        return self.starts_on <= day <= self.ends_on + after

    @property
    def year_label(self) -> str:
        """ "năm 2024", or "năm học 2024 - 2025" for a school year."""
        if self.starts_on.year == self.ends_on.year:
            return f"năm {self.ends_on.year}"
        return f"năm học {self.starts_on.year} - {self.ends_on.year}"

    @property
    def label(self) -> str:
        """How papers name the span: "năm 2024" for a year, else the đợt's own name."""
        return self.year_label if self.kind == self.Kind.YEAR else self.name

    def clean(self) -> None:
        if not self.movement_id or not self.starts_on or not self.ends_on:
            return
        movement = self.movement
        if self.starts_on < movement.starts_on or self.ends_on > movement.ends_on:
            raise ValidationError(_("Đợt thi đua phải nằm trong thời gian của phong trào."))
        if self.kind == self.Kind.YEAR and (self.ends_on - self.starts_on).days > 365:
            raise ValidationError(_("Khen thưởng hằng năm tính cho một năm (hoặc một năm học)."))


class Registration(models.Model):
    """Đăng ký thi đua: a unit's pledge to a movement."""

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    registered_on = models.DateField(_("ngày đăng ký"))
    pledge = models.TextField(_("nội dung đăng ký"), blank=True)
    # Whether the unit kept its pledge, as the office assessed it at the tổng kết; empty
    # until then (the unit's own targets, when it set some, are read as a hint).
    pledge_met = models.BooleanField(_("hoàn thành đăng ký"), null=True, blank=True)
    assessment = models.CharField(_("nhận xét"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["movement", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.movement}"

    def clean(self) -> None:
        if self.movement_id and self.unit_id and not self._unit_of_the_movement():
            raise ValidationError(
                {"unit": _("Đơn vị không thuộc địa phương phát động phong trào.")}
            )
        deadline = self.movement.registration_deadline if self.movement_id else None
        if deadline and self.registered_on and self.registered_on > deadline:
            raise ValidationError(
                {"registered_on": _("Đăng ký sau hạn %(day)s của kế hoạch.")
                 % {"day": f"{deadline:%d/%m/%Y}"}}
            )  # fmt: skip

    def _unit_of_the_movement(self) -> bool:
        """The unit is of the launching authority, or of the one that continues it since an
        arrangement (a thôn of Cẩm Lĩnh is Cẩm Trung's since 01/07/2025)."""
        authority = self.movement.authority
        if self.unit.authority_id == authority.pk:
            return True
        return self.unit.authority_id == authority.continuing_on(clock.today()).pk


class MovementPrize(models.Model):
    """A prize the plan itself offers (giải thưởng của phong trào), beside the awards of the
    law: e.g. Khuôn Lùng 2024, for its thôn, one first prize of 5.000.000 đồng, one second of
    3.000.000, one third of 1.000.000, given by the commune's Party committee, council, people's
    committee and Fatherland Front."""

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="prizes"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("giải"), max_length=100, help_text=_("Ví dụ: Giải nhất"))
    for_unit_kind = models.CharField(
        _("dành cho"), max_length=20, choices=Unit.Kind.choices, blank=True
    )
    count = models.PositiveSmallIntegerField(_("số giải"), default=1)
    amount = models.PositiveBigIntegerField(_("mức thưởng mỗi giải (đồng)"))
    given_by = models.CharField(_("trao bởi"), max_length=300, blank=True)
    condition = models.CharField(_("điều kiện"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giải thưởng của phong trào")
        verbose_name_plural = _("giải thưởng của phong trào")
        ordering = ["movement", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="movement_prize_count"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.movement}"


class Target(models.Model):
    """Chỉ tiêu: a target of the movement's plan, or of one unit's registration.

    Figures are decimals where the plan gives a number; qualitative targets ("Đạt") go in the
    text fields.
    """

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="targets"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("đăng ký của đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        help_text=_("Để trống: chỉ tiêu chung của kế hoạch."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=400)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    target_value = models.DecimalField(
        _("mục tiêu"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    target_text = models.CharField(_("mục tiêu (chữ)"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu thi đua")
        verbose_name_plural = _("chỉ tiêu thi đua")
        ordering = ["movement", "registration", "position"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.registration_id and self.registration.movement_id != self.movement_id:
            raise ValidationError({"registration": _("Đăng ký thuộc phong trào khác.")})


class TargetResult(models.Model):
    """What a target reached in one period (the sơ kết, the tổng kết), entered by the office
    or, for a unit's own targets, by the unit, with its evidence; each change has its history
    and an audit event."""

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="results"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="target_results"
    )
    value = models.DecimalField(
        _("đạt được"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    text = models.CharField(_("đạt được (chữ)"), max_length=100, blank=True)
    met = models.BooleanField(
        _("đạt chỉ tiêu"),
        null=True,
        blank=True,
        help_text=_("Để trống: tính từ số liệu (đạt khi không thấp hơn mục tiêu)."),
    )
    note = models.CharField(_("ghi chú, nguồn số liệu"), max_length=500, blank=True)
    evidence = models.FileField(
        _("tài liệu kèm theo"), upload_to="target-evidence/%Y/%m/", blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        ordering = ["target_id", "period_id"]  # no join: a locked read stays on this table
        constraints = [
            models.UniqueConstraint(fields=["target", "period"], name="target_result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.target} — {self.period.name}"


class EmulationBloc(models.Model):
    """Khối thi đua: units of an authority grouped to emulate one another (the thôn, the
    schools, the mass organisations…), as a plan names them ("Các Khối thi đua của xã")."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="blocs"
    )
    name = models.CharField(_("tên khối"), max_length=200)
    units = models.ManyToManyField(Unit, verbose_name=_("đơn vị"), related_name="blocs")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khối thi đua")
        verbose_name_plural = _("khối thi đua")
        ordering = ["authority", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="bloc_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class BlocScore(models.Model):
    """A unit's score in its bloc for one period of a movement that scores its blocs."""

    period = models.ForeignKey(
        Period, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="bloc_scores"
    )
    bloc = models.ForeignKey(
        EmulationBloc, verbose_name=_("khối"), on_delete=models.CASCADE, related_name="scores"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    score = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấm"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm thi đua của khối")
        verbose_name_plural = _("điểm thi đua của khối")
        ordering = ["period_id", "bloc_id", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["period", "bloc", "unit"], name="bloc_score_unique"),
            models.CheckConstraint(condition=Q(score__gte=0), name="bloc_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.score}"
