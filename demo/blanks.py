"""A sample pre-printed blank for the demo: what a commune's bought stock looks like (a
border, the Quốc hiệu, "TẶNG DANH HIỆU" and the title), drawn with Pillow, so the preview of
printing on a blank has something under its text. An illustration, not an official form: the
circle at the top stands where the real blank carries the Quốc huy."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from audit.services import save_with_history
from councils.models import Authority
from nominations.documents.blanks import DEFAULT_FIELDS
from nominations.models import CertificateField, CertificateLayout, PrinterProfile

DPI = 100
RED, GOLD, BLACK = (192, 0, 0), (196, 150, 40), (0, 0, 0)


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def _font(size_pt: float, bold: bool = False) -> ImageFont.ImageFont:
    """Liberation Serif 2; Pillow's own font where Debian's fonts-liberation2 is not installed
    (`make run` on a bare machine: the demo still loads, the sample blank is plainer)."""
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    size = round(size_pt * DPI / 72)
    path = Path(settings.DOCUMENT_FONT_DIR) / name
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


def sample_blank_png() -> bytes:
    """A4 landscape at 100 dpi."""
    image = Image.new("RGB", (_px(297), _px(210)), (255, 253, 245))
    draw = ImageDraw.Draw(image)
    for inset, colour, width in ((8, GOLD, 6), (12, RED, 2), (14, GOLD, 1)):
        draw.rectangle([_px(inset), _px(inset), _px(297 - inset), _px(210 - inset)],
                       outline=colour, width=width)  # fmt: skip
    centre = _px(148.5)
    draw.ellipse([centre - _px(9), _px(17), centre + _px(9), _px(35)], outline=RED, width=2)
    for text, y, size, colour, bold in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 44, 13, BLACK, True),
        ("Độc lập - Tự do - Hạnh phúc", 50, 14, BLACK, True),
        ("TẶNG DANH HIỆU", 72, 16, BLACK, True),
        ("CHIẾN SĨ THI ĐUA CƠ SỞ", 88, 30, RED, True),
    ):
        draw.text((centre, _px(y)), text, fill=colour, font=_font(size, bold), anchor="ms")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sample_blank_layout(authority: Authority) -> CertificateLayout:
    """The authority's layout for every award, on the sample blank, at the default positions;
    with a demo printer profile beside it. A second call finds them."""
    layout = CertificateLayout.objects.filter(authority=authority, award_type=None).first()
    if layout is not None:
        return layout
    layout = CertificateLayout(authority=authority, name="Phôi mẫu (minh họa, A4 ngang)")
    layout.blank_scan.save("phoi-mau.png", ContentFile(sample_blank_png()), save=False)
    save_with_history(layout, None, reason="Dữ liệu mẫu")
    for content, x, y, align, size, bold, italic in DEFAULT_FIELDS:
        save_with_history(
            CertificateField(
                layout=layout, content=content, x_mm=x, y_mm=y, align=align, font_size=size,
                bold=bold, italic=italic,
            ),
            None,
            reason="Dữ liệu mẫu",
        )  # fmt: skip
    if not PrinterProfile.objects.filter(authority=authority).exists():
        save_with_history(
            PrinterProfile(authority=authority, name="Máy in văn thư (mẫu)"), None,
            reason="Dữ liệu mẫu",
        )  # fmt: skip
    return layout
