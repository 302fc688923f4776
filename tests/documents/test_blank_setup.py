"""The office sets up printing on blanks from its own page: printers and their offsets, the
layout of each award's blank, a picture of the blank to preview on. Every change is checked,
kept in the history and the audit log; bad input and stale edits change nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from audit.models import AuditEvent
from core.errors import InvalidInput, NotPermitted
from nominations.documents.blank_setup import (
    FieldPlace,
    layout_revision,
    layout_save,
    layout_start,
    printer_revision,
    printer_save,
)
from nominations.documents.blanks import DEFAULT_FIELDS, SAMPLE_TEXTS, certificates_on_blank
from nominations.models import CertificateField, CertificateLayout, PrinterProfile
from tests import factories
from tests.documents.blanks_support import texts_at, three_field_layout

C = CertificateField.Content
pytestmark = pytest.mark.django_db
SETUP = "nominations:blanks"


def _post(client, data: dict, authority) -> str:
    response = client.post(reverse(SETUP), {"authority": authority.pk, **data}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _new(fields: dict) -> dict:
    """The page's "add a printer" form, as posted."""
    return {f"new-{key}": value for key, value in fields.items()}


def _as(printer, fields: dict) -> dict:
    """One printer's own form on the page, as posted."""
    return {f"p{printer.pk}-{key}": value for key, value in fields.items()}


def test_the_office_adds_a_printer_and_corrects_its_offsets_from_its_page(client, world):
    client.force_login(world["standing_office"])
    page = _post(
        client,
        {
            "save_printer": "",
            **_new({"name": "Canon LBP 2900", "offset_x_mm": "1.5", "offset_y_mm": "-2"}),
        },
        world.commune,
    )
    assert "Đã lưu." in page
    printer = PrinterProfile.objects.get(authority=world.commune)
    assert (printer.name, printer.offset_x_mm, printer.offset_y_mm) == (
        "Canon LBP 2900", Decimal("1.5"), Decimal("-2.0"),
    )  # fmt: skip
    assert printer.history.get().history_user == world["standing_office"]
    _post(
        client,
        {"save_printer": printer.pk, **_as(printer, {
            "name": "Canon LBP 2900", "offset_x_mm": "0.5", "offset_y_mm": "-1.5",
            "revision": printer_revision(printer),
        })},
        world.commune,
    )  # fmt: skip
    printer.refresh_from_db()
    assert (printer.offset_x_mm, printer.offset_y_mm) == (Decimal("0.5"), Decimal("-1.5"))
    change = AuditEvent.objects.get(action="printer.change")
    assert change.payload["before"]["offset_x_mm"] == "1.5"
    assert change.payload["offset_x_mm"] == "0.5"
    # The calibration page of this printer says which offsets it applies, and moves the marks.
    pdf = client.get(
        reverse("nominations:blank_calibration"),
        {"authority": world.commune.pk, "printer": printer.pk},
    ).content
    texts = texts_at(pdf)[0]
    assert any("Canon LBP 2900" in text for text in texts)
    x, _y = texts["(20; 20) mm"]
    assert x == pytest.approx((20 + 2 + 0.5) * mm, abs=0.01)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Máy A", "offset_x_mm": "31", "offset_y_mm": "0"}, "offset_x_mm", "30"),
        ({"name": "Máy A", "offset_x_mm": "1.25", "offset_y_mm": "0"}, "offset_x_mm", "1"),
        ({"name": "Máy A", "offset_x_mm": "abc", "offset_y_mm": "0"}, "offset_x_mm", "số"),
        ({"name": "", "offset_x_mm": "0", "offset_y_mm": "0"}, "name", "bắt buộc"),
        ({"name": "Máy cũ", "offset_x_mm": "0", "offset_y_mm": "0"}, None, "đã có máy in tên"),
    ],
)
def test_a_bad_printer_is_refused_with_its_reason_and_what_was_typed_is_kept(
    client, world, data, field, message
):
    PrinterProfile.objects.create(authority=world.commune, name="Máy cũ")
    client.force_login(world["standing_office"])
    response = client.post(
        reverse(SETUP), {"authority": world.commune.pk, "save_printer": "", **_new(data)}
    )
    assert response.status_code == 200  # the page again, not a redirect
    form = response.context["new_printer"]
    page = response.content.decode()
    if field is None:  # the form was right; the service refused
        assert message in page
    else:
        assert message in " ".join(form.errors[field])
        assert f'id="id_new-{field}_error"' in page  # beside the field, read out with it
        assert "Có ô chưa hợp lệ" in page
    assert form["name"].value() == data["name"]  # as typed
    assert "open>" in page.split("Thêm máy in")[0][-40:] or "<details open>" in page
    assert PrinterProfile.objects.filter(authority=world.commune).count() == 1
    assert not AuditEvent.objects.filter(action__startswith="printer.").exists()


