"""Asking for a paper and making it. The request is checked and recorded in the outbox, which
queues it after commit; the Celery task renders (slow, outside any transaction), then stores
the new version and its audit event together. A task that runs twice finds the document its
request made."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import save_and_record
from core.errors import InvalidInput, NotPermitted, WrongState
from councils.models import Meeting, Unit
from councils.roles import is_standing_office, may_decide, role_book
from nominations.documents.contexts import (
    achievement_report_context,
    certificate_lines,
    certificates_context,
    decision_context,
    forward_submission_context,
    minutes_context,
    unit_submission_context,
)
from nominations.documents.rendering import docx_to_pdf, render_docx, template_for
from nominations.documents.signatures import (
    pdf_sign,
    signatures_check,
    signed_level,
    signer_from_pkcs11,
    signer_from_pkcs12,
)
from nominations.models import Decision, GeneratedDocument, Nomination, Period
from outbox.models import OutboxMessage
from outbox.services import outbox_add

Kind = GeneratedDocument.Kind
# For each kind: the model it is about, the field on GeneratedDocument, and its context.
SUBJECTS = {
    Kind.DECISION: (Decision, "decision", decision_context),
    Kind.CERTIFICATES: (Decision, "decision", certificates_context),
    Kind.MINUTES: (Meeting, "meeting", minutes_context),
    Kind.ACHIEVEMENT_REPORT: (Nomination, "nomination", achievement_report_context),
    Kind.FORWARD_SUBMISSION: (Nomination, "nomination", forward_submission_context),
    # About a unit's list in one period: generated with `period`.
    Kind.UNIT_SUBMISSION: (Unit, "unit", unit_submission_context),
}


def _authority(subject):
    if isinstance(subject, Meeting):
        return subject.council.authority
    if isinstance(subject, Nomination):
        return subject.current_authority
    return subject.authority


def may_generate(user: User, kind: str, subject) -> bool:
    """The standing office or the decider of the authority; for a nomination's own papers,
    also the head of the unit that proposes it."""
    authorities = [_authority(subject)]
    if isinstance(subject, Nomination):  # the commune that proposed it, after a forward too
        authorities.append(subject.proposing_unit.authority)
    if any(is_standing_office(user, a) or may_decide(user, a) for a in authorities):
        return True
    units = role_book(user).units
    if isinstance(subject, Unit):
        return subject.pk in units
    return isinstance(subject, Nomination) and subject.proposing_unit_id in units


def document_request(*, kind: str, subject, actor: User, period: Period | None = None) -> uuid.UUID:
    """Queue the generation of a paper; it is made after this transaction commits. A unit's
    Tờ trình is about one `period`."""
    if kind not in SUBJECTS or not isinstance(subject, SUBJECTS[kind][0]):
        raise InvalidInput(_("Loại văn bản không phù hợp."))
    if (kind == Kind.UNIT_SUBMISSION) != (period is not None):
        raise InvalidInput(_("Tờ trình của đơn vị cần đợt thi đua."))
    if isinstance(subject, Meeting) and subject.state != Meeting.State.CLOSED:
        raise WrongState(_("Biên bản chỉ được tạo sau khi phiên họp kết thúc."))
    if not may_generate(actor, kind, subject):
        raise NotPermitted(_("Chỉ thường trực Hội đồng hoặc người quyết định được tạo văn bản."))
    if kind == Kind.CERTIFICATES and not certificate_lines(subject):
        raise InvalidInput(
            _(
                "Quyết định này không có giấy khen hay bằng chứng nhận để in: danh hiệu, hình"
                " thức trong quyết định chỉ kèm tiền thưởng, hoặc do cấp trên cấp phát."
            )
        )
    request_id = uuid.uuid4()
    arguments = {
        "kind": kind,
        "subject_id": subject.pk,
        "actor_id": actor.pk,
        "request_id": str(request_id),
        "period_id": period.pk if period else None,
    }
    # Through the outbox: a broker that is down delays the paper, never loses the request.
    outbox_add(kind=OutboxMessage.Kind.DOCUMENT, key=f"document:{request_id}", payload=arguments)
    return request_id


def document_generate(
    *,
    kind: str,
    subject_id: int,
    actor: User | None,
    request_id: uuid.UUID,
    period_id: int | None = None,
) -> GeneratedDocument:
    done = GeneratedDocument.objects.filter(request_id=request_id).first()
    if done is not None:
        return done
    model, field, context_of = SUBJECTS[kind]
    subject = model.objects.get(pk=subject_id)
    period = Period.objects.get(pk=period_id) if period_id else None
    about = {field: subject, **({"period": period} if period else {})}
    template = template_for(kind, _authority(subject))
    docx = render_docx(template, context_of(subject, period) if period else context_of(subject))
    pdf = docx_to_pdf(docx)
    with transaction.atomic():
        # The subject's row serialises version numbers between concurrent generations.
        model.objects.select_for_update().filter(pk=subject_id).get()
        done = GeneratedDocument.objects.filter(request_id=request_id).first()
        if done is not None:
            return done
        same = GeneratedDocument.objects.filter(kind=kind, **about)
        latest = same.order_by("-version").first()
        version = (latest.version if latest else 0) + 1
        # A signed paper is never made again: a new version stands beside it and says so.
        supersedes = latest if latest and latest.signed_at else None
        document = GeneratedDocument(
            kind=kind,
            version=version,
            supersedes=supersedes,
            request_id=request_id,
            template_name=template.name,
            template_sha256=template.sha256,
            created_by=actor,
            **about,
        )
        stem = f"{kind}-{subject_id}-v{version}"
        document.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
        document.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        save_and_record(
            document,
            actor=actor,
            action="document.generate",
            target=subject,
            authority=_authority(subject),
            payload={
                "kind": kind,
                "version": version,
                "document": document.pk,
                "template": template.name,
                "template_sha256": template.sha256,
                **({"period": period.pk} if period else {}),
                **({"supersedes_signed": supersedes.pk} if supersedes else {}),
            },
        )
    return document


# The papers an official signs digitally before they are sent (issue 23).
SIGNABLE = (Kind.DECISION, Kind.MINUTES, Kind.FORWARD_SUBMISSION)


def may_sign(user: User, document: GeneratedDocument) -> bool:
    """The decider signs the decision and the Tờ trình; the chair signs the minutes."""
    if document.kind == Kind.DECISION:
        return may_decide(user, document.decision.authority)
    if document.kind == Kind.FORWARD_SUBMISSION:
        return may_decide(user, document.nomination.proposing_unit.authority)
    if document.kind == Kind.MINUTES:
        return user.pk == document.meeting.chair_id
    return False


def signing_options(*, allowed: bool) -> dict:
    """What a page listing papers needs to offer signing: which kinds are signed, whether
    this user signs them there, and whether the server's token or a .p12 file is used."""
    return {
        "kinds": SIGNABLE,
        "allowed": allowed,
        "pkcs11": bool(settings.SIGNING_PKCS11_MODULE),
    }


