"""Evidence uploads: name, declared type and the file's own bytes must agree on an accepted kind,
through the page and the API alike; the SHA-256 taken at upload guards every download."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.models import AuditEvent
from nominations.models import Attachment, Nomination

S = Nomination.State
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
# The first bytes of a Linux program and of a Windows one: what a renamed executable starts with.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên bản bình xét")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _odt() -> bytes:
    # OpenDocument: the "mimetype" entry first and stored, then the content.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr("mimetype", ODT_TYPE, compress_type=zipfile.ZIP_STORED)
        odt.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "attachments"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _page_upload(client, nomination, name, content, kind):
    response = client.post(
        reverse("nominations:attach", args=[nomination.pk]),
        {"document": "to_trinh", "file": SimpleUploadedFile(name, content, kind)},
        follow=True,
    )
    return response.content.decode()


def _api(world) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=world["unit_head"])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _api_upload(client, nomination, name, content, kind):
    return client.post(
        f"/api/v1/nominations/{nomination.pk}/attachments/",
        {"document": "to_trinh", "file": SimpleUploadedFile(name, content, kind)},
    )


REFUSED = [
    ("elf-renamed.pdf", ELF, "application/pdf", "là một chương trình chạy được"),
    ("setup.pdf", PE, "application/pdf", "là một chương trình chạy được"),
    ("anh.pdf", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 20, "application/pdf", "không phải là PDF"),
    ("to-trinh.pdf", PDF, "image/png", "được gửi với loại image/png"),
    ("scan.png", PDF, "image/png", "không phải là PNG"),
    ("bao-cao.docx", PDF, DOCX_TYPE, "không phải là DOCX"),
    ("setup.exe", PE, "application/x-msdownload", "chỉ nhận tệp PDF, JPG, PNG"),
    ("ghi-chu", PDF, "application/pdf", "chỉ nhận tệp"),
]


@pytest.mark.parametrize(("name", "content", "kind", "why"), REFUSED)
def test_the_page_refuses_a_file_whose_name_type_and_bytes_disagree(
    client, world, name, content, kind, why
):
    nomination = world.nomination(state=S.DRAFT, papers=False)
    client.force_login(world["unit_head"])
    files, events = _stored_files(), AuditEvent.objects.count()
    page = _page_upload(client, nomination, name, content, kind)
    assert why in page
    assert "Đã đính kèm" not in page
    assert not Attachment.objects.exists()
    assert _stored_files() == files  # nothing written to disk either
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("name", "content", "kind", "why"), REFUSED)
def test_the_api_refuses_the_same_files(world, name, content, kind, why):
    nomination = world.nomination(state=S.DRAFT, papers=False)
    files = _stored_files()
    response = _api_upload(_api(world), nomination, name, content, kind)
    assert response.status_code == 400
    assert why in response.json()["message"]
    assert not Attachment.objects.exists()
    assert _stored_files() == files


ACCEPTED = [
    ("to-trinh.pdf", PDF, "application/pdf", "pdf"),
    ("Ảnh chụp.JPEG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg", "jpg"),
    ("scan.png", PNG, "image/png", "png"),
    ("bien-ban.docx", _docx(), DOCX_TYPE, "docx"),
    # A PC without Office does not know .docx and declares nothing: the bytes decide.
    ("bien-ban.docx", _docx(), "application/octet-stream", "docx"),
    ("danh-sach.xlsx", _xlsx(), XLSX_TYPE, "xlsx"),
    ("bao-cao.odt", _odt(), ODT_TYPE, "odt"),
]


@pytest.mark.parametrize(("name", "content", "kind", "stored"), ACCEPTED)
def test_accepted_kinds_are_stored_with_their_sha256(client, world, name, content, kind, stored):
    nomination = world.nomination(state=S.DRAFT, papers=False)
    client.force_login(world["unit_head"])
    assert "Đã đính kèm" in _page_upload(client, nomination, name, content, kind)
    attachment = Attachment.objects.get()
    assert (
        attachment.file.name.endswith(f"to_trinh.{stored}")
        or attachment.file.name.rsplit(".", 1)[-1] == stored
    )
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    event = AuditEvent.objects.get(action="attachment.add")
    assert event.payload["sha256"] == attachment.sha256


def test_the_api_stores_the_sha256_too(world):
    nomination = world.nomination(state=S.DRAFT, papers=False)
    response = _api_upload(_api(world), nomination, "danh-sach.xlsx", _xlsx(), XLSX_TYPE)
    assert response.status_code == 201
    attachment = Attachment.objects.get(pk=response.json()["id"])
    with attachment.file.open("rb") as handle:
        assert attachment.sha256 == hashlib.sha256(handle.read()).hexdigest()


def test_the_accepted_kinds_are_a_setting(client, world, settings):
    settings.UPLOAD_ALLOWED_TYPES = ["pdf"]
    nomination = world.nomination(state=S.DRAFT, papers=False)
    client.force_login(world["unit_head"])
    page = _page_upload(client, nomination, "scan.png", PNG, "image/png")
    assert "chỉ nhận tệp PDF." in page
    assert not Attachment.objects.exists()
    form = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert 'accept=".pdf"' in form


def _uploaded(client, world) -> tuple[Nomination, Attachment, str]:
    nomination = world.nomination(state=S.DRAFT, papers=False)
    client.force_login(world["unit_head"])
    _page_upload(client, nomination, "to-trinh.pdf", PDF, "application/pdf")
    attachment = Attachment.objects.get()
    url = reverse("nominations:attachment", args=[nomination.pk, attachment.pk])
    return nomination, attachment, url


def test_an_intact_file_is_served(client, world):
    _nomination, _attachment, url = _uploaded(client, world)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert not AuditEvent.objects.filter(action="attachment.mismatch").exists()


def test_the_stored_file_has_no_public_address(client, world):
    _nomination, attachment, url = _uploaded(client, world)
    assert client.get(f"/{settings.MEDIA_URL}{attachment.file.name}").status_code == 404
    assert client.get(url).status_code == 200  # only through the permission check


def test_a_file_changed_on_disk_is_refused_and_audited(client, world):
    nomination, attachment, url = _uploaded(client, world)
    Path(attachment.file.path).write_bytes(PDF.replace(b"1.4", b"1.5"))
    response = client.get(url)
    assert response.status_code == 409
    assert "mã SHA-256 không khớp" in response.content.decode()
    event = AuditEvent.objects.get(action="attachment.mismatch")
    assert event.actor == world["unit_head"]
    assert event.object_id == str(nomination.pk)
    assert event.payload["attachment"] == attachment.pk
    assert event.payload["expected"] == hashlib.sha256(PDF).hexdigest()
    assert event.payload["found"] == hashlib.sha256(PDF.replace(b"1.4", b"1.5")).hexdigest()


def test_a_lost_file_is_refused_and_audited(client, world):
    _nomination, attachment, url = _uploaded(client, world)
    Path(attachment.file.path).unlink()
    assert client.get(url).status_code == 409
    assert AuditEvent.objects.get(action="attachment.mismatch").payload["found"] == "missing"


def test_the_dossier_bundle_leaves_out_a_changed_file_and_names_it(client, world):
    nomination, attachment, _url = _uploaded(client, world)
    Path(attachment.file.path).write_bytes(b"%PDF-1.4 changed")
    response = client.get(reverse("nominations:bundle", args=[nomination.pk]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        names = bundle.namelist()
        contents = bundle.read("MUC-LUC.txt").decode()
    assert not any(name.startswith("04-minh-chung") for name in names)
    assert "KHÔNG CÒN NGUYÊN VẸN" in contents


def test_the_migration_gives_files_uploaded_before_their_sha256(world):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile

    migration = importlib.import_module("nominations.migrations.0010_attachment_sha256")
    nomination = world.nomination(state=S.DRAFT, papers=False)
    old = Attachment.objects.create(
        nomination=nomination, document="to_trinh", file=ContentFile(PDF, name="cu.pdf")
    )
    lost = Attachment.objects.create(
        nomination=nomination, document="danh_sach", file=ContentFile(PDF, name="mat.pdf")
    )
    Path(lost.file.path).unlink()
    migration.fill_sha256(apps, None)
    old.refresh_from_db()
    lost.refresh_from_db()
    assert old.sha256 == hashlib.sha256(PDF).hexdigest()
    assert lost.sha256 == ""  # left for the download and the restore to report