def test_the_service_refuses_what_the_form_would_and_people_without_the_office(world):
    with pytest.raises(InvalidInput, match="từ -30 đến 30"):
        printer_save(
            authority=world.commune, actor=world["standing_office"], name="Máy",
            offset_x_mm=Decimal("-40"), offset_y_mm=Decimal("0"),
        )  # fmt: skip
    for odd in ("1e30", "NaN", "Infinity", "1.25", "không"):  # called without the form
        with pytest.raises(InvalidInput, match="Độ lệch ngang"):
            printer_save(
                authority=world.commune, actor=world["standing_office"], name="Máy",
                offset_x_mm=odd, offset_y_mm=Decimal("0"),
            )  # fmt: skip
    for outsider in ("unit_head", "council_member", "district_standing_office"):
        with pytest.raises(NotPermitted):
            printer_save(
                authority=world.commune, actor=world[outsider], name="Máy",
                offset_x_mm=Decimal("0"), offset_y_mm=Decimal("0"),
            )  # fmt: skip
    assert not PrinterProfile.objects.exists()


def test_an_edit_made_from_a_stale_page_is_refused_instead_of_undoing_the_other(client, world):
    printer = PrinterProfile.objects.create(authority=world.commune, name="Máy", offset_x_mm=1)
    seen = printer_revision(printer)
    printer_save(
        authority=world.commune, actor=world["chairman"], printer=printer, revision=seen,
        name="Máy", offset_x_mm=Decimal("2"), offset_y_mm=Decimal("0"),
    )  # fmt: skip
    client.force_login(world["standing_office"])
    page = _post(
        client,
        {"save_printer": printer.pk, **_as(printer, {
            "name": "Máy", "offset_x_mm": "3", "offset_y_mm": "0", "revision": seen,
        })},
        world.commune,
    )  # fmt: skip
    assert "Người khác vừa lưu" in page
    printer.refresh_from_db()
    assert printer.offset_x_mm == Decimal("2")


def test_a_printer_is_removed_with_a_trace_and_another_communes_cannot_be_touched(client, world):
    other_commune = factories.authority(world.commune.level, parent=world.district)
    foreign = PrinterProfile.objects.create(authority=other_commune, name="Của xã khác")
    own = PrinterProfile.objects.create(authority=world.commune, name="Máy văn thư")
    client.force_login(world["standing_office"])
    response = client.post(
        reverse(SETUP), {"authority": world.commune.pk, "remove_printer": foreign.pk}
    )
    assert response.status_code == 404
    for value in ("abc", "²"):  # "²" is a digit to str.isdigit, not a key
        response = client.post(
            reverse(SETUP), {"authority": world.commune.pk, "remove_printer": value}
        )
        assert response.status_code == 404
    _post(client, {"remove_printer": own.pk}, world.commune)
    # A second click finds it gone: said so, nothing more recorded.
    assert "Máy in này đã được xóa." in _post(client, {"remove_printer": own.pk}, world.commune)
    assert not PrinterProfile.objects.filter(pk=own.pk).exists()
    assert PrinterProfile.objects.filter(pk=foreign.pk).exists()
    event = AuditEvent.objects.get(action="printer.remove")
    assert event.payload["name"] == "Máy văn thư"
    assert own.history.latest().history_type == "-"
    assert own.history.latest().history_user == world["standing_office"]


def test_people_without_the_office_do_not_reach_the_page(client, world):
    for who in ("unit_head", "council_member", "auditor"):
        client.force_login(world[who])
        assert client.get(reverse(SETUP)).status_code == 404
    client.force_login(world["chairman"])  # the decider sets up too: the papers are theirs
    assert client.get(reverse(SETUP)).status_code == 200


def test_another_communes_authority_is_not_there_rather_than_swapped_for_ones_own(client, world):
    other_commune = factories.authority(world.commune.level, parent=world.district)
    client.force_login(world["standing_office"])
    for asked in (other_commune.pk, "²", "abc"):
        assert client.get(reverse(SETUP), {"authority": asked}).status_code == 404
        calibration = client.get(reverse("nominations:blank_calibration"), {"authority": asked})
        assert calibration.status_code == 404
        posted = client.post(
            reverse(SETUP),
            {"authority": asked, "save_printer": "", **_new({"name": "Máy", "offset_x_mm": "0",
                                                              "offset_y_mm": "0"})},
        )  # fmt: skip
        assert posted.status_code == 404
    assert not PrinterProfile.objects.exists()
    # Keys the page never sends answer without a server error.
    for query in ({"printer": "²"}, {"layout": "²"}):
        calibration = client.get(reverse("nominations:blank_calibration"), query)
        assert calibration["Content-Type"] == "application/pdf"


