"""Digital signatures on the papers (issue 23): sign a generated decision with a certificate
the tests issue themselves, verify it, break it by one byte; verify uploads as they arrive."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pypdf import PdfReader

from audit.models import AuditEvent
from audit.verification import verify_chain
from core.errors import InvalidInput, NotPermitted, WrongState
from nominations.bundles import dossier_zip
from nominations.documents.blanks import calibration_page
from nominations.documents.services import document_generate, document_sign
from nominations.documents.signatures import (
    pdf_sign,
    signatures_check,
    signer_from_pkcs12,
)
from nominations.models import GeneratedDocument, Nomination
from nominations.services import attachment_add
from tests.documents.signing_ca import PASSPHRASE, make_ca
from workflow.services import nominations_approve

S = Nomination.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def ca(tmp_path, settings):
    made = make_ca(tmp_path)
    settings.SIGNING_TRUST_ROOTS = str(made.root_pem)
    settings.SIGNING_TSA_URL = ""
    return made


@pytest.fixture
def paper(world):
    """The chairman's LĐTT decision, generated."""
    chairman = world["chairman"]
    chairman.full_name = "Nguyễn Văn Chủ"
    chairman.save()
    decision = nominations_approve(
        nominations=[world.nomination(state=S.AWAITING_DECISION)], actor=chairman,
        number="30/QĐ-UBND", issued_on=timezone.localdate(),
    )  # fmt: skip
    return document_generate(
        kind="decision", subject_id=decision.pk, actor=chairman, request_id=uuid.uuid4()
    )


def test_a_signed_decision_verifies_and_one_changed_byte_breaks_it(world, ca, paper):
    signed = document_sign(
        document=paper, actor=world["chairman"], pkcs12=ca.pkcs12, passphrase=PASSPHRASE
    )
    assert signed.signed_at is not None
    assert signed.signed_by == world["chairman"]
    [check] = signed.signatures
    assert (check["valid"], check["trusted"], check["modified_after"]) == (True, True, False)
    assert "Nguyễn Văn Chủ" in check["signer"]
    assert check["signed_at"]
    data = signed.signed_pdf.read()
    assert signatures_check(data)[0].valid
    # The visible box sits on the decision's page, above the printed name of the signer.
    reader = PdfReader(io.BytesIO(data))
    widgets = [
        (index, annot.get_object())
        for index, page in enumerate(reader.pages)
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/FT") == "/Sig"
    ]
    assert len(widgets) == 1
    index, widget = widgets[0]
    assert "Nguyễn Văn Chủ" in reader.pages[index].extract_text()
    left, bottom, right, top = (float(v) for v in widget["/Rect"])
    assert right - left > 150  # a visible box, not an invisible field
    assert top - bottom > 40
    event = AuditEvent.objects.get(action="document.sign")
    assert event.payload["valid"] is True
    assert event.payload["level"] == "PAdES B-B"
    assert "Nguyễn Văn Chủ" in event.payload["signer"]
    assert verify_chain().intact
    # One byte changed inside the signed bytes: the signature no longer holds.
    at = data.index(b"/Type /Page") if b"/Type /Page" in data else len(data) // 3
    tampered = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
    [broken] = signatures_check(tampered)
    assert broken.valid is False


def test_a_signed_paper_is_signed_once_and_superseded_by_a_new_version(world, ca, paper):
    document_sign(document=paper, actor=world["chairman"], pkcs12=ca.pkcs12, passphrase=PASSPHRASE)
    with pytest.raises(WrongState):
        document_sign(
            document=paper, actor=world["chairman"], pkcs12=ca.pkcs12, passphrase=PASSPHRASE
        )
    again = document_generate(
        kind="decision", subject_id=paper.decision_id, actor=world["chairman"],
        request_id=uuid.uuid4(),
    )  # fmt: skip
    assert (again.version, again.supersedes_id, again.signed_at) == (2, paper.pk, None)
    event = AuditEvent.objects.filter(action="document.generate").order_by("-sequence").first()
    assert event.payload["supersedes_signed"] == paper.pk
    paper.refresh_from_db()
    assert paper.signed_at is not None  # the signed version stays as it was


def test_a_wrong_passphrase_or_the_wrong_person_signs_nothing(world, ca, paper):
    with pytest.raises(InvalidInput, match="sai mật khẩu"):
        document_sign(document=paper, actor=world["chairman"], pkcs12=ca.pkcs12, passphrase="x")
    with pytest.raises(NotPermitted):
        document_sign(
            document=paper, actor=world["unit_head"], pkcs12=ca.pkcs12, passphrase=PASSPHRASE
        )
    paper.refresh_from_db()
    assert (paper.signed_at, paper.signed_pdf.name) == (None, "")
    assert not AuditEvent.objects.filter(action="document.sign").exists()


