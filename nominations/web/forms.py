"""Forms of the nomination pages. They collect input; the services decide."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core import clock
from core.lookups import in_subquery
from councils.models import Authority, Unit
from councils.web.forms import authority_shown
from nominations.models import (
    AwardDocumentRequirement,
    AwardType,
    Household,
    MeritGround,
    Movement,
    Nomination,
    Period,
    Person,
    Proceeding,
)
from nominations.models.nomination import TaskRating
from nominations.selectors import award_types_for_nominee
from nominations.uploads import allowed_kinds, allowed_labels
from workflow.actions import Input, InputKind, page_inputs


class NominationFilterForm(forms.Form):
    """The list's filters. Their choices come from the reader's reach, not from reading every
    nomination they see: a province's reader sees a hundred communes' work, and offering
    each unit with nominations meant reading them all. So a reader of several authorities
    picks one, and the units (and periods) offered are those of that authority."""

    q = forms.CharField(
        label=_("Tìm theo tên"),
        required=False,
        max_length=100,
        help_text=_("Họ tên cá nhân, chủ hộ hoặc tên tập thể."),
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), *Nomination.State.choices],
    )
    authority = forms.ModelChoiceField(
        label=_("Cơ quan đề nghị"),
        queryset=Authority.objects.none(),
        required=False,
        help_text=_("Xã, phường có đơn vị đề nghị; chọn để lọc theo các đơn vị của nơi đó."),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Các đơn vị của cơ quan đã chọn."),
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=AwardType.objects.all(), required=False
    )
    period = forms.ModelChoiceField(
        label=_("Đợt thi đua"), queryset=Period.objects.none(), required=False
    )
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Năm tính thành tích (năm kết thúc đợt thi đua)."),
    )
    movement = forms.ModelChoiceField(
        queryset=Movement.objects.none(), required=False, widget=forms.HiddenInput
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def __init__(self, *args, scope: set[int] | None, visible: QuerySet, **kwargs) -> None:
        """`scope`: the authorities whose units propose what the reader sees (None: all);
        `visible`: the nominations they see."""
        super().__init__(*args, **kwargs)
        authorities = Authority.objects.order_by("name")
        units = Unit.objects.select_related("authority").order_by("name")
        periods = Period.objects.select_related("movement").order_by("-starts_on", "name")
        if scope is not None:
            authorities = authorities.filter(pk__in=scope)
            units = units.filter(authority__in=scope)
        self.fields["authority"].queryset = authorities
        self.fields["unit"].queryset = units  # any unit in reach is accepted…
        shown = authority_shown(self.data, scope)
        if shown is None:
            # …none offered until an authority is chosen; the periods of every movement in
            # reach (a movement belongs to one authority, so these are few).
            listed = units.none()
            offered = periods if scope is None else periods.filter(movement__authority__in=scope)
        else:
            # …those of the authority shown that propose something the reader sees.
            units_shown = Unit.objects.filter(authority=shown).values("pk")
            within = visible.filter(in_subquery("proposing_unit", units_shown))
            listed = units.filter(in_subquery("pk", within.values("proposing_unit")))
            offered = periods.filter(in_subquery("pk", within.values("period")))
        self.fields["unit"].widget.choices = [("", "---------"), *((u.pk, str(u)) for u in listed)]
        self.fields["period"].queryset = offered
        movements = Movement.objects.all()
        self.fields["movement"].queryset = (
            movements if scope is None else movements.filter(authority__in=scope)
        )
        if scope is not None and len(scope) <= 1:
            del self.fields["authority"]  # nothing to choose

    def filters(self) -> dict:
        """What the list is narrowed by (nothing for a form left empty or refused)."""
        if not (self.is_bound and self.is_valid()):
            return {}
        data = self.cleaned_data
        chosen = {
            name: data.get(name)
            for name in ("authority", "unit", "award_type", "period", "movement")
        }
        return {
            "q": data["q"].strip(),
            "state": data["state"],
            **{name: value.pk if value else None for name, value in chosen.items()},
            "year": data.get("year"),
            "overdue": data["overdue"],
            "sort": data["sort"],
        }


class DashboardFilterForm(forms.Form):
    """The dashboard's year (of the achievements) and movement."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    movement = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=Movement.objects.none(), required=False
    )

    def __init__(self, *args, movements: QuerySet[Movement], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements.order_by("-starts_on", "name")

    def chosen(self, *, default_year: int) -> tuple[int | None, Movement | None]:
        """The year and movement chosen; this year until the form is sent (an empty year
        then means every year)."""
        if not self.is_bound or not self.is_valid():
            return default_year, None
        return self.cleaned_data["year"], self.cleaned_data["movement"]


class DossierForm(forms.Form):
    """What the unit says of its nominee, on the new dossier and on its edits."""

    achievements = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 5})
    )
    excellence_confirmed = forms.BooleanField(
        label=_("Hoàn thành xuất sắc nhiệm vụ (có văn bản xác nhận)"), required=False
    )
    task_rating = forms.ChoiceField(
        label=_("Mức hoàn thành nhiệm vụ trong năm (cá nhân)"),
        choices=[("", "—"), *TaskRating.choices],
        required=False,
    )
    months_served = forms.IntegerField(
        label=_("Số tháng công tác trong năm (cá nhân; nghỉ thai sản vẫn tính)"),
        min_value=0,
        max_value=12,
        required=False,
    )
    merit_ground = forms.ModelChoiceField(
        label=_("Căn cứ đề nghị khác (khi chưa đủ điều kiện nhiều năm liên tục)"),
        queryset=MeritGround.objects.none(),
        required=False,
        help_text=_("Chỉ chọn khi danh hiệu có căn cứ thay thế; Thường trực kiểm tra minh chứng."),
    )


