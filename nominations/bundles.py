"""The dossier that goes with a forward: one ZIP of the Tờ trình, the Báo cáo thành tích, the
minutes of the meeting that passed it and the evidence, built from what is stored (nothing
is rendered here), with a table of contents that names anything still missing."""

from __future__ import annotations

import hashlib
import io
import zipfile

from councils.models import AgendaItem
from nominations.models import GeneratedDocument, Nomination

Kind = GeneratedDocument.Kind
# Papers the commune signs digitally before the dossier goes up (the report is the unit's).
SIGNED_BEFORE_SENDING = (Kind.FORWARD_SUBMISSION, Kind.MINUTES)


def _latest(kind: str, **subject) -> GeneratedDocument | None:
    return GeneratedDocument.objects.filter(kind=kind, **subject).order_by("-version").first()


def dossier_zip(nomination: Nomination) -> bytes:
    voted = (
        AgendaItem.objects.filter(nomination=nomination, result=AgendaItem.Result.PASSED)
        .order_by("-meeting__held_on")
        .first()
    )
    papers = [
        ("01-to-trinh", _latest(Kind.FORWARD_SUBMISSION, nomination=nomination),
         "Tờ trình đề nghị cấp trên khen thưởng"),
        ("02-bao-cao-thanh-tich", _latest(Kind.ACHIEVEMENT_REPORT, nomination=nomination),
         "Báo cáo thành tích"),
        ("03-bien-ban-hop", _latest(Kind.MINUTES, meeting_id=voted.meeting_id) if voted else None,
         "Biên bản họp Hội đồng"),
    ]  # fmt: skip
    contents, missing, damaged, unsigned = [], [], [], []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for stem, document, title in papers:
            if document is None:
                missing.append(title)
                continue
            # The provinces take "01 bộ (bản pdf)": the signed PDF where the paper is signed.
            pdf = document.signed_pdf if document.signed_at else document.pdf
            for stored, extension in ((pdf, "pdf"), (document.docx, "docx")):
                with stored.open("rb") as handle:
                    bundle.writestr(f"{stem}.{extension}", handle.read())
            signed = ", đã ký số" if document.signed_at else ""
            contents.append(
                f"{stem}.pdf, {stem}.docx — {title} (phiên bản {document.version}{signed})"
            )
            if document.kind in SIGNED_BEFORE_SENDING and not document.signed_at:
                unsigned.append(title)
        for number, attachment in enumerate(nomination.attachments.order_by("id"), start=1):
            extension = attachment.file.name.rsplit(".", 1)[-1]
            name = f"04-minh-chung-{number:02d}-{attachment.document}.{extension}"
            try:
                with attachment.file.open("rb") as handle:
                    content = handle.read()
            except FileNotFoundError:
                content = None
            # A file whose bytes are not those accepted at upload is left out and named.
            if content is None or hashlib.sha256(content).hexdigest() != attachment.sha256:
                damaged.append(f"{name} — {attachment.get_document_display()}")
                continue
            bundle.writestr(name, content)
            contents.append(f"{name} — {attachment.get_document_display()}")
        lines = [f"HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG SỐ {nomination.pk}: {nomination}", "", *contents]
        if missing:
            lines += ["", "CÒN THIẾU:", *(f"- {title}" for title in missing)]
        if unsigned:
            lines += ["", "CHƯA KÝ SỐ:", *(f"- {title}" for title in unsigned)]
        if damaged:
            lines += ["", "TỆP KHÔNG CÒN NGUYÊN VẸN (KHÔNG ĐƯA VÀO):", *(f"- {n}" for n in damaged)]
        bundle.writestr("MUC-LUC.txt", "\n".join(lines) + "\n")
    return out.getvalue()
