"""Papers the system produces: each generation is a new version kept beside the old ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GeneratedDocument(models.Model):
    """One rendering of one paper about one decision, meeting or nomination."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Quyết định khen thưởng và danh sách kèm theo")
        CERTIFICATES = "certificates", _("Giấy khen, bằng chứng nhận")
        MINUTES = "minutes", _("Biên bản họp Hội đồng")
        ACHIEVEMENT_REPORT = "achievement_report", _("Báo cáo thành tích")
        FORWARD_SUBMISSION = "forward_submission", _("Tờ trình đề nghị cấp trên khen thưởng")
        UNIT_SUBMISSION = "unit_submission", _("Tờ trình đề nghị khen thưởng của đơn vị")

    kind = models.CharField(_("loại văn bản"), max_length=24, choices=Kind.choices)
    decision = models.ForeignKey(
        "nominations.Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    meeting = models.ForeignKey(
        "councils.Meeting",
        verbose_name=_("phiên họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    # A unit's Tờ trình is about the unit's list in one period.
    unit = models.ForeignKey(
        "councils.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    period = models.ForeignKey(
        "nominations.Period",
        verbose_name=_("đợt thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    version = models.PositiveIntegerField(_("phiên bản"))
    # Set when the generation was asked for: a task that runs twice finds its document.
    request_id = models.UUIDField(_("mã yêu cầu"), unique=True)
    # Which template file made it: its name (bundled or an authority's own) and SHA-256.
    template_name = models.CharField(_("mẫu"), max_length=200)
    template_sha256 = models.CharField(_("mã băm của mẫu"), max_length=64)
    docx = models.FileField(_("tệp DOCX"), upload_to="documents/%Y/%m/")
    pdf = models.FileField(_("tệp PDF"), upload_to="documents/%Y/%m/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đã tạo")
        verbose_name_plural = _("văn bản đã tạo")
        ordering = ["kind", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        decision__isnull=False,
                        meeting__isnull=True,
                        nomination__isnull=True,
                        unit__isnull=True,
                        period__isnull=True,
                    )
                    | Q(
                        decision__isnull=True,
                        meeting__isnull=False,
                        nomination__isnull=True,
                        unit__isnull=True,
                        period__isnull=True,
                    )
                    | Q(
                        decision__isnull=True,
                        meeting__isnull=True,
                        nomination__isnull=False,
                        unit__isnull=True,
                        period__isnull=True,
                    )
                    | Q(
                        decision__isnull=True,
                        meeting__isnull=True,
                        nomination__isnull=True,
                        unit__isnull=False,
                        period__isnull=False,
                    )
                ),
                name="document_about_exactly_one_thing",
            ),
            models.UniqueConstraint(
                fields=["kind", "decision", "version"],
                condition=Q(decision__isnull=False),
                name="document_version_once_per_decision",
            ),
            models.UniqueConstraint(
                fields=["kind", "meeting", "version"],
                condition=Q(meeting__isnull=False),
                name="document_version_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["kind", "nomination", "version"],
                condition=Q(nomination__isnull=False),
                name="document_version_once_per_nomination",
            ),
            models.UniqueConstraint(
                fields=["kind", "unit", "period", "version"],
                condition=Q(unit__isnull=False),
                name="document_version_once_per_unit_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def subject(self):
        return self.decision or self.meeting or self.nomination or self.unit
