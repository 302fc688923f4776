"""Workflow data beside the nomination: the working-day calendar, deadlines, notifications.

Deadlines and notifications follow from audited transitions, so they keep no field history
of their own.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords


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


class Deadline(models.Model):
    """A due date on whoever a nomination waits on, opened and met by transitions."""

    class Kind(models.TextChoices):
        CHECK_COMPLETENESS = "check_completeness", _("Kiểm tra hồ sơ, trả lại nếu thiếu")
        APPRAISE = "appraise", _("Thẩm định hồ sơ")
        RESUBMIT = "resubmit", _("Bổ sung, gửi lại hồ sơ")
        END_POSTING = "end_posting", _("Kết thúc công khai")
        DECIDE = "decide", _("Quyết định khen thưởng")

    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("đề nghị"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    kind = models.CharField(_("việc"), max_length=20, choices=Kind.choices)
    # Who must act: a role of Membership, in this authority (for a unit head: of the unit).
    responsible_role = models.CharField(_("vai trò phải xử lý"), max_length=20)
    authority = models.ForeignKey(
        "councils.Authority", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("bắt đầu"))
    due_on = models.DateField(_("hạn"), db_index=True)
    met_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)
    notified_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hạn xử lý")
        verbose_name_plural = _("hạn xử lý")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["met_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.due_on:%d/%m/%Y}"


class Notification(models.Model):
    """An in-app message; e-mail copies go through Django's e-mail backend after commit."""

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("đề nghị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.CharField(_("nội dung"), max_length=500)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            # One reminder per person per overdue deadline, even if two sweeps overlap.
            models.UniqueConstraint(
                fields=["user", "deadline"],
                condition=models.Q(deadline__isnull=False),
                name="notification_once_per_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.message