def test_a_layout_edit_from_a_stale_page_or_without_its_revision_is_refused(client, world):
    layout = layout_start(authority=world.commune, award_type=None, actor=world["chairman"])
    client.force_login(world["standing_office"])
    url = reverse("nominations:blank_layout", args=[layout.pk])
    stale = _form_data(client.get(url))
    mine = dict(stale)
    mine[f"places-{_row_of(mine, C.NAME)}-x_mm"] = "120.0"
    assert "Đã lưu bố cục." in client.post(url, mine, follow=True).content.decode()
    for data in (stale, {k: v for k, v in stale.items() if k != "revision"}):
        data = dict(data)
        data[f"places-{_row_of(data, C.NAME)}-x_mm"] = "90.0"
        page = client.post(url, data).content.decode()
        assert "Người khác vừa lưu" in page
        assert layout.fields.get(content=C.NAME).x_mm == Decimal("120.0")
    assert AuditEvent.objects.filter(action="certificate_layout.change").count() == 1


def test_a_tampered_row_is_refused_with_a_message_not_a_server_error(client, world):
    layout = layout_start(authority=world.commune, award_type=None, actor=world["chairman"])
    client.force_login(world["standing_office"])
    url = reverse("nominations:blank_layout", args=[layout.pk])
    data = _form_data(client.get(url))
    data["places-0-content"] = "bogus"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "bogus" in " ".join(response.context["places"].forms[0].errors["content"])
    assert "Có ô chưa hợp lệ" in response.content.decode()
    data["places-TOTAL_FORMS"] = "500"  # more rows than there are pieces of text
    assert client.post(url, data).status_code == 200
    assert not AuditEvent.objects.filter(action="certificate_layout.change").exists()


def test_the_calibration_page_has_the_size_of_the_blank_it_is_for(client, world):
    award = factories.award("chien-si-thi-dua-co-so")
    layout = layout_start(authority=world.commune, award_type=award, actor=world["chairman"])
    CertificateLayout.objects.filter(pk=layout.pk).update(page_width_mm=210, page_height_mm=148)
    client.force_login(world["standing_office"])
    url = reverse("nominations:blank_calibration")
    for asked, size in (({"layout": award.pk}, (210, 148)), ({}, (297, 210))):
        pdf = client.get(url, {"authority": world.commune.pk, **asked}).content
        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        assert (round(float(box.width) / mm), round(float(box.height) / mm)) == size


def test_a_layout_begins_as_a_copy_of_the_one_in_use_and_is_edited_on_its_page(
    client, world, decision
):
    award = factories.award("chien-si-thi-dua-co-so")
    province = three_field_layout(world.province)  # what the commune prints with today
    client.force_login(world["standing_office"])
    page = client.get(reverse(SETUP), {"authority": world.commune.pk}).content.decode()
    assert f"{province.name} — của {world.province}" in page
    response = client.post(
        reverse(SETUP), {"authority": world.commune.pk, "start_layout": award.pk}
    )
    layout = CertificateLayout.objects.get(authority=world.commune, award_type=award)
    assert response["Location"] == reverse("nominations:blank_layout", args=[layout.pk])
    copied = {f.content: (f.x_mm, f.y_mm) for f in layout.fields.all()}
    assert copied == {f.content: (f.x_mm, f.y_mm) for f in province.fields.all()}
    # A second click opens the same layout.
    client.post(reverse(SETUP), {"authority": world.commune.pk, "start_layout": award.pk})
    assert CertificateLayout.objects.filter(authority=world.commune).count() == 1

    form = client.get(reverse("nominations:blank_layout", args=[layout.pk]))
    assert form.status_code == 200
    data = _form_data(form)
    row = _row_of(data, C.NAME)
    data[f"places-{row}-x_mm"], data[f"places-{row}-y_mm"] = "140.0", "95.5"
    golden = _row_of(data, C.GOLDEN_BOOK)
    data.pop(f"places-{golden}-printed")  # no longer printed
    title = _row_of(data, C.TITLE)
    data[f"places-{title}-printed"] = "on"
    data[f"places-{title}-x_mm"], data[f"places-{title}-y_mm"] = "148.5", "80"
    data["scan"] = SimpleUploadedFile("phoi.png", factories.png(60, 42), "image/png")
    saved = client.post(reverse("nominations:blank_layout", args=[layout.pk]), data, follow=True)
    assert "Đã lưu bố cục." in saved.content.decode()

    page = texts_at(certificates_on_blank(decision))[0]
    name = next(text for text in page if text.startswith("Bà "))
    x, y = page[name]
    assert x + stringWidth(name, "LiberationSerif-Bold", 20) / 2 == pytest.approx(
        140 * mm, abs=0.01
    )
    assert y == pytest.approx((210 - 95.5) * mm, abs=0.01)
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in page
    assert not any(text.startswith("Số sổ vàng") for text in page)
    preview = certificates_on_blank(decision, preview=True)
    assert len(PdfReader(io.BytesIO(preview)).pages[0].images) == 1
    event = AuditEvent.objects.get(action="certificate_layout.change")
    assert event.payload["fields_changed"] == sorted([C.NAME, C.GOLDEN_BOOK, C.TITLE])
    assert (
        layout.fields.get(content=C.NAME).history.latest().history_user
        == (world["standing_office"])
    )


