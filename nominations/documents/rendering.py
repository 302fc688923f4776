"""From a template and a context to DOCX bytes, and from DOCX to PDF with LibreOffice.

Which template: an authority's own file wins (DOCUMENT_TEMPLATES_DIR/<authority code>/
<kind>.docx, looked up from the authority through its parents), else the bundled one. The
template's name and SHA-256 go on the document, so a paper says which template made it.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from councils.models import Authority
from nominations.documents.bundled import TEMPLATES

FONTCONFIG = Path(__file__).resolve().parent / "fonts.conf"


class RenderError(RuntimeError):
    """LibreOffice did not produce a PDF (missing, timed out, or failed)."""


@dataclass(frozen=True)
class Template:
    path: Path
    name: str  # "bundled/decision.docx" or "<authority code>/decision.docx"
    sha256: str


def _own_file(authority: Authority | None, name: str) -> tuple[Path, str] | None:
    """DOCUMENT_TEMPLATES_DIR/<code>/<name> of the authority or the nearest above it."""
    root = Path(settings.DOCUMENT_TEMPLATES_DIR)
    current = authority
    while current is not None:
        own = root / current.code / name
        if own.is_file():
            return own, f"{current.code}/{name}"
        current = current.parent
    return None


def template_for(kind: str, authority: Authority | None) -> Template:
    own = _own_file(authority, f"{kind}.docx")
    if own is not None:
        return _template(*own)
    return _template(TEMPLATES / f"{kind}.docx", f"bundled/{kind}.docx")


@dataclass(frozen=True)
class Picture:
    """An image a context puts in its paper; render_docx places it at `width_mm`."""

    path: Path
    width_mm: float


EMBLEM_FILE = "quoc-huy.png"


def emblem_for(authority: Authority | None, *, width_mm: float = 24) -> Picture | None:
    """The Quốc huy an authority prints at the top of its certificates: its own image file
    (DOCUMENT_TEMPLATES_DIR/<code>/quoc-huy.png, or a province's for its communes). The
    project ships no emblem artwork; without the file the space stays blank, as for printing
    on bought blanks that carry the emblem already."""
    own = _own_file(authority, EMBLEM_FILE)
    return Picture(own[0], width_mm) if own else None


def _template(path: Path, name: str) -> Template:
    return Template(path, name, hashlib.sha256(path.read_bytes()).hexdigest())


def render_docx(template: Template, context: dict) -> bytes:
    document = DocxTemplate(str(template.path))
    context = {
        key: InlineImage(document, str(value.path), width=Mm(value.width_mm))
        if isinstance(value, Picture)
        else value
        for key, value in context.items()
    }
    document.render(context, autoescape=True)  # names with "&" or "<" stay text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_to_pdf(docx: bytes, *, timeout: int = 180) -> bytes:
    """Print the DOCX to PDF with headless LibreOffice, fonts from the project's fontconfig
    (Liberation Serif 2 for Times New Roman: it has every Vietnamese letter)."""
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(docx)
        command = [
            settings.LIBREOFFICE_BINARY,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder}/profile",  # one profile per run: parallel-safe
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        environment = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG), "HOME": folder}
        try:
            subprocess.run(
                command, env=environment, capture_output=True, timeout=timeout, check=True
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise RenderError(f"LibreOffice failed: {error}") from error
        target = Path(folder) / "document.pdf"
        if not target.is_file():
            raise RenderError("LibreOffice produced no PDF")
        return target.read_bytes()
