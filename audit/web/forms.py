from django import forms
from django.utils.translation import gettext_lazy as _

from councils.models import Authority, Unit
from councils.web.forms import authority_shown


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Người thực hiện"), required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)
    action = forms.CharField(
        label=_("Hành động"),
        required=False,
        help_text=_("Tên hoặc mã, ví dụ: Quyết định khen thưởng, Bỏ phiếu, nomination.approve."),
    )
    object_type = forms.CharField(
        label=_("Loại đối tượng"),
        required=False,
        help_text=_("Ví dụ: đề nghị khen thưởng, phiên họp."),
    )
    authority = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Authority.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Các đơn vị của cơ quan đã chọn."),
    )

    def __init__(self, *args, scope: set[int] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        authorities = Authority.objects.order_by("name")
        units = Unit.objects.select_related("authority").order_by("name")
        if scope is not None:
            authorities = authorities.filter(pk__in=scope)
            units = units.filter(authority__in=scope)
        self.fields["authority"].queryset = authorities
        self.fields["unit"].queryset = units  # any unit in scope is accepted…
        # …but a province holds thousands: the list offers one authority's units, those of
        # the authority chosen (or of the unit chosen), or of the only one in scope.
        shown = authority_shown(self.data, scope)
        listed = units.filter(authority=shown) if shown else units.none()
        self.fields["unit"].widget.choices = [("", "---------"), *((u.pk, str(u)) for u in listed)]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "actor": data.get("actor", ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "action": data.get("action", ""),
            "object_type": data.get("object_type", ""),
            "authority": data["authority"].pk if data.get("authority") else None,
            "unit": data["unit"].pk if data.get("unit") else None,
        }
