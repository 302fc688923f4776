"""Papers the system produces: each generation is a new version kept beside the old ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords


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
    # Signed once, never again: the signed copy beside the generated one, and what its
    # verification said. A later version of the same paper supersedes it.
    signed_pdf = models.FileField(_("bản PDF đã ký số"), upload_to="signed/%Y/%m/", blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký số"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signatures = models.JSONField(_("kết quả kiểm tra chữ ký số"), default=list, blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("thay thế bản đã ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )

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


class CertificateLayout(models.Model):
    """Where a certificate's variable text goes on the pre-printed blank (phôi) an authority
    buys: the blank carries the border, the Quốc huy and the fixed lines; the printer adds the
    awardee, the praise, the decision and the signer at these positions. One layout per award
    type, or one for every award of the authority (award type empty); a commune without its own
    uses its province's, else the built-in default (nominations.documents.blanks)."""

    authority = models.ForeignKey(
        "councils.Authority",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="certificate_layouts",
    )
    award_type = models.ForeignKey(
        "nominations.AwardType",
        verbose_name=_("danh hiệu, hình thức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: dùng cho mọi danh hiệu, hình thức có giấy khen, bằng của cơ quan."),
    )
    name = models.CharField(_("tên phôi"), max_length=150)
    page_width_mm = models.DecimalField(
        _("khổ giấy: rộng (mm)"), max_digits=5, decimal_places=1, default=297
    )
    page_height_mm = models.DecimalField(
        _("khổ giấy: cao (mm)"), max_digits=5, decimal_places=1, default=210
    )
    blank_scan = models.FileField(
        _("ảnh chụp phôi (PNG, JPEG)"),
        upload_to="blanks/%Y/",
        blank=True,
        help_text=_("Để xem trước chữ in đè lên phôi; không in ra."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bố cục in trên phôi")
        verbose_name_plural = _("bố cục in trên phôi")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "award_type"], name="certificate_layout_one_per_award"
            ),
            models.UniqueConstraint(
                fields=["authority"],
                condition=Q(award_type__isnull=True),
                name="certificate_layout_one_default",
            ),
            models.CheckConstraint(
                condition=Q(page_width_mm__gte=50, page_width_mm__lte=500)
                & Q(page_height_mm__gte=50, page_height_mm__lte=500),
                name="certificate_layout_page_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CertificateField(models.Model):
    """One piece of variable text of a layout: what, where (millimetres from the left and the
    top edges of the sheet, to the text's baseline), aligned how, in what size and style."""

    class Content(models.TextChoices):
        HEADING = "heading", _("Chức vụ người khen (CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …)")
        VERB = "verb", _("TẶNG / TẶNG DANH HIỆU")
        TITLE = "title", _("Tên danh hiệu, hình thức (GIẤY KHEN …)")
        NAME = "name", _("Tên người, hộ, tập thể được khen")
        POSITION = "position", _("Chức vụ, đơn vị, địa chỉ")
        ACHIEVEMENT = "achievement", _("Lời khen (Đã có thành tích …)")
        DECISION = "decision", _("Số quyết định")
        DECIDED_ON = "decided_on", _("Ngày quyết định")
        GOLDEN_BOOK = "golden_book", _("Số sổ vàng")
        PLACE_DATE = "place_date", _("Địa danh, ngày tháng năm")
        SIGNER_CAPACITY = "signer_capacity", _("Thẩm quyền ký (KT. CHỦ TỊCH)")
        SIGNER_POSITION = "signer_position", _("Chức vụ người ký")
        SIGNER_NAME = "signer_name", _("Họ tên người ký")

    class Align(models.TextChoices):
        LEFT = "left", _("Trái (x là mép trái)")
        CENTER = "center", _("Giữa (x là điểm giữa)")
        RIGHT = "right", _("Phải (x là mép phải)")

    layout = models.ForeignKey(
        CertificateLayout, verbose_name=_("bố cục"), on_delete=models.CASCADE, related_name="fields"
    )
    content = models.CharField(_("nội dung"), max_length=20, choices=Content.choices)
    x_mm = models.DecimalField(_("x (mm từ mép trái)"), max_digits=5, decimal_places=1)
    y_mm = models.DecimalField(
        _("y (mm từ mép trên, tới chân chữ)"), max_digits=5, decimal_places=1
    )
    align = models.CharField(_("căn"), max_length=6, choices=Align.choices, default=Align.CENTER)
    font_size = models.DecimalField(_("cỡ chữ (pt)"), max_digits=4, decimal_places=1, default=14)
    bold = models.BooleanField(_("đậm"), default=False)
    italic = models.BooleanField(_("nghiêng"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung in trên phôi")
        verbose_name_plural = _("nội dung in trên phôi")
        ordering = ["layout", "y_mm", "x_mm"]
        constraints = [
            models.UniqueConstraint(fields=["layout", "content"], name="certificate_field_once"),
            models.CheckConstraint(
                condition=Q(x_mm__gte=0, x_mm__lte=500) & Q(y_mm__gte=0, y_mm__lte=500),
                name="certificate_field_on_the_sheet",
            ),
            models.CheckConstraint(
                condition=Q(font_size__gte=6, font_size__lte=72),
                name="certificate_field_font_size_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_content_display()} ({self.x_mm}, {self.y_mm})"


class PrinterProfile(models.Model):
    """How far one printer of the authority shifts what it prints, measured on the calibration
    page: the text moves by these offsets so it lands where the layout says."""

    authority = models.ForeignKey(
        "councils.Authority",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="printer_profiles",
    )
    name = models.CharField(_("tên máy in"), max_length=100)
    offset_x_mm = models.DecimalField(
        _("dịch ngang (mm, dương: sang phải)"), max_digits=4, decimal_places=1, default=0
    )
    offset_y_mm = models.DecimalField(
        _("dịch dọc (mm, dương: xuống dưới)"), max_digits=4, decimal_places=1, default=0
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("máy in")
        verbose_name_plural = _("máy in")
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="printer_profile_unique"),
            models.CheckConstraint(
                condition=Q(offset_x_mm__gte=-30, offset_x_mm__lte=30)
                & Q(offset_y_mm__gte=-30, offset_y_mm__lte=30),
                name="printer_offset_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name
