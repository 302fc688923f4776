"""The organisation: authorities, their units, who holds which role, and the councils."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.dated import dates_ordered, in_force_on, overlapping
from core.history import HistoricalRecords


class Authority(models.Model):
    """A level of government that decides or forwards awards (UBND tỉnh / huyện / xã).

    The hierarchy is data: the seeds' communes answered to a district until 30/06/2025 and to
    the province since, so a district carries the date it was dissolved.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện")
        COMMUNE = "commune", _("Cấp xã")

    # Parent level must rank above child level.
    LEVEL_RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=150, help_text=_("Ví dụ: Cẩm Lĩnh"))
    admin_type = models.CharField(
        _("loại đơn vị hành chính"),
        max_length=30,
        help_text=_("xã, phường, thị trấn, đặc khu, huyện, thị xã, tỉnh, thành phố"),
    )
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    runs_system = models.BooleanField(
        _("dùng hệ thống này"),
        default=False,
        help_text=_("Hồ sơ trình lên cơ quan dùng hệ thống được xử lý tiếp tại đó."),
    )
    # The official code of the administrative unit (Tổng cục Thống kê; from 01/07/2025 the list
    # of QĐ 19/2025/QĐ-TTg [S]), as the map dataset gives it; the same code may name an old and
    # a new unit, told apart by their dates.
    official_code = models.CharField(_("mã đơn vị hành chính"), max_length=10, blank=True)
    valid_from = models.DateField(_("tồn tại từ ngày"), null=True, blank=True)
    valid_to = models.DateField(
        _("tồn tại đến ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng (ví dụ 30/06/2025 với cấp huyện và các xã đã sắp xếp)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan, địa phương")
        verbose_name_plural = _("cơ quan, địa phương")
        ordering = ["level", "name"]
        # Granted per authority with django-guardian, beside the standing-office membership.
        permissions = [("act_as_standing_office", _("Làm nhiệm vụ thường trực Hội đồng TĐKT"))]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="authority_not_own_parent"),
            dates_ordered("authority_dates_ordered"),
        ]
        indexes = [models.Index(fields=["official_code"], name="authority_official_code")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.admin_type} {self.name}"

    def exists_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def continuing_on(self, day: datetime.date) -> Authority:
        """The authority doing this one's work on `day`: itself while it exists, else the
        successor that took over its dossiers (through every later arrangement)."""
        current = self
        while not current.exists_on(day):
            succession = (
                current.successions.filter(takes_over=True, on__lte=day)
                .select_related("successor")
                .first()
            )
            if succession is None:
                break
            current = succession.successor
        return current

    def superior_on(self, day: datetime.date) -> Authority | None:
        """The authority this one answers to on a date, skipping levels that no longer exist:
        a commune whose district ended on 30/06/2025 answers to the province from 01/07/2025.

        One query whatever the depth (the map has at most three levels)."""
        if self.parent_id is None:
            return None
        superior = Authority.objects.select_related("parent__parent").get(pk=self.parent_id)
        while superior is not None and not superior.exists_on(day):
            superior = superior.parent
        return superior

    def clean(self) -> None:
        if self.parent and self.LEVEL_RANK[self.parent.level] >= self.LEVEL_RANK[self.level]:
            raise ValidationError({"parent": _("Cấp trên phải ở cấp cao hơn.")})


