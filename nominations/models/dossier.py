"""What a dossier carries besides the nomination: attachments and recognised initiatives."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from nominations.models.catalogue import AwardDocumentRequirement


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or accepted project (đề tài).

    It may support one award only (CV 5007/BNV-TĐKT 2023), which eligibility checks.
    """

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Sáng kiến")
        PROJECT = "project", _("Đề tài khoa học")

    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("tên"), max_length=400)
    recognised_by = models.CharField(
        _("văn bản công nhận"), max_length=200, help_text=_("Số, ngày văn bản công nhận")
    )
    recognised_on = models.DateField(_("ngày công nhận"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sáng kiến, đề tài")
        verbose_name_plural = _("sáng kiến, đề tài")
        ordering = ["-recognised_on"]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("đề nghị"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    document = models.CharField(
        _("giấy tờ"), max_length=24, choices=AwardDocumentRequirement.Document.choices
    )
    file = models.FileField(_("tệp"), upload_to="attachments/%Y/%m/")
    # The name the file had on the uploader's computer, shown to people; never used to store
    # or serve it.
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    # Taken from the bytes at upload; the download and a restore check the file against it.
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    # Each digital signature of an uploaded PDF, as verified when it was uploaded.
    signatures = models.JSONField(_("kết quả kiểm tra chữ ký số"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["nomination", "id"]

    def __str__(self) -> str:
        return self.get_document_display()
