"""Council meetings: agenda, attendance, comments, ballots and tallies.

Secret ballots are split on purpose (see README, "Secret ballots"): `Ballot` records *that* a
member voted, with no choice; the choices of a secret item exist only as three counters in
`SecretTally`, a row with no member, no timestamp, no history and no per-vote ordering.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from councils.models.organisation import Council, CouncilMember


class Meeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        OPEN = "open", _("Đang họp")
        CLOSED = "closed", _("Đã kết thúc")

    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200)
    # A meeting that reviews awards may need more members present (Bắc Ninh QĐ 86/2025 Đ8.4.b).
    reviews_awards = models.BooleanField(_("phiên xét khen thưởng"), default=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thư ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("khai mạc lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # The minutes (biên bản) as data, written once at the close.
    minutes = models.JSONField(_("biên bản"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.council} — {self.held_on:%d/%m/%Y}"


class AgendaItem(models.Model):
    class Result(models.TextChoices):
        PENDING = "pending", _("Chưa biểu quyết")
        PASSED = "passed", _("Đạt")
        FAILED = "failed", _("Không đạt")
        NOT_VOTED = "not_voted", _("Không biểu quyết (tạm dừng)")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("phiên họp"), on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("đề nghị"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    secret = models.BooleanField(_("bỏ phiếu kín"))
    deferred_at = models.DateTimeField(_("rút khỏi chương trình lúc"), null=True, blank=True)
    result = models.CharField(
        _("kết quả"), max_length=10, choices=Result.choices, default=Result.PENDING
    )
    yes_count = models.PositiveSmallIntegerField(_("đồng ý"), null=True, blank=True)
    no_count = models.PositiveSmallIntegerField(_("không đồng ý"), null=True, blank=True)
    abstain_count = models.PositiveSmallIntegerField(_("không biểu quyết"), null=True, blank=True)
    base = models.PositiveSmallIntegerField(_("cơ số"), null=True, blank=True)
    threshold_percent = models.PositiveSmallIntegerField(_("ngưỡng (%)"), null=True, blank=True)
    tie_note = models.CharField(_("lưu ý khi hòa phiếu"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung xét")
        verbose_name_plural = _("chương trình họp")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="agenda_item_unique"),
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.nomination}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("phiên họp"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("có mặt"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["meeting", "member"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({'có mặt' if self.present else 'vắng'})"


class Comment(models.Model):
    """An opinion on an agenda item. Never edited: a correction is a new comment."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("nội dung xét"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người góp ý"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("nội dung"))
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("đính chính cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    posted_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["item", "posted_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class Ballot(models.Model):
    """One member's ballot on one item. For a secret item `choice` stays empty."""

    class Choice(models.TextChoices):
        YES = "yes", _("Đồng ý")
        NO = "no", _("Không đồng ý")
        ABSTAIN = "abstain", _("Không biểu quyết")

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("nội dung xét"),
        on_delete=models.CASCADE,
        related_name="ballots",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("lựa chọn"), max_length=8, choices=Choice.choices, blank=True)
    written_opinion = models.BooleanField(_("ý kiến bằng văn bản"), default=False)
    opinion_scan = models.FileField(_("bản chụp ý kiến"), upload_to="opinions/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["choice"])

    class Meta:
        verbose_name = _("phiếu")
        verbose_name_plural = _("phiếu")
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="ballot_one_per_member"),
            models.CheckConstraint(
                condition=Q(written_opinion=False) | ~Q(opinion_scan=""),
                name="ballot_written_opinion_has_scan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.member}"


class SecretTally(models.Model):
    """The choices of a secret item: three counters, nothing else."""

    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("nội dung xét"),
        on_delete=models.CASCADE,
        related_name="secret_tally",
    )
    yes = models.PositiveSmallIntegerField(default=0)
    no = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kết quả phiếu kín")
        verbose_name_plural = _("kết quả phiếu kín")

    def __str__(self) -> str:
        return str(self.item)
