"""Certificates printed on pre-printed blanks: only the variable text, at the layout's
millimetre positions shifted by the printer's offsets, read back from the PDF (issue 23)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from audit.models import AuditEvent
from nominations.documents.blanks import (
    CROSS_INSET_MM,
    calibration_page,
    certificates_on_blank,
    certificates_print,
)
from nominations.models import CertificateField, Nomination, PrinterProfile
from tests import factories
from tests.documents.blanks_support import texts_at, three_field_layout
from workflow.services import nominations_approve

S = Nomination.State
C = CertificateField.Content
pytestmark = pytest.mark.django_db


def test_the_text_sits_at_the_layouts_millimetres_shifted_by_the_printer(world, decision):
    three_field_layout(world.commune)
    printer = PrinterProfile.objects.create(
        authority=world.commune, name="Canon LBP 2900", offset_x_mm=Decimal("1.5"),
        offset_y_mm=Decimal("-2.0"),
    )  # fmt: skip
    pdf = certificates_print(decision=decision, actor=world["chairman"], printer=printer)
    pages = texts_at(pdf)
    assert len(pages) == 2  # one sheet per awardee, in the sổ vàng order
    height = 210 * mm
    lines = list(decision.lines.order_by("golden_book_number").select_related("nomination"))
    for page, line in zip(pages, lines, strict=True):
        name = f"Bà {line.nomination.person.full_name}"
        # Only what the layout places: the blank carries everything else.
        assert set(page) == {
            name,
            "Quyết định số 21/QĐ-UBND",
            f"Số sổ vàng: {line.golden_book_number}",
        }
        x, y = page["Quyết định số 21/QĐ-UBND"]  # left-aligned: x is where the text starts
        assert x == pytest.approx((24 + 1.5) * mm, abs=0.01)
        assert y == pytest.approx(height - (162.5 - 2.0) * mm, abs=0.01)
        x, y = page[name]  # centred on x
        width = stringWidth(name, "LiberationSerif-Bold", 20)
        assert x + width / 2 == pytest.approx((148.5 + 1.5) * mm, abs=0.01)
        assert y == pytest.approx(height - (101 - 2.0) * mm, abs=0.01)
        text = f"Số sổ vàng: {line.golden_book_number}"  # right-aligned: x is where it ends
        x, y = page[text]
        assert x + stringWidth(text, "LiberationSerif", 12) == pytest.approx(121.5 * mm, abs=0.01)
    reader = PdfReader(io.BytesIO(pdf))
    width_pt, height_pt = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width_pt / mm), round(height_pt / mm)) == (297, 210)
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for f in reader.pages[0]["/Resources"]["/Font"].values()}  # fmt: skip
    assert fonts <= {"LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif"}
    event = AuditEvent.objects.get(action="certificates.print_on_blank")
    assert (event.object_id, event.payload["printer"]) == (str(decision.pk), "Canon LBP 2900")


def test_the_preview_lays_the_text_over_the_blanks_scan_without_the_printers_shift(world, decision):
    three_field_layout(
        world.commune, factories.award("chien-si-thi-dua-co-so"), scan=factories.png(60, 42)
    )
    pdf = certificates_on_blank(decision, preview=True)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1  # the scan, under the text
    texts = texts_at(pdf)[0]
    assert texts["Quyết định số 21/QĐ-UBND"][0] == pytest.approx(24 * mm, abs=0.01)
    assert not AuditEvent.objects.filter(action="certificates.print_on_blank").exists()


def test_an_award_layout_wins_over_the_authoritys_and_the_provinces_serves_its_communes(
    world, decision
):
    # Nothing drawn anywhere: the built-in default still prints every awardee's name.
    default = texts_at(certificates_on_blank(decision))[0]
    assert "Bà Phan Thị Lụa" in default or "Bà Đỗ Thị Khoa" in default
    province = three_field_layout(world.province)
    CertificateField.objects.filter(layout=province, content=C.DECISION).update(x_mm=40)
    assert texts_at(certificates_on_blank(decision))[0]["Quyết định số 21/QĐ-UBND"][0] == (
        pytest.approx(40 * mm, abs=0.01)
    )
    own = three_field_layout(world.commune, factories.award("chien-si-thi-dua-co-so"))
    CertificateField.objects.filter(layout=own, content=C.DECISION).update(x_mm=30)
    assert texts_at(certificates_on_blank(decision))[0]["Quyết định số 21/QĐ-UBND"][0] == (
        pytest.approx(30 * mm, abs=0.01)
    )


def test_the_calibration_page_marks_known_points_and_moves_them_by_the_offsets():
    plain = texts_at(calibration_page())
    assert len(plain) == 1
    page = plain[0]
    assert "TRANG CĂN CHỈNH MÁY IN" in page
    label = f"({CROSS_INSET_MM}; {CROSS_INSET_MM}) mm"
    x, y = page[label]  # written 2 mm right of and 2 mm above its cross
    assert x == pytest.approx((CROSS_INSET_MM + 2) * mm, abs=0.01)
    assert y == pytest.approx(210 * mm - (CROSS_INSET_MM - 2) * mm, abs=0.01)
    printer = PrinterProfile(name="HP", offset_x_mm=Decimal("3"), offset_y_mm=Decimal("1"))
    shifted = texts_at(calibration_page(printer=printer))[0]
    x2, y2 = shifted[label]
    assert (x2 - x, y - y2) == (pytest.approx(3 * mm, abs=0.01), pytest.approx(1 * mm, abs=0.01))


def test_the_decision_page_offers_printing_on_blanks_to_those_who_make_its_papers(
    client, world, decision
):
    PrinterProfile.objects.create(authority=world.commune, name="Máy in văn thư")
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decision", args=[decision.pk])).content.decode()
    assert "Tải PDF để in trên phôi" in page
    assert "Máy in văn thư" in page
    response = client.get(reverse("nominations:certificates_on_blank", args=[decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
    calibration = client.get(reverse("nominations:printer_calibration", args=[decision.pk]))
    assert calibration.content.startswith(b"%PDF")
    client.force_login(world["unit_head"])  # sees the decision, makes none of its papers
    denied = client.get(reverse("nominations:certificates_on_blank", args=[decision.pk]))
    assert denied.status_code == 403
    assert AuditEvent.objects.filter(action="certificates.print_on_blank").count() == 1


def test_a_decision_whose_awards_carry_no_paper_has_nothing_to_print(client, world):
    nomination = world.nomination("lao-dong-tien-tien", S.AWAITING_DECISION)
    decision = nominations_approve(
        nominations=[nomination], actor=world["chairman"], number="22/QĐ-UBND",
        issued_on=timezone.localdate(),
    )  # fmt: skip
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decision", args=[decision.pk])).content.decode()
    assert "Tải PDF để in trên phôi" not in page
    response = client.get(reverse("nominations:certificates_on_blank", args=[decision.pk]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="certificates.print_on_blank").exists()