class NominationForm(DossierForm):
    """A new nomination: one nominee of the unit, an award that fits its kind, a period.

    The award types offered follow the kind of nominee chosen (the page refreshes the list with
    htmx when the kind changes); a type that does not fit is refused here with a clear message.
    """

    nominee_kind = forms.ChoiceField(
        label=_("Đối tượng được đề nghị"),
        choices=[
            ("individual", _("Cá nhân")),
            ("household", _("Hộ gia đình")),
            ("collective", _("Tập thể, thôn")),
        ],
        initial="individual",
        widget=forms.RadioSelect,
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none())
    person = forms.ModelChoiceField(
        label=_("Cá nhân"), queryset=Person.objects.none(), required=False
    )
    new_person_name = forms.CharField(
        label=_("Hoặc thêm cá nhân mới: họ và tên"), required=False, max_length=150
    )
    new_person_gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "---------"), *Person.Gender.choices], required=False
    )
    new_person_birth_year = forms.IntegerField(
        label=_("Năm sinh"), required=False, min_value=1900, max_value=2100
    )
    new_person_position = forms.CharField(
        label=_("Chức vụ, nghề nghiệp"), required=False, max_length=200
    )
    household = forms.ModelChoiceField(
        label=_("Hộ gia đình"), queryset=Household.objects.none(), required=False
    )
    new_household_head = forms.CharField(
        label=_("Hoặc thêm hộ mới: họ và tên chủ hộ"), required=False, max_length=150
    )
    new_household_address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)
    collective = forms.ModelChoiceField(
        label=_("Tập thể (chính đơn vị)"), queryset=Unit.objects.none(), required=False
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardType.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Danh hiệu, hình thức này không áp dụng cho loại đối tượng đã chọn."
            )
        },
    )
    period = forms.ModelChoiceField(label=_("Đợt thi đua"), queryset=Period.objects.none())

    # The inputs that name a nominee, per kind; those of the other kinds are ignored.
    NOMINEE_FIELDS = {
        "individual": ("person", "new_person_name"),
        "household": ("household", "new_household_head"),
        "collective": ("collective",),
    }

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = Person.objects.filter(unit__in=units)
        self.fields["household"].queryset = Household.objects.filter(unit__in=units)
        self.fields["collective"].queryset = units
        # Only the periods open for proposals today; the unit chosen when there is one.
        today = clock.today()
        after = datetime.timedelta(days=settings.PROPOSAL_DAYS_AFTER_PERIOD)
        self.fields["period"].queryset = Period.objects.filter(
            movement__authority__in=units.values("authority"),
            starts_on__lte=today,
            ends_on__gte=today - after,
        ).select_related("movement")
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.fields["award_type"].queryset = award_types_for_nominee(self.chosen_kind)
        self.fields["merit_ground"].queryset = MeritGround.objects.select_related("award_type")

    @property
    def chosen_kind(self) -> str:
        prefixed = self.add_prefix("nominee_kind")
        kind = self.data.get(prefixed) if self.is_bound else self.initial.get("nominee_kind")
        return kind if kind in self.NOMINEE_FIELDS else "individual"

    def clean(self) -> dict:
        data = super().clean()
        kind = self.chosen_kind
        for other, names in self.NOMINEE_FIELDS.items():
            if other != kind:
                for name in names:
                    data[name] = None
        chosen = [name for name in self.NOMINEE_FIELDS[kind] if data.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(
                {
                    "individual": _("Chọn một cá nhân trong danh sách hoặc nhập cá nhân mới."),
                    "household": _("Chọn một hộ trong danh sách hoặc nhập hộ mới."),
                    "collective": _("Chọn tập thể được đề nghị."),
                }[kind]
            )
        ground, award = data.get("merit_ground"), data.get("award_type")
        if ground and award and ground.award_type_id != award.pk:
            self.add_error("merit_ground", _("Căn cứ đề nghị này không thuộc danh hiệu đã chọn."))
        if data.get("new_person_name") and not data.get("new_person_gender"):
            self.add_error("new_person_gender", _("Cần chọn giới tính của cá nhân mới."))
        return data

    def new_person(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("new_person_name"):
            return None
        return {
            "full_name": data["new_person_name"],
            "gender": data["new_person_gender"],
            "birth_year": data.get("new_person_birth_year"),
            "position": data.get("new_person_position") or "",
        }

    def new_household(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("new_household_head"):
            return None
        return {
            "head_name": data["new_household_head"],
            "address": data.get("new_household_address") or "",
        }


class NominationEditForm(DossierForm):
    def __init__(self, *args, award_type: AwardType, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        grounds = award_type.merit_grounds.select_related("award_type")
        if grounds.exists():
            self.fields["merit_ground"].queryset = grounds
        else:  # nothing to choose: the field is not offered and the edit leaves it
            del self.fields["merit_ground"]


class AttachmentForm(forms.Form):
    document = forms.ChoiceField(
        label=_("Loại giấy tờ"), choices=AwardDocumentRequirement.Document.choices
    )
    file = forms.FileField(label=_("Tệp"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # What the upload check accepts, said before the user picks a file.
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _("Nhận tệp %(types)s, tối đa %(limit)d MB.") % {
            "types": allowed_labels(),
            "limit": limit,
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{name}" for kind in allowed_kinds() for name in kind.names
        )


def _action_field(given: Input) -> forms.Field:
    if given.kind == InputKind.DATE:
        return forms.DateField(label=given.label, required=False)
    if given.kind == InputKind.YES_NO:
        return forms.TypedChoiceField(
            label=given.label,
            required=False,
            choices=[("1", _("Khen thưởng")), ("0", _("Không khen thưởng"))],
            coerce=lambda v: v == "1",
            empty_value=None,
        )
    if given.kind == InputKind.PARAGRAPH:
        return forms.CharField(
            label=given.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
    # A choice is checked by the service against the action's own codes (hold and revoke
    # share the field, each with its list).
    return forms.CharField(label=given.label, required=False)


class ActionForm(forms.Form):
    """The inputs of the actions on the nomination page, as `workflow.actions` declares them;
    the view hands each action only its own."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for given in page_inputs():
            self.fields[given.field] = _action_field(given)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))


class ProceedingForm(forms.Form):
    """The office records a matter on a person (NĐ 152/2025 Đ4)."""

    kind = forms.ChoiceField(label=_("Loại vụ việc"), choices=Proceeding.Kind.choices)
    summary = forms.CharField(label=_("Nội dung"), max_length=500)
    opened_on = forms.DateField(label=_("Ngày phát sinh (dd/mm/yyyy)"))


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("Kết luận"), max_length=500)
    closed_on = forms.DateField(label=_("Ngày kết luận (dd/mm/yyyy)"))
