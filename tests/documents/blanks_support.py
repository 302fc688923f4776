"""What the tests of printing on blanks share: reading text positions back from a PDF, and a
layout of three fields at known places."""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal

from django.core.files.base import ContentFile
from pypdf import PdfReader

from nominations.models import CertificateField, CertificateLayout

C = CertificateField.Content


def texts_at(pdf: bytes) -> list[dict[str, tuple[float, float]]]:
    """Per page: each piece of text and where its baseline starts, in points."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        pieces: dict[tuple[float, float], str] = defaultdict(str)
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size, pieces=pieces: pieces.__setitem__(
                (round(tm[4], 2), round(tm[5], 2)),
                pieces[(round(tm[4], 2), round(tm[5], 2))] + text,
            )
        )
        pages.append({text.strip(): at for at, text in pieces.items() if text.strip()})
    return pages


def three_field_layout(authority, award=None, *, scan: bytes | None = None) -> CertificateLayout:
    layout = CertificateLayout.objects.create(
        authority=authority, award_type=award, name="Phôi bằng CSTĐCS",
        page_width_mm=Decimal("297"), page_height_mm=Decimal("210"),
    )  # fmt: skip
    if scan:
        layout.blank_scan.save("phoi.png", ContentFile(scan))
    CertificateField.objects.create(
        layout=layout, content=C.NAME, x_mm=Decimal("148.5"), y_mm=Decimal("101"),
        align="center", font_size=Decimal("20"), bold=True,
    )  # fmt: skip
    CertificateField.objects.create(
        layout=layout, content=C.DECISION, x_mm=Decimal("24"), y_mm=Decimal("162.5"),
        align="left", font_size=Decimal("13"), italic=True,
    )  # fmt: skip
    CertificateField.objects.create(
        layout=layout, content=C.GOLDEN_BOOK, x_mm=Decimal("120"), y_mm=Decimal("175"),
        align="right", font_size=Decimal("12"),
    )  # fmt: skip
    return layout