def _unsigned(document_id: int) -> GeneratedDocument:
    row = GeneratedDocument.objects.select_for_update().get(pk=document_id)
    if row.signed_at is not None:
        raise WrongState(_("Văn bản này đã được ký số; muốn sửa, tạo phiên bản mới thay thế."))
    return row


def document_sign(
    *,
    document: GeneratedDocument,
    actor: User,
    pkcs12: bytes | None = None,
    passphrase: str = "",
    pin: str | None = None,
) -> GeneratedDocument:
    """Sign a generated paper with the actor's key (a PKCS#12 file and its passphrase, or the
    server's PKCS#11 token and the PIN), keep the signed copy beside it, verify it, and record
    the signing. A paper is signed once; the key material is never stored."""
    if document.kind not in SIGNABLE:
        raise InvalidInput(_("Loại văn bản này không ký số."))
    if not may_sign(actor, document):
        raise NotPermitted(_("Bạn không phải người ký văn bản này."))
    with transaction.atomic():
        _unsigned(document.pk)  # refuse early, before any key is opened
    session = None
    if pkcs12 is not None:
        signer = signer_from_pkcs12(pkcs12, passphrase)
    elif pin is not None:
        signer, session = signer_from_pkcs11(pin)
    else:
        raise InvalidInput(_("Cần tệp chữ ký số (.p12) hoặc mã PIN của thiết bị ký số."))
    subject = document.decision or document.meeting or document.nomination
    authority = _authority(subject)
    try:
        with document.pdf.open("rb") as stored:
            signed = pdf_sign(
                stored.read(),
                signer,
                name=actor.get_full_name(),
                reason=f"{document.get_kind_display()} (phiên bản {document.version})",
                location=f"{authority.admin_type} {authority.name}",
            )
    finally:
        if session is not None:
            session.close()
    checks = signatures_check(signed)
    with transaction.atomic():
        row = _unsigned(document.pk)
        row.signed_pdf.save(
            f"{row.kind}-{subject.pk}-v{row.version}-ky-so.pdf", ContentFile(signed), save=False
        )
        row.signed_at = timezone.now()
        row.signed_by = actor
        row.signatures = [check.as_dict() for check in checks]
        last = checks[-1] if checks else None
        save_and_record(
            row,
            actor=actor,
            action="document.sign",
            target=subject,
            authority=authority,
            payload={
                "kind": row.kind,
                "version": row.version,
                "document": row.pk,
                "signer": last.signer if last else "",
                "level": signed_level(last) if last else "",
                "valid": bool(last and last.valid),
                "sha256": hashlib.sha256(signed).hexdigest(),
            },
        )
    return row
