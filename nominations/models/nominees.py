"""People and households who can be nominated. Collectives and villages are units."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from core.history import HistoricalRecords
from councils.models import Unit

MAX_AGE = 120  # years: a birth year further back is a typing error


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Nữ")
        MALE = "male", _("Nam")

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ, nghề nghiệp"), max_length=200, blank=True)
    # Số định danh cá nhân (the 12 digits of the CCCD): when known it tells two people of the
    # same name and birth year apart, e.g. when earlier awards are imported.
    personal_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{12}$", _("Số định danh cá nhân gồm 12 chữ số."))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["unit", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_plausible",
            ),
            models.UniqueConstraint(
                fields=["personal_id"],
                condition=~Q(personal_id=""),
                name="person_personal_id_unique",
                violation_error_message=_("Số định danh cá nhân này đã có người khác."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        # A person proposed today was born in the last 120 years and not in the future.
        if self.birth_year is not None:
            this_year = clock.today().year
            if not this_year - MAX_AGE <= self.birth_year <= this_year:
                raise ValidationError(
                    {
                        "birth_year": _("Năm sinh phải từ %(first)d đến %(last)d.")
                        % {"first": this_year - MAX_AGE, "last": this_year}
                    }
                )


class Household(models.Model):
    """Hộ gia đình, for Gia đình văn hóa and household Giấy khen; lives in a thôn (a unit)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind": Unit.Kind.VILLAGE},
    )
    head_name = models.CharField(_("chủ hộ"), max_length=150, db_index=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["unit", "head_name"]

    def __str__(self) -> str:
        return _("Hộ %(name)s") % {"name": self.head_name}