def _form_data(response) -> dict:
    """What the browser would send back from the layout page as it was rendered."""
    context = response.context
    form, places = context["form"], context["places"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({f"places-{key}": value for key, value in places.management_form.initial.items()})
    for index, row in enumerate(places.initial):
        for key, value in row.items():
            if isinstance(value, bool):
                if value:
                    data[f"places-{index}-{key}"] = "on"
            elif value is not None:
                data[f"places-{index}-{key}"] = str(value)
    return data


def _row_of(data: dict, content: str) -> int:
    return next(
        int(key.split("-")[1]) for key, value in data.items()
        if key.endswith("-content") and value == content
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"x_mm": "300"}, "Tên người, hộ, tập thể được khen: x phải từ 0 đến 297."),
        ({"font_size": "90"}, "font_size"),
        ({"x_mm": ""}, "Nội dung được in phải có vị trí x và y."),
        ({"align": "diagonal"}, "diagonal"),
    ],
)
def test_a_bad_layout_is_refused_with_its_reason_and_nothing_changes(
    client, world, change, message
):
    layout = layout_start(authority=world.commune, award_type=None, actor=world["chairman"])
    before = layout_revision(layout, list(layout.fields.all()))
    client.force_login(world["standing_office"])
    data = _form_data(client.get(reverse("nominations:blank_layout", args=[layout.pk])))
    row = _row_of(data, C.NAME)
    for key, value in change.items():
        data[f"places-{row}-{key}"] = value
    response = client.post(reverse("nominations:blank_layout", args=[layout.pk]), data)
    page = response.content.decode()
    if message == "font_size":  # refused by the form: the row says why, next to the field
        assert "72" in " ".join(response.context["places"].forms[row].errors["font_size"])
        assert f'id="id_places-{row}-font_size_error"' in page
    else:
        assert message in page
    if "x_mm" in change and change["x_mm"] == "":
        assert f'id="id_places-{row}-x_mm_error"' in page  # beside the empty box
    layout.refresh_from_db()
    assert layout_revision(layout, list(layout.fields.all())) == before
    assert not AuditEvent.objects.filter(action="certificate_layout.change").exists()


def test_a_picture_that_is_not_an_image_is_refused(client, world):
    layout = layout_start(authority=world.commune, award_type=None, actor=world["chairman"])
    client.force_login(world["standing_office"])
    data = _form_data(client.get(reverse("nominations:blank_layout", args=[layout.pk])))
    data["scan"] = SimpleUploadedFile("phoi.png", b"%PDF-1.4 not a picture", "image/png")
    page = client.post(reverse("nominations:blank_layout", args=[layout.pk]), data).content.decode()
    assert "không phải là PNG" in page
    layout.refresh_from_db()
    assert not layout.blank_scan
    # A picture far larger than any scan of a sheet: every preview would decode it whole.
    huge = io.BytesIO()
    Image.new("1", (10_000, 8_000)).save(huge, format="PNG")  # 80 million points, ~10 KB
    data["scan"] = SimpleUploadedFile("phoi.png", huge.getvalue(), "image/png")
    page = client.post(reverse("nominations:blank_layout", args=[layout.pk]), data).content.decode()
    assert "Ảnh chụp phôi quá lớn (10000 × 8000 điểm ảnh)" in page
    layout.refresh_from_db()
    assert not layout.blank_scan
    # The service keeps to the whole sheet too, and to one place per piece of text.
    revision = layout_revision(layout, list(layout.fields.all()))
    with pytest.raises(InvalidInput, match="hai"):
        layout_save(
            layout=layout, actor=world["standing_office"], name="Phôi", revision=revision,
            page_width_mm=Decimal("297"), page_height_mm=Decimal("210"),
            places=[FieldPlace(C.NAME, Decimal(10), Decimal(10)),
                    FieldPlace(C.NAME, Decimal(20), Decimal(20))],
        )  # fmt: skip


