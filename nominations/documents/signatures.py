"""Digital signatures (chữ ký số) on the papers: PAdES with pyHanko.

A paper is signed with the official's key, from a PKCS#12 file (passphrase typed at signing,
never stored) or a PKCS#11 token the server reaches (SIGNING_PKCS11_MODULE: an HSM, or a USB
token on the signing machine), at PAdES B-B, or B-T when SIGNING_TSA_URL names a timestamp
server. The signature is visible: a box over the gap above the signer's printed name, where
a hand signature would go. Verification reports, for each signature of a PDF (generated or
uploaded): whether it is intact and valid, whether it chains to a configured root
(SIGNING_TRUST_ROOTS, the national CA roots), who signed, when, and whether the file was
changed after it.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from core.errors import InvalidInput
from nominations.documents.blanks import font_name

FIELD_NAME = "ChuKySo"
BOX_WIDTH_PT, BOX_HEIGHT_PT = 200.0, 62.0  # about 70 × 22 mm


@dataclass(frozen=True)
class SignatureCheck:
    """What one signature of a PDF says about the file."""

    valid: bool  # intact, and the signature verifies with the signer's certificate
    trusted: bool  # the certificate chains to a configured root
    signer: str
    signed_at: str  # ISO 8601, the signer's clock (or the timestamp's, when there is one)
    timestamped: bool
    modified_after: bool  # the file was changed after this signature
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)


def _trust_roots() -> list[x509.Certificate]:
    path = getattr(settings, "SIGNING_TRUST_ROOTS", "")
    if not path:
        return []
    roots = []
    data = Path(path).read_bytes()
    blocks = [der for _kind, _headers, der in pem.unarmor(data, multiple=True)]
    for der in blocks if pem.detect(data) else [data]:
        roots.append(x509.Certificate.load(der))
    return roots


def signatures_check(pdf: bytes) -> list[SignatureCheck]:
    """Every signature in the file, validated offline against the configured roots. A file
    with no signature dictionary at all is answered without parsing it."""
    if b"/ByteRange" not in pdf:
        return []
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # a damaged file: no signature can be read from it
        return [SignatureCheck(False, False, "", "", False, True, f"{type(error).__name__}")]
    roots = _trust_roots()
    checks = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as error:  # malformed signature dictionary or CMS
            checks.append(SignatureCheck(False, False, "", "", False, True, str(error)[:200]))
            continue
        when = status.timestamp_validity.timestamp if status.timestamp_validity else None
        when = when or status.signer_reported_dt
        checks.append(
            SignatureCheck(
                valid=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                signer=status.signing_cert.subject.human_friendly,
                signed_at=when.isoformat() if when else "",
                timestamped=status.timestamp_validity is not None,
                modified_after=_changed_after(status),
                detail=status.summary(),
            )
        )
    return checks


def _changed_after(status) -> bool:
    """Whether the file was changed after this signature beyond what later signatures and
    their validation data add (those are incremental updates at FORM_FILLING or below)."""
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    level = status.modification_level
    return level is None or level > ModificationLevel.FORM_FILLING


def signer_from_pkcs12(data: bytes, passphrase: str) -> signers.Signer:
    """The key and certificate of a PKCS#12 (.p12, .pfx) file; a clear refusal otherwise."""
    with tempfile.TemporaryDirectory(prefix="thidua-p12-") as folder:
        path = Path(folder) / "key.p12"
        path.write_bytes(data)
        signer = signers.SimpleSigner.load_pkcs12(
            str(path), passphrase=passphrase.encode() if passphrase else None
        )
    if signer is None:
        raise InvalidInput(_("Không đọc được tệp chữ ký số: sai mật khẩu hoặc tệp không hợp lệ."))
    return signer


def signer_from_pkcs11(pin: str):
    """The key on the PKCS#11 token configured for the server (module, token and key label),
    opened with the official's PIN. Returns (signer, session); close the session after use."""
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    module = getattr(settings, "SIGNING_PKCS11_MODULE", "")
    if not module:
        raise InvalidInput(_("Máy chủ chưa cấu hình thiết bị ký số (PKCS#11)."))
    try:
        session = open_pkcs11_session(
            module, token_label=settings.SIGNING_PKCS11_TOKEN, user_pin=pin
        )
    except Exception as error:
        raise InvalidInput(
            _("Không mở được thiết bị ký số: %(why)s") % {"why": str(error)[:120]}
        ) from error
    label = settings.SIGNING_PKCS11_KEY_LABEL
    return PKCS11Signer(session, cert_label=label, key_label=label), session


