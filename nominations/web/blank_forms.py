"""Forms of the blanks and printers page. They collect input in the office's terms; the
services in nominations.documents.blank_setup check and decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.documents.blank_setup import FONT_PT, OFFSET_MM, PAGE_MM
from nominations.models import CertificateField

Content = CertificateField.Content


def _mm(label, low: Decimal, high: Decimal, **extra) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=5,
        decimal_places=1,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
        **extra,
    )


class PrinterForm(forms.Form):
    name = forms.CharField(label=_("Tên máy in"), max_length=100)
    offset_x_mm = _mm(_("Lệch ngang (mm, dương: sang phải)"), *OFFSET_MM, initial=0)
    offset_y_mm = _mm(_("Lệch dọc (mm, dương: xuống dưới)"), *OFFSET_MM, initial=0)
    revision = forms.CharField(widget=forms.HiddenInput, required=False)


class LayoutForm(forms.Form):
    name = forms.CharField(label=_("Tên phôi"), max_length=150)
    page_width_mm = _mm(_("Khổ giấy: rộng (mm)"), *PAGE_MM)
    page_height_mm = _mm(_("Khổ giấy: cao (mm)"), *PAGE_MM)
    scan = forms.FileField(
        label=_("Ảnh chụp hoặc quét phôi (PNG, JPEG): chỉ để xem trước, không in ra"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_scan = forms.BooleanField(label=_("Bỏ ảnh phôi hiện có"), required=False)
    revision = forms.CharField(widget=forms.HiddenInput, required=False)


class PlaceForm(forms.Form):
    """One piece of text of the layout: printed or not, and where."""

    content = forms.ChoiceField(choices=Content.choices, widget=forms.HiddenInput)
    printed = forms.BooleanField(label=_("In"), required=False)
    x_mm = _mm(_("x (mm)"), Decimal(0), PAGE_MM[1], required=False)
    y_mm = _mm(_("y (mm)"), Decimal(0), PAGE_MM[1], required=False)
    align = forms.ChoiceField(label=_("Căn"), choices=CertificateField.Align.choices)
    font_size = _mm(_("Cỡ chữ (pt)"), *FONT_PT)
    bold = forms.BooleanField(label=_("Đậm"), required=False)
    italic = forms.BooleanField(label=_("Nghiêng"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("printed"):
            for axis in ("x_mm", "y_mm"):  # beside the empty box, read out with it
                if data.get(axis) is None and axis not in self.errors:
                    self.add_error(axis, _("Nội dung được in phải có vị trí x và y."))
        return data

    @property
    def label(self) -> str:
        value = self["content"].value()
        return dict(Content.choices).get(value, str(value or ""))  # a tampered row too


PlaceFormSet = forms.formset_factory(
    PlaceForm, extra=0, max_num=len(Content), absolute_max=len(Content)
)


def place_rows(fields: list[CertificateField]) -> list[dict]:
    """The form's rows: every piece of text a certificate may carry, in the catalogue's order,
    filled from the layout's fields (a piece the layout does not print is unticked)."""
    by_content = {field.content: field for field in fields}
    rows = []
    for content in Content.values:
        field = by_content.get(content)
        rows.append(
            {
                "content": content,
                "printed": field is not None,
                "x_mm": field.x_mm if field else None,
                "y_mm": field.y_mm if field else None,
                "align": field.align if field else CertificateField.Align.CENTER,
                "font_size": field.font_size if field else Decimal(14),
                "bold": field.bold if field else False,
                "italic": field.italic if field else False,
            }
        )
    return rows
