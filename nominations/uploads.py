"""What an uploaded paper may be.

Its name, the type the browser declared and the type its own bytes show must all say the same
thing, and that thing must be one of the kinds the office accepts (UPLOAD_ALLOWED_TYPES). The
bytes are read by `filetype` (pure Python, magic numbers); a ZIP that it cannot place is looked
into, since office files are ZIPs whose first entries vary with the program that wrote them.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.errors import InvalidInput


@dataclass(frozen=True)
class FileKind:
    extension: str  # the one the stored file gets
    mime: str
    label: str
    names: tuple[str, ...]  # extensions a user's file may carry for this kind
    declared: tuple[str, ...]  # content types a browser may declare for it


KINDS = {
    kind.extension: kind
    for kind in (
        FileKind("pdf", "application/pdf", "PDF", ("pdf",), ("application/pdf",)),
        FileKind("jpg", "image/jpeg", "JPG", ("jpg", "jpeg"), ("image/jpeg", "image/pjpeg")),
        FileKind("png", "image/png", "PNG", ("png",), ("image/png",)),
        FileKind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
            ("docx",),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        ),
        FileKind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
            ("xlsx",),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        ),
        FileKind(
            "odt",
            "application/vnd.oasis.opendocument.text",
            "ODT",
            ("odt",),
            ("application/vnd.oasis.opendocument.text",),
        ),
        FileKind(
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            "ODS",
            ("ods",),
            ("application/vnd.oasis.opendocument.spreadsheet",),
        ),
    )
}
# Programs, whatever their name says: named apart so the refusal says what the file really is.
EXECUTABLES = {"application/x-executable", "application/x-msdownload"}
# A browser that does not know a type sends one of these: it claims nothing, so the name and
# the bytes decide (an office PC without Office sends .docx as octet-stream).
NO_CLAIM = {"", "application/octet-stream"}
_HEAD_BYTES = 8192
# Inside a ZIP, the entry that makes it an office file of each kind.
_ZIP_MARKERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def allowed_kinds() -> list[FileKind]:
    return [KINDS[name] for name in settings.UPLOAD_ALLOWED_TYPES if name in KINDS]


def allowed_labels() -> str:
    return ", ".join(kind.label for kind in allowed_kinds())


def mime_for(extension: str) -> str:
    """The type a stored file is served as: from the extension the check gave it."""
    kind = KINDS.get(extension.lower())
    return kind.mime if kind else "application/octet-stream"


def _sniffed_mime(upload: UploadedFile, head: bytes) -> str | None:
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    if mime == "application/zip":
        try:
            names = set(zipfile.ZipFile(upload).namelist())  # the directory only, nothing inflated
        except zipfile.BadZipFile:
            return mime
        finally:
            upload.seek(0)
        for marker, extension in _ZIP_MARKERS.items():
            if marker in names:
                return KINDS[extension].mime
    return mime


def upload_check(upload: UploadedFile) -> FileKind:
    """The kind of an acceptable upload; InvalidInput, with what is wrong, for any other."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise InvalidInput(_("Tệp quá lớn: tối đa %(limit)d MB.") % {"limit": limit})
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = next((k for k in allowed_kinds() if extension in k.names), None)
    if kind is None:
        raise InvalidInput(
            _("Không nhận tệp “%(name)s”: chỉ nhận tệp %(allowed)s.")
            % {"name": name, "allowed": allowed_labels()}
        )
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    sniffed = _sniffed_mime(upload, head)
    if sniffed in EXECUTABLES:
        raise InvalidInput(
            _("Tệp “%(name)s” là một chương trình chạy được, không phải giấy tờ: không nhận.")
            % {"name": name}
        )
    if sniffed != kind.mime:
        raise InvalidInput(
            _("Nội dung tệp “%(name)s” không phải là %(label)s như tên tệp ghi: không nhận.")
            % {"name": name, "label": kind.label}
        )
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if declared not in NO_CLAIM and declared not in kind.declared:
        raise InvalidInput(
            _("Tệp “%(name)s” được gửi với loại %(declared)s, không khớp với %(label)s.")
            % {"name": name, "declared": declared, "label": kind.label}
        )
    return kind


def sha256_of(stream, chunk_size: int = 64 * 1024) -> str:
    """SHA-256 of a file read in pieces, so a large scan is never held whole in memory."""
    digest = hashlib.sha256()
    if hasattr(stream, "chunks"):
        for chunk in stream.chunks(chunk_size):
            digest.update(chunk)
    else:
        while chunk := stream.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()
