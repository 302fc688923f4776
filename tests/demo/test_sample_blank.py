"""The demo's sample blank draws with or without Debian's Liberation fonts (make run on a bare
machine installs no system package)."""

from __future__ import annotations

import io

from PIL import Image

from demo.blanks import sample_blank_png


def test_the_sample_blank_is_a4_landscape_with_or_without_the_fonts(settings):
    with_fonts = Image.open(io.BytesIO(sample_blank_png()))
    settings.DOCUMENT_FONT_DIR = "/nonexistent"
    without = Image.open(io.BytesIO(sample_blank_png()))
    assert with_fonts.size == without.size == (1169, 827)  # 297 × 210 mm at 100 dpi
    darkest, _ = without.convert("L").getextrema()
    assert darkest < 100  # the border and the lines are drawn
