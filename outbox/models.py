from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """Work for after the commit (an e-mail, a paper to print), written in the same transaction
    as the change that causes it, so a broker that is down loses nothing: a Celery task delivers
    it, and a beat sweep queues again what is still undelivered."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Thư điện tử")
        DOCUMENT = "document", _("Tạo văn bản")

    kind = models.CharField(_("loại việc"), max_length=20, choices=Kind.choices)
    # One row per event: recording the same event twice is a no-op, not a second e-mail.
    key = models.CharField(_("khóa sự kiện"), max_length=200, unique=True)
    payload = models.JSONField(_("nội dung"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("lần thử gần nhất"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    # Set (and committed) before the handler runs, cleared when it is delivered: a row found
    # with it set was being sent when its worker died, so the e-mail may have gone out; it is
    # sent again with the same Message-ID, which lets mail clients recognise the repeat.
    sending_since = models.DateTimeField(_("đang gửi từ"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        verbose_name = _("việc chờ gửi")
        verbose_name_plural = _("việc chờ gửi")
        db_table = "workflow_outboxmessage"  # created by workflow before the outbox was an app
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sweep reads only what is still waiting.
            models.Index(
                fields=["created_at"],
                condition=models.Q(delivered_at__isnull=True),
                name="outbox_undelivered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.key}"
