"""The choices of the report pages: which authority, which form and year, which awards."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from councils.models import Authority, Unit
from nominations.models import AwardRecord, AwardType, Period
from nominations.targets import format_figure
from reports.models import NomineeGroup, StatisticsColumn, StatisticsForm, StatisticsRow


class StatisticsQueryForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Cơ quan, địa phương"), queryset=Authority.objects.none(), required=False
    )
    form = forms.ModelChoiceField(
        label=_("Biểu"),
        queryset=StatisticsForm.objects.all(),
        required=False,
        to_field_name="code",
    )
    year = forms.IntegerField(
        label=_("Năm thống kê"),
        min_value=1945,
        max_value=2100,
        required=False,
        help_text=_("Từ 01/12 năm trước đến 30/11 năm thống kê, theo biểu."),
    )
    date_from = forms.DateField(
        label=_("Hoặc từ ngày"),
        required=False,
        help_text=_("Kỳ báo cáo khác năm (6 tháng, quý): ngày đầu và ngày cuối."),
    )
    date_to = forms.DateField(label=_("đến ngày"), required=False)

    def __init__(self, *args, authorities: list[Authority], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = Authority.objects.filter(
            pk__in=[a.pk for a in authorities]
        ).order_by("level", "name")
        if len(authorities) == 1:
            self.fields["authority"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Kỳ báo cáo cần cả ngày đầu và ngày cuối."))
        if start and end and end < start:
            raise forms.ValidationError(_("Ngày kết thúc trước ngày bắt đầu."))
        return data


class RegisterFilterForm(forms.Form):
    """The register's filters; `row`, `column`, `form` and the two dates narrow it to the
    awards behind one figure of a statistics form."""

    authority = forms.ModelChoiceField(
        label=_("Cơ quan, địa phương"), queryset=Authority.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100, required=False)
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=AwardType.objects.all(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    name = forms.CharField(label=_("Tìm theo tên"), max_length=100, required=False)
    group = forms.ChoiceField(
        label=_("Đối tượng"), choices=[("", _("Tất cả")), *NomineeGroup.choices], required=False
    )
    award_kind = forms.ChoiceField(
        label=_("Loại khen thưởng"),
        choices=[("", _("Tất cả")), *Period.Kind.choices],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Nguồn"), choices=[("", _("Tất cả")), *AwardRecord.Source.choices], required=False
    )
    decided_from = forms.DateField(label=_("Quyết định từ ngày"), required=False)
    decided_to = forms.DateField(label=_("đến ngày"), required=False)
    form = forms.ModelChoiceField(
        queryset=StatisticsForm.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.HiddenInput,
    )
    row = forms.ModelChoiceField(
        queryset=StatisticsRow.objects.all(), required=False, widget=forms.HiddenInput
    )
    column = forms.ModelChoiceField(
        queryset=StatisticsColumn.objects.all(), required=False, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args,
        authorities: list[Authority],
        covered: set[int],
        lists_proposals: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.lists_proposals = lists_proposals
        self.fields["authority"].queryset = Authority.objects.filter(
            pk__in=[a.pk for a in authorities]
        ).order_by("level", "name")
        if len(authorities) == 1:
            self.fields["authority"].widget = forms.HiddenInput()
        self.fields["unit"].queryset = (
            Unit.objects.filter(authority_id__in=covered)
            .select_related("authority")
            .order_by("authority__name", "name")
        )

    def clean(self):
        data = super().clean()
        row, column, form = data.get("row"), data.get("column"), data.get("form")
        if (row or column) and not (row and column and form):
            raise forms.ValidationError(_("Số liệu cần có biểu, dòng và cột."))
        if row and (row.form_id != form.pk or column.form_id != form.pk):
            raise forms.ValidationError(_("Dòng, cột không thuộc biểu đã chọn."))
        proposals = column is not None and column.measure == StatisticsColumn.Measure.PROPOSED
        if proposals != self.lists_proposals:
            raise forms.ValidationError(_("Số liệu này không thuộc danh sách đang xem."))
        start, end = data.get("decided_from"), data.get("decided_to")
        if start and end and end < start:
            raise forms.ValidationError(_("Ngày kết thúc trước ngày bắt đầu."))
        return data

    def span(self) -> tuple[datetime.date, datetime.date] | None:
        data = self.cleaned_data
        if data.get("decided_from") and data.get("decided_to"):
            return data["decided_from"], data["decided_to"]
        return None


_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class FigureField(forms.DecimalField):
    """A figure as Vietnamese write it: "1.417" is one thousand four hundred and seventeen,
    "400,5" four hundred and a half, "1.417,25" both; in English, as English write it."""

    def to_python(self, value):
        if isinstance(value, str) and translation.get_language() == "vi":
            text = value.strip().replace(" ", "")
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            elif _GROUPED.match(text):
                text = text.replace(".", "")
            value = text
        elif isinstance(value, str):
            value = value.strip().replace(",", "")
        return super().to_python(value)

    def prepare_value(self, value):
        """Shown back the way it is read: 56,5 (not "56.500", which reads as 56 500)."""
        if isinstance(value, Decimal):
            if translation.get_language() == "vi":
                return format_figure(value)
            return format(value.normalize(), "f")
        return value


class TargetResultForm(forms.Form):
    value = FigureField(
        label=_("Đạt được (số)"),
        max_digits=16,
        decimal_places=3,
        required=False,
        min_value=0,
        help_text=_("Viết như trong văn bản: 1.417 hoặc 400,5."),
    )
    text = forms.CharField(
        label=_("Đạt được (chữ)"),
        max_length=100,
        required=False,
        help_text=_("Cho chỉ tiêu không bằng số: “Đạt”, “Giữ vững”…"),
    )
    met = forms.NullBooleanField(
        label=_("Đánh giá"),
        required=False,
        widget=forms.Select(
            choices=[
                ("unknown", _("Tính từ số liệu")),
                ("true", _("Đạt")),
                ("false", _("Không đạt")),
            ]
        ),
    )
    note = forms.CharField(label=_("Ghi chú, nguồn số liệu"), max_length=500, required=False)
    evidence = forms.FileField(label=_("Tài liệu kèm theo"), required=False)


class AssessmentForm(forms.Form):
    met = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("true", _("Hoàn thành đăng ký")), ("false", _("Không hoàn thành"))],
        coerce=lambda value: value == "true",
    )
    assessment = forms.CharField(label=_("Nhận xét"), max_length=500, required=False)


class BlocScoresForm(forms.Form):
    """One score per unit of the bloc; a field left empty clears the unit's score."""

    def __init__(self, *args, units, initial_scores: dict[int, Decimal], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for unit in units:
            self.fields[f"unit_{unit.pk}"] = FigureField(
                label=unit.name,
                max_digits=7,
                decimal_places=2,
                min_value=0,
                required=False,
                initial=initial_scores.get(unit.pk),
            )

    def scores(self) -> dict[int, Decimal | None]:
        return {int(name.removeprefix("unit_")): value for name, value in self.cleaned_data.items()}
