from django import forms
from django.utils.translation import gettext_lazy as _

from core.requests import key_of
from councils.models import Ballot, Unit


def authority_shown(data, scope: set[int] | None) -> int | None:
    """Whose units a filter form offers: the authority chosen, or that of the unit chosen,
    or the only one in scope (None: offer none until one is chosen)."""
    authority, unit = data.get("authority"), data.get("unit")
    if (key := key_of(str(authority or ""))) is not None:
        return key
    if (key := key_of(str(unit or ""))) is not None:
        return Unit.objects.filter(pk=key).values_list("authority_id", flat=True).first()
    if scope is not None and len(scope) == 1:
        return next(iter(scope))
    return None


class MeetingPlanForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp (dd/mm/yyyy)"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    reviews_awards = forms.BooleanField(
        label=_("Phiên xét khen thưởng"), required=False, initial=True
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Lựa chọn"), choices=Ballot.Choice.choices, widget=forms.RadioSelect
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Phó Chủ tịch được ủy quyền"), queryset=None)
    valid_from = forms.DateField(label=_("Từ ngày (dd/mm/yyyy)"))
    valid_to = forms.DateField(label=_("Đến ngày (dd/mm/yyyy)"))
    reason = forms.CharField(label=_("Lý do"), required=False)

    def __init__(self, *args, vice_chairmen, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = vice_chairmen