class Succession(models.Model):
    """One authority passing to another on a date: merged into it, split between several,
    renamed, or moved to another province (the UBTVQH resolutions on each province's
    arrangement, effective 01/07/2025). The successor's officials continue the predecessor's
    work; its papers keep the predecessor's name."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Nhập vào")
        SPLIT = "split", _("Chia, một phần vào")
        RENAME = "rename", _("Đổi tên")
        TRANSFER = "transfer", _("Chuyển sang tỉnh khác")

    predecessor = models.ForeignKey(
        Authority,
        verbose_name=_("đơn vị trước"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    successor = models.ForeignKey(
        Authority,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.CASCADE,
        related_name="successions_received",
    )
    on = models.DateField(_("từ ngày"))
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    # Of a split, the successor that takes over open dossiers, units and roles.
    takes_over = models.BooleanField(_("tiếp nhận hồ sơ đang xử lý"), default=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    applied_at = models.DateTimeField(_("đã chuyển giao lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        ordering = ["on", "predecessor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_once_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.on:%d/%m/%Y})"


class Unit(models.Model):
    """A proposing unit under a commune: thôn, school, health station, mass organisation…"""

    class Kind(models.TextChoices):
        VILLAGE = "village", _("Thôn, bản, tổ dân phố")
        SCHOOL = "school", _("Trường học")
        HEALTH_STATION = "health_station", _("Trạm y tế")
        MASS_ORGANISATION = "mass_organisation", _("Mặt trận, đoàn thể")
        COMMUNE_SECTION = "commune_section", _("Ban, ngành, bộ phận của xã")
        OTHER = "other", _("Khác")

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("xã"),
        on_delete=models.PROTECT,
        related_name="units",
        limit_choices_to={"level": Authority.Level.COMMUNE},
    )
    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, db_index=True)
    # The person who signs the unit's papers; rights come from Membership (a deputy may hold
    # unit-head rights too).
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đứng đầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    head_title = models.CharField(
        _("chức danh người đứng đầu"), max_length=100, blank=True, help_text=_("Ví dụ: Trưởng thôn")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["authority", "kind", "name"]
        # Granted per unit with django-guardian, beside the unit-head membership (e.g. to a
        # deputy who prepares the unit's dossiers).
        permissions = [("act_for_unit", _("Đề nghị khen thưởng thay mặt đơn vị"))]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "name"], name="unit_name_unique_in_commune"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.authority_id and self.authority.level != Authority.Level.COMMUNE:
            raise ValidationError({"authority": _("Đơn vị phải trực thuộc một xã.")})


class UnitManagement(models.Model):
    """Who manages a unit over a span of dates, where it is not its commune: e.g. public
    kindergartens, primary and lower-secondary schools were run by the district until
    30/06/2025. A unit without a row in force is managed by its commune.

    Award decision rules may be narrowed by this level (Luật TĐKT 2022 Đ80: the head of the
    managing body decides its staff's titles)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="managements"
    )
    level = models.CharField(_("cấp quản lý"), max_length=10, choices=Authority.Level.choices)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan quản lý đơn vị")
        verbose_name_plural = _("cơ quan quản lý đơn vị")
        ordering = ["unit", "valid_from"]
        constraints = [
            dates_ordered("unit_management_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_level_display()}"

    def clean(self) -> None:
        """A unit has one managing level on any day."""
        if not self.unit_id:
            return
        others = UnitManagement.objects.filter(unit_id=self.unit_id).exclude(pk=self.pk)
        if overlapping(others, self.valid_from, self.valid_to).exists():
            raise ValidationError(_("Khoảng thời gian trùng với một dòng quản lý khác của đơn vị."))


def managing_levels(unit_ids: set[int], day: datetime.date) -> dict[int, str]:
    """The level managing each unit on `day` (its commune unless a row says otherwise),
    in one query."""
    rows = UnitManagement.objects.filter(in_force_on(day), unit_id__in=unit_ids).values_list(
        "unit_id", "level"
    )
    levels = dict.fromkeys(unit_ids, Authority.Level.COMMUNE)
    levels.update(rows)
    return levels


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> MembershipQuerySet:
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Membership(models.Model):
    """A role a user holds in an authority (or, for a unit head, in one unit), over dates."""

    class Role(models.TextChoices):
        UNIT_HEAD = "unit_head", _("Người đứng đầu đơn vị")
        STANDING_OFFICE = "standing_office", _("Thường trực Hội đồng TĐKT")
        COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
        VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND")
        CHAIRMAN = "chairman", _("Chủ tịch UBND")
        AUDITOR = "auditor", _("Thanh tra, kiểm tra")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, db_index=True)
    # Always set (for a unit head: the unit's commune) so every scope query filters one column.
    authority = models.ForeignKey(
        Authority, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    valid_from = models.DateField(_("từ ngày"), default=datetime.date.today)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["authority", "role", "user"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="unit_head") & Q(unit__isnull=False))
                | (~Q(role="unit_head") & Q(unit__isnull=True)),
                name="membership_unit_only_for_unit_head",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="membership_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "authority", "unit", "valid_from"],
                name="membership_unique_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        where = self.unit or self.authority
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        if self.unit_id and self.authority_id and self.unit.authority_id != self.authority_id:
            raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan đã chọn.")})


class Council(models.Model):
    """Hội đồng Thi đua - Khen thưởng of an authority.

    Quorum is a fraction of the roster on the meeting date (default 2/3). A council may demand
    more when it reviews awards (e.g. 80 % in Bắc Ninh QĐ 86/2025 Đ8.4.b).
    """

    authority = models.ForeignKey(
        Authority, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("tên"), max_length=200)
    established_by = models.CharField(
        _("quyết định thành lập"), max_length=200, blank=True, help_text=_("Số, ngày quyết định")
    )
    established_on = models.DateField(_("ngày thành lập"))
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("tử số tỷ lệ họp"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("mẫu số tỷ lệ họp"), default=3)
    award_review_quorum_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ tham dự khi xét khen thưởng (%)"),
        null=True,
        blank=True,
        help_text=_("Để trống: dùng tỷ lệ họp chung."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Hội đồng Thi đua - Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua - Khen thưởng")
        ordering = ["authority", "-established_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0)
                & Q(quorum_numerator__lte=F("quorum_denominator")),
                name="council_quorum_is_a_fraction",
            ),
            models.CheckConstraint(
                condition=Q(award_review_quorum_percent__isnull=True)
                | Q(award_review_quorum_percent__lte=100),
                name="council_award_quorum_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilMemberQuerySet(models.QuerySet):
    def serving_on(self, day: datetime.date) -> CouncilMemberQuerySet:
        """The roster on a date: the denominator of thresholds over all members."""
        return self.filter(served_from__lte=day).filter(
            Q(served_to__isnull=True) | Q(served_to__gte=day)
        )


class CouncilMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch Hội đồng")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
        STANDING = "standing", _("Ủy viên thường trực")
        MEMBER = "member", _("Ủy viên")

    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    position = models.CharField(_("vị trí"), max_length=12, choices=Position.choices)
    title = models.CharField(
        _("chức vụ"), max_length=200, blank=True, help_text=_("Ví dụ: Chủ tịch UBMTTQ Việt Nam xã")
    )
    served_from = models.DateField(_("từ ngày"))
    served_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = CouncilMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(served_to__isnull=True) | Q(served_to__gte=F("served_from")),
                name="council_member_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["council", "user", "served_from"], name="council_member_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_position_display()})"


class DelegationQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> DelegationQuerySet:
        return self.filter(valid_from__lte=day, valid_to__gte=day, revoked_at__isnull=True)


class Delegation(models.Model):
    """The chairman's dated delegation to a vice-chairman to decide awards ("KT. CHỦ TỊCH")."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="delegations"
    )
    chairman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ tịch ủy quyền"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("phó chủ tịch được giao"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ủy quyền quyết định")
        verbose_name_plural = _("ủy quyền quyết định")
        ordering = ["authority", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="delegation_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(chairman=F("delegate")), name="delegation_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        span = f"{self.valid_from:%d/%m/%Y}–{self.valid_to:%d/%m/%Y}"
        return f"{self.chairman} → {self.delegate} ({span})"
