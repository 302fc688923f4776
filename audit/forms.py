from django import forms
from django.utils.translation import gettext_lazy as _

from councils.models import Unit


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Người thực hiện"), required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)
    action = forms.CharField(label=_("Hành động (ví dụ nomination.approve)"), required=False)
    object_type = forms.CharField(label=_("Loại đối tượng"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, scope: set[int] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.select_related("authority").order_by("authority__name", "name")
        self.fields["unit"].queryset = units if scope is None else units.filter(authority__in=scope)

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
            "unit": data["unit"].pk if data.get("unit") else None,
        }
