"""The award catalogue: what can be awarded, to whom, by whom on a date, and for how much.

Every legal rule here is a row, not code, because provinces detail them differently and several
are unconfirmed (see each row's legal basis and confidence).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.dated import overlapping
from core.history import HistoricalRecords
from councils.models import Authority
from nominations.formatting import format_dong


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")
    VILLAGE = "village", _("Thôn, tổ dân phố")


class Confidence(models.TextChoices):
    """How sure the legal basis is (domain.md tags): unconfirmed rows need a lawyer's review."""

    CONFIRMED = "confirmed", _("Đã đối chiếu văn bản")
    SECONDARY = "secondary", _("Theo nguồn thứ cấp")
    UNCONFIRMED = "unconfirmed", _("Chưa xác nhận, cần rà soát")


class Certificate(models.TextChoices):
    """The paper an award comes with (hiện vật khen thưởng)."""

    NONE = "none", _("Không có (quyết định và danh sách)")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    BANG_CHUNG_NHAN = "bang_chung_nhan", _("Bằng chứng nhận")
    ISSUED_ABOVE = "issued_above", _("Do cấp trên cấp phát")


class AwardType(models.Model):
    """An emulation title (danh hiệu thi đua) or a form of commendation (hình thức khen thưởng)."""

    class Category(models.TextChoices):
        TITLE = "title", _("Danh hiệu thi đua")
        FORM = "form", _("Hình thức khen thưởng")

    class VoteBase(models.TextChoices):
        ALL_MEMBERS = "all_members", _("Tổng số thành viên Hội đồng")
        PRESENT = "present", _("Số thành viên có mặt")

    Certificate = Certificate

    class PostingStage(models.TextChoices):
        NONE = "none", _("Không công khai")
        BY_UNIT = "by_unit", _("Đơn vị công khai trước khi đề nghị")
        AFTER_COUNCIL = "after_council", _("Công khai sau khi Hội đồng xét")
        AFTER_APPRAISAL = "after_appraisal", _("Công khai sau thẩm định")

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=30, blank=True)
    category = models.CharField(_("loại"), max_length=10, choices=Category.choices)
    # Cycles (loại khen thưởng): one award type may serve several.
    for_annual = models.BooleanField(_("thường xuyên (hằng năm)"), default=False)
    for_campaign = models.BooleanField(_("theo chuyên đề, đợt"), default=False)
    for_ad_hoc = models.BooleanField(_("đột xuất"), default=False)

    needs_council_vote = models.BooleanField(_("cần Hội đồng bỏ phiếu"), default=True)
    vote_threshold_percent = models.PositiveSmallIntegerField(
        _("ngưỡng đồng ý (%)"), null=True, blank=True
    )
    vote_threshold_inclusive = models.BooleanField(
        _("tính cả ngưỡng (≥)"),
        default=True,
        help_text=_("Bỏ chọn nếu phải vượt ngưỡng (>), ví dụ “quá bán”."),
    )
    vote_base = models.CharField(
        _("cơ số tính tỷ lệ"), max_length=12, choices=VoteBase.choices, default=VoteBase.PRESENT
    )
    secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=True)

    posting_stage = models.CharField(
        _("giai đoạn công khai"),
        max_length=16,
        choices=PostingStage.choices,
        default=PostingStage.NONE,
    )
    posting_days = models.PositiveSmallIntegerField(_("số ngày công khai"), default=0)
    posting_in_working_days = models.BooleanField(_("tính theo ngày làm việc"), default=False)
    appraisal_working_days = models.PositiveSmallIntegerField(
        _("hạn thẩm định (ngày làm việc)"), default=20
    )
    decision_days = models.PositiveSmallIntegerField(
        _("hạn quyết định (ngày)"), null=True, blank=True
    )
    # QĐ 637/QĐ-BNV (2025): an incomplete dossier is returned within 5 working days of receipt.
    return_working_days = models.PositiveSmallIntegerField(
        _("hạn trả lại hồ sơ thiếu (ngày làm việc)"), default=5
    )

    # Luật TĐKT 2022 Đ85 (thủ tục đơn giản) [U: article read from secondary sources]: an
    # ad-hoc feat, clear on its face, is decided promptly: after appraisal it goes straight to
    # the chairman, with no council vote and no posting, on shorter deadlines.
    simplified_for_ad_hoc = models.BooleanField(
        _("thủ tục đơn giản khi khen thưởng đột xuất (Luật Đ85)"), default=False
    )
    simplified_working_days = models.PositiveSmallIntegerField(
        _("hạn thẩm định, hạn quyết định theo thủ tục đơn giản (ngày làm việc)"), default=5
    )

    # Conditions on the nominee's year (rules "min_service" and "no_discipline_in_year"):
    # the months served in the year [U: a configurable default; maternity leave counts as
    # service, NĐ 152/2025 Đ4], and the lightest discipline that rules the year out (for a
    # collective: of any member; Luật Đ28: cảnh cáo).
    min_service_months = models.PositiveSmallIntegerField(
        _("thời gian công tác tối thiểu trong năm (tháng)"), null=True, blank=True
    )
    disqualifying_discipline_from = models.PositiveSmallIntegerField(
        _("không xét khi bị kỷ luật từ mức"),
        choices=[(1, _("Khiển trách")), (2, _("Cảnh cáo")), (3, _("Hạ bậc lương"))],
        null=True,
        blank=True,
    )

    # Codes of the checks in workflow/eligibility.py that `appraise` runs for this award type.
    eligibility_rules = models.JSONField(
        _("điều kiện kiểm tra khi thẩm định"), default=list, blank=True
    )
    collective_title_share_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ cá nhân đạt LĐTT trong tập thể (%)"),
        default=70,
        help_text=_(
            "Bắc Ninh QĐ 86/2025 Đ4.2.b: 70%; Luật 2003: trên 50%. Theo quy định của tỉnh."
        ),
    )

    # What the award carries besides its prize money (NĐ 152/2025 Đ50, Đ54): the commune
    # prints a certificate only for a Giấy khen or a Bằng chứng nhận it decides itself; a
    # title that carries money only (LĐTT) is the decision and its list, nothing more.
    certificate = models.CharField(
        _("hiện vật khen thưởng"),
        max_length=16,
        choices=Certificate.choices,
        default=Certificate.NONE,
    )
    certificate_basis = models.CharField(_("căn cứ về hiện vật"), max_length=300, blank=True)
    # How the decision and the certificate praise the awardee: LĐTT is for "hoàn thành tốt
    # nhiệm vụ" (Luật Đ24), not for "thành tích xuất sắc".
    merit_wording = models.CharField(
        _("lời khen trên quyết định, giấy khen"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: “đã hoàn thành tốt nhiệm vụ được giao”. Để trống: không ghi."),
    )

    legal_basis = models.TextField(_("căn cứ pháp lý"))
    confidence = models.CharField(
        _("mức xác nhận"), max_length=12, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(needs_council_vote=False)
                | Q(vote_threshold_percent__isnull=False, vote_threshold_percent__lte=100),
                name="award_type_vote_needs_threshold",
            ),
            models.CheckConstraint(
                condition=Q(for_annual=True) | Q(for_campaign=True) | Q(for_ad_hoc=True),
                name="award_type_has_a_cycle",
            ),
            models.CheckConstraint(
                condition=Q(simplified_for_ad_hoc=False) | Q(for_ad_hoc=True),
                name="award_type_simplified_only_ad_hoc",
                violation_error_message=_(
                    "Thủ tục đơn giản chỉ áp dụng cho hình thức có khen thưởng đột xuất."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def given_for(self, period_kind: str) -> bool:
        """Whether this award is given for achievements of that kind of period (Luật Đ8):
        the catalogue's flags decide it (an annual title is never a đợt's award)."""
        return {
            "year": self.for_annual,
            "campaign": self.for_campaign,
            "ad_hoc": self.for_ad_hoc,
        }.get(period_kind, False)


class AwardKindRule(models.Model):
    """Who may receive an award type, and the prize coefficient for that kind of nominee.

    The set of rows of an award type is the set of nominee kinds it accepts. A null coefficient
    means no cash prize is set (e.g. Gia đình văn hóa).
    """

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="kind_rules",
    )
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    prize_coefficient = models.DecimalField(
        _("hệ số tiền thưởng (× lương cơ sở)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # A household's prize is a multiple of what an individual receives for the same award
    # (NĐ 152/2025 Đ54: "bằng 1,5 lần mức tiền thưởng đối với cá nhân"): set this instead of
    # a coefficient, and the individual's rounded amount is the base.
    times_individual = models.DecimalField(
        _("bằng … lần mức của cá nhân"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    confidence = models.CharField(
        _("mức xác nhận"), max_length=12, choices=Confidence.choices, default=Confidence.CONFIRMED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đối tượng và hệ số tiền thưởng")
        verbose_name_plural = _("đối tượng và hệ số tiền thưởng")
        ordering = ["award_type", "nominee_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "nominee_kind"], name="award_kind_rule_unique"
            ),
            models.CheckConstraint(
                condition=Q(prize_coefficient__isnull=True) | Q(prize_coefficient__gte=0),
                name="award_kind_rule_coefficient_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(times_individual__isnull=True)
                | Q(times_individual__gt=0, prize_coefficient__isnull=True),
                name="award_kind_rule_one_way_to_the_prize",
                violation_error_message=_(
                    "Ghi hệ số × lương cơ sở hoặc số lần mức của cá nhân, không ghi cả hai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} — {self.get_nominee_kind_display()}"


class AwardDecisionRule(models.Model):
    """Which level decides an award type over a span of dates (valid_to inclusive).

    E.g. Chiến sĩ thi đua cơ sở: the district until 30/06/2025, the commune since 01/07/2025
    (NĐ 129/2025 Đ59). The engine applies the row in force on the decision date.

    A row may be narrowed to nominees whose unit is managed at one level (`managed_by`, read
    from the unit's management rows on that date): before 01/07/2025 the staff of a
    district-run school had their LĐTT from the district (Luật TĐKT 2022 Đ80.2), not from the
    commune (Đ80.3). The row without `managed_by` is the default and stays.
    """

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="decision_rules",
    )
    level = models.CharField(_("cấp quyết định"), max_length=10, choices=Authority.Level.choices)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    managed_by = models.CharField(
        _("chỉ cho đối tượng do cấp này quản lý"),
        max_length=10,
        choices=Authority.Level.choices,
        blank=True,
        help_text=_("Để trống: áp dụng chung."),
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thẩm quyền quyết định")
        verbose_name_plural = _("thẩm quyền quyết định")
        ordering = ["award_type", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="award_decision_rule_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type}: {self.get_level_display()}"

    def clean(self) -> None:
        """Two rules of one award type (and managing level) must never be in force on the
        same day."""
        if not self.award_type_id:
            return
        others = AwardDecisionRule.objects.filter(
            award_type_id=self.award_type_id, managed_by=self.managed_by
        ).exclude(pk=self.pk)
        if overlapping(others, self.valid_from, self.valid_to).exists():
            raise ValidationError(_("Khoảng hiệu lực trùng với một quy định thẩm quyền khác."))


class AwardDocumentRequirement(models.Model):
    """A paper the dossier of an award type must (or may) contain."""

    class Document(models.TextChoices):
        SUBMISSION = "to_trinh", _("Tờ trình đề nghị khen thưởng")
        ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", _("Báo cáo thành tích")
        REVIEW_MINUTES = "bien_ban_binh_xet", _("Biên bản họp bình xét")
        VOTE_RESULT = "ket_qua_bo_phieu", _("Kết quả bỏ phiếu của Hội đồng")
        INITIATIVE_PROOF = "cong_nhan_sang_kien", _("Văn bản công nhận sáng kiến, đề tài")
        EXCELLENCE_PROOF = "xac_nhan_htxs", _("Xác nhận hoàn thành xuất sắc nhiệm vụ")
        POSTING_PROOF = "bien_ban_cong_khai", _("Biên bản niêm yết công khai")
        NOMINEE_LIST = "danh_sach", _("Danh sách đề nghị")
        OTHER = "khac", _("Khác")

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="document_requirements",
    )
    document = models.CharField(_("giấy tờ"), max_length=24, choices=Document.choices)
    template_name = models.CharField(
        _("mẫu"), max_length=100, blank=True, help_text=_("Ví dụ: Mẫu 01 Phụ lục NĐ 152/2025")
    )
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giấy tờ trong hồ sơ")
        verbose_name_plural = _("giấy tờ trong hồ sơ")
        ordering = ["award_type", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "document"], name="award_document_requirement_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.get_document_display()


class BaseSalary(models.Model):
    """Lương cơ sở from a date; prizes use the amount in force on the decision date."""

    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng)"))
    valid_from = models.DateField(_("áp dụng từ"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lương cơ sở")
        verbose_name_plural = _("lương cơ sở")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive"),
        ]

    def __str__(self) -> str:
        return f"{format_dong(self.amount)} từ {self.valid_from:%d/%m/%Y}"