def test_the_try_out_sheet_prints_sample_text_at_the_layouts_places(client, world):
    layout = layout_start(authority=world.commune, award_type=None, actor=world["standing_office"])
    client.force_login(world["standing_office"])
    response = client.get(reverse("nominations:blank_layout_sample", args=[layout.pk]))
    assert response["Content-Type"] == "application/pdf"
    texts = texts_at(response.content)[0]
    for content, _x, y, *_style in DEFAULT_FIELDS:
        assert texts[SAMPLE_TEXTS[content]][1] == pytest.approx((210 - y) * mm, abs=0.01)
    assert len(texts) == len(DEFAULT_FIELDS)
    client.force_login(world["unit_head"])
    assert (
        client.get(reverse("nominations:blank_layout_sample", args=[layout.pk])).status_code == 404
    )


def test_a_commune_office_sees_its_provinces_layout_but_changes_only_its_own(client, world):
    province = three_field_layout(world.province)
    client.force_login(world["standing_office"])
    sample = client.get(reverse("nominations:blank_layout_sample", args=[province.pk]))
    assert sample.status_code == 200
    assert client.get(reverse("nominations:blank_layout", args=[province.pk])).status_code == 404
    with pytest.raises(NotPermitted):
        layout_save(
            layout=province, actor=world["standing_office"], name="X",
            page_width_mm=Decimal("297"), page_height_mm=Decimal("210"), places=[],
        )  # fmt: skip


def test_removing_its_own_layout_puts_the_commune_back_on_the_one_above(client, world):
    award = factories.award("chien-si-thi-dua-co-so")
    layout = layout_start(authority=world.commune, award_type=award, actor=world["chairman"])
    client.force_login(world["standing_office"])
    _post(client, {"remove_layout": layout.pk}, world.commune)
    assert not CertificateLayout.objects.filter(pk=layout.pk).exists()
    assert AuditEvent.objects.filter(action="certificate_layout.remove").count() == 1
    assert CertificateField.history.filter(history_type="-").count() == len(DEFAULT_FIELDS)


def test_an_award_without_a_printed_certificate_gets_no_layout(world):
    with pytest.raises(InvalidInput, match="không có giấy khen"):
        layout_start(
            authority=world.commune, award_type=factories.award("lao-dong-tien-tien"),
            actor=world["chairman"],
        )  # fmt: skip


def test_the_pages_read_the_same_whatever_the_number_of_printers_and_layouts(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["standing_office"])
    url = reverse(SETUP)
    client.get(url)  # warm the per-process caches (content types, templates)
    counts = []
    for size in (1, 6):
        for n in range(size):
            PrinterProfile.objects.get_or_create(authority=world.commune, name=f"Máy {n}")
        with django_assert_max_num_queries(11) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    layout = layout_start(authority=world.commune, award_type=None, actor=world["chairman"])
    page = reverse("nominations:blank_layout", args=[layout.pk])
    sizes = []
    for kept in (3, len(C.values)):  # a layout printing three pieces of text, then all of them
        layout.fields.all().delete()
        for content in C.values[:kept]:
            CertificateField.objects.create(layout=layout, content=content, x_mm=10, y_mm=10)
        with django_assert_max_num_queries(7) as captured:
            assert client.get(page).status_code == 200
        sizes.append(len(captured))
    assert sizes[0] == sizes[1]


def test_a_picture_whose_layout_fails_to_save_is_not_left_in_storage(world, monkeypatch):
    layout = layout_start(authority=world.commune, award_type=None, actor=world["chairman"])
    stored = []

    def failing(row, **event):
        stored.append(row.blank_scan.name)
        assert row.blank_scan.storage.exists(row.blank_scan.name)  # written before the rows
        raise RuntimeError("the database went away")

    monkeypatch.setattr("nominations.documents.blank_setup.save_and_record", failing)
    with pytest.raises(RuntimeError):
        layout_save(
            layout=layout, actor=world["standing_office"], name="Phôi",
            revision=layout_revision(layout, list(layout.fields.all())),
            page_width_mm=Decimal("297"), page_height_mm=Decimal("210"), places=[],
            scan=SimpleUploadedFile("phoi.png", factories.png(60, 42), "image/png"),
        )  # fmt: skip
    assert len(stored) == 1
    assert not layout.blank_scan.storage.exists(stored[0])