def test_a_timestamp_makes_it_pades_b_t_and_an_unknown_root_is_untrusted(ca, settings):
    signer = signer_from_pkcs12(ca.pkcs12, PASSPHRASE)
    stamper = DummyTimeStamper(tsa_cert=ca.tsa_cert, tsa_key=ca.tsa_key)
    pdf = pdf_sign(
        calibration_page(), signer, name="Nguyễn Văn Chủ", reason="Kiểm thử", location="Xã",
        timestamper=stamper,
    )  # fmt: skip
    [check] = signatures_check(pdf)
    assert (check.valid, check.trusted, check.timestamped) == (True, True, True)
    settings.SIGNING_TRUST_ROOTS = ""
    [untrusted] = signatures_check(pdf)
    assert (untrusted.valid, untrusted.trusted) == (True, False)


def test_an_uploaded_signed_pdf_is_verified_on_upload(world, ca, client):
    signer = signer_from_pkcs12(ca.pkcs12, PASSPHRASE)
    pdf = pdf_sign(calibration_page(), signer, name="Trưởng thôn", reason="Tờ trình", location="")
    nomination = world.nomination()
    attachment = attachment_add(
        nomination=nomination, actor=world["unit_head"], document="to_trinh",
        upload=SimpleUploadedFile("to-trinh-ky-so.pdf", pdf, content_type="application/pdf"),
    )  # fmt: skip
    [check] = attachment.signatures
    assert (check["valid"], check["trusted"]) == (True, True)
    assert "Nguyễn Văn Chủ" in check["signer"]
    event = AuditEvent.objects.filter(action="attachment.add").order_by("-sequence").first()
    assert event.payload["signatures"][0]["valid"] is True
    verified = AuditEvent.objects.get(action="attachment.verify_signatures")
    assert verified.payload["signatures"][0]["signer"] == check["signer"]
    client.force_login(world["unit_head"])
    page = client.get(f"/nominations/{nomination.pk}/").content.decode()
    assert "Chữ ký số hợp lệ" in page
    unsigned = attachment_add(
        nomination=nomination, actor=world["unit_head"], document="danh_sach",
        upload=SimpleUploadedFile("danh-sach.pdf", calibration_page(),
                                  content_type="application/pdf"),
    )  # fmt: skip
    assert unsigned.signatures == []
    assert GeneratedDocument.objects.count() == 0


def test_the_chairman_signs_from_the_decision_page(world, ca, paper, client):
    client.force_login(world["unit_head"])
    refused = client.post(
        reverse("nominations:document_sign", args=[paper.pk]),
        {"pkcs12": SimpleUploadedFile("ky.p12", ca.pkcs12), "passphrase": PASSPHRASE},
    )
    assert refused.status_code == 302
    paper.refresh_from_db()
    assert paper.signed_at is None
    client.force_login(world["chairman"])
    page = reverse("nominations:decision", args=[paper.decision_id])
    assert "Tệp chữ ký số (.p12, .pfx)" in client.get(page).content.decode()
    client.post(
        reverse("nominations:document_sign", args=[paper.pk]),
        {"pkcs12": SimpleUploadedFile("ky.p12", ca.pkcs12), "passphrase": PASSPHRASE,
         "next": page},
    )  # fmt: skip
    paper.refresh_from_db()
    assert paper.signed_at is not None
    shown = client.get(page).content.decode()
    assert "PDF đã ký số" in shown
    assert "Chữ ký số hợp lệ" in shown
    assert "Tệp chữ ký số (.p12, .pfx)" not in shown  # signed once
    signed = client.get(reverse("nominations:document", args=[paper.pk, "signed"]))
    assert b"".join(signed.streaming_content).startswith(b"%PDF")


def test_the_dossier_for_the_level_above_carries_the_signed_to_trinh(world, ca):
    nomination = world.nomination("bang-khen-chu-tich-tinh", S.AWAITING_DECISION)
    submission = document_generate(
        kind="forward_submission", subject_id=nomination.pk, actor=world["chairman"],
        request_id=uuid.uuid4(),
    )  # fmt: skip
    before = zipfile.ZipFile(io.BytesIO(dossier_zip(nomination)))
    assert (
        "CHƯA KÝ SỐ:\n- Tờ trình đề nghị cấp trên khen thưởng"
        in before.read("MUC-LUC.txt").decode()
    )
    assert signatures_check(before.read("01-to-trinh.pdf")) == []
    document_sign(
        document=submission, actor=world["chairman"], pkcs12=ca.pkcs12, passphrase=PASSPHRASE
    )
    after = zipfile.ZipFile(io.BytesIO(dossier_zip(nomination)))
    index = after.read("MUC-LUC.txt").decode()
    assert "CHƯA KÝ SỐ" not in index
    assert "01-to-trinh.pdf, 01-to-trinh.docx — Tờ trình đề nghị cấp trên khen thưởng" in index
    [check] = signatures_check(after.read("01-to-trinh.pdf"))
    assert check.valid


def test_text_added_after_signing_is_reported_as_a_change_after_the_signature(ca):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signer = signer_from_pkcs12(ca.pkcs12, PASSPHRASE)
    signed = pdf_sign(calibration_page(), signer, name="Nguyễn Văn Chủ", reason="", location="")
    assert signatures_check(signed)[0].modified_after is False
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    extra = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf 50 50 Td (x) Tj ET"))
    writer.add_stream_to_page(0, extra)
    out = io.BytesIO()
    writer.write(out)
    [check] = signatures_check(out.getvalue())
    assert check.modified_after is True  # the signed bytes are intact, the page is not