def _timestamper() -> timestamps.TimeStamper | None:
    url = getattr(settings, "SIGNING_TSA_URL", "")
    return timestamps.HTTPTimeStamper(url) if url else None


def signature_box(pdf: bytes, name: str) -> tuple[int, tuple[float, float, float, float]]:
    """Where the visible signature goes: over the gap above the first place the signer's
    name is printed (the signing block of a decision, a Tờ trình, the minutes), else at the
    bottom right of the last page. PDF points, origin at the bottom left."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = " ".join(name.split())
    for index, page in enumerate(reader.pages):
        found: list[tuple[float, float]] = []

        def visit(text, cm, tm, font, size, found=found):
            if wanted and wanted in " ".join(text.split()):
                found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        if found:
            x, y = found[0]
            width = float(page.mediabox.width)
            centre = min(max(x + 40, BOX_WIDTH_PT / 2), width - BOX_WIDTH_PT / 2)
            bottom = y + 16
            return index, (centre - BOX_WIDTH_PT / 2, bottom, centre + BOX_WIDTH_PT / 2,
                           bottom + BOX_HEIGHT_PT)  # fmt: skip
    last = len(reader.pages) - 1
    width = float(reader.pages[last].mediabox.width)
    return last, (width - BOX_WIDTH_PT - 40, 60, width - 40, 60 + BOX_HEIGHT_PT)


def _stamp(name: str, folder: Path) -> StaticStampStyle:
    """The box's appearance, drawn with reportlab in Liberation Serif (every Vietnamese
    letter): who signed and when (the signing machine's clock; the signature itself carries
    the time that counts)."""
    when = timezone.localtime().strftime("%d/%m/%Y %H:%M:%S %z")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(BOX_WIDTH_PT, BOX_HEIGHT_PT), invariant=1,
                    initialFontName=font_name(False, False))  # fmt: skip
    canvas.setStrokeColor(Color(0.75, 0, 0))
    canvas.setLineWidth(1)
    canvas.rect(1, 1, BOX_WIDTH_PT - 2, BOX_HEIGHT_PT - 2)
    canvas.setFillColor(Color(0.75, 0, 0))
    for y, text, bold, size in (
        # Printed on an official paper: Vietnamese whatever the signer's language.
        (44, f"Ký số bởi: {name}", True, 9),
        (30, f"Thời gian: {when}", False, 8),
        (16, "Chữ ký số (PAdES)", False, 7),
    ):
        canvas.setFont(font_name(bold, False), size)
        canvas.drawString(6, y, text[:60])
    canvas.showPage()
    canvas.save()
    path = folder / "stamp.pdf"
    path.write_bytes(out.getvalue())
    return StaticStampStyle.from_pdf_file(str(path), border_width=0)


def pdf_sign(
    pdf: bytes,
    signer: signers.Signer,
    *,
    name: str,
    reason: str,
    location: str,
    timestamper: timestamps.TimeStamper | None = None,
) -> bytes:
    """Sign the PDF in an incremental update (PAdES B-B, or B-T with a timestamper) with a
    visible box above the signer's printed name."""
    page, box = signature_box(pdf, name)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    fields.append_signature_field(
        writer, fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=box)
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=name,
    )
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="thidua-stamp-") as folder:
        style = _stamp(name, Path(folder))
        try:
            signers.PdfSigner(
                meta, signer=signer, timestamper=timestamper or _timestamper(), stamp_style=style
            ).sign_pdf(writer, output=out)
        except SigningError as error:
            raise InvalidInput(_("Không ký được: %(why)s") % {"why": str(error)[:200]}) from error
    return out.getvalue()


def signed_level(check: SignatureCheck) -> str:
    return "PAdES B-T" if check.timestamped else "PAdES B-B"
