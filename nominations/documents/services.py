"""Asking for a paper and making it. The request is checked and recorded in the outbox, which
queues it after commit; the Celery task renders (slow, outside any transaction), then stores
the new version and its audit event together. A task that runs twice finds the document its
request made."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
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
        version = (same.aggregate(top=Max("version"))["top"] or 0) + 1
        document = GeneratedDocument(
            kind=kind,
            version=version,
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
            },
        )
    return document
