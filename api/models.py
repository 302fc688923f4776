"""What the API keeps of its own: the remembered answers of writes sent with an
Idempotency-Key (see api.idempotency)."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentRequest(models.Model):
    """The first answer to an API call sent with an Idempotency-Key header: a retry over a
    flaky connection gets the same answer back instead of acting twice."""

    user = models.ForeignKey(
        "accounts.User", verbose_name=_("người gọi"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("khóa"), max_length=100)
    # SHA-256 of method, path and body: the same key sent with another request is refused.
    fingerprint = models.CharField(_("dấu vân tay yêu cầu"), max_length=64)
    status = models.PositiveSmallIntegerField(_("mã trả lời"))
    body = models.JSONField(_("nội dung trả lời"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        db_table = "workflow_idempotentrequest"  # created by workflow, which owned it first
        verbose_name = _("yêu cầu có khóa chống lặp")
        verbose_name_plural = _("yêu cầu có khóa chống lặp")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
