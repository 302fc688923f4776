"""Render the first page of each kind of paper from the demo data, as PNG, for the README.

`make document-previews` runs it on a throwaway database loaded with the demo; it needs
poppler-utils (pdftoppm) from Debian.
"""

from __future__ import annotations

import subprocess
import tempfile
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import clock
from councils.map import old_code
from councils.models import Meeting
from demo.blanks import sample_blank_layout
from demo.data import COMMUNES
from demo.signing import DEMO_PASSPHRASE, demo_pkcs12
from demo.world import REAL_MAP
from nominations.documents.blanks import calibration_page, certificates_on_blank
from nominations.documents.contexts import certificate_lines
from nominations.documents.services import document_generate
from nominations.documents.signatures import pdf_sign, signature_box, signer_from_pkcs12
from nominations.models import Decision, Movement, Nomination
from reports.movements import movement_results, results_paper
from reports.papers import paper_pdf
from reports.scope import covered
from reports.statistics import form_in_force, statistics_grid
from reports.statistics_paper import statistics_paper


class Command(BaseCommand):
    help = "Vẽ trang đầu của mỗi loại văn bản (từ dữ liệu mẫu) thành ảnh PNG."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default="docs/documents")

    def handle(self, *args, out: str, **options) -> None:
        signed = Decision.objects.filter(signer__isnull=False).order_by("-pk")
        decision = signed.first()
        # Certificates only for awards that carry one (a Giấy khen, a Bằng chứng nhận).
        certified = next((d for d in signed if certificate_lines(d)), None)
        meeting = Meeting.objects.filter(state=Meeting.State.CLOSED).order_by("-id").first()
        nomination = Nomination.objects.filter(person__isnull=False).order_by("-id").first()
        forwarded = Nomination.objects.filter(state=Nomination.State.FORWARDED).first()
        if not (decision and certified and meeting and nomination and forwarded):
            raise CommandError("Cần dữ liệu mẫu: chạy manage.py load_demo trước.")
        subjects = [
            ("decision", decision),
            ("certificates", certified),
            ("minutes", meeting),
            ("achievement_report", nomination),
            ("forward_submission", forwarded),
        ]
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for kind, subject in subjects:
            document = document_generate(
                kind=kind, subject_id=subject.pk, actor=None, request_id=uuid.uuid4()
            )
            self.stdout.write(_first_page_png(document.pdf.read(), folder / kind))
        # A signed decision: the visible signature box above the signer's printed name.
        signer_name = decision.signer.get_full_name()
        with decision.documents.filter(kind="decision").latest("version").pdf.open("rb") as paper:
            signed = pdf_sign(
                paper.read(),
                signer_from_pkcs12(demo_pkcs12(signer_name), DEMO_PASSPHRASE),
                name=signer_name,
                reason="Quyết định khen thưởng",
                location=decision.authority.name,
            )
        page, _box = signature_box(signed, signer_name)  # the page that carries the box
        self.stdout.write(_first_page_png(signed, folder / "decision_signed", page=page + 1))
        # Printing on a blank: the demo's sample blank under the text, and the calibration page.
        sample_blank_layout(certified.authority)
        self.stdout.write(
            _first_page_png(
                certificates_on_blank(certified, preview=True), folder / "certificates_on_blank"
            )
        )
        self.stdout.write(_first_page_png(calibration_page(), folder / "printer_calibration"))
        # Reports: Khuôn Lùng's tổng kết of its 2024 movement, and Cẩm Trung's statistics.
        khuon_lung = Movement.objects.get(
            authority__code=old_code(REAL_MAP["khuonlung"]["old"]),
            name=next(c for c in COMMUNES if c["slug"] == "khuonlung")["movement"]["name"],
        )
        closing = khuon_lung.periods.order_by("-ends_on").first()
        report = results_paper(movement_results(khuon_lung, closing), day=clock.today())
        self.stdout.write(_first_page_png(paper_pdf(report), folder / "movement_report"))
        commune = decision.authority.continuing_on(clock.today())
        form = form_in_force(clock.today())
        start, end = form.year_span(2025)
        grid = statistics_grid(form, covered(commune), start, end)
        paper = statistics_paper(
            commune, form, 2025, start, end, grid, by_authority=[], day=clock.today()
        )
        self.stdout.write(_first_page_png(paper_pdf(paper), folder / "statistics_report"))


def _first_page_png(pdf: bytes, target: Path, page: int = 1) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "paper.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
             str(source), str(target)],
            check=True,
        )  # fmt: skip
    return f"{target}.png"
